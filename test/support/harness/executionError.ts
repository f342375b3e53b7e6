import type { ExecutionBaseError, ExecutionError } from 'n8n-workflow';
import {
	ApplicationError,
	ExpressionError,
	NodeApiError,
	NodeOperationError,
	NodeSslError,
	WorkflowOperationError,
} from 'n8n-workflow';

type ErrorClass = { prototype: Error };

const ERROR_CLASSES: Record<string, ErrorClass> = {
	NodeOperationError,
	NodeApiError,
	NodeSslError,
	ExpressionError,
	WorkflowOperationError,
	ApplicationError,
};

/**
 * The engine stores a node's error as a spread copy (`{ ...error, message, stack }`), which loses
 * its class. Give the copy back the prototype its `name` points to, so tests can use `instanceof`.
 */
export function toErrorInstance(error: ExecutionError): ExecutionBaseError | Error {
	const errorClass = ERROR_CLASSES[error.name] ?? Error;
	return Object.assign(Object.create(errorClass.prototype) as Error, error);
}
