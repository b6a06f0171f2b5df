import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';
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

export interface ListParameter {
	/** Options parameter choosing 'fields' (a fixed collection) or 'json' (an array on the item). */
	source: string;
	json: string;
	collection: string;
	/** The fixed collection's entry name, e.g. 'posting'. */
	entry: string;
	label: string;
	example: string;
	fromCollection: (rows: IDataObject[]) => unknown;
}

/** Reads rows given either in the node's fixed collection or as a JSON array (string or value). */
export function readListParameter(this: IExecuteFunctions, itemIndex: number, list: ListParameter): unknown {
	if (this.getNodeParameter(list.source, itemIndex) !== 'json') {
		const collection = this.getNodeParameter(list.collection, itemIndex, {}) as Record<string, IDataObject[] | undefined>;
		return list.fromCollection(collection[list.entry] ?? []);
	}
	const raw = this.getNodeParameter(list.json, itemIndex);
	if (typeof raw !== 'string') return raw;
	try {
		return jsonParse(raw);
	} catch {
		return fail(this.getNode(), `${list.label} in item ${itemIndex} is not valid JSON`, itemIndex, `Give an array such as ${list.example}. Nothing was sent.`);
	}
}
