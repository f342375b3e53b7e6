import { InvalidInputError } from '../../../nodes/shared/invalidInput';
import { requireXmlText, xmlSafeText } from '../../../nodes/AffilBox/helpers/text';
import { buildRequestXml } from '../../../nodes/AffilBox/transport/requestXml';
import { findForbiddenXmlChar } from '../../../nodes/AffilBox/transport/xmlChars';

describe('findForbiddenXmlChar', () => {
	it.each([
		['\u0000', 'U+0000'],
		['\u0008', 'U+0008'],
		['\u000b', 'U+000B'],
		['\u000c', 'U+000C'],
		['\u000e', 'U+000E'],
		['\u001f', 'U+001F'],
		['\ud800', 'U+D800'],
		['\udbff', 'U+DBFF'],
		['\udc00', 'U+DC00'],
		['\udfff', 'U+DFFF'],
		['\ufffe', 'U+FFFE'],
		['\uffff', 'U+FFFF'],
	])('refuses %j (%s) alone, at the start, in the middle and at the end', (char, codePoint) => {
		expect(findForbiddenXmlChar(char)).toEqual({ position: 1, codePoint });
		expect(findForbiddenXmlChar(`${char}ab`)).toEqual({ position: 1, codePoint });
		expect(findForbiddenXmlChar(`a${char}b`)).toEqual({ position: 2, codePoint });
		expect(findForbiddenXmlChar(`ab${char}`)).toEqual({ position: 3, codePoint });
	});

	it('counts positions in characters: an astral character counts once', () => {
		expect(findForbiddenXmlChar('😀😀\u0001')).toEqual({ position: 3, codePoint: 'U+0001' });
	});

	it.each([
		['tab, line feed, carriage return', '\t\n\r\r\n'],
		['astral characters and emoji sequences', '😀👍🏽🇨🇿👨‍👩‍👧𝄞\u{10ffff}'],
		['markup, CDATA end, entities', '<b>]]>&amp;&#0;&lt;'],
		['whitespace runs and odd spaces', '   \u00a0\u2028\u2029\u0085 '],
		['DEL and C1 controls (XML 1.0 allows them)', '\u007f\u0080\u009f'],
		['the edges of the allowed ranges', '\u0020\ud7ff\ue000\ufffd\ufeff'],
		['empty', ''],
	])('lets %s through', (_name, text) => {
		expect(findForbiddenXmlChar(text)).toBeUndefined();
	});

	it('a high surrogate followed by a low one is a pair; in the other order both are lone', () => {
		expect(findForbiddenXmlChar('\ud83d\ude00')).toBeUndefined();
		expect(findForbiddenXmlChar('\ude00\ud83d')).toEqual({ position: 1, codePoint: 'U+DE00' });
		expect(findForbiddenXmlChar('a\ud83d')).toEqual({ position: 2, codePoint: 'U+D83D' });
	});
});

describe('field texts', () => {
	it('names the field, says where and what, and that nothing was sent', () => {
		let error: InvalidInputError | undefined;
		try {
			xmlSafeText('Order\u0007 42', 'Note');
		} catch (caught) {
			error = caught as InvalidInputError;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect(error?.field).toBe('Note');
		expect(error?.message).toBe(
			'Note contains a character that cannot be sent to AffilBox (U+0007 at position 6)',
		);
		expect(error?.hint).toMatch(/XML 1\.0 cannot carry control characters .* nothing was sent\.$/);
	});

	it('requireXmlText refuses blanks first, then forbidden characters; values stay as given', () => {
		expect(requireXmlText('  a b ', 'Partner')).toBe('  a b ');
		expect(requireXmlText(15, 'Partner')).toBe('15');
		expect(() => requireXmlText(' \t ', 'Partner')).toThrow('Partner is required');
		expect(() => requireXmlText('a\u0000', 'Partner')).toThrow(
			'Partner contains a character that cannot be sent to AffilBox (U+0000 at position 2)',
		);
	});

	it('xmlSafeText turns other values into text as before', () => {
		expect(xmlSafeText(12.5, 'Note')).toBe('12.5');
		expect(xmlSafeText(true, 'Note')).toBe('true');
		expect(xmlSafeText(undefined, 'Note')).toBe('');
	});
});

describe('buildRequestXml and characters', () => {
	it('writes carriage returns as &#13;, since an XML parser would turn them into line feeds', () => {
		const xml = buildRequestXml('AddBonus', { text: 'a\r\nb\rc\n' });
		expect(xml).toContain('<text>a&#13;\nb&#13;c\n</text>');
		expect(xml).not.toContain('\r');
	});

	it('refuses a forbidden character in any parameter, naming it: the last guard', () => {
		expect(() => buildRequestXml('GetConversions', { partner_id: 'x\ufffe' })).toThrow(
			'partner_id contains a character that cannot be sent to AffilBox (U+FFFE at position 2)',
		);
	});
});
