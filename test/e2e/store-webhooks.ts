/**
 * The templates' store webhooks, through a running n8n (`n8n start`): every POST webhook of a
 * template requires n8n's Header Auth with the "Store webhook (header auth)" credential; a
 * request without the header, or with a wrong one, is refused by n8n (401/403) and books
 * nothing (no request reaches any emulator); authenticated, the template's own *Sample order*
 * delivered twice at the same moment is accepted twice and booked exactly as the template's
 * expectation says for one run; delivered once more, it adds nothing.
 *
 * Used by test/e2e/run.ts while its n8n server runs; the checks and state comparisons are
 * run.ts's own (passed in), so the results read like the rest of the suite.
 */
import { request } from 'undici';

import { deliverWebhookConcurrently, SandboxControl } from '../../sandbox/client';
import type { Sandbox } from '../../sandbox';
import { listTemplates, majorOf, rest, STORE_WEBHOOK_AUTH, type N8nContext, type Template } from '../../scripts/n8n-local';
import { serviceExpectations, type CompanyState, type Expectation, type ServiceExpectation } from './expectations';

interface WorkflowNode {
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

function webhookNodes(template: Template): WorkflowNode[] {
	return nodesOf(template).filter((node) => node.type === 'n8n-nodes-base.webhook');
}

/** The body the template's *Sample order* Code node feeds (`return [{ json: { body } }]`). */
function sampleBody(template: Template): unknown {
	const sample = nodesOf(template).find((node) => node.type === 'n8n-nodes-base.code' && /^Sample/.test(node.name));
	const code = sample?.parameters?.jsCode;
	if (typeof code !== 'string') throw new Error(`${template.name}: no Sample Code node to take the order from`);
	// Our own template's sample: a literal, no n8n variables.
	const items = new Function(code)() as Array<{ json: { body?: unknown } }>;
	const body = items[0]?.json?.body;
	if (body === undefined) throw new Error(`${template.name}: the sample node returns no json.body`);
	return body;
}

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; text: string }> {
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
async function activate(ctx: N8nContext, cookie: string, id: string): Promise<string[]> {
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
async function firstAnswer(url: string, headers: Record<string, string>, body: unknown) {
	for (let attempt = 1; ; attempt++) {
		const answer = await post(url, headers, body);
		if (answer.status === 404 && /not registered/i.test(answer.text) && attempt < 50) {
			await sleep(200);
			continue;
		}
		return answer;
	}
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
		const fresh = async () => {
			for (const { control } of services) await control.reset();
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
			await deps.check(`${template.name}: "${hook.name}" with the header, the sample order delivered twice at the same moment: both accepted, booked exactly once, as a run books it`, async () => {
				const before = await fresh();
				const answers = await deliverWebhookConcurrently(url, body, { copies: 2, headers: good });
				const problems = answers.filter((a) => a.status !== 200).map((a) => `a delivery got HTTP ${a.status} ${a.body.slice(0, 200)}`);
				return [...problems, ...(await settled(deps, services, before))];
			});
			await deps.check(`${template.name}: "${hook.name}" with the header, the same order once more: accepted, nothing added`, async () => {
				const before = await deps.servicesState(services);
				const answer = await firstAnswer(url, good, body);
				if (answer.status !== 200) return [`HTTP ${answer.status} ${answer.text.slice(0, 300)}`];
				return await settled(deps, services, before, { phase: 'afterSecondRun' });
			});
		}
	}
}
