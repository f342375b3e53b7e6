import type { INodeProperties } from 'n8n-workflow';

import { Affelios } from '../../../nodes/Affelios/Affelios.node';
import {
	BULK_CUSTOMER_FIELDS,
	CUSTOMER_FIELDS,
	registrationDateField,
} from '../../../nodes/Affelios/actions/customer/fields';
import { TRANSACTION_FIELDS } from '../../../nodes/Affelios/actions/transaction/fields';
import { fieldSpecs, type FieldSpec } from '../../../nodes/Affelios/helpers/fieldMap';

/** The value fields an operation's UI offers (top level and inside its collections), by name. */
function uiFields(operation: string, resource: string): INodeProperties[] {
	const shown = new Affelios().description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		return show?.resource?.includes(resource) && show.operation?.includes(operation);
	});
	const notValues = ['options', 'inputMode', 'updateMethod', 'customerId', 'transactionId'];
	return shown
		.filter((property) => !notValues.includes(property.name))
		.flatMap((property) =>
			property.type === 'collection' ? (property.options as INodeProperties[]) : [property],
		);
}

const byName = (specs: FieldSpec[]) => new Map(specs.map((spec) => [spec.name, spec]));

describe('Affelios fields are stated once: the mapping is read off the UI', () => {
	it('takes name, label, kind and "required" from the property, the API name where it differs', () => {
		expect(fieldSpecs([registrationDateField], { registrationDate: 'regDate' })).toEqual([
			{
				name: 'registrationDate',
				api: 'regDate',
				label: 'Registration Date',
				kind: 'date',
				required: true,
			},
		]);
		expect(() =>
			fieldSpecs([{ displayName: 'X', name: 'x', type: 'collection', default: {} }]),
		).toThrow(/maps to no value/);
	});

	it.each([
		['create', 'customer', CUSTOMER_FIELDS],
		['update', 'customer', CUSTOMER_FIELDS],
		['createMany', 'customer', BULK_CUSTOMER_FIELDS],
		['create', 'transaction', TRANSACTION_FIELDS],
		['createMany', 'transaction', TRANSACTION_FIELDS],
	])(
		'%s %s: every field the UI offers is mapped, under the label the UI shows',
		(operation, resource, specs) => {
			const mapped = byName(specs);
			const fields = uiFields(operation, resource);
			expect(fields.length).toBeGreaterThan(0);
			for (const field of fields) {
				expect([field.name, mapped.get(field.name)?.label]).toEqual([
					field.name,
					field.displayName,
				]);
			}
		},
	);

	it('each call gets its documented API names', () => {
		expect(byName(CUSTOMER_FIELDS).get('countryCode')?.api).toBe('country_code');
		expect(byName(BULK_CUSTOMER_FIELDS).get('registrationDate')?.api).toBe('regDate');
		expect(byName(BULK_CUSTOMER_FIELDS).get('clickKey')?.api).toBe('clickKey');
		expect(byName(TRANSACTION_FIELDS).get('countryCode')?.api).toBe('country_code');
		expect(
			TRANSACTION_FIELDS.filter((spec) => spec.kind === 'amount').map((spec) => spec.name),
		).toEqual([
			'cpaCommission',
			'depositAmount',
			'fixedCommission',
			'grossRevenue',
			'revShareCommission',
			'wageredAmount',
		]);
	});
});
