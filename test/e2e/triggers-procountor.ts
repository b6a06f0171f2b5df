/**
 * The Procountor Trigger in a running n8n (`n8n start`), as a user runs it: the template
 * *Procountor: invoice paid → web-store order marked paid* published (its trigger polls every
 * minute, n8n's shortest polling interval: a cron with seconds is refused as "too short"),
 * invoices created and paid in the Procountor emulator between polls, and then:
 * - each invoice paid in full gives exactly one execution item (the trigger node's output),
 *   none for an invoice paid before the workflow was published, none for a part payment
 *   (Include Partly Paid is off in the template), none on the polls after;
 * - the web store (the emulator's `/store`) got exactly one "paid" call per paid invoice.
 * The books' owner works through a second API client, so only the trigger's requests count
 * against the trigger's client (Procountor's 20 requests per second are per client).
 *
 * Runs with the full suite, and alone with `--only=procountor-invoice-paid-mark-order` (or
 * `--only=procountor-trigger`). About 3 minutes: three polls a minute apart.
 */
import { request } from 'undici';

import type { Sandbox } from '../../sandbox';
import { createProcountorToken, SandboxControl } from '../../sandbox/client';
import type { JournalEntry } from '../../sandbox/framework/journal';
import { majorOf, rest, type N8nContext } from '../../scripts/n8n-local';
import { activate, executionIds, executionsEnded, type RunOutcome } from './webhook-runs';

export const PROCOUNTOR_TRIGGER_TEMPLATE = 'procountor-invoice-paid-mark-order';
const WORKFLOW_ID = 'NcPcInvoicePaidMark1';
const TRIGGER_NODE = 'Invoice paid in Procountor';
const STORE_NODE = 'Mark order paid in the store';
const TRIGGER_CLIENT = 'sandbox-client-id';
const OWNER = { clientId: 'books-owner-client', clientSecret: 'books-owner-secret', apiKey: 'books-owner-api-key' };
/** A poll comes at most a minute (and a random second) after the last. */
const NEXT_POLL_MS = 150_000;

type Check = (name: string, body: () => Promise<string[]>) => Promise<boolean>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Books {
	call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
	invoice(order: string, gross: number): Promise<number>;
	pay(id: number, amount: number): Promise<void>;
}

async function booksOwner(sandbox: Sandbox): Promise<Books> {
	const base = sandbox.procountor.baseUrl;
	const { accessToken } = await createProcountorToken(base, OWNER);
	const call = async (method: string, path: string, body?: unknown) => {
		const res = await request(`${base}${path}`, {
			method: method as never,
			headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await res.body.json()) as Record<string, unknown>;
		if (res.statusCode !== 200) throw new Error(`${method} ${path}: HTTP ${res.statusCode} ${JSON.stringify(json).slice(0, 300)}`);
		return json;
	};
	return {
		call,
		async invoice(order, gross) {
			const created = await call('POST', '/invoices', {
				type: 'SALES_INVOICE',
				date: '2026-10-01',
				counterParty: { counterPartyAddress: { name: 'Kahvila Äijä Oy' }, email: 'laskut@kahvila-aija.example' },
				paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', bankAccount: { accountNumber: 'FI2799999900031563' }, dueDate: '2026-10-15', currencyRate: 1, bankReferenceCode: '' },
				extraInfo: { accountingByRow: false, unitPricesIncludeVat: true },
				discountPercent: 0,
				invoiceRows: [{ product: 'Kahvi', quantity: 1, unit: 'PIECE', unitPrice: gross, discountPercent: 0, vatPercent: 14 }],
				vatStatus: 1,
				invoiceChannel: 'EMAIL',
				language: 'FINNISH',
				originalInvoiceNumber: order,
			});
			await call('PUT', `/invoices/${String(created.id)}/approve`);
			return Number(created.id);
		},
		async pay(id, amount) {
			await call('PUT', `/invoices/${id}/paymentevents/markpaid`, { paymentDate: '2026-10-05', amount, currency: 'EUR' });
		},
	};
}

/** The trigger's searches (its own API client), after `since` (epoch ms). */
async function triggerSearches(control: SandboxControl, since: number): Promise<JournalEntry[]> {
	const entries = await control.journal({ method: 'GET', path: '/api/invoices' });
	return entries.filter((entry) => entry.time > since && entry.rateLimitKey === `client:${TRIGGER_CLIENT}` && entry.status === 200);
}

/** Waits for the trigger's next search after `since`; returns when it was. */
async function nextPoll(control: SandboxControl, since: number): Promise<number> {
	const deadline = Date.now() + NEXT_POLL_MS;
	while (Date.now() < deadline) {
		const [first] = await triggerSearches(control, since);
		if (first) return first.time;
		await sleep(500);
	}
	throw new Error(`the trigger did not poll within ${NEXT_POLL_MS / 1000} s`);
}

/**
 * The executions started since `known`, once every one has ended and their trigger items
 * include all of `orders` (or the time is up): whatever they reported, for the checks.
 */
async function runsReporting(ctx: N8nContext, cookie: string, known: Set<string>, orders: string[], timeoutMs = NEXT_POLL_MS): Promise<RunOutcome[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const started = [...(await executionIds(ctx, cookie, WORKFLOW_ID))].filter((id) => !known.has(id));
		const { runs } = started.length ? await executionsEnded(ctx, cookie, WORKFLOW_ID, known, started.length, { timeoutMs: 60_000 }) : { runs: [] };
		const reported = new Set(runs.flatMap((run) => orderNumbers(run, TRIGGER_NODE)));
		if (orders.every((order) => reported.has(order)) || Date.now() > deadline) return runs;
		await sleep(1_000);
	}
}

