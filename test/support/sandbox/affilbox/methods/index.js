// @ts-check
'use strict';

/**
 * The method table and the dispatcher: method name (case-sensitive) → handler. A handler reads its own
 * parameters (validate.js), works on the store and returns the answer payload for protocol.okAnswer.
 */
const { ApiError } = require('../errors');
const conversions = require('./conversions');
const partners = require('./partners');
const other = require('./other');

/**
 * @typedef {{ state: import('../store').State, now: () => string }} MethodContext `now` gives the current
 *   time as `yyyy-MM-dd HH:mm:ss` in the licence time zone
 * @typedef {(params: Record<string, string>, ctx: MethodContext) => Record<string, unknown>} MethodHandler
 */

/** @type {Record<string, MethodHandler>} */
const METHODS = { ...conversions, ...partners, ...other };

/**
 * @param {string} method
 * @param {Record<string, string>} params
 * @param {MethodContext} ctx
 */
function dispatch(method, params, ctx) {
	if (method === '') throw new ApiError(400, 'Missing parameter: method');
	if (!Object.prototype.hasOwnProperty.call(METHODS, method))
		throw new ApiError(400, `Unknown method: ${method}`);
	return METHODS[method](params, ctx);
}

module.exports = { METHODS, dispatch };
