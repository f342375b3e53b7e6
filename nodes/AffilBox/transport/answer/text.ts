import type { AffilBoxAnswerProblem } from './types';

/** Bodies that are no XML answer (plain text, HTML pages, malformed XML) turned into problems. */

/** Longest server text kept in a problem (the text may be a whole page). */
const MAX_TEXT = 500;
/** Longest server text repeated inside a problem's message. */
const MAX_MESSAGE_TEXT = 200;

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

function fromCodePoint(code: number): string {
	return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

function decodeBasicEntities(text: string): string {
	return text
		.replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d{1,7});/g, (_, dec: string) => fromCodePoint(parseInt(dec, 10)))
		.replace(/&nbsp;/gi, ' ')
		.replace(/&lt;/gi, '<')
		.replace(/&gt;/gi, '>')
		.replace(/&quot;/gi, '"')
		.replace(/&apos;/gi, "'")
		.replace(/&amp;/gi, '&');
}

/** Visible text of an HTML page, whitespace collapsed. */
function htmlToText(html: string): string {
	const text = html
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
		.replace(/<[^>]*>/g, ' ');
	return decodeBasicEntities(text).replace(/\s+/g, ' ').trim();
}

function htmlTitle(html: string): string | undefined {
	const match = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
	const title = match ? decodeBasicEntities(match[1]).replace(/\s+/g, ' ').trim() : '';
	return title || undefined;
}

/** A page that announces itself as HTML; other HTML shows up as malformed XML or an `html` root. */
export function looksLikeHtml(body: string): boolean {
	return /^(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html\b|<html[\s>])/i.test(body);
}

/** HTML is rarely well-formed XML: a body with an `<html>` tag whose markup broke is still a page. */
export function mentionsHtml(body: string): boolean {
	return /<html[\s>]/i.test(body);
}

export function htmlProblem(body: string): AffilBoxAnswerProblem {
	const pageText = htmlToText(body);
	const summary = htmlTitle(body) ?? (truncate(pageText, MAX_MESSAGE_TEXT) || 'no text');
	return {
		kind: 'notXml',
		message: `AffilBox answered with an HTML page instead of XML: ${summary}`,
		text: truncate(pageText, MAX_TEXT),
	};
}

export function notXmlProblem(message: string, body: string): AffilBoxAnswerProblem {
	return { kind: 'notXml', message, text: truncate(body, MAX_TEXT) };
}

export function plainTextProblem(text: string): AffilBoxAnswerProblem {
	return notXmlProblem(
		`AffilBox answered with text instead of XML: ${truncate(text, MAX_MESSAGE_TEXT)}`,
		text,
	);
}

export const EMPTY_ANSWER: AffilBoxAnswerProblem = {
	kind: 'empty',
	message: 'AffilBox answered with an empty body',
};
