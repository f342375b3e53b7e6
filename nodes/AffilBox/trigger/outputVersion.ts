import { DateTime } from 'luxon';

import type { StateWords } from '../helpers/simplifyConversion';

/**
 * The conversion trigger's first version whose output speaks the editor's language: Simplify names
 * a rejected conversion's state "rejected" (the event's word, and the AffilBox node's from its
 * version 3), and `detectedAt` carries the licence zone's offset like every other date. Versions 1
 * to 3 keep "rejection" and `detectedAt` in UTC (`Z`, with milliseconds).
 */
export const EDITOR_WORDS_VERSION = 4;

export function triggerStateWords(typeVersion: number): StateWords {
	return typeVersion >= EDITOR_WORDS_VERSION ? 'editor' : 'affilbox';
}

/** When a check detected what it emits, as that version writes it. */
export function detectedAtOf(now: number, zone: string, typeVersion: number): string {
	if (typeVersion < EDITOR_WORDS_VERSION) return new Date(now).toISOString();
	return String(
		DateTime.fromMillis(now, { zone }).startOf('second').toISO({ suppressMilliseconds: true }),
	);
}
