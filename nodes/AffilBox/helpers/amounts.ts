import { InvalidInputError } from '../../shared/invalidInput';
import { readAmount } from '../../shared/numbers';

/**
 * An amount in the API's double format (dot decimal), from numbers and text such as `12.50`,
 * `12,50` (Czech decimal comma), `1 234,50`, `1.234,50` or `1,234.50`.
 */
export function readAffilBoxAmount(value: unknown, field: string): string {
	return readAmount(value, field, { localized: true });
}

/**
 * An amount field of version 2, which starts empty instead of 0: an empty value is refused with an
 * error naming the field, so no amount is ever sent that nobody typed.
 */
export function requireAmount(value: unknown, field: string, hint?: string): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new InvalidInputError(field, `${field} is required: enter an amount`, hint);
	}
	return readAffilBoxAmount(value, field);
}

/** The hint for an optional amount that was added to a collection but left empty. */
export const REMOVE_OR_FILL = 'Enter the amount, or remove the field if it should not be sent.';
