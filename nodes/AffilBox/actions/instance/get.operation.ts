import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { API_V2_MARKER, affilBoxV2Operation, v2OptionsCollection } from '../../helpers/operationV2';
import { dataObjectIn, readInstance } from '../../transport/apiV2/records';

const properties: INodeProperties[] = [API_V2_MARKER, v2OptionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['instance'], operation: ['get'] } },
	properties,
);

export const execute = affilBoxV2Operation({
	call() {
		return {
			method: 'GET',
			endpoint: 'instance',
			params: {},
			output: (body, zone) => [readInstance(dataObjectIn(body), zone)],
		};
	},
});
