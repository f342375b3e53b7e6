/**
 * The plain value of a field that is a picker ("resource locator") in version 2 and plain text or
 * a dropdown in version 1: `{ __rl: true, mode, value }` gives its `value`, anything else is
 * returned as it is, so the same code reads workflows of both versions.
 */
export function locatorValue(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const locator = value as { __rl?: unknown; mode?: unknown; value?: unknown };
	if (locator.__rl === true || (typeof locator.mode === 'string' && 'value' in locator)) {
		return locator.value;
	}
	return value;
}
