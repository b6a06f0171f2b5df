import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';

/** "postings[1].amount" from zod's ["postings", 1, "amount"]. */
export function formatPath(path: Array<string | number>): string {
	return path.reduce<string>(
		(text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
		'',
	);
}

function describeIssue(issue: ZodIssue): string {
	const field = formatPath(issue.path) || 'value';
	return `${field}: ${issue.message}`;
}

/**
 * Validates a payload before anything is sent. The error names the field path and the
 * item, says what is wrong, and (via `hint`) how to fix it.
 */
export function parseOrThrow<Output, Input = Output>(
	node: INode,
	schema: ZodType<Output, ZodTypeDef, Input>,
	payload: unknown,
	itemIndex: number,
	hint = 'Fix the value in the node parameters or in the incoming item, then run again. Nothing was sent.',
): Output {
	const result = schema.safeParse(payload);
	if (result.success) return result.data;
	const issues = result.error.issues;
	const [first] = issues;
	const message = `Invalid ${formatPath(first.path) || 'input'} in item ${itemIndex}: ${first.message}`;
	const description = [...issues.slice(0, 10).map((issue) => `• ${describeIssue(issue)}`), hint].join('\n');
	return fail(node, message, itemIndex, description);
}

/** A clear NodeOperationError for bad input (nothing was sent). */
export function fail(node: INode, message: string, itemIndex: number, description?: string): never {
	throw new NodeOperationError(node, message, { itemIndex, description });
}

/** Deep copy without undefined values, so optional fields left empty are not sent. */
export function withoutUndefined<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
