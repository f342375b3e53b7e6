/**
 * Raised by the pure value parsers for a bad field value. The item runner turns it into a
 * NodeOperationError for the item; it carries the field's display name so the user knows what to fix.
 */
export class InvalidInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}
