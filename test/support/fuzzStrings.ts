/**
 * Seeded random strings for the AffilBox fuzz tests: markup, `]]>`, entities, quotes, astral
 * characters, whitespace runs, URL-form characters, and (sometimes) characters XML 1.0 forbids.
 * The same seed always gives the same strings, so a failure can be replayed.
 */

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
	let value = seed >>> 0;
	return () => {
		value = (value + 0x6d2b79f5) >>> 0;
		let t = value;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const MARKUP = [
	'<b>',
	'</note>',
	'<key>x</key>',
	'<method>AddBonus</method>',
	'<![CDATA[',
	']]>',
	']]',
	'<?xml version="1.0"?>',
	'<!--',
	'-->',
	'<!DOCTYPE x [<!ENTITY e "x">]>',
	'/>',
	'<a href="x">',
];
const ENTITIES = [
	'&amp;',
	'&lt;',
	'&gt;',
	'&#13;',
	'&#x1F600;',
	'&nbsp;',
	'&',
	'&#0;',
	'&e;',
	'&amp;amp;',
];
const QUOTES = ['"', "'", '`', '\\'];
const TEXT = [
	'Příliš žluťoučký kůň',
	'ďábelské ódy',
	'ORDER-2025-0042',
	'jan.novak@example.cz',
	'a',
	'Z',
	'0',
	'12,50',
];
const ASTRAL = [
	'😀',
	'👍🏽',
	'𝄞',
	'🇨🇿',
	'👨‍👩‍👧',
	String.fromCodePoint(0x10ffff),
	String.fromCodePoint(0x1f9ea),
];
const BMP_EDGE = [
	'\u00a0',
	'\u2028',
	'\u2029',
	'\u0085',
	'\u007f',
	'\ufeff',
	'\ufffd',
	'\ue000',
	'\u200b',
	'\u0301',
];
const WHITESPACE = [' ', '  ', '   \t  ', '\t', '\n', '\r', '\r\n', '\n\r', ' \r\n\t '];
const FORM = ['%20', '+', '%', '=', '&data=', '?', '#', ';', ','];
/** Characters XML 1.0 cannot carry (lone surrogates included). */
export const FORBIDDEN = [
	'\u0000',
	'\u0001',
	'\u0008',
	'\u000b',
	'\u000c',
	'\u000e',
	'\u001b',
	'\u001f',
	'\ud800',
	'\udbff',
	'\udc00',
	'\udfff',
	'\ufffe',
	'\uffff',
];

const POOLS = [MARKUP, ENTITIES, QUOTES, TEXT, ASTRAL, BMP_EDGE, WHITESPACE, FORM];

function randomCodePoint(random: () => number): string {
	const ranges: Array<[number, number]> = [
		[0x20, 0x7e],
		[0xa0, 0x24f],
		[0x370, 0x3ff],
		[0x4e00, 0x4e80],
		[0xe000, 0xe0ff],
		[0x1f300, 0x1f64f],
		[0x10000, 0x10ffff],
	];
	const [low, high] = ranges[Math.floor(random() * ranges.length)];
	return String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
}

/** One string of 0–12 pieces; roughly one in five carries a forbidden character. */
export function fuzzString(random: () => number): string {
	const pieces = Math.floor(random() * 13);
	const forbidden = random() < 0.2;
	let text = '';
	for (let n = 0; n < pieces; n++) {
		const roll = random();
		if (roll < 0.25) text += randomCodePoint(random);
		else {
			const pool = POOLS[Math.floor(random() * POOLS.length)];
			text += pool[Math.floor(random() * pool.length)];
		}
	}
	if (forbidden) {
		const at = Math.floor(random() * (text.length + 1));
		const char = FORBIDDEN[Math.floor(random() * FORBIDDEN.length)];
		text = text.slice(0, at) + char + text.slice(at);
	}
	return text;
}

export function fuzzStrings(seed: number, count: number): string[] {
	const random = seededRandom(seed);
	return Array.from({ length: count }, () => fuzzString(random));
}

/**
 * The oracle, written independently of the node's own check: does XML 1.0 forbid a character of
 * this string? (isWellFormed: no lone surrogates.)
 */
export function xmlForbids(text: string): boolean {
	if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return true;
	for (const char of text) {
		const code = char.codePointAt(0) as number;
		if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) return true;
		if (code === 0xfffe || code === 0xffff) return true;
	}
	return false;
}
