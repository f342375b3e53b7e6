/**
 * Raised by the pure value readers for a bad field value. The runners turn it into a
 * NodeOperationError for the item (or batch); it names the field so the user knows what to fix.
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
