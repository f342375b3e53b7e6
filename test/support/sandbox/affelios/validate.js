// @ts-check
'use strict';

/**
 * Body checks in the spirit of an ASP.NET model binder: required fields, JSON types (a number sent as text is
 * refused, as System.Text.Json does by default) and the one documented date format. Each check returns a map
 * of field → messages; empty means valid.
 */
const { AMOUNTS } = require('./records');

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** @typedef {Record<string, string[]>} FieldErrors */

/**
 * @param {FieldErrors} errors
 * @param {string} field
 * @param {string} message
 */
function add(errors, field, message) {
	(errors[field] ??= []).push(message);
}

/** @param {unknown} value */
function isIsoUtcDate(value) {
	return typeof value === 'string' && ISO_UTC_MS.test(value) && !Number.isNaN(Date.parse(value));
}

/** @param {unknown} value */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @param {Record<string, unknown>} body
 * @param {string} prefix e.g. '' or '$[3].'
 * @param {{ required?: string[], strings?: string[], booleans?: string[], numbers?: string[], dates?: string[] }} rules
 * @param {FieldErrors} errors
 */
function checkFields(body, prefix, rules, errors) {
	for (const name of rules.required ?? []) {
		const value = body[name];
		if (
			value === undefined ||
			value === null ||
			(typeof value === 'string' && value.trim() === '')
		) {
			add(errors, `${prefix}${name}`, `The ${name} field is required.`);
		}
	}
	for (const name of rules.strings ?? []) {
		const value = body[name];
		if (value !== undefined && value !== null && typeof value !== 'string') {
			add(
				errors,
				`${prefix}${name}`,
				`The JSON value could not be converted to System.String. Path: $.${name}`,
			);
		}
	}
	for (const name of rules.booleans ?? []) {
		const value = body[name];
		if (value !== undefined && value !== null && typeof value !== 'boolean') {
			add(
				errors,
				`${prefix}${name}`,
				`The JSON value could not be converted to System.Boolean. Path: $.${name}`,
			);
		}
	}
	for (const name of rules.numbers ?? []) {
		const value = body[name];
		if (value !== undefined && value !== null && typeof value !== 'number') {
			add(
				errors,
				`${prefix}${name}`,
				`The JSON value could not be converted to System.Decimal. Path: $.${name}`,
			);
		}
	}
	for (const name of rules.dates ?? []) {
		const value = body[name];
		if (value !== undefined && value !== null && !isIsoUtcDate(value)) {
			add(
				errors,
				`${prefix}${name}`,
				`The ${name} must be an ISO-8601 UTC date like 2024-01-15T10:30:00.000Z.`,
			);
		}
	}
	return errors;
}

const CUSTOMER_TEXT = [
	'externalId',
	'externalBrandId',
	'brandId',
	'clickId',
	'username',
	'country',
	'country_code',
];
const CUSTOMER_RULES = {
	required: ['externalId', 'externalBrandId', 'registrationDate'],
	strings: CUSTOMER_TEXT,
	booleans: ['revShareExcluded', 'cpaExcluded'],
	dates: ['registrationDate'],
};

/**
 * @param {Record<string, unknown>} body
 * @param {boolean} partial PATCH: nothing is required
 */
function customerErrors(body, partial) {
	return checkFields(body, '', partial ? { ...CUSTOMER_RULES, required: [] } : CUSTOMER_RULES, {});
}

/** @param {Record<string, unknown>} row one entry of a bulk customer call */
function bulkCustomerErrors(row) {
	return checkFields(
		row,
		'',
		{
			required: ['externalId', 'externalBrandId', 'regDate'],
			strings: [
				'externalId',
				'externalBrandId',
				'clickKey',
				'externalProductId',
				'username',
				'country',
				'country_code',
			],
			dates: ['regDate'],
		},
		{},
	);
}

const TRANSACTION_RULES = {
	strings: [
		'externalId',
		'type',
		'affiliateId',
		'clickKey',
		'externalCustomerId',
		'externalBrandId',
		'externalProductId',
		'country',
		'country_code',
		'category',
		'label',
		'note',
		'operatorId',
	],
	// The amounts a stored transaction carries are exactly the ones a body may send as numbers.
	numbers: AMOUNTS,
	dates: ['transactionDate'],
};

/**
 * @param {Record<string, unknown>} body
 * @param {string} prefix '' for one, '$[i].' inside a bulk array
 * @param {FieldErrors} errors
 */
function transactionErrors(body, prefix, errors) {
	return checkFields(body, prefix, TRANSACTION_RULES, errors);
}

module.exports = {
	customerErrors,
	bulkCustomerErrors,
	transactionErrors,
	isObject,
	isIsoUtcDate,
	CUSTOMER_TEXT,
};
