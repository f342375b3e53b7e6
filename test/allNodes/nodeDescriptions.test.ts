import type { ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';

import { AffeliosApi } from '../../credentials/AffeliosApi.credentials';
import { AffilBoxApi } from '../../credentials/AffilBoxApi.credentials';
import { AffilBoxApiV2Api } from '../../credentials/AffilBoxApiV2Api.credentials';
import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { AffilBox } from '../../nodes/AffilBox/AffilBox.node';
import { AffilBoxInvoiceTrigger } from '../../nodes/AffilBox/AffilBoxInvoiceTrigger.node';
import { AffilBoxPartnerTrigger } from '../../nodes/AffilBox/AffilBoxPartnerTrigger.node';
import { AffilBoxTrigger } from '../../nodes/AffilBox/AffilBoxTrigger.node';

/**
 * Every field a user can see has a description (n8n shows it as the field's tooltip). Exceptions:
 * notices and callouts (their text is the display name), and the Resource / Operation selectors,
 * whose choices carry the descriptions. Options inside a dropdown are values, not fields.
 */
const NODES: INodeType[] = [
	new AffilBox(),
	new AffilBoxTrigger(),
	new AffilBoxPartnerTrigger(),
	new AffilBoxInvoiceTrigger(),
	new Affelios(),
];
const CREDENTIALS: ICredentialType[] = [
	new AffilBoxApi(),
	new AffilBoxApiV2Api(),
	new AffeliosApi(),
];
const SELECTORS = ['resource', 'operation'];

function fieldsOf(properties: INodeProperties[], path: string): Array<[string, INodeProperties]> {
	return properties.flatMap((property) => {
		const here = `${path} → ${property.displayName} (${property.name})`;
		const own: Array<[string, INodeProperties]> = [[here, property]];
		if (property.type === 'collection') {
			return [...own, ...fieldsOf((property.options ?? []) as INodeProperties[], here)];
		}
		if (property.type === 'fixedCollection') {
			const groups = (property.options ?? []) as Array<{
				displayName: string;
				values: INodeProperties[];
			}>;
			return [
				...own,
				...groups.flatMap((group) => fieldsOf(group.values, `${here} → ${group.displayName}`)),
			];
		}
		return own;
	});
}

function undescribed(properties: INodeProperties[], owner: string): string[] {
	return fieldsOf(properties, owner)
		.filter(([, field]) => !['notice', 'callout'].includes(field.type))
		.filter(([, field]) => !SELECTORS.includes(field.name))
		.filter(([, field]) => typeof field.description !== 'string' || field.description.trim() === '')
		.map(([path]) => path);
}

describe('every field has a description', () => {
	it.each(NODES.map((node) => [node.description.displayName, node] as const))(
		'%s',
		(name, node) => {
			expect(undescribed(node.description.properties, name)).toEqual([]);
		},
	);

	it.each(CREDENTIALS.map((credential) => [credential.displayName, credential] as const))(
		'credential %s',
		(name, credential) => {
			expect(undescribed(credential.properties, name)).toEqual([]);
		},
	);

	it('the walk finds fields inside collections (so it can fail)', () => {
		const fields = fieldsOf(new AffilBox().description.properties, 'AffilBox').map(
			([path]) => path,
		);
		expect(fields).toContain('AffilBox → Additional Fields (additionalFields) → Coupon (coupon)');
		expect(
			undescribed(
				[
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						default: {},
						description: 'x',
						options: [{ displayName: 'Coupon', name: 'coupon', type: 'string', default: '' }],
					},
				],
				'Test',
			),
		).toEqual(['Test → Filters (filters) → Coupon (coupon)']);
	});
});
