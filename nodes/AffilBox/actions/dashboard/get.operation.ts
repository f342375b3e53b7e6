import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { API_V2_MARKER, affilBoxV2Operation, v2OptionsCollection } from '../../helpers/operationV2';
import { dataObjectIn, readDashboard } from '../../transport/apiV2/records';

const properties: INodeProperties[] = [
	API_V2_MARKER,
	{
		displayName:
			"AffilBox does not document which period these figures cover or whose they are (the samples look like a partner's dashboard)",
		name: 'dashboardNotice',
		type: 'notice',
		default: '',
	},
	v2OptionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dashboard'], operation: ['get'] } },
	properties,
);

export const execute = affilBoxV2Operation({
	call() {
		return {
			method: 'GET',
			endpoint: 'dashboard',
			params: {},
			output: (body) => [readDashboard(dataObjectIn(body))],
		};
	},
});
