import { readAmount } from '../../shared/numbers';

/**
 * An amount in the API's double format (dot decimal), from numbers and text such as `12.50`,
 * `12,50` (Czech decimal comma), `1 234,50`, `1.234,50` or `1,234.50`.
 */
export function parseAmount(value: unknown, field: string): string {
	return readAmount(value, field, { localized: true });
}
