import { IANAZone } from 'luxon';
import type { INodePropertyOptions } from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { jsonOf, runAffilBox, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();
const field = new AffilBoxApi().properties.find((property) => property.name === 'timeZone')!;

describe('Licence Time Zone in the AffilBox credential', () => {
	it('is a list of IANA zones (searchable in the editor), Europe/Prague by default', () => {
		expect(field.type).toBe('options');
		expect(field.default).toBe('Europe/Prague');
		const zones = (field.options as INodePropertyOptions[]).map((option) => option.value);
		expect(zones).toEqual(expect.arrayContaining(['Europe/Prague', 'Europe/Bratislava', 'UTC']));
		expect(zones.length).toBeGreaterThan(300);
		expect(zones.filter((zone) => !IANAZone.isValidZone(String(zone)))).toEqual([]);
		expect([...zones].sort((a, b) => String(a).localeCompare(String(b)))).toEqual(zones);
	});

	it('still takes an expression (no noDataExpression)', () => {
		expect(field.noDataExpression).toBeUndefined();
	});

	it('a credential saved with the old text field keeps working, surrounding spaces and all', async () => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'get',
				conversionId: { __rl: true, mode: 'id', value: 'OBJ-2025-0002' },
			},
			{ typeVersion: 2, credentials: { timeZone: ' America/New_York ' } },
		);
		expect(result.error).toBeUndefined();
		// Dates AffilBox sends are read in the licence zone, too.
		expect(jsonOf(result)[0].createdAt).toBe('2025-02-03T08:45:21-05:00');
	});

	it('a zone that is no IANA name (as free text allowed) fails naming the field', async () => {
		const result = await runAffilBox(
			sandbox(),
			{
				resource: 'conversion',
				operation: 'get',
				conversionId: { __rl: true, mode: 'id', value: 'OBJ-2025-0002' },
			},
			{ typeVersion: 2, credentials: { timeZone: 'Prague' } },
		);
		expect(result.error?.message).toBe(
			'The licence time zone "Prague" is not a known IANA time zone (e.g. Europe/Prague)',
		);
		expect((result.error as { description?: string }).description).toBe(
			'Fix the Licence Time Zone field of the AffilBox credential.',
		);
	});
});
