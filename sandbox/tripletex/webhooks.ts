/**
 * Tripletex's webhooks (`/event`, `/event/subscription`): the events on offer, subscriptions
 * (stored in the company's books as `Subscription`; the write-only `hmacSharedSecret` and
 * `authHeaderValue` only here, never in state, journal or answers), and real HTTP deliveries to
 * a subscription's `targetUrl` when the emulator creates, changes or deletes a record:
 *
 *   POST <targetUrl>   {subscriptionId, event, id, value}     (value null for *.delete)
 *   idempotency-key:      the same for every attempt and copy of one delivery
 *   x-request-signature:  base64(HmacSHA512(idempotency-key + "&" + body)) with the subscription's secret
 *   <authHeaderName>:     <authHeaderValue>, when the subscription has one
 *
 * A delivery is retried with back-off (`retryDelaysMs`) after a non-2xx answer, a connection
 * error or no answer within `timeoutMs`; a subscription whose deliveries fail
 * `disableAfterFailedDeliveries` times in a row becomes DISABLED_TOO_MANY_ERRORS. Every attempt
 * is written to the journal (`direction: 'outgoing'`). Faults (`webhookFaults` in the config):
 * `duplicate` (the same delivery sent `copies` times, at once with `concurrent`), `wrongSignature`
 * (signed with another secret), `slowTarget` (the emulator stops waiting after `timeoutMs`, as if
 * the target were slow, and retries with the same key).
 */
import { randomUUID } from 'node:crypto';
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from 'undici';

import type { OutgoingJournal } from '../framework/types';
import { REDACTED } from '../framework/journal';
import { parseFields, type Renderer, STAR } from './render';
import type { Books, Rec } from './state';

/** The events Tripletex documents (shared/research/tripletex.md), with the record each concerns. */
export const TRIPLETEX_EVENTS: Record<string, { description: string; schema: string | null }> = {
	'invoice.charged': { description: 'An invoice (or credit note) was charged', schema: 'Invoice' },
	'voucherstatus.ready': { description: 'A voucher is ready for processing', schema: null },
};
const SUBJECTS: Array<[string, string, string]> = [
	['account', 'Account', 'An account'],
	['contact', 'Contact', 'A contact'],
	['customer', 'Customer', 'A customer'],
	['employee', 'Employee', 'An employee'],
	['order', 'Order', 'An order'],
	['product', 'Product', 'A product'],
	['project', 'Project', 'A project'],
	['supplier', 'Supplier', 'A supplier'],
	['voucher', 'Voucher', 'A voucher'],
];
for (const [subject, schema, label] of SUBJECTS) {
	for (const [verb, done] of [
		['create', 'created'],
		['update', 'updated'],
		['delete', 'deleted'],
	]) {
		TRIPLETEX_EVENTS[`${subject}.${verb}`] = { description: `${label} was ${done}`, schema };
	}
}

export interface WebhookSettings {
	/** Waits before the 2nd, 3rd, … attempt of a delivery. */
	retryDelaysMs: number[];
	/** How long an attempt waits for the target's answer. */
	timeoutMs: number;
	/** Wait between the change and the first attempt. */
	delayMs: number;
	/** Deliveries in a row that failed every attempt before the subscription is DISABLED_TOO_MANY_ERRORS (0 = never). */
	disableAfterFailedDeliveries: number;
}

export function defaultWebhookSettings(): WebhookSettings {
	return { retryDelaysMs: [500, 2000, 5000], timeoutMs: 10_000, delayMs: 0, disableAfterFailedDeliveries: 5 };
}

export const WEBHOOK_FAULT_KINDS = ['duplicate', 'wrongSignature', 'slowTarget'] as const;

export interface WebhookFaultSpec {
	kind: (typeof WEBHOOK_FAULT_KINDS)[number];
	/** Only deliveries of this event (default any). */
	event?: string;
	/** How many attempts it hits; 0 = every one until the config is reset. Default 1. */
	times?: number;
	/** `duplicate`: how many copies of the attempt are sent (default 2). */
	copies?: number;
	/** `duplicate`: all copies at the same moment (default false: one after the other). */
	concurrent?: boolean;
	/** `slowTarget`: the attempt is given up after this long (default 1 ms), whatever the target does. */
	timeoutMs?: number;
}

export function checkWebhookFaults(value: unknown): WebhookFaultSpec[] {
	if (!Array.isArray(value)) throw new Error('webhookFaults must be an array');
	return value.map((spec, i) => {
		const fault = spec as WebhookFaultSpec;
		if (!fault || !WEBHOOK_FAULT_KINDS.includes(fault.kind)) throw new Error(`webhookFaults[${i}].kind must be one of ${WEBHOOK_FAULT_KINDS.join(', ')}`);
		return { times: 1, ...fault };
	});
}

