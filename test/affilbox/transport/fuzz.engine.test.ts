/* eslint-disable no-console -- prints the fuzz figures for the record */
import type { IDataObject } from 'n8n-workflow';

import { FUZZ_OPERATIONS, expectationFor, withValues } from '../../support/fuzzFields';
import { fuzzStrings, xmlForbids } from '../../support/fuzzStrings';
import { runAffilBox, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

/**
 * A smaller sample of the fuzz (test/affilbox/transport/fuzz.test.ts does the bulk) through real
 * workflows: the strings come in as item JSON, go through n8n's expressions, the node, n8n's HTTP
 * client and the form encoding, and are compared with what the sandbox decoded.
 */
const sandbox = useAffilBoxSandbox();

const SEED = 4242;
const PER_OPERATION = 40;
const strings = fuzzStrings(SEED, PER_OPERATION * FUZZ_OPERATIONS.length);
const totals = { strings: strings.length, pairs: 0, arrivedExact: 0, omitted: 0, refused: 0 };

afterAll(() => console.info(`fuzz through real workflows: ${JSON.stringify(totals)}`));

describe(`fuzz through real workflows (${strings.length} strings, seed ${SEED})`, () => {
	it.each(FUZZ_OPERATIONS.map((op, n) => [op.name, op, n] as const))('%s', async (_name, op, n) => {
		const slice = strings.slice(n * PER_OPERATION, (n + 1) * PER_OPERATION);
		// Field j of item i gets slice[(i + 7j) mod 40]: every string passes every field.
		const values = slice.map((_s, item) =>
			op.fields.map((field, j) => {
				const value = slice[(item + 7 * j) % PER_OPERATION];
				return field.wrap ? field.wrap(value) : value;
			}),
		);
		const inputItems: IDataObject[] = values.map((row) =>
			Object.fromEntries(row.map((value, j) => [`f${j}`, value])),
		);
		const parameters = withValues(
			op,
			op.fields.map((_f, j) => `={{ $json.f${j} }}`),
			// Workflow parameters are JSON: a date as text (the unit fuzz passes a DateTime).
			'date' in op.base ? { date: '2025-03-11 14:30' } : {},
		);
		const result = await runAffilBox(sandbox(), parameters, { continueOnFail: true, inputItems });
		expect(result.error).toBeUndefined();

		const errorOf = new Map<number, string>();
		for (const item of result.items) {
			const index = (item.pairedItem as { item: number }).item;
			if (item.json.error !== undefined) errorOf.set(index, String(item.json.error));
		}
		const expectedArrivals: string[] = [];
		values.forEach((row, item) => {
			const expected = op.fields.map((field, j) => expectationFor(field, row[j], xmlForbids));
			const refused = op.fields.filter((_f, j) => expected[j].outcome === 'refused');
			if (refused.length > 0) {
				const message = errorOf.get(item) ?? '(no error)';
				const names = refused.some((field) => message.startsWith(field.label));
				if (!names) throw new Error(`item ${item} ${JSON.stringify(row)}: ${message}`);
				totals.refused += 1;
				totals.pairs += 1;
				return;
			}
			const arrival: Record<string, string> = {};
			op.fields.forEach((field, j) => {
				const expectation = expected[j];
				totals.pairs += 1;
				if (expectation.outcome === 'sent') {
					arrival[field.param] = expectation.value;
					totals.arrivedExact += 1;
				} else totals.omitted += 1;
			});
			expectedArrivals.push(JSON.stringify(arrival));
		});
		// Calls run in parallel, so they arrive in any order: compare as sorted lists.
		const fuzzParams = op.fields.map((field) => field.param);
		const received = sandbox()
			.requests.filter((request) => request.method === op.method)
			.map((request) =>
				JSON.stringify(
					Object.fromEntries(
						fuzzParams.filter((p) => p in request.params).map((p) => [p, request.params[p]]),
					),
				),
			);
		expect(received.sort()).toEqual(expectedArrivals.sort());
		expect(sandbox().requests.every((request) => request.method === op.method)).toBe(true);
	});
});
