/**
 * The templates' store webhooks, through a running n8n (`n8n start`): every POST webhook of a
 * template requires n8n's Header Auth with the "Store webhook (header auth)" credential; a
 * request without the header, or with a wrong one, is refused by n8n (401/403) and books
 * nothing (no request reaches any emulator); authenticated, the template's own *Sample order*
 * delivered twice at the same moment is accepted twice, both executions succeed, it is booked
 * exactly as the template's expectation says for one run, and one execution's output is the
 * first run's (`afterRun.output`), the other's a second run's (`afterSecondRun.output`: already
 * there); delivered once more, it adds nothing and its execution succeeds.
 *
 * Used by test/e2e/run.ts while its n8n server runs; the checks and state comparisons are
 * run.ts's own (passed in), so the results read like the rest of the suite.
 */
import { deliverWebhookConcurrently, SandboxControl } from '../../sandbox/client';
import type { Sandbox } from '../../sandbox';
import { listTemplates, STORE_WEBHOOK_AUTH, type N8nContext, type Template } from '../../scripts/n8n-local';
import { checkOutput, serviceExpectations, type CompanyState, type Expectation, type ServiceExpectation } from './expectations';
import { activate, executionIds, executionsEnded, firstAnswer } from './webhook-runs';

export interface WorkflowNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface ServiceUnderTest {
	want: ServiceExpectation;
	control: SandboxControl;
}

