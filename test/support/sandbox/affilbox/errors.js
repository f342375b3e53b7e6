// @ts-check
'use strict';

/**
 * An API-level failure: it becomes an error answer
 * `<response><status>ERROR</status><error code="NNN">message</error></response>`.
 * `code` is the `code` attribute; the HTTP status is 401 for code 401 and 200 for every other code
 * (see protocol.js).
 */
class ApiError extends Error {
	/**
	 * @param {number} code 400 validation, 401 auth, 404 not found, 405 wrong HTTP verb, 409 duplicate/ambiguous
	 * @param {string} message
	 */
	constructor(code, message) {
		super(message);
		this.name = 'ApiError';
		this.code = code;
	}
}

/** @param {string} name */
const missing = (name) => new ApiError(400, `Missing parameter: ${name}`);

/**
 * @param {string} name
 * @param {string} expected
 */
const invalid = (name, expected) =>
	new ApiError(400, `Invalid value for ${name}: expected ${expected}`);

/** @param {string} message */
const notFound = (message) => new ApiError(404, message);

/** @param {string} message */
const conflict = (message) => new ApiError(409, message);

module.exports = { ApiError, missing, invalid, notFound, conflict };
