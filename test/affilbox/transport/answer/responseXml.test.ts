/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	AFFILBOX_RECORD_KINDS,
	readAffilBoxAnswer,
	type AffilBoxAnswer,
	type AffilBoxAnswerProblem,
	type AffilBoxReadResult,
} from '../../../../nodes/AffilBox/transport/answer';

const ANSWERS = join(__dirname, '..', '..', '..', 'fixtures', 'affilbox', 'answers');

function fixture(name: string): string {
	return readFileSync(join(ANSWERS, name), 'utf8');
}

function answerOf(result: AffilBoxReadResult): AffilBoxAnswer {
	if (!result.ok) throw new Error(`expected an answer, got ${JSON.stringify(result.problem)}`);
	return result.answer;
}

function problemOf(result: AffilBoxReadResult): AffilBoxAnswerProblem {
	if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.answer)}`);
	return result.problem;
}

function read(name: string): AffilBoxAnswer {
	return answerOf(readAffilBoxAnswer(fixture(name)));
}

function readProblem(name: string): AffilBoxAnswerProblem {
	return problemOf(readAffilBoxAnswer(fixture(name)));
}

function counts(answer: AffilBoxAnswer): Record<string, number> {
	return Object.fromEntries(
		AFFILBOX_RECORD_KINDS.map((kind) => [kind, answer.records[kind].length]),
	);
}

const none = { conversion: 0, partner: 0, campaign: 0, click: 0, bonus: 0 };

describe('readAffilBoxAnswer: records', () => {
	it('reads the sandbox dialect with one conversion as an array of one', () => {
		const answer = read('sandbox-one-conversion.xml');
		expect(answer.rootName).toBe('response');
		expect(counts(answer)).toEqual({ ...none, conversion: 1 });
		expect(answer.records.conversion[0]).toEqual({
			id: '00417',
			createDate: '2025-03-11 8:45:21',
			campaignId: '12',
			value: '630.00',
			sales: '4200',
			currency: 'Kč',
			affilId: 'partner01',
			transactionId: 'OBJ-2025-0001',
			state: 'waiting',
			comment: '',
		});
		expect(answer.fields).toEqual({ status: 'OK', message: 'Conversion added' });
	});

	it('reads several unwrapped conversions, values as strings exactly as sent', () => {
		const answer = read('sandbox-conversions.xml');
		expect(counts(answer)).toEqual({ ...none, conversion: 3 });
		expect(answer.records.conversion.map((c) => c.id)).toEqual(['101', '102', '103']);
		expect(answer.records.conversion.map((c) => c.transactionId)).toEqual([
			'0001',
			'zakaznik@example.cz',
			'0003',
		]);
		expect(answer.records.conversion.map((c) => c.state)).toEqual([
			'authorized',
			'rejection',
			'invoiced',
		]);
		expect(answer.records.conversion[1].createDate).toBe('2025-03-12 9:05:00');
		expect(answer.records.conversion[2].value).toBe('0');
		expect(answer.fields).toEqual({ status: 'OK', count: '3' });
	});

	it('unwraps <conversions><conversion> and keeps the wrapper attributes in fields', () => {
		const answer = read('wrapped-conversions.xml');
		expect(answer.rootName).toBe('result');
		expect(counts(answer)).toEqual({ ...none, conversion: 2 });
		expect(answer.records.conversion).toEqual([
			{ id: '7', transactionId: 'A-1', state: 'waiting' },
			{ id: '8', transactionId: 'A-2', state: 'authorized' },
		]);
		expect(answer.fields).toEqual({ status: 'success', conversions: { '@count': '2' } });
	});

	it('reads the known GetPartners shape with nesting and Czech diacritics kept', () => {
		const answer = read('get-partners.xml');
		expect(answer.rootName).toBe('affilbox');
		expect(counts(answer)).toEqual({ ...none, partner: 2 });
		expect(answer.fields).toEqual({});
		const [jiri, eva] = answer.records.partner;
		expect(jiri).toEqual({
			person: {
				id: '15',
				affilid: 'jiri-novak',
				email: 'jiri.novak@example.cz',
				name: 'Jiří',
				surname: 'Novák',
				group: 'Výchozí skupina',
				phone: '+420 602 000 111',
				notifikace: '1',
				doporucil: '',
				register: '2024-01-05 12:00:00',
				last_login: '2025-02-28 7:14:03',
				allow: '1',
			},
			address: { street: 'Náměstí Míru 12', city: 'Čeladná', psc: '739 12' },
			company: {
				name: 'Šťastná kočka s.r.o.',
				ic: '01234567',
				dic: 'CZ01234567',
				description: 'Příliš žluťoučký kůň úpěl ďábelské ódy',
				dph: '1',
			},
		});
		expect(eva.person).toMatchObject({
			surname: 'Dvořáková',
			phone: '',
			last_login: '',
			doporucil: 'jiri-novak',
		});
		expect(eva.address).toEqual({ street: '', city: 'Brno', psc: '60200' });
		expect(eva.company).toEqual({ name: '', ic: '', dic: '', description: '', dph: '0' });
	});

	it('finds records inside a generic wrapper holding a plural wrapper', () => {
		const answer = read('campaigns-in-data.xml');
		expect(counts(answer)).toEqual({ ...none, campaign: 2 });
		expect(answer.records.campaign).toEqual([
			{ id: '3', name: 'Jaro' },
			{ id: '4', name: 'Léto' },
		]);
		expect(answer.fields).toEqual({ status: 'true', data: { total: '2' } });
	});

	it('reads a document whose root is itself a record, its own status being data', () => {
		const answer = read('root-is-conversion.xml');
		expect(answer.rootName).toBe('conversion');
		expect(answer.records.conversion).toEqual([
			{ id: '301', state: 'invoiced', status: 'whatever the record says' },
		]);
		expect(answer.fields).toEqual({});
	});

	it('reads records sent with no root element at all', () => {
		const answer = read('records-without-root.xml');
		expect(answer.rootName).toBe('');
		expect(counts(answer)).toEqual({ ...none, click: 2 });
		expect(answer.records.click).toEqual([
			{ partner: 'p1', count: '5' },
			{ partner: 'p2', count: '07' },
		]);
		expect(answer.fields).toEqual({});
	});

	it('reads several self-closing top-level elements like a wrapped body', () => {
		const answer = answerOf(readAffilBoxAnswer('<status/><bonus id="4"/>'));
		expect(answer.rootName).toBe('');
		expect(answer.records.bonus).toEqual([{ '@id': '4' }]);
		expect(answer.fields).toEqual({ status: '' });
		expect(problemOf(readAffilBoxAnswer('<error code="12"/><x/>'))).toEqual({
			kind: 'apiError',
			message: 'AffilBox answered with error 12',
			code: '12',
		});
	});

	it('reads a plural wrapper used as the root', () => {
		const answer = answerOf(
			readAffilBoxAnswer(
				'<partners><partner><person><id>1</id></person></partner><partner/></partners>',
			),
		);
		expect(answer.rootName).toBe('partners');
		// `<partner/>` is no record.
		expect(answer.records.partner).toEqual([{ person: { id: '1' } }]);
		expect(answer.fields).toEqual({});
	});

	it('treats an empty plural wrapper as an empty list and drops it from fields', () => {
		const answer = answerOf(
			readAffilBoxAnswer('<response><status>OK</status><conversions/></response>'),
		);
		expect(counts(answer)).toEqual(none);
		expect(answer.fields).toEqual({ status: 'OK' });
	});

	it('uses `result` as a container when it has child elements', () => {
		const answer = answerOf(
			readAffilBoxAnswer(
				'<response><result><conversion><id>1</id></conversion></result></response>',
			),
		);
		expect(answer.records.conversion).toEqual([{ id: '1' }]);
		expect(answer.fields).toEqual({});
	});

	it('keeps a generic wrapper without records in fields unchanged', () => {
		const answer = answerOf(
			readAffilBoxAnswer('<response><data><id>9</id></data><items/></response>'),
		);
		expect(counts(answer)).toEqual(none);
		expect(answer.fields).toEqual({ data: { id: '9' }, items: '' });
	});

	it('matches record and envelope names case-insensitively but keeps names as sent', () => {
		const answer = answerOf(
			readAffilBoxAnswer(
				'<Response><Status>OK</Status><Campaigns><Campaign><Name>A</Name></Campaign></Campaigns></Response>',
			),
		);
		expect(answer.rootName).toBe('Response');
		expect(answer.records.campaign).toEqual([{ Name: 'A' }]);
		expect(answer.fields).toEqual({ Status: 'OK' });
	});

	it('keeps a text-only record under #text', () => {
		const answer = answerOf(
			readAffilBoxAnswer('<response><click>5</click><bonus>77</bonus></response>'),
		);
		expect(answer.records.click).toEqual([{ '#text': '5' }]);
		expect(answer.records.bonus).toEqual([{ '#text': '77' }]);
	});

	it('does not look for records deeper than the wrappers (nesting is data)', () => {
		const answer = answerOf(
			readAffilBoxAnswer('<response><partner><campaign><id>1</id></campaign></partner></response>'),
		);
		expect(counts(answer)).toEqual({ ...none, partner: 1 });
		expect(answer.records.partner[0]).toEqual({ campaign: { id: '1' } });
	});

	it('reads an empty root and a text-only root', () => {
		expect(answerOf(readAffilBoxAnswer('<response/>'))).toEqual({
			rootName: 'response',
			records: { conversion: [], partner: [], campaign: [], click: [], bonus: [] },
			fields: {},
		});
		expect(answerOf(readAffilBoxAnswer('<response>done</response>')).fields).toEqual({
			'#text': 'done',
		});
	});

	it('accepts any root name, a BOM and surrounding whitespace', () => {
		for (const root of ['response', 'result', 'affilbox', 'data', 'xml', 'odpoved']) {
			const answer = answerOf(
				readAffilBoxAnswer(`\uFEFF \n<${root}><status>OK</status></${root}>\n `),
			);
			expect(answer.rootName).toBe(root);
			expect(answer.fields).toEqual({ status: 'OK' });
		}
	});
});

describe('readAffilBoxAnswer: values', () => {
	it('reads CDATA as text, verbatim', () => {
		const answer = read('cdata.xml');
		expect(answer.fields).toEqual({ status: 'OK' });
		expect(answer.records.conversion).toEqual([
			{
				transactionId: 'OBJ<1>&2',
				comment: 'Zákazník: "Novák" & syn',
				note: '&amp; stays as sent',
			},
		]);
	});

	it('decodes XML, numeric and common HTML entities exactly once', () => {
		const answer = read('entities.xml');
		expect(answer.records.partner[0]).toEqual({
			person: {
				name: 'Tom & Jerry <s.r.o.>',
				surname: 'Café Šťastný "U\'',
				phone: '+420\u00a0777',
				email: 'a&#233;b@example.cz',
			},
		});
	});

	it('gives every answer the HTML entities (one table shared by all readers), unknown ones as sent', () => {
		const body =
			'<response><status>OK</status><note>5&nbsp;&euro; &hellip; &foo; &lt;</note></response>';
		for (let reading = 0; reading < 3; reading++)
			expect(answerOf(readAffilBoxAnswer(body)).fields).toEqual({
				status: 'OK',
				note: '5\u00a0€ … &foo; <',
			});
		expect(read('entities.xml').records.partner[0]).toEqual(
			read('entities.xml').records.partner[0],
		);
	});

	it('trims values, keeps inner whitespace and leading zeros, keeps attributes with @', () => {
		const answer = read('whitespace-attributes.xml');
		expect(answer.fields).toEqual({ status: { '#text': 'OK', '@code': '200' }, '@version': '1.0' });
		expect(answer.records.conversion).toEqual([
			{
				'@id': '0099',
				note: 'a  b',
				value: { '#text': '0012.50', '@currency': 'CZK' },
				coupon: '',
				channel: '',
				blank: '',
			},
		]);
	});
});

describe('readAffilBoxAnswer: API errors', () => {
	it('status 1 is success', () => {
		const answer = read('status-1.xml');
		expect(answer.fields).toEqual({ status: '1' });
		expect(answer.records.bonus).toEqual([
			{ id: '55', partner: 'partner01', text: 'Odměna za soutěž', value: '500' },
		]);
	});

	it('status 0 is an error with a generic message', () => {
		expect(readProblem('status-0.xml')).toEqual({
			kind: 'apiError',
			message: 'AffilBox answered with status 0',
		});
	});

	it('success=false takes the message and code elements', () => {
		expect(readProblem('success-false-message.xml')).toEqual({
			kind: 'apiError',
			message: 'Conversion OBJ-9 not found',
			code: '404',
		});
	});

	it('status ERROR with <error code="401">', () => {
		expect(readProblem('error-401.xml')).toEqual({
			kind: 'apiError',
			message: 'Invalid API key',
			code: '401',
		});
	});

	it('an <error> without code and without status', () => {
		expect(readProblem('error-no-code.xml')).toEqual({
			kind: 'apiError',
			message: 'Unknown method GetConversionz',
		});
	});

	it('the Czech <chyba>', () => {
		expect(readProblem('chyba.xml')).toEqual({ kind: 'apiError', message: 'Neplatný klíč' });
	});

	it('an <errors> list joins the messages and takes the first code', () => {
		expect(readProblem('errors-list.xml')).toEqual({
			kind: 'apiError',
			message: 'partner_id is missing; Hodnota musí být číslo',
			code: '10',
		});
	});

	it('status, code and message attributes on the root', () => {
		expect(readProblem('root-attribute-error.xml')).toEqual({
			kind: 'apiError',
			message: 'API access is not enabled for this licence',
			code: '403',
		});
	});

	it('an error attribute on the root holding the message', () => {
		expect(readProblem('root-attribute-error-text.xml')).toEqual({
			kind: 'apiError',
			message: 'Partner not found',
		});
	});

	it('an error flag attribute takes the message attribute, or says so', () => {
		expect(
			problemOf(readAffilBoxAnswer('<response error="1" message="Bad key" code="401"/>')),
		).toEqual({
			kind: 'apiError',
			message: 'Bad key',
			code: '401',
		});
		expect(problemOf(readAffilBoxAnswer('<response error="true"/>'))).toEqual({
			kind: 'apiError',
			message: 'AffilBox answered with an error',
		});
		expect(problemOf(readAffilBoxAnswer('<response result="0"/>'))).toEqual({
			kind: 'apiError',
			message: 'AffilBox answered with status 0',
		});
		expect(answerOf(readAffilBoxAnswer('<response error="0" status="ok"/>')).fields).toEqual({
			'@error': '0',
			'@status': 'ok',
		});
	});

	it('empty <error/> and <errors></errors> are not errors', () => {
		const answer = read('empty-error-elements.xml');
		expect(answer.fields).toEqual({ status: 'ok', error: '', errors: '' });
		expect(answer.records.campaign).toEqual([
			{
				id: '3',
				name: 'Jarní výprodej',
				cookieValidity: '30',
				active: '1',
				trackingCode: 'var kampan = 3;',
			},
		]);
	});

	it('an error element saying "no error" is not an error', () => {
		for (const word of ['0', 'false', 'none', 'OK']) {
			expect(
				readAffilBoxAnswer(`<response><status>OK</status><error>${word}</error></response>`).ok,
			).toBe(true);
		}
	});

	it('an error element with only a code is an error', () => {
		expect(problemOf(readAffilBoxAnswer('<response><error code="401"/></response>'))).toEqual({
			kind: 'apiError',
			message: 'AffilBox answered with error 401',
			code: '401',
		});
		expect(readAffilBoxAnswer('<response><error code="0"/></response>').ok).toBe(true);
	});

	it('reads the message from message/text/zprava children and the code from kod', () => {
		expect(
			problemOf(
				readAffilBoxAnswer('<r><chyba><kod>12</kod><zprava>Špatné datum</zprava></chyba></r>'),
			),
		).toEqual({ kind: 'apiError', message: 'Špatné datum', code: '12' });
		expect(problemOf(readAffilBoxAnswer('<r><error><text>Bad</text></error></r>'))).toEqual({
			kind: 'apiError',
			message: 'Bad',
		});
	});

	it('finds an error one level below the root, but not inside a record', () => {
		expect(
			problemOf(readAffilBoxAnswer('<r><header><error>Rate limit</error></header></r>')),
		).toEqual({
			kind: 'apiError',
			message: 'Rate limit',
		});
		const answer = answerOf(
			readAffilBoxAnswer('<r><status>OK</status><conversion><error>late</error></conversion></r>'),
		);
		expect(answer.records.conversion).toEqual([{ error: 'late' }]);
	});

	it('an error as the root element', () => {
		expect(problemOf(readAffilBoxAnswer('<error code="500">Internal error</error>'))).toEqual({
			kind: 'apiError',
			message: 'Internal error',
			code: '500',
		});
		expect(answerOf(readAffilBoxAnswer('<errors/>')).rootName).toBe('errors');
	});

	it('accepts every success word in any case', () => {
		for (const word of ['ok', 'OK', 'Success', '1', 'true', 'TRUE', 'done']) {
			for (const name of ['status', 'result', 'state', 'stav', 'success']) {
				const result = readAffilBoxAnswer(`<response><${name}>${word}</${name}></response>`);
				expect({ name, word, ok: result.ok }).toEqual({ name, word, ok: true });
			}
		}
	});

	it('treats any other status word as an error', () => {
		for (const word of ['ERROR', '0', 'false', 'fail', 'chyba']) {
			for (const name of ['status', 'result', 'state', 'stav', 'success']) {
				const problem = problemOf(
					readAffilBoxAnswer(`<response><${name}>${word}</${name}></response>`),
				);
				expect(problem).toEqual({
					kind: 'apiError',
					message: `AffilBox answered with status ${word}`,
				});
			}
		}
	});

	it('takes the code from the status attribute and ignores an empty status', () => {
		expect(
			problemOf(
				readAffilBoxAnswer(
					'<response><status code="401">ERROR</status><message>Bad key</message></response>',
				),
			),
		).toEqual({ kind: 'apiError', message: 'Bad key', code: '401' });
		expect(readAffilBoxAnswer('<response><status/></response>').ok).toBe(true);
	});

	it("does not take a conversion's own <state>rejection</state> for an error", () => {
		const answer = read('conversion-state-rejection.xml');
		expect(answer.records.conversion).toEqual([
			{ id: '204', transactionId: 'OBJ-204', state: 'rejection', status: 'storno' },
		]);
		expect(answer.fields).toEqual({});
	});

	it('does not take a top-level conversion state word for an error', () => {
		for (const word of ['waiting', 'rejection', 'authorized', 'invoiced']) {
			expect(readAffilBoxAnswer(`<response><state>${word}</state></response>`).ok).toBe(true);
			expect(readAffilBoxAnswer(`<response><stav>${word}</stav></response>`).ok).toBe(true);
		}
		const answer = read('wrapperless-conversion.xml');
		expect(answer.fields).toEqual({
			status: 'OK',
			transactionId: 'OBJ-205',
			state: 'rejection',
			value: '99.90',
		});
	});
});

describe('readAffilBoxAnswer: bodies that are no XML answer', () => {
	it('an empty body', () => {
		const expected = { kind: 'empty', message: 'AffilBox answered with an empty body' };
		expect(readProblem('empty.txt')).toEqual(expected);
		expect(problemOf(readAffilBoxAnswer(' \r\n\t '))).toEqual(expected);
		expect(problemOf(readAffilBoxAnswer(undefined as unknown as string))).toEqual(expected);
	});

	it('NO DATA', () => {
		expect(readProblem('no-data.txt')).toEqual({
			kind: 'notXml',
			message: 'AffilBox answered with text instead of XML: NO DATA',
			text: 'NO DATA',
		});
	});

	it('the HTTPS notice as text (assumed wording: the vendor only says an error message points to HTTPS)', () => {
		const notice =
			'Od 1. 1. 2020 je API dostupné pouze přes zabezpečené spojení HTTPS. Změňte prosím adresu API z http:// na https://.';
		expect(readProblem('https-notice.txt')).toEqual({
			kind: 'notXml',
			message: `AffilBox answered with text instead of XML: ${notice}`,
			text: notice,
		});
	});

	it('an HTML 404 page: text stripped of tags, scripts and styles', () => {
		expect(readProblem('html-404.html')).toEqual({
			kind: 'notXml',
			message: 'AffilBox answered with an HTML page instead of XML: 404 Not Found',
			text: '404 Not Found Not Found The requested URL /apii/ was not found on this server. Zkuste to prosím znovu & zkontrolujte adresu.',
		});
	});

	it('a well-formed XHTML page (root html)', () => {
		expect(readProblem('xhtml-page.xml')).toEqual({
			kind: 'notXml',
			message: 'AffilBox answered with an HTML page instead of XML: Údržba',
			text: 'Údržba Probíhá údržba systému.',
		});
	});

	it('HTML without doctype or title, broken as XML', () => {
		expect(
			problemOf(readAffilBoxAnswer('<br />\n<b>Warning</b>: oops in <b>api.php</b><html><p>x')),
		).toEqual({
			kind: 'notXml',
			message: 'AffilBox answered with an HTML page instead of XML: Warning : oops in api.php x',
			text: 'Warning : oops in api.php x',
		});
	});

	it('malformed XML with mismatched tags, as on the vendor page', () => {
		const body = fixture('malformed-mismatched-tags.xml');
		expect(readProblem('malformed-mismatched-tags.xml')).toEqual({
			kind: 'notXml',
			message:
				"AffilBox answered with malformed XML (line 5): Expected closing tag 'state' (opened in line 5, col 3) instead of closing tag 'filter_state'.",
			text: body.trim(),
		});
	});

	it('text after the root element is malformed', () => {
		expect(problemOf(readAffilBoxAnswer('<response/>NO DATA'))).toEqual({
			kind: 'notXml',
			message: 'AffilBox answered with malformed XML (line 1): Extra text at the end',
			text: '<response/>NO DATA',
		});
		expect(problemOf(readAffilBoxAnswer('<response></response>NO DATA'))).toEqual({
			kind: 'notXml',
			message: 'AffilBox answered with malformed XML (line 1): Extra text at the end',
			text: '<response></response>NO DATA',
		});
	});

	it('XML the parser refuses', () => {
		const problem = problemOf(readAffilBoxAnswer('<response><__proto__>1</__proto__></response>'));
		expect(problem.kind).toBe('notXml');
		expect(problem.message).toMatch(/^AffilBox answered with XML that could not be read: /);
	});

	it('truncates long text to 500 characters', () => {
		const body = 'x'.repeat(1200);
		const problem = problemOf(readAffilBoxAnswer(body));
		expect(problem).toEqual({
			kind: 'notXml',
			message: `AffilBox answered with text instead of XML: ${'x'.repeat(200)}…`,
			text: `${'x'.repeat(500)}…`,
		});
	});
});