export interface StoreWebhookDeps {
	check(name: string, body: () => Promise<string[]>): Promise<boolean>;
	servicesState(services: ServiceUnderTest[]): Promise<Map<string, CompanyState>>;
	compare(services: ServiceUnderTest[], before: Map<string, CompanyState>, after: Map<string, CompanyState>, phase: 'afterRun' | 'afterSecondRun'): string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nodesOf(template: Template): WorkflowNode[] {
	return template.workflow.nodes as WorkflowNode[];
}

export function webhookNodes(template: Template): WorkflowNode[] {
	return nodesOf(template).filter((node) => node.type === 'n8n-nodes-base.webhook');
}

/** The body the template's *Sample order* Code node feeds (`return [{ json: { body } }]`). */
export function sampleBody(template: Template): unknown {
	const sample = nodesOf(template).find((node) => node.type === 'n8n-nodes-base.code' && /^Sample/.test(node.name));
	const code = sample?.parameters?.jsCode;
	if (typeof code !== 'string') throw new Error(`${template.name}: no Sample Code node to take the order from`);
	// Our own template's sample: a literal, no n8n variables.
	const items = new Function(code)() as Array<{ json: { body?: unknown } }>;
	const body = items[0]?.json?.body;
	if (body === undefined) throw new Error(`${template.name}: the sample node returns no json.body`);
	return body;
}

/** The requests the emulators saw, one line each (for a report when an execution failed). */
async function journalLines(services: ServiceUnderTest[]): Promise<string[]> {
	const lines: string[] = [];
	for (const { want, control } of services) {
		const entries = await control.journal();
		const start = entries[0]?.time ?? 0;
		for (const entry of entries) {
			lines.push(
				`  ${want.service} +${entry.time - start}ms ${entry.method} ${entry.path} → ${entry.status ?? '-'}${entry.rateLimited ? ` (rate limit: ${entry.rateLimited})` : ''} ${entry.durationMs}ms`,
			);
		}
	}
	return lines;
}

async function journalSizes(services: ServiceUnderTest[]): Promise<number> {
	let total = 0;
	for (const { control } of services) total += (await control.journal()).length;
	return total;
}

/**
 * Polls until the state shows the run's records (or `timeoutMs`), then until no emulator has
 * seen a request for `quietMs` (every execution has finished); returns the comparison.
 */
async function settled(
	deps: StoreWebhookDeps,
	services: ServiceUnderTest[],
	before: Map<string, CompanyState>,
	{ timeoutMs = 90_000, quietMs = 2500, phase = 'afterRun' as 'afterRun' | 'afterSecondRun' } = {},
) {
	const deadline = Date.now() + timeoutMs;
	let problems = ['not checked'];
	while (Date.now() < deadline) {
		problems = deps.compare(services, before, await deps.servicesState(services), phase);
		if (problems.length === 0) break;
		await sleep(300);
	}
	let seen = await journalSizes(services);
	let quietSince = Date.now();
	while (Date.now() < deadline && Date.now() - quietSince < quietMs) {
		await sleep(250);
		const now = await journalSizes(services);
		if (now !== seen) {
			seen = now;
			quietSince = Date.now();
		}
	}
	return deps.compare(services, before, await deps.servicesState(services), phase);
}

export async function checkStoreWebhooks(
	deps: StoreWebhookDeps,
	ctx: N8nContext,
	cookie: string,
	sandbox: Sandbox,
	expectations: Expectation[],
	storeSecret: string,
): Promise<void> {
	const templates = listTemplates();
	await deps.check(
		`every POST webhook of the templates requires Header Auth with the "${STORE_WEBHOOK_AUTH.name}" credential (GET callbacks from a browser redirect are exempt)`,
		async () =>
			templates.flatMap((template) =>
				webhookNodes(template)
					.filter((node) => (node.parameters?.httpMethod ?? 'GET') !== 'GET')
					.flatMap((node) => {
						const problems: string[] = [];
						if (node.parameters?.authentication !== 'headerAuth') problems.push(`${template.name}: "${node.name}" has authentication ${JSON.stringify(node.parameters?.authentication ?? 'none')}`);
						if (node.credentials?.httpHeaderAuth?.id !== STORE_WEBHOOK_AUTH.id) problems.push(`${template.name}: "${node.name}" does not use credential ${STORE_WEBHOOK_AUTH.id}`);
						return problems;
					}),
			),
	);

	for (const template of templates) {
		const hooks = webhookNodes(template).filter((node) => node.parameters?.authentication === 'headerAuth');
		const expectation = expectations.find((e) => e.template === template.name);
		if (!hooks.length || !expectation) continue;
		const services: ServiceUnderTest[] = serviceExpectations(expectation).map((want) => {
			const emulator = sandbox.emulators.find((e) => e.name === want.service);
			if (!emulator) throw new Error(`${template.name}: the ${want.service} emulator is not running`);
			return { want, control: new SandboxControl(emulator.controlUrl) };
		});
		// Clean records, but the tokens and sessions n8n holds stay valid, as a vendor keeps them.
		// n8n stored a token at the credential test; an emulator that forgot it would answer both
		// executions' first requests 401, and n8n renews a refused token per request, outside the
		// node's rate budget (Procountor then suspends the client): a revoked token, not what
		// this check is about.
		const fresh = async () => {
			for (const { control } of services) await control.reset({ keepSessions: true });
			return await deps.servicesState(services);
		};
		const activated = await activate(ctx, cookie, template.id);
		if (activated.length) {
			await deps.check(`${template.name}: the workflow is published so its store webhook is live`, async () => activated);
			continue;
		}
		for (const hook of hooks) {
			const url = `http://127.0.0.1:${ctx.port}/webhook/${String(hook.parameters?.path)}`;
			const body = sampleBody(template);
			const good = { [STORE_WEBHOOK_AUTH.headerName]: storeSecret };
			await deps.check(`${template.name}: "${hook.name}" without the ${STORE_WEBHOOK_AUTH.headerName} header, or with a wrong one, is refused (401/403) and books nothing`, async () => {
				const before = await fresh();
				const problems: string[] = [];
				const attempts: Array<[string, Record<string, string>]> = [
					['no header', {}],
					['a wrong secret', { [STORE_WEBHOOK_AUTH.headerName]: `${storeSecret}x` }],
					['the secret under another header', { 'x-api-key': storeSecret }],
					['an empty header', { [STORE_WEBHOOK_AUTH.headerName]: '' }],
				];
				for (const [label, headers] of attempts) {
					const answer = await firstAnswer(url, headers, body);
					if (answer.status !== 401 && answer.status !== 403) problems.push(`${label}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
				}
				await sleep(3000); // an execution that had started would have called a vendor by now
				const requests = await journalSizes(services);
				if (requests) problems.push(`${requests} request(s) reached the emulators`);
				const after = await deps.servicesState(services);
				for (const [service, tables] of after) {
					const was = before.get(service) ?? {};
					for (const table of new Set([...Object.keys(was), ...Object.keys(tables)])) {
						if (JSON.stringify(was[table] ?? []) !== JSON.stringify(tables[table] ?? [])) problems.push(`${service}.${table} changed`);
					}
				}
				return problems;
			});
			// Twice at once first: the nodes remember in this n8n process what they created, so only
			// the first authenticated delivery after a reset meets an empty sandbox and a clean slate.
			// Both executions must succeed: one books (its output as afterRun's), the other takes its
			// turn under the lock and reports what the first booked (afterSecondRun's: alreadyExisted).
			const { afterRun, afterSecondRun } = expectation;
			await deps.check(`${template.name}: "${hook.name}" with the header, the sample order delivered twice at the same moment: both accepted, both executions succeed, booked exactly once, as a run books it; one reports it as already there`, async () => {
				const before = await fresh();
				const known = await executionIds(ctx, cookie, template.id);
				const answers = await deliverWebhookConcurrently(url, body, { copies: 2, headers: good });
				const problems = answers.filter((a) => a.status !== 200).map((a) => `a delivery got HTTP ${a.status} ${a.body.slice(0, 200)}`);
				problems.push(...(await settled(deps, services, before)));
				const { runs, problems: waited } = await executionsEnded(ctx, cookie, template.id, known, 2);
				problems.push(...waited);
				runs.forEach((run, index) => {
					if (!run.ok) problems.push(`execution ${index + 1} failed${run.error?.node ? ` in "${run.error.node}"` : ''}: ${run.errors.join(' | ').slice(0, 800)}`);
				});
				if (runs.some((run) => !run.ok)) problems.push('the requests:', ...(await journalLines(services)));
				if (runs.length === 2 && runs.every((run) => run.ok)) {
					const as = (first: number, second: number) => [
						...checkOutput(runs[first].output, afterRun.output).map((p) => `execution ${first + 1}: ${p}`),
						...checkOutput(runs[second].output, afterSecondRun.output).map((p) => `execution ${second + 1}: ${p}`),
					];
					const oneWay = as(0, 1);
					const otherWay = as(1, 0);
					if (oneWay.length && otherWay.length) problems.push('neither execution booked while the other reported it (afterRun / afterSecondRun output):', ...oneWay);
				}
				return problems;
			});
			await deps.check(`${template.name}: "${hook.name}" with the header, the same order once more: accepted, the execution succeeds, nothing added`, async () => {
				const before = await deps.servicesState(services);
				const known = await executionIds(ctx, cookie, template.id);
				const answer = await firstAnswer(url, good, body);
				if (answer.status !== 200) return [`HTTP ${answer.status} ${answer.text.slice(0, 300)}`];
				const problems = await settled(deps, services, before, { phase: 'afterSecondRun' });
				const { runs, problems: waited } = await executionsEnded(ctx, cookie, template.id, known, 1);
				problems.push(...waited);
				for (const run of runs) {
					if (!run.ok) problems.push(`the execution failed: ${run.errors.join(' | ').slice(0, 800)}`);
					else problems.push(...checkOutput(run.output, afterSecondRun.output));
				}
				return problems;
			});
		}
	}
}
