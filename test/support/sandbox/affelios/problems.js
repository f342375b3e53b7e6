// @ts-check
'use strict';

/**
 * Error answers in the shape ASP.NET APIs send (RFC 9457 problem details), the likely shape of the
 * real Affelios errors: `{ type, title, status, detail?, errors?: { field: [messages] }, traceId }`.
 */

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const TYPES = {
	400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
	403: 'https://tools.ietf.org/html/rfc9110#section-15.5.4',
	404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
	409: 'https://tools.ietf.org/html/rfc9110#section-15.5.10',
	422: 'https://tools.ietf.org/html/rfc9110#section-15.5.21',
};

/** Thrown by route handlers; the server turns it into a problem answer. */
class HttpProblem extends Error {
	/**
	 * @param {number} status
	 * @param {string} title
	 * @param {{ detail?: string, errors?: Record<string, string[]> }} [extra]
	 */
	constructor(status, title, extra = {}) {
		super(title);
		this.name = 'HttpProblem';
		this.status = status;
		this.title = title;
		this.detail = extra.detail;
		this.errors = extra.errors;
	}

	/** @param {number} sequence used for a stable trace id */
	toBody(sequence) {
		/** @type {Record<string, unknown>} */
		const body = {
			type: TYPES[/** @type {keyof typeof TYPES} */ (this.status)] ?? 'about:blank',
			title: this.title,
			status: this.status,
		};
		if (this.detail !== undefined) body.detail = this.detail;
		if (this.errors !== undefined) body.errors = this.errors;
		body.traceId = `00-sandbox${String(sequence).padStart(22, '0')}-0000000000000001-00`;
		return body;
	}
}

/** @param {Record<string, string[]>} errors */
const validation = (errors) =>
	new HttpProblem(400, 'One or more validation errors occurred.', { errors });

/** @param {string} detail */
const notFound = (detail) => new HttpProblem(404, 'Not Found', { detail });

/** @param {string} detail */
const conflict = (detail) => new HttpProblem(409, 'Conflict', { detail });

/** @param {string} title @param {string} detail */
const businessRule = (title, detail) => new HttpProblem(422, title, { detail });

/** @param {string} module */
const forbidden = (module) =>
	new HttpProblem(403, 'Forbidden', {
		detail: `This API key lacks the ${module} permission module.`,
	});

module.exports = {
	HttpProblem,
	PROBLEM_CONTENT_TYPE,
	validation,
	notFound,
	conflict,
	businessRule,
	forbidden,
};
