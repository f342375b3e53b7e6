/** A small seeded generator for the randomized trigger tests, so a failing sequence can be replayed from its seed. */
export function random(seed: number) {
	let value = seed >>> 0;
	const next = () => {
		value = (value + 0x6d2b79f5) >>> 0;
		let t = value;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		chance: (p: number) => next() < p,
		pick: <T>(list: T[]): T => list[Math.floor(next() * list.length)],
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
	};
}

export type Random = ReturnType<typeof random>;

/**
 * Faults that fail a check: an HTTP error, a text answer, an answer broken off after `brokenStart`.
 * Passing failures (503 here) are retried 3 times first, so they must last 4 attempts; Retry-After
 * 0 keeps the retries instant (dropped connections would back off for real: the transport tests
 * cover them).
 */
export function failingFaults(brokenStart: string) {
	return [
		{ status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
		{ times: 4, status: 503, body: 'Service Unavailable', headers: { 'Retry-After': '0' } },
		{ status: 200, body: 'NO DATA', contentType: 'text/plain' },
		{ status: 200, body: brokenStart, contentType: 'text/xml' },
	];
}

/** Faults the retries absorb: the check goes on as if nothing happened. */
export const PASSING_FAULTS = [
	{ status: 429, headers: { 'Retry-After': '0' } },
	{ times: 2, status: 503, headers: { 'Retry-After': '0' } },
];
