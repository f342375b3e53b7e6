// @ts-check
'use strict';

/**
 * Parameter checks. A method declares its parameters as a list of specs; `readParams` walks the list in order
 * and throws the first problem:
 * - required and absent or empty                 → 400 `Missing parameter: <name>`
 * - present but not of its type                  → 400 `Invalid value for <name>: expected <type>`
 * An optional parameter sent empty (`<note></note>` or `<note/>`) counts as absent. Parameters a method does
 * not declare are ignored (as a form-based PHP API would).
 */
const { invalid, missing } = require('./errors');
const { parseExact } = require('./dates');

const STATES = ['waiting', 'rejection', 'authorized', 'invoiced'];

/**
 * @typedef {'string' | 'int' | 'count' | 'double' | 'bool' | 'date' | 'minute' | 'datetime' | 'state' | 'email'} ParamType
 * @typedef {{ name: string, type: ParamType, required?: boolean }} ParamSpec
 * @typedef {Record<string, any>} ParamValues values after checkValue (string, boolean or undefined when absent)
 */

const INT = /^-?\d+$/;
const DOUBLE = /^\d+(\.\d+)?$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;

/**
 * Checks one present, non-empty value and returns it normalised:
 * int/count → canonical decimal text ("011" → "11"), double → the text as sent, bool → boolean,
 * datetime → `yyyy-MM-dd HH:mm:ss` (hour padded), everything else → the text as sent.
 * @param {ParamSpec} spec
 * @param {string} text
 * @returns {string | boolean}
 */
function checkValue(spec, text) {
	switch (spec.type) {
		case 'string':
			return text;
		case 'int':
			if (!INT.test(text)) throw invalid(spec.name, 'int');
			return String(BigInt(text));
		case 'count':
			if (!INT.test(text) || BigInt(text) < 1n) throw invalid(spec.name, 'int >= 1');
			return String(BigInt(text));
		case 'double':
			if (!DOUBLE.test(text)) throw invalid(spec.name, 'double');
			return text;
		case 'bool':
			if (text === 'true' || text === '1') return true;
			if (text === 'false' || text === '0') return false;
			throw invalid(spec.name, 'bool');
		case 'date':
			if (!parseExact(text, 'date')) throw invalid(spec.name, 'date (yyyy-mm-dd)');
			return text;
		case 'minute':
			if (!parseExact(text, 'minute')) throw invalid(spec.name, 'date (yyyy-mm-dd hh:mm)');
			return text;
		case 'datetime': {
			const parsed = parseExact(text, 'datetime');
			if (!parsed) throw invalid(spec.name, 'date (yyyy-mm-dd H:i:s)');
			return parsed.toFormat('yyyy-MM-dd HH:mm:ss');
		}
		case 'state':
			if (!STATES.includes(text)) throw invalid(spec.name, `one of ${STATES.join(', ')}`);
			return text;
		case 'email':
			if (!EMAIL.test(text)) throw invalid(spec.name, 'e-mail');
			return text;
		default:
			throw new Error(`unknown parameter type ${String(spec.type)}`);
	}
}

/**
 * @param {Record<string, string>} params decoded request parameters
 * @param {ParamSpec[]} specs
 * @returns {ParamValues}
 */
function readParams(params, specs) {
	/** @type {ParamValues} */
	const values = {};
	for (const spec of specs) {
		const text = Object.prototype.hasOwnProperty.call(params, spec.name) ? params[spec.name] : '';
		if (text === '') {
			if (spec.required) throw missing(spec.name);
			values[spec.name] = undefined;
			continue;
		}
		values[spec.name] = checkValue(spec, text);
	}
	return values;
}

module.exports = { readParams, STATES };