function orderNumbers(run: RunOutcome, node: string): string[] {
	return (run.output?.[node] ?? []).map((item) => String((item as Record<string, unknown>).originalInvoiceNumber));
}

async function deactivate(ctx: N8nContext, cookie: string): Promise<void> {
	if (majorOf(ctx.n8n.n8nVersion) >= 2) await rest(ctx, cookie, 'POST', `/rest/workflows/${WORKFLOW_ID}/deactivate`, {});
	else await rest(ctx, cookie, 'PATCH', `/rest/workflows/${WORKFLOW_ID}`, { active: false });
}

interface StoreState {
	store: { orders: Array<{ orderNumber: string; paidCalls: number; payment: Record<string, unknown> }>; paidCalls: Array<{ orderNumber: string }> };
}

/** The scenario; `only` as given to the e2e runner. */
export async function checkProcountorTrigger(check: Check, ctx: N8nContext, cookie: string, sandbox: Sandbox, only?: string): Promise<void> {
	if (only && only !== PROCOUNTOR_TRIGGER_TEMPLATE && only !== 'procountor-trigger') return;
	const control = new SandboxControl(sandbox.procountor.controlUrl);
	await control.reset();
	await control.configure({
		clients: [
			{ clientId: TRIGGER_CLIENT, clientSecret: 'sandbox-client-secret' },
			{ clientId: OWNER.clientId, clientSecret: OWNER.clientSecret },
		],
		apiKeys: [
			{ apiKey: 'sandbox-api-key', clientId: TRIGGER_CLIENT, companyId: 2684459, userId: 51001 },
			{ apiKey: OWNER.apiKey, clientId: OWNER.clientId, companyId: 2684459, userId: 51001 },
		],
	});
	const books = await booksOwner(sandbox);
	try {
		await check(
			`Procountor Trigger (${PROCOUNTOR_TRIGGER_TEMPLATE}, published, polling every minute): each invoice paid in full gives exactly one execution item and one "paid" call to the store; earlier payments, part payments and later polls none`,
			async () => {
				const problems: string[] = [];
				// Paid before the workflow is published: never reported.
				const old = await books.invoice('4999', 20);
				await books.pay(old, 20);

				const before = await executionIds(ctx, cookie, WORKFLOW_ID);
				const publishedAt = Date.now();
				problems.push(...(await activate(ctx, cookie, WORKFLOW_ID)));
				if (problems.length) return problems;
				// n8n polls once on activation: from then on the trigger watches.
				await nextPoll(control, publishedAt - 1);
				const known = await executionIds(ctx, cookie, WORKFLOW_ID);
				if (known.size !== before.size) problems.push('the activation poll started an execution (the invoice paid before publishing is not an event)');

				// Round 1: 6001 paid in full, 6002 only in part.
				const a = await books.invoice('6001', 124);
				const b = await books.invoice('6002', 60);
				await books.pay(a, 124);
				await books.pay(b, 10);
				let runs = await runsReporting(ctx, cookie, known, ['6001']);
				// Round 2: 6002's remainder, and 6003 created and paid at once.
				const c = await books.invoice('6003', 35.5);
				await books.pay(b, 50);
				await books.pay(c, 35.5);
				runs = await runsReporting(ctx, cookie, known, ['6001', '6002', '6003']);
				// One more poll with nothing new: no more executions.
				await nextPoll(control, Date.now());
				await sleep(5_000);
				runs = await runsReporting(ctx, cookie, known, ['6001', '6002', '6003'], 1_000);
				console.log(`     (${runs.length} execution(s) reported the payments)`);

				for (const [index, run] of runs.entries()) if (!run.ok) problems.push(`execution ${index + 1} failed: ${run.errors.join(' | ')}`);
				const reported = runs.flatMap((run) => orderNumbers(run, TRIGGER_NODE)).sort();
				if (JSON.stringify(reported) !== JSON.stringify(['6001', '6002', '6003'])) {
					problems.push(`trigger items (order numbers): ${JSON.stringify(reported)}, expected exactly one each for 6001, 6002, 6003`);
				}
				const stored = runs.flatMap((run) => (run.output?.[STORE_NODE] ?? []) as Array<Record<string, unknown>>);
				if (stored.length !== 3 || stored.some((answer) => answer.status !== 'paid' || answer.paidCalls !== 1)) {
					problems.push(`store answers: ${JSON.stringify(stored)}, expected three with status paid and paidCalls 1`);
				}
				const items = runs.flatMap((run) => (run.output?.[TRIGGER_NODE] ?? []) as Array<Record<string, unknown>>);
				for (const item of items) {
					if (item.event !== 'invoicePaid' || item.status !== 'MARKED_PAID') problems.push(`item ${String(item.originalInvoiceNumber)}: event ${String(item.event)}, status ${String(item.status)}`);
					if (!Array.isArray(item.paymentEvents) || !item.paymentEvents.length) problems.push(`item ${String(item.originalInvoiceNumber)} has no paymentEvents`);
				}
				const store = (await control.state<StoreState>()).store;
				const calls = store.paidCalls.map((call) => call.orderNumber).sort();
				if (JSON.stringify(calls) !== JSON.stringify(['6001', '6002', '6003'])) problems.push(`store "paid" calls: ${JSON.stringify(calls)}, expected one each for 6001, 6002, 6003`);
				const b6002 = store.orders.find((order) => order.orderNumber === '6002');
				if (b6002 && b6002.payment.paidAmount !== 60) problems.push(`order 6002 paid amount ${String(b6002.payment.paidAmount)}, expected 60 (both payments)`);
				return problems;
			},
		);
	} finally {
		await deactivate(ctx, cookie);
		await control.reset();
	}
}
