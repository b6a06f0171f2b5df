/**
 * The Tripletex Trigger in a real n8n (`n8n start`, its WEBHOOK_URL the production URL), for a
 * template whose expectation has a `trigger` key (test/e2e/README.md): such a template is not run
 * with `n8n execute` (it has no Manual Trigger); instead
 *
 * 1. publishing (2.x) / activating (1.x) it subscribes in the Tripletex sandbox: one
 *    subscription per event of `trigger.events`, to n8n's production URL, ACTIVE;
 * 2. an invoice charged in the sandbox (an order invoiced through the API, as a Tripletex user
 *    would) is delivered by the sandbox over HTTP, signed, and starts exactly one execution,
 *    whose output is `afterRun.output` and whose `trigger.binaryNode` item carries the PDF;
 *    the sandbox's tables grew by `afterRun.added` (the subscription and the invoice's records:
 *    the template itself writes nothing);
 * 3. that delivery sent again as it was (same idempotency key and signature), and a new one sent
 *    three times at the same moment, start no further execution (the new one: exactly one);
 * 4. a forged delivery (the recorded signature on a changed body; none at all; and the sandbox
 *    signing every attempt of a new event with a wrong secret) is refused with 401 and starts none;
 * 5. deactivating it deletes the subscription in the sandbox.
 *
 * Executions are read through n8n's REST API (test/e2e/webhook-runs.ts).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { Sandbox } from '../../sandbox';
import { createTripletexSession, SandboxControl } from '../../sandbox/client';
import { listTemplates, login, majorOf, rest, startServer, type N8nContext } from '../../scripts/n8n-local';
import { checkAdded, checkOutput, stateTables, type CompanyState, type Expectation } from './expectations';
import { activate, executionIds, executionsEnded, post } from './webhook-runs';

/** The `trigger` key of a trigger template's expectation. */
export interface TriggerExpectation {
	/** The trigger node of the template. */
	node: string;
	/** The events it subscribes to. */
	events: string[];
	/** The node whose output item must carry the PDF as binary `data`. */
	binaryNode?: string;
}

interface Deps {
	check(name: string, body: () => Promise<string[]>): Promise<boolean>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to keep watching for an execution that must not start. */
const QUIET_MS = 3000;

async function deactivate(ctx: N8nContext, cookie: string, id: string): Promise<string[]> {
	const res =
		majorOf(ctx.n8n.n8nVersion) >= 2
			? await rest(ctx, cookie, 'POST', `/rest/workflows/${id}/deactivate`, {})
			: await rest(ctx, cookie, 'PATCH', `/rest/workflows/${id}`, { active: false });
	return res.status === 200 ? [] : [`deactivating ${id}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`];
}

/** The binary properties of a node's first output item in an execution (name → fileName, mimeType). */
async function binaryOf(ctx: N8nContext, cookie: string, executionId: string, node: string): Promise<Record<string, { fileName?: string; mimeType?: string }>> {
	const res = await rest<{ data?: { data?: unknown } }>(ctx, cookie, 'GET', `/rest/executions/${executionId}`);
	const raw = res.body.data?.data;
	const flatted = createRequire(join(ctx.n8n.dir, 'node_modules', 'n8n', 'package.json'))('flatted') as { parse(text: string): unknown };
	const data = (typeof raw === 'string' ? flatted.parse(raw) : raw) as {
		resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ binary?: Record<string, { fileName?: string; mimeType?: string }> }>> } }>> };
	};
	return data?.resultData?.runData?.[node]?.at(-1)?.data?.main?.[0]?.[0]?.binary ?? {};
}

