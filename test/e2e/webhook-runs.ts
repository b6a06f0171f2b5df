/**
 * Runs of a template inside a running n8n (`n8n start`), through its production webhook, and
 * their results: used by the store-webhook checks and by the fault scenarios whose guarantee is
 * the n8n process's (`failsThenRerunRefuses`). A write without a lookup (a Posti shipment)
 * whose outcome is unknown is remembered in the ledger of the process that sent it, and only
 * there: `n8n execute` starts a new process every time, so a re-run through it would start with
 * an empty ledger (see docs/exactly-once.md, "Not guaranteed").
 *
 * The templates' webhooks answer at once ("Workflow was started"); `executionsEnded` waits for
 * the executions a delivery started and reads their results through n8n's REST API
 * (`/rest/executions`, the editor's execution list).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { request } from 'undici';

import { errorOf, majorOf, outputOf, rest, type ExecutionError, type N8nContext } from '../../scripts/n8n-local';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function post(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; text: string }> {
	const res = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
		headersTimeout: 60_000,
		bodyTimeout: 60_000,
	});
	return { status: res.statusCode, text: await res.body.text() };
}

/** Publishes (2.x) or activates (1.x) an imported workflow, so its production webhooks go live. */
export async function activate(ctx: N8nContext, cookie: string, id: string): Promise<string[]> {
	const current = await rest<{ data?: { versionId?: string } }>(ctx, cookie, 'GET', `/rest/workflows/${id}`);
	const versionId = current.body.data?.versionId;
	if (current.status !== 200 || !versionId) return [`GET /rest/workflows/${id}: HTTP ${current.status}`];
	const res =
		majorOf(ctx.n8n.n8nVersion) >= 2
			? await rest(ctx, cookie, 'POST', `/rest/workflows/${id}/activate`, { versionId })
			: await rest(ctx, cookie, 'PATCH', `/rest/workflows/${id}`, { active: true, versionId });
	return res.status === 200 ? [] : [`activating ${id}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`];
}

/** Waits until the webhook is registered (n8n may answer the activation first); returns the first real answer. */
export async function firstAnswer(url: string, headers: Record<string, string>, body: unknown) {
	for (let attempt = 1; ; attempt++) {
		const answer = await post(url, headers, body);
		if (answer.status === 404 && /not registered/i.test(answer.text) && attempt < 50) {
			await sleep(200);
			continue;
		}
		return answer;
	}
}

/** What a test needs from a run, through `n8n execute` or a webhook. */
export interface RunOutcome {
	ok: boolean;
	/** Why the run failed, when it did (n8n's `resultData.error`). */
	error?: ExecutionError;
	/** Output items per node name. */
	output?: Record<string, unknown[]>;
	/** Messages for a report when the run did not go as expected. */
	errors: string[];
}

interface ExecutionSummary {
	id: string;
	status?: string;
	finished?: boolean;
	stoppedAt?: string | null;
}


const RUNNING = new Set(['new', 'running', 'waiting', 'unknown']);

async function executionsOf(ctx: N8nContext, cookie: string, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await rest<{ data?: { results?: ExecutionSummary[] } }>(ctx, cookie, 'GET', `/rest/executions?filter=${filter}&limit=50`);
	if (res.status !== 200) throw new Error(`GET /rest/executions: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
	return res.body.data?.results ?? [];
}

/** The execution's run data: n8n keeps it `flatted`-serialised (its own copy of flatted reads it). */
async function executionRun(ctx: N8nContext, cookie: string, id: string): Promise<RunOutcome> {
	const res = await rest<{ data?: { status?: string; data?: unknown } }>(ctx, cookie, 'GET', `/rest/executions/${id}`);
	if (res.status !== 200) return { ok: false, errors: [`GET /rest/executions/${id}: HTTP ${res.status}`] };
	const raw = res.body.data?.data;
	const flatted = createRequire(join(ctx.n8n.dir, 'node_modules', 'n8n', 'package.json'))('flatted') as { parse(text: string): unknown };
	const data = (typeof raw === 'string' ? flatted.parse(raw) : raw) as {
		resultData?: { error?: Parameters<typeof errorOf>[0]; runData?: Parameters<typeof outputOf>[0] };
	};
	const error = errorOf(data?.resultData?.error);
	const status = res.body.data?.status;
	return {
		ok: status === 'success' && !error,
		error,
		output: outputOf(data?.resultData?.runData),
		errors: error ? [error.message, error.description ?? ''].filter(Boolean) : status === 'success' ? [] : [`execution ${id} ended with status ${status}`],
	};
}

/** Publishes (2.x) or activates (1.x) the workflow unless it is live already. */
export async function ensureActive(ctx: N8nContext, cookie: string, workflowId: string): Promise<string[]> {
	const current = await rest<{ data?: { active?: boolean } }>(ctx, cookie, 'GET', `/rest/workflows/${workflowId}`);
	if (current.status !== 200) return [`GET /rest/workflows/${workflowId}: HTTP ${current.status}`];
	return current.body.data?.active ? [] : await activate(ctx, cookie, workflowId);
}

/** The ids of the workflow's executions so far. */
export async function executionIds(ctx: N8nContext, cookie: string, workflowId: string): Promise<Set<string>> {
	return new Set((await executionsOf(ctx, cookie, workflowId)).map((execution) => String(execution.id)));
}

/**
 * Waits until `count` executions of the workflow that are not among `known` have ended; their
 * results, oldest first. More than `count` new executions is a problem of its own.
 */
export async function executionsEnded(
	ctx: N8nContext,
	cookie: string,
	workflowId: string,
	known: Set<string>,
	count: number,
	{ timeoutMs = 120_000 } = {},
): Promise<{ runs: RunOutcome[]; problems: string[] }> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const started = (await executionsOf(ctx, cookie, workflowId)).filter((execution) => !known.has(String(execution.id)));
		if (started.length > count) return { runs: [], problems: [`${started.length} executions started, expected ${count}`] };
		const ended = started.filter((execution) => !RUNNING.has(String(execution.status)) && (execution.finished || execution.stoppedAt));
		if (ended.length === count) {
			const ids = ended.map((execution) => String(execution.id)).sort((a, b) => Number(a) - Number(b));
			const runs: RunOutcome[] = [];
			for (const id of ids) runs.push(await executionRun(ctx, cookie, id));
			return { runs, problems: [] };
		}
		await sleep(250);
	}
	return { runs: [], problems: [`${count} execution(s) of ${workflowId} did not end within ${timeoutMs / 1000} s`] };
}

/**
 * Posts `body` to the production webhook `url` (waiting for its registration), then waits for
 * the execution it started to end and returns its result.
 */
export async function deliverAndWait(
	ctx: N8nContext,
	cookie: string,
	workflowId: string,
	url: string,
	headers: Record<string, string>,
	body: unknown,
	{ timeoutMs = 120_000 } = {},
): Promise<RunOutcome> {
	const known = await executionIds(ctx, cookie, workflowId);
	const answer = await firstAnswer(url, headers, body);
	if (answer.status !== 200) return { ok: false, errors: [`the webhook answered HTTP ${answer.status} ${answer.text.slice(0, 300)}`] };
	const { runs, problems } = await executionsEnded(ctx, cookie, workflowId, known, 1, { timeoutMs });
	return runs[0] ?? { ok: false, errors: problems };
}
