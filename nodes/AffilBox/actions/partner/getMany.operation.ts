import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getCollection, isSet } from '../../../shared/parameters';
import { AFFILBOX_DATE_FORMATS, formatAffilBoxDate } from '../../helpers/dates';
import { affilBoxOperation, readLimit } from '../../helpers/operation';
import { simplifyPartner } from '../../helpers/simplifyPartner';
import type { AffilBoxParams } from '../../transport';
import { optionsCollection, returnAllAndLimit } from '../../descriptions/common';
import { simplifyField } from '../../descriptions/v2';
import { fromV2 } from '../../descriptions/versions';

/** UI filter → API parameter; all are whole days (`yyyy-mm-dd`) in the licence time zone. */
const DATE_FILTERS = [
	{
		name: 'registeredAfter',
		displayName: 'Registered After',
		param: 'register_from',
		help: 'Only partners registered on or after this day',
	},
	{
		name: 'registeredBefore',
		displayName: 'Registered Before',
		param: 'register_to',
		help: 'Only partners registered on or before this day',
	},
	{
		name: 'lastLoginAfter',
		displayName: 'Last Login After',
		param: 'last_login_from',
		help: 'Only partners who last logged in on or after this day',
	},
	{
		name: 'lastLoginBefore',
		displayName: 'Last Login Before',
		param: 'last_login_to',
		help: 'Only partners who last logged in on or before this day',
	},
	{
		name: 'consentDate',
		displayName: 'Marketing Consent Date',
		param: 'souhlas_sdeleni',
		help: 'Filter by the date the partner consented to marketing messages',
	},
] as const;

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only partners that match all the filters added here',
		options: DATE_FILTERS.map((filter) => ({
			displayName: filter.displayName,
			name: filter.name,
			type: 'dateTime' as const,
			default: '',
			description: filter.help,
		})),
	},
	...fromV2([simplifyField]),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['getMany'] } },
	properties,
);

export const execute = affilBoxOperation({
	simplify: simplifyPartner,
	async call(i, run) {
		const limit = readLimit(this, i);
		const zone = await run.licenceZone();
		const filters = getCollection(this, 'filters', i);
		const params: AffilBoxParams = {};
		for (const filter of DATE_FILTERS) {
			const value = filters[filter.name];
			if (isSet(value)) {
				params[filter.param] = formatAffilBoxDate(
					value,
					zone,
					AFFILBOX_DATE_FORMATS.day,
					filter.displayName,
				);
			}
		}
		// Only what is returned is kept; with a limit, reading stops once it is reached.
		return { method: 'GetPartners', params, output: { kind: 'partner', mode: 'list', limit } };
	},
});