export function checkWebhookSettings(current: WebhookSettings, value: unknown): WebhookSettings {
	if (!value || typeof value !== 'object') throw new Error('webhooks must be an object');
	const next = { ...current, ...(value as Partial<WebhookSettings>) };
	if (!Array.isArray(next.retryDelaysMs) || next.retryDelaysMs.some((ms) => typeof ms !== 'number' || ms < 0)) {
		throw new Error('webhooks.retryDelaysMs must be an array of numbers >= 0');
	}
	for (const key of ['timeoutMs', 'delayMs', 'disableAfterFailedDeliveries'] as const) {
		if (typeof next[key] !== 'number' || next[key] < 0) throw new Error(`webhooks.${key} must be a number >= 0`);
	}
	return next;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Tripletex takes only absolute HTTPS callback URLs. Sandbox allowance: http:// is accepted for
 * loopback hosts (an n8n on the same machine), never for other hosts.
 */
export function targetUrlProblem(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return 'Feltet må fylles ut.';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'Må være en absolutt URL (https://…).';
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
	return 'Må bruke HTTPS.';
}

interface Secrets {
	hmacSharedSecret?: string;
	authHeaderValue?: string;
}

/** One delivery attempt (a copy of it, for `duplicate`), as the target answered it. */
export interface DeliveryAttempt {
	subscriptionId: number;
	event: string;
	id: number;
	idempotencyKey: string;
	attempt: number;
	copy: number;
	status: number | null;
	error: string | null;
	fault: string | null;
	at: number;
	durationMs: number;
}

interface Job {
	companyId: number;
	subscriptionId: number;
	event: string;
	id: number;
	body: string;
	idempotencyKey: string;
}

export class WebhookHub {
	settings = defaultWebhookSettings();
	private faults: WebhookFaultSpec[] = [];
	private readonly secrets = new Map<number, Secrets>();
	private readonly failuresInRow = new Map<number, number>();
	private readonly pending = new Set<Promise<void>>();
	private attempts: DeliveryAttempt[] = [];
	private abort = new AbortController();
	private journal: OutgoingJournal | undefined;

	constructor(
		private readonly books: (companyId: number) => Books,
		private readonly now: () => number,
	) {}

	attachJournal(journal: OutgoingJournal): void {
		this.journal = journal;
	}

	/** Forgets subscriptions' secrets, faults and attempts; deliveries under way stop. */
	reset(): void {
		this.abort.abort();
		this.abort = new AbortController();
		this.secrets.clear();
		this.failuresInRow.clear();
		this.faults = [];
		this.attempts = [];
	}

	setFaults(faults: WebhookFaultSpec[]): void {
		this.faults = faults.map((fault) => ({ ...fault }));
	}

	remainingFaults(): WebhookFaultSpec[] {
		return this.faults.map((fault) => ({ ...fault }));
	}

	setSecrets(subscriptionId: number, secrets: Secrets): void {
		const current = this.secrets.get(subscriptionId) ?? {};
		this.secrets.set(subscriptionId, { ...current, ...Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined)) });
	}

	forget(subscriptionId: number): void {
		this.secrets.delete(subscriptionId);
		this.failuresInRow.delete(subscriptionId);
	}

	/** Every attempt so far (tests, tools). */
	deliveryAttempts(): DeliveryAttempt[] {
		return this.attempts.map((attempt) => ({ ...attempt }));
	}

	/** Resolves once every delivery started so far has ended (retries included). */
	async idle(): Promise<void> {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
	}

	/**
	 * A record was created, changed or deleted: each active subscription of the company to
	 * `event` gets a delivery with the record as its `fields` select (null for deletes).
	 */
	publish(companyId: number, event: string, record: Rec, renderer: Renderer): void {
		const schema = TRIPLETEX_EVENTS[event]?.schema;
		for (const subscription of this.books(companyId).all('Subscription')) {
			if (subscription.event !== event || subscription.status !== 'ACTIVE') continue;
			let value: Record<string, unknown> | null = null;
			if (!event.endsWith('.delete') && schema) {
				try {
					value = renderer.render(schema, record, parseFields(subscription.fields as string) ?? STAR);
				} catch {
					value = { id: record.id };
				}
			}
			const payload = { subscriptionId: subscription.id, event, id: record.id, value };
			const job: Job = { companyId, subscriptionId: subscription.id, event, id: record.id, body: JSON.stringify(payload), idempotencyKey: randomUUID() };
			const run = this.deliver(job, this.abort.signal).catch(() => undefined);
			this.pending.add(run);
			void run.finally(() => this.pending.delete(run));
		}
	}

	private takeFault(event: string): WebhookFaultSpec | undefined {
		const index = this.faults.findIndex((fault) => fault.event === undefined || fault.event === event);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.times === 1) this.faults.splice(index, 1);
		else if ((fault.times ?? 1) > 1) fault.times = (fault.times ?? 1) - 1;
		return { ...fault };
	}

	private subscriptionOf(job: Job): Rec | undefined {
		return this.books(job.companyId).get('Subscription', job.subscriptionId);
	}

	private async deliver(job: Job, signal: AbortSignal): Promise<void> {
		// Never inside the request that made the change: Tripletex delivers after it committed.
		await sleep(this.settings.delayMs, undefined, { signal });
		const attempts = 1 + this.settings.retryDelaysMs.length;
		for (let attempt = 1; attempt <= attempts; attempt++) {
			if (attempt > 1) await sleep(this.settings.retryDelaysMs[attempt - 2], undefined, { signal });
			if (signal.aborted) return;
			const subscription = this.subscriptionOf(job);
			if (!subscription || subscription.status !== 'ACTIVE') return;
			const fault = this.takeFault(job.event);
			const copies = fault?.kind === 'duplicate' ? Math.max(1, fault.copies ?? 2) : 1;
			const send = (copy: number) => this.send(job, subscription, attempt, copy, fault);
			let statuses: Array<number | null>;
			if (fault?.kind === 'duplicate' && fault.concurrent) {
				statuses = await Promise.all(Array.from({ length: copies }, (_, copy) => send(copy + 1)));
			} else {
				statuses = [];
				for (let copy = 1; copy <= copies; copy++) statuses.push(await send(copy));
			}
			if (statuses.some((status) => status !== null && status >= 200 && status < 300)) {
				this.failuresInRow.set(job.subscriptionId, 0);
				return;
			}
		}
		const failures = (this.failuresInRow.get(job.subscriptionId) ?? 0) + 1;
		this.failuresInRow.set(job.subscriptionId, failures);
		const limit = this.settings.disableAfterFailedDeliveries;
		const subscription = this.subscriptionOf(job);
		if (limit > 0 && failures >= limit && subscription?.status === 'ACTIVE') {
			subscription.status = 'DISABLED_TOO_MANY_ERRORS';
			subscription.version += 1;
		}
	}

	/** One HTTP POST; the target's status, or null when it gave none (error, timeout). */
	private async send(job: Job, subscription: Rec, attempt: number, copy: number, fault: WebhookFaultSpec | undefined): Promise<number | null> {
		const secrets = this.secrets.get(job.subscriptionId) ?? {};
		const url = new URL(String(subscription.targetUrl));
		const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': job.idempotencyKey };
		if (url.username || url.password) {
			headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
			url.username = '';
			url.password = '';
		}
		if (secrets.hmacSharedSecret) {
			const key = fault?.kind === 'wrongSignature' ? `not-${secrets.hmacSharedSecret}` : secrets.hmacSharedSecret;
			headers['x-request-signature'] = createHmac('sha512', key).update(`${job.idempotencyKey}&${job.body}`).digest('base64');
		}
		const authHeaderName = typeof subscription.authHeaderName === 'string' ? subscription.authHeaderName : '';
		if (authHeaderName && secrets.authHeaderValue) headers[authHeaderName.toLowerCase()] = secrets.authHeaderValue;
		const timeoutMs = fault?.kind === 'slowTarget' ? Math.max(1, fault.timeoutMs ?? 1) : this.settings.timeoutMs;

		const at = this.now();
		const started = Date.now();
		let status: number | null = null;
		let error: string | null = null;
		try {
			const res = await request(url, {
				method: 'POST',
				headers,
				body: job.body,
				signal: AbortSignal.timeout(timeoutMs),
			});
			status = res.statusCode;
			await res.body.dump();
		} catch (caught) {
			error = (caught as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (caught as Error).message;
		}
		const durationMs = Date.now() - started;
		this.attempts.push({
			subscriptionId: job.subscriptionId,
			event: job.event,
			id: job.id,
			idempotencyKey: job.idempotencyKey,
			attempt,
			copy,
			status,
			error,
			fault: fault?.kind ?? null,
			at,
			durationMs,
		});
		this.journal?.outgoing({
			time: at,
			url: url.toString(),
			headers: { ...headers, ...(headers.authorization ? { authorization: REDACTED } : {}), ...(authHeaderName ? { [authHeaderName.toLowerCase()]: REDACTED } : {}) },
			body: JSON.parse(job.body) as unknown,
			requestId: job.idempotencyKey,
			route: `webhook ${job.event}`,
			status,
			durationMs,
			delivery: { subscriptionId: job.subscriptionId, event: job.event, id: job.id, attempt, copy, fault: fault?.kind ?? null, error },
		});
		return status;
	}
}
