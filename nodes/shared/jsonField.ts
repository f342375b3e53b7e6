import { InvalidInputError } from './invalidInput';

/**
 * The value of a JSON field: n8n hands it over as text, or already parsed when an expression gives
 * an object. Empty text is undefined; text that is not JSON is refused, naming the field and where
 * the parser stopped (never the text itself, which may hold anything).
 */
export function readJsonField(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value ?? undefined;
	if (value.trim() === '') return undefined;
	let where: string;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		// Node's message may quote the text; only the position is kept.
		const position = /position (\d+)/.exec((error as Error).message)?.[1];
		where = position === undefined ? '' : ` (at character ${Number(position) + 1})`;
	}
	throw new InvalidInputError(
		field,
		`${field} is not valid JSON${where}`,
		'Check quotes and commas, e.g. {"name": "value"}',
	);
}

/** A JSON field that must hold an object (undefined when empty). */
export function readJsonObject(value: unknown, field: string): Record<string, unknown> | undefined {
	const parsed = readJsonField(value, field);
	if (parsed === undefined) return undefined;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InvalidInputError(
			field,
			`${field} must be a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed === 'object' ? 'null' : typeof parsed}`,
			'e.g. {"name": "value"}',
		);
	}
	return parsed as Record<string, unknown>;
}