/** Runs the Tripletex trigger scenario when `expectation` is a Tripletex trigger template; false otherwise. */
export async function checkTripletexTriggerTemplate(deps: Deps, ctx: N8nContext, sandbox: Sandbox, expectation: Expectation): Promise<boolean> {
	const trigger = (expectation as Expectation & { trigger?: TriggerExpectation }).trigger;
	if (!trigger || expectation.service !== 'tripletex') return false;
	const { check } = deps;
	const template = listTemplates().find((candidate) => candidate.name === expectation.template);
	const name = expectation.template;
	if (!template) {
		await check(`${name}: template exists`, async () => [`templates/${name}.json not found`]);
		return true;
	}
	const triggerNode = (template.workflow.nodes as Array<{ name: string; webhookId?: string }>).find((node) => node.name === trigger.node);
	const targetUrl = `http://localhost:${ctx.port}/webhook/${String(triggerNode?.webhookId)}/webhook`;
	const base = sandbox.tripletex.baseUrl;
	const control = new SandboxControl(sandbox.tripletex.controlUrl);
	const hooks = sandbox.tripletex.emulator.webhooks;
	const tables = async (): Promise<CompanyState> => stateTables(await control.state(), expectation.company);
	const outgoing = async () => (await control.journal()).filter((entry) => entry.direction === 'outgoing');

	await control.reset();
	await control.configure({ webhooks: { retryDelaysMs: [300, 1000], timeoutMs: 10_000 } });
	const { authorization } = await createTripletexSession(base);
	const api = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${base}${path}`, { method, headers: { authorization, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		return ((await res.json()) as { value: Record<string, unknown> }).value;
	};
	/** An order for a seed customer, invoiced: what Tripletex reports as invoice.charged. */
	const chargeInvoice = async () => {
		const order = await api('POST', '/order', {
			customer: { id: 310001 },
			orderDate: '2026-07-15',
			deliveryDate: '2026-07-15',
			isPrioritizeAmountsIncludingVat: true,
			orderLines: [{ product: { id: 330001 }, count: 2 }],
		});
		return await api('PUT', `/order/${String(order.id)}/:invoice?invoiceDate=2026-07-15`);
	};

	const server = await startServer(ctx, join(ctx.userFolder, `n8n-${name}.log`));
	/** The subscription ids in the workflow's static data (never the secrets), for reports. */
	const storedIds = async () => {
		const res = await rest<{ data?: { staticData?: Record<string, { subscriptions?: Array<{ id: number }> }> } }>(ctx, cookie, 'GET', `/rest/workflows/${template.id}`);
		return JSON.stringify(Object.values(res.body.data?.staticData ?? {}).flatMap((data) => (data.subscriptions ?? []).map((subscription) => subscription.id)));
	};
	let cookie = '';
	try {
		cookie = await login(ctx);
		const before = await tables();
		const active = await check(`${name}: publishing it subscribes to ${trigger.events.join(', ')} in the sandbox at n8n's production URL`, async () => {
			const problems = await activate(ctx, cookie, template.id);
			if (problems.length) return problems;
			const want = trigger.events.map((event) => `${event} ${targetUrl} ACTIVE`).sort();
			// n8n may answer the activation before the trigger's create has finished.
			let got: string[] = [];
			for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
				const subscriptions = (await tables()).Subscription ?? [];
				got = subscriptions.map((s) => `${String(s.event)} ${String(s.targetUrl)} ${String(s.status)}`).sort();
				if (got.length >= want.length) break;
			}
			await sleep(500);
			got = ((await tables()).Subscription ?? []).map((s) => `${String(s.event)} ${String(s.targetUrl)} ${String(s.status)}`).sort();
			const held = JSON.parse(await storedIds()) as number[];
			const ids = ((await tables()).Subscription ?? []).map((subscription) => subscription.id);
			if (JSON.stringify(got) === JSON.stringify(want) && JSON.stringify(held) === JSON.stringify(ids)) return [];
			if (JSON.stringify(got) === JSON.stringify(want)) return [`the sandbox has subscriptions ${JSON.stringify(ids)}, the workflow's static data ${JSON.stringify(held)}`];
			const requests = (await control.journal()).map((entry) => `sandbox saw: ${entry.method} ${entry.path} → ${String(entry.status)}`);
			return [`subscriptions ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`, ...requests];
		});
		if (!active) return true;

		await check(`${name}: an invoice charged in the sandbox starts exactly one execution carrying that event, its PDF ready as binary`, async () => {
			const known = await executionIds(ctx, cookie, template.id);
			const invoice = await chargeInvoice();
			await hooks.idle();
			const { runs, problems } = await executionsEnded(ctx, cookie, template.id, known, 1);
			if (problems.length) {
				const deliveries = await outgoing();
				const last = deliveries.at(-1);
				// The trigger's answer says which check refused it: replay the last attempt to read it.
				const replay = last ? await post(targetUrl, { 'idempotency-key': String(last.headers['idempotency-key']), 'x-request-signature': String(last.headers['x-request-signature']) }, last.body) : undefined;
				return [
					...problems,
					...deliveries.map((entry) => `delivery: ${entry.status} ${JSON.stringify(entry.delivery)}`),
					`replayed: ${replay?.status} ${replay?.text.slice(0, 300)}`,
					`n8n holds subscriptions ${await storedIds()}; the sandbox has ${JSON.stringify(((await tables()).Subscription ?? []).map((s) => s.id))}`,
					...(await control.journal()).filter((entry) => entry.direction !== 'outgoing' && entry.path.includes('/event')).map((entry) => `sandbox saw: ${entry.method} ${entry.path} → ${String(entry.status)}`),
				];
			}
			await sleep(QUIET_MS);
			const all = await executionIds(ctx, cookie, template.id);
			const started = [...all].filter((id) => !known.has(id));
			if (started.length !== 1) problems.push(`${started.length} executions started, expected 1`);
			const [run] = runs;
			if (!run.ok) problems.push(`the execution failed: ${run.errors.join(' | ')}`);
			problems.push(...checkOutput(run.output, expectation.afterRun.output));
			const event = (run.output?.[trigger.node] ?? [])[0] as Record<string, unknown> | undefined;
			if (event?.id !== invoice.id) problems.push(`the execution carries ${JSON.stringify(event)}, expected invoice ${String(invoice.id)}`);
			if (trigger.binaryNode) {
				const binary = await binaryOf(ctx, cookie, started[0], trigger.binaryNode);
				if (binary.data?.mimeType !== 'application/pdf') problems.push(`"${trigger.binaryNode}" has no PDF in binary data: ${JSON.stringify(binary)}`);
			}
			problems.push(...checkAdded(before, await tables(), expectation.afterRun.added));
			return problems;
		});

		await check(`${name}: the same delivery again, and a new one three times at the same moment, start no further execution`, async () => {
			const problems: string[] = [];
			const [delivered] = (await outgoing()).filter((entry) => entry.status === 200);
			if (!delivered) return ['no delivery was recorded'];
			const known = await executionIds(ctx, cookie, template.id);
			const again = await post(targetUrl, { 'idempotency-key': String(delivered.headers['idempotency-key']), 'x-request-signature': String(delivered.headers['x-request-signature']) }, delivered.body);
			if (again.status !== 200) problems.push(`the repeated delivery was answered ${again.status} ${again.text.slice(0, 200)}`);
			await control.configure({ webhookFaults: [{ kind: 'duplicate', copies: 3, concurrent: true }] });
			await chargeInvoice();
			await hooks.idle();
			const copies = (await outgoing()).filter((entry) => entry.delivery?.fault === 'duplicate');
			if (copies.length !== 3 || copies.some((entry) => entry.status !== 200)) problems.push(`the three copies were answered ${JSON.stringify(copies.map((entry) => entry.status))}`);
			const { problems: waited } = await executionsEnded(ctx, cookie, template.id, known, 1);
			problems.push(...waited);
			await sleep(QUIET_MS);
			const started = [...(await executionIds(ctx, cookie, template.id))].filter((id) => !known.has(id));
			if (started.length !== 1) problems.push(`${started.length} executions started for one repeated and one new delivery sent three times, expected 1`);
			return problems;
		});

		await check(`${name}: a forged delivery (changed body, no signature, or signed with another secret) is refused with 401 and starts nothing`, async () => {
			const problems: string[] = [];
			const [delivered] = (await outgoing()).filter((entry) => entry.status === 200);
			const known = await executionIds(ctx, cookie, template.id);
			const body = { ...(delivered.body as Record<string, unknown>), id: 424242 };
			const changed = await post(targetUrl, { 'idempotency-key': 'forged-1', 'x-request-signature': String(delivered.headers['x-request-signature']) }, body);
			const unsigned = await post(targetUrl, { 'idempotency-key': 'forged-2' }, body);
			if (changed.status !== 401 || unsigned.status !== 401) problems.push(`forged deliveries answered ${changed.status} and ${unsigned.status}, expected 401`);
			const seq = (await control.journal()).at(-1)?.seq ?? 0;
			await control.configure({ webhookFaults: [{ kind: 'wrongSignature', times: 0 }] });
			await chargeInvoice();
			await hooks.idle();
			await control.configure({ webhookFaults: [] });
			const attempts = (await outgoing()).filter((entry) => entry.seq > seq);
			if (attempts.length === 0 || attempts.some((entry) => entry.status !== 401)) problems.push(`wrongly signed attempts answered ${JSON.stringify(attempts.map((entry) => entry.status))}, expected 401 each`);
			await sleep(QUIET_MS);
			const started = [...(await executionIds(ctx, cookie, template.id))].filter((id) => !known.has(id));
			if (started.length) problems.push(`${started.length} executions started from forged deliveries`);
			return problems;
		});

		await check(`${name}: deactivating it deletes the subscription in the sandbox`, async () => {
			const problems = await deactivate(ctx, cookie, template.id);
			let left = (await tables()).Subscription ?? [];
			for (const deadline = Date.now() + 30_000; left.length && Date.now() < deadline; await sleep(250)) left = (await tables()).Subscription ?? [];
			if (left.length) problems.push(`subscriptions left: ${JSON.stringify(left)}`);
			return problems;
		});
	} finally {
		await server.stop();
	}
	return true;
}
