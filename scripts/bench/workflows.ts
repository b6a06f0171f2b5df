/**
 * Benchmark workflows, built in code. Each one is
 *
 *   Webhook (POST, answers when the last node finishes) → Split Out body.items → the nodes
 *   under test → Summarize (one item: how many results)
 *
 * so one HTTP call runs it in an n8n that is already up, and its answer says how many items
 * came out. Only n8n's own nodes besides ours (no Code node: that would add the task runner).
 */
import { randomUUID } from 'node:crypto';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

export interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	/** The webhook path that runs it. */
	webhookPath: string;
}

export interface Step {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: WorkflowNode['credentials'];
	/** Output index that continues the chain (IF: 0 = true). */
	output?: number;
}

export const SPLIT_NODE = 'Items';

/** Webhook → Split Out → steps… → Summarize(count of `countField`). */
export function chainWorkflow(name: string, webhookPath: string, steps: Step[], countField: string): Workflow {
	const all: Step[] = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			name: SPLIT_NODE,
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
		},
		...steps,
		{
			name: 'Count',
			type: 'n8n-nodes-base.summarize',
			typeVersion: 1.1,
			parameters: { fieldsToSummarize: { values: [{ aggregation: 'count', field: countField }] }, options: {} },
		},
	];
	const nodes: WorkflowNode[] = all.map((step, index) => ({
		id: randomUUID(),
		name: step.name,
		type: step.type,
		typeVersion: step.typeVersion,
		position: [index * 220, 0],
		parameters: step.parameters,
		...(step.credentials ? { credentials: step.credentials } : {}),
		...(step.type === 'n8n-nodes-base.webhook' ? { webhookId: randomUUID() } : {}),
	}));
	const connections: Workflow['connections'] = {};
	all.forEach((step, index) => {
		const next = all[index + 1];
		if (!next) return;
		const outputs: Array<Array<{ node: string; type: 'main'; index: number }>> = [];
		const output = step.output ?? 0;
		for (let i = 0; i <= output; i++) outputs.push(i === output ? [{ node: next.name, type: 'main', index: 0 }] : []);
		connections[step.name] = { main: outputs };
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' }, webhookPath };
}

// --- n8n's HTTP Request node, as a user fills it in ---------------------------------------------

export interface HttpStep {
	name: string;
	method: 'GET' | 'POST' | 'PUT';
	url: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	/** JSON body: an n8n expression that yields the body (string). */
	jsonBody?: string;
	/** Form body (application/x-www-form-urlencoded). */
	form?: Record<string, string>;
	options?: Record<string, unknown>;
}

const pairs = (record: Record<string, string>) => Object.entries(record).map(([name, value]) => ({ name, value }));

export function httpRequest(step: HttpStep): Step {
	const parameters: Record<string, unknown> = { method: step.method, url: step.url, options: step.options ?? {} };
	if (step.headers) Object.assign(parameters, { sendHeaders: true, headerParameters: { parameters: pairs(step.headers) } });
	if (step.query) Object.assign(parameters, { sendQuery: true, queryParameters: { parameters: pairs(step.query) } });
	if (step.jsonBody) Object.assign(parameters, { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: step.jsonBody });
	if (step.form) Object.assign(parameters, { sendBody: true, contentType: 'form-urlencoded', bodyParameters: { parameters: pairs(step.form) } });
	return { name: step.name, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters };
}

/** IF `leftExpression` (a number) equals `right`; the chain continues on the true output. */
export function ifEquals(name: string, leftExpression: string, right: number): Step {
	return {
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{ id: randomUUID(), leftValue: leftExpression, rightValue: right, operator: { type: 'number', operation: 'equals' } },
				],
				combinator: 'and',
			},
			options: {},
		},
		output: 0,
	};
}
