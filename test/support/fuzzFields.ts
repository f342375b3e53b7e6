import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

/**
 * Every free-text field of the AffilBox node: where it sits in the node's parameters, which API
 * parameter carries it, and what the node documents it does to the value before sending.
 */
export interface FuzzField {
	/** Display name, as errors must name it. */
	label: string;
	/** API parameter name in the request document. */
	param: string;
	/** Top-level parameter name, or [collection, name] for a field inside a collection. */
	path: string | [string, string];
	/** Required fields refuse blanks; optional ones leave blanks out of the request. */
	required: boolean;
	/** What the node sends for a value (when it accepts it); default: the value unchanged. */
	sent?: (value: string) => string;
	/** Why the node refuses a value that XML could carry (the message must still name the field). */
	refuses?: (value: string) => boolean;
	/** Turns a fuzz string into a value this field can take (e.g. an e-mail address around it). */
	wrap?: (value: string) => string;
}

export interface FuzzOperation {
	name: string;
	method: string;
	base: INodeParameters;
	fields: FuzzField[];
	/** The operation file, under nodes/AffilBox/actions/. */
	module: string;
}

const partner = (path: FuzzField['path'], required: boolean): FuzzField => ({
	label: 'Partner',
	param: 'partner_id',
	path,
	required,
});
const conversionId: FuzzField = {
	label: 'Conversion ID',
	param: 'conversion_id',
	path: 'conversionId',
	required: true,
};
const optional = (collection: string, name: string, label: string, param: string): FuzzField => ({
	label,
	param,
	path: [collection, name],
	required: false,
});

// Deliberately restated here (not imported) so a change in the node shows up as a test failure.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const joinIds = (value: string) =>
	value
		.split(/[;,\n]/)
		.map((id) => id.trim())
		.filter((id) => id !== '')
		.join(';');

export const FUZZ_OPERATIONS: FuzzOperation[] = [
	{
		name: 'Conversion → Add',
		method: 'AddConversion',
		module: 'conversion/add.operation',
		base: {
			resource: 'conversion',
			operation: 'add',
			partnerId: 'jdvorak',
			campaignId: '11',
			conversionId: 'X',
			value: 1,
		},
		fields: [
			partner('partnerId', true),
			conversionId,
			optional('additionalFields', 'channelId', 'Channel ID', 'channelId'),
			optional('additionalFields', 'note', 'Note', 'note'),
			optional('additionalFields', 'currency', 'Currency', 'currency'),
		],
	},
	{
		name: 'Conversion → Confirm',
		method: 'ConfirmConversion',
		module: 'conversion/confirm.operation',
		base: { resource: 'conversion', operation: 'confirm', conversionId: 'X', decision: 'approve' },
		fields: [conversionId, optional('additionalFields', 'note', 'Note', 'note')],
	},
	{
		name: 'Conversion → Get',
		method: 'GetConversion',
		module: 'conversion/get.operation',
		base: { resource: 'conversion', operation: 'get', conversionId: 'X' },
		fields: [conversionId, optional('additionalFields', 'coupon', 'Coupon', 'coupon')],
	},
	{
		name: 'Conversion → Get Many',
		method: 'GetConversions',
		module: 'conversion/getMany.operation',
		base: { resource: 'conversion', operation: 'getMany', returnAll: true },
		fields: [
			partner(['filters', 'partnerId'], false),
			optional('filters', 'coupon', 'Coupon', 'coupon'),
			optional('filters', 'conversionId', 'Conversion ID', 'conversion_id'),
			{
				...optional('filters', 'conversionIds', 'Conversion IDs', 'conversions_id'),
				sent: joinIds,
			},
		],
	},
	{
		name: 'Conversion → Update',
		method: 'UpdateConversion',
		module: 'conversion/update.operation',
		base: {
			resource: 'conversion',
			operation: 'update',
			conversionId: 'X',
			updateFields: { commission: 5 },
		},
		fields: [
			conversionId,
			partner(['updateFields', 'partnerId'], false),
			optional('updateFields', 'note', 'Note', 'note'),
		],
	},
	{
		name: 'Bonus → Add',
		method: 'AddBonus',
		module: 'bonus/add.operation',
		base: { resource: 'bonus', operation: 'add', partnerId: 'zofie', text: 'x', value: 10 },
		fields: [
			partner('partnerId', true),
			{ label: 'Reason', param: 'text', path: 'text', required: true },
		],
	},
	{
		name: 'Partner → Get',
		method: 'GetPartner',
		module: 'partner/get.operation',
		base: { resource: 'partner', operation: 'get', partnerId: 'zofie' },
		fields: [partner('partnerId', true)],
	},
	{
		name: 'Partner → Get or Create',
		method: 'GetOrCreatePartner',
		module: 'partner/getOrCreate.operation',
		base: { resource: 'partner', operation: 'getOrCreate', email: 'x@example.cz' },
		fields: [
			{
				label: 'Email',
				param: 'email',
				path: 'email',
				required: true,
				wrap: (value) => `${value}@example.cz`,
				sent: (value) => value.trim(),
				refuses: (value) => !LOOKS_LIKE_EMAIL.test(value.trim()),
			},
			optional('additionalFields', 'affilId', 'Affiliate ID', 'affilid'),
		],
	},
	{
		name: 'Click → Add',
		method: 'AddClick',
		module: 'click/add.operation',
		base: {
			resource: 'click',
			operation: 'add',
			partnerId: 'jdvorak',
			campaignId: '11',
			// A DateTime, the cheapest date to read: this fuzz is about the text fields.
			date: DateTime.fromISO('2025-03-11T14:30:00+01:00') as unknown as string,
			count: 3,
		},
		fields: [
			partner('partnerId', true),
			optional('additionalFields', 'channelId', 'Channel ID', 'channelId'),
		],
	},
	{
		name: 'Campaign → Get Many',
		method: 'GetCampaigns',
		module: 'campaign/getMany.operation',
		base: { resource: 'campaign', operation: 'getMany', returnAll: true },
		fields: [partner(['filters', 'partnerId'], false)],
	},
];

/** The operation's parameters with each field set to its value. */
export function withValues(
	operation: FuzzOperation,
	values: string[],
	extra: INodeParameters = {},
): INodeParameters {
	// Shallow copies (collections one level down): a deep clone would break the DateTime of Click → Add.
	const parameters: INodeParameters = { ...operation.base, ...extra };
	for (const [name, value] of Object.entries(parameters)) {
		if (
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			!('isLuxonDateTime' in value)
		)
			parameters[name] = { ...value };
	}
	operation.fields.forEach((field, n) => {
		if (typeof field.path === 'string') parameters[field.path] = values[n];
		else {
			const [collection, name] = field.path;
			parameters[collection] = { ...((parameters[collection] as object) ?? {}), [name]: values[n] };
		}
	});
	return parameters;
}

export type Expectation =
	| { outcome: 'sent'; value: string }
	| { outcome: 'omitted' }
	| { outcome: 'refused'; forbidden: boolean };

/** What the node must do with this value in this field. */
export function expectationFor(
	field: FuzzField,
	value: string,
	forbids: (text: string) => boolean,
): Expectation {
	if (field.required && value.trim() === '') return { outcome: 'refused', forbidden: false };
	if (!field.required && value.trim() === '') return { outcome: 'omitted' };
	if (forbids(value)) return { outcome: 'refused', forbidden: true };
	if (field.refuses?.(value)) return { outcome: 'refused', forbidden: false };
	return { outcome: 'sent', value: field.sent ? field.sent(value) : value };
}
