/* eslint-disable no-console -- prints the fuzz figures for the record */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError } from '../../../nodes/shared/invalidInput';
import * as transport from '../../../nodes/AffilBox/transport';
import { buildRequestXml } from '../../../nodes/AffilBox/transport/requestXml';
import { fakeExecuteContext } from '../../support/fakeContext';
import { FUZZ_OPERATIONS, expectationFor, withValues, type FuzzOperation } from '../../support/fuzzFields';
import { fuzzStrings, xmlForbids } from '../../support/fuzzStrings';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const protocol = require('../../support/sandbox/affilbox/protocol.js') as {
	parseRequestXml(xml: string): { params: Record<string, string> };
};

const SEED = 20250311;
const COUNT = 10_000;
const strings = fuzzStrings(SEED, COUNT);
const API_PARAMS = [...new Set(FUZZ_OPERATIONS.flatMap((op) => op.fields.map((f) => f.param)))];

describe(`fuzz: ${COUNT} seeded strings (seed ${SEED})`, () => {
	it('the generator makes what it promises', () => {
		const refused = strings.filter(xmlForbids).length;
		expect(refused / COUNT).toBeGreaterThan(0.1);
		expect(refused / COUNT).toBeLessThan(0.35);
		for (const needle of [']]>', '&amp;', '<key>', '\r\n', '  ', '😀', '\ud800']) {
			expect(strings.some((s) => s.includes(needle))).toBe(true);
		}
	});

	it('each string reaches the sandbox parser byte-exact through the request document, or is refused', () => {
		let exact = 0;
		let refused = 0;
		// Accepted strings go 100 to a document (one parameter each), so parsing stays cheap.
		const batch: Record<string, string> = {};
		const flush = () => {
			const xml = buildRequestXml('AddConversion', batch);
			// The form encoding as a server decodes it, then the sandbox's XML reading (CR LF → LF included).
			const data = new URLSearchParams(new URLSearchParams({ data: xml }).toString()).get('data');
			const received = protocol.parseRequestXml(data as string).params;
			for (const [param, value] of Object.entries(batch)) {
				if (received[param] !== value) {
					throw new Error(`${JSON.stringify(value)} arrived as ${JSON.stringify(received[param])}`);
				}
				exact += 1;
				delete batch[param];
			}
		};
		strings.forEach((value, n) => {
			const param = `${API_PARAMS[n % API_PARAMS.length]}_${n}`;
			if (!xmlForbids(value)) {
				batch[param] = value;
				if (Object.keys(batch).length === 100) flush();
				return;
			}
			let refusal: unknown;
			try {
				buildRequestXml('AddConversion', { [param]: value });
			} catch (error) {
				refusal = error;
			}
			if (refusal !== undefined) {
				expect(refusal).toBeInstanceOf(InvalidInputError);
				const { message } = refusal as InvalidInputError;
				const clear =
					message.startsWith(`${param} `) &&
					/ contains a character that cannot be sent to AffilBox \(U\+[0-9A-F]{4} at position \d+\)$/.test(
						message,
					);
				if (!clear) throw new Error(`unclear refusal: ${message}`);
				refused += 1;
				return;
			}
			throw new Error(`built a document with a string XML cannot carry: ${JSON.stringify(value)}`);
		});
		flush();
		console.info(
			`fuzz (request document): ${COUNT} strings, ${exact} arrived exact, ${refused} refused`,
		);
		expect(exact + refused).toBe(COUNT);
	});

	describe('through every string field of every operation', () => {
		const totals = { pairs: 0, sent: 0, omitted: 0, refusedForbidden: 0, refusedOther: 0 };
		afterAll(() => console.info(`fuzz (every field): ${JSON.stringify(totals)}`));

		// Every string XML can carry passes every field (all fields of an item at once, rotated);
		// the others are dealt out over the fields, one per item with safe values elsewhere, so each
		// is refused in one field, by name (a refusal costs an n8n error: ~0.1 ms each).
		const accepted = strings.filter((value) => !xmlForbids(value));
		const forbidden = strings.filter(xmlForbids);
		const slots = FUZZ_OPERATIONS.flatMap((op) => op.fields.map((_f, n) => `${op.name}/${n}`));
		const forbiddenFor = (op: FuzzOperation, n: number) => {
			const slot = slots.indexOf(`${op.name}/${n}`);
			const size = Math.ceil(forbidden.length / slots.length);
			return forbidden.slice(slot * size, (slot + 1) * size);
		};
		const STRIDE = 1009;
		const SAFE = 'safe-value';

		it.each(FUZZ_OPERATIONS.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
			const { execute } = (await import(`../../../nodes/AffilBox/actions/${op.module}`)) as {
				execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
			};
			const wrap = (n: number, value: string) => op.fields[n].wrap?.(value) ?? value;
			const items: string[][] = accepted.map((_v, item) =>
				op.fields.map((_f, n) => wrap(n, accepted[(item + n * STRIDE) % accepted.length])),
			);
			op.fields.forEach((_field, n) => {
				for (const value of forbiddenFor(op, n)) {
					items.push(op.fields.map((_f, m) => wrap(m, m === n ? value : SAFE)));
				}
			});

			const calls = new Map<number, { method: string; params: transport.AffilBoxParams }>();
			const spy = jest
				.spyOn(transport, 'affilBoxApiCall')
				.mockImplementation(async function (method, params, itemIndex) {
					calls.set(itemIndex as number, { method, params: params ?? {} });
					const records = { conversion: [], partner: [], campaign: [], click: [], bonus: [] };
					return { answer: { rootName: 'response', records, fields: {} }, rawXml: '' };
				});
			let output: INodeExecutionData[];
			try {
				const parameters = items.map((values) => withValues(op, values));
				output = await execute.call(fakeExecuteContext(items.length, (item) => parameters[item]));
			} finally {
				spy.mockRestore();
			}
			const errors = new Map<number, IDataObject>();
			for (const item of output) {
				if (item.json.error !== undefined)
					errors.set((item.pairedItem as { item: number }).item, item.json);
			}
			items.forEach((values, item) =>
				checkItem(op, item, values, calls.get(item), errors.get(item)),
			);
		});

		function checkItem(
			op: FuzzOperation,
			item: number,
			values: string[],
			call: { method: string; params: transport.AffilBoxParams } | undefined,
			error: IDataObject | undefined,
		) {
			const expected = op.fields.map((field, n) => expectationFor(field, values[n], xmlForbids));
			const refused = op.fields.filter((_f, n) => expected[n].outcome === 'refused');
			const where = () => `${op.name}, item ${item}, values ${JSON.stringify(values)}`;
			if (refused.length > 0) {
				if (call !== undefined || error === undefined) throw new Error(`${where()}: not refused`);
				const message = String(error.error);
				// Names a refused field (the first the operation reads); its other fields go unchecked.
				const named = op.fields.findIndex(
					(field, n) =>
						expected[n].outcome === 'refused' &&
						(message.startsWith(`${field.label} `) || message.startsWith(`${field.label}:`)),
				);
				if (named === -1)
					throw new Error(`${where()}: the error names no refused field: ${message}`);
				totals.pairs += 1;
				const reason = expected[named];
				if (reason.outcome === 'refused' && reason.forbidden) {
					const clear =
						message.includes('cannot be sent to AffilBox') &&
						String(error.description).includes('nothing was sent');
					if (!clear) throw new Error(`${where()}: unclear error: ${message}`);
					totals.refusedForbidden += 1;
				} else totals.refusedOther += 1; // blank (\f and \v are whitespace too) or not an e-mail
				return;
			}
			if (error !== undefined || call === undefined) {
				throw new Error(`${where()}: refused: ${String(error?.error)}`);
			}
			if (call.method !== op.method) throw new Error(`${where()}: called ${call.method}`);
			op.fields.forEach((field, n) => {
				const expectation = expected[n];
				totals.pairs += 1;
				if (expectation.outcome === 'omitted') {
					if (field.param in call.params)
						throw new Error(`${where()}: ${field.label} sent although blank`);
					totals.omitted += 1;
				} else if (expectation.outcome === 'sent') {
					if (call.params[field.param] !== expectation.value) {
						throw new Error(
							`${where()}: ${field.label} sent as ${JSON.stringify(call.params[field.param])}`,
						);
					}
					totals.sent += 1;
				}
			});
		}

		it('every forbidden string was dealt to a field', () => {
			const dealt = FUZZ_OPERATIONS.flatMap((op) =>
				op.fields.flatMap((_f, n) => forbiddenFor(op, n)),
			);
			expect(dealt).toHaveLength(forbidden.length);
		});
	});
});
