/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only: reads the repository's Markdown files */
import { existsSync, readFileSync } from 'node:fs';

/** A link or image in a Markdown file: `[text](target)` / `![alt](target)`, outside code. */
export interface MarkdownLink {
	target: string;
	line: number;
}

/** The text without fenced code blocks and inline code (their brackets are not links). */
function withoutCode(text: string): string {
	return text
		.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '))
		.replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

export function linksIn(text: string): MarkdownLink[] {
	const clean = withoutCode(text);
	const links: MarkdownLink[] = [];
	for (const match of clean.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
		const line = clean.slice(0, match.index).split('\n').length;
		links.push({ target: match[1], line });
	}
	return links;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slugOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** The anchors GitHub gives a file's headings (a repeated heading gets -1, -2 …). */
export function anchorsOf(file: string): Set<string> {
	if (!existsSync(file)) return new Set();
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const match of withoutCode(readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
		const slug = slugOf(match[1]);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

/** The `## ` headings of a file, in order. */
export function sectionsOf(text: string): string[] {
	return [...withoutCode(text).matchAll(/^## (.+)$/gm)].map((match) => match[1].trim());
}
