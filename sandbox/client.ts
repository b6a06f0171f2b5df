/**
 * undici-based helpers for tests and tools: drive an emulator's control endpoint (faults,
 * held requests), deliver one webhook several times at once, open
 * Tripletex sessions and get Procountor and Posti access tokens. (undici is tooling only; nodes
 * use n8n's HTTP helpers.)
 */
import { Agent, request, type Dispatcher } from 'undici';

import type { Fault, FaultSpec } from './framework/faults';
import type { JournalEntry } from './framework/journal';
import { addDays, osloDate } from './tripletex/dates';
import { DEFAULT_CONSUMER_TOKEN, DEFAULT_EMPLOYEE_TOKEN } from './tripletex/seed';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './procountor/seed';
import { DEFAULT_CLIENT_ID as POSTI_CLIENT_ID, DEFAULT_CLIENT_SECRET as POSTI_CLIENT_SECRET } from './posti/seed';

export class SandboxControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export interface JournalQuery {
	method?: string;
	/** Path glob: `{id}`/`*` one segment, `**` many. */
	path?: string;
	/** Only entries after this sequence number. */
	since?: number;
}

export class SandboxControl {
	/** `controlUrl` as returned by startSandbox, e.g. http://127.0.0.1:4010/__sandbox */
	constructor(
		readonly controlUrl: string,
		private readonly dispatcher?: Dispatcher,
	) {}

	private async call<T>(method: Dispatcher.HttpMethod, path: string, body?: unknown): Promise<T> {
		const res = await request(`${this.controlUrl}${path}`, {
			method,
			dispatcher: this.dispatcher,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.body.text();
		if (res.statusCode >= 400) throw new SandboxControlError(res.statusCode, `${method} ${path}: ${res.statusCode} ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/** State, sessions, faults, journal and config back to how the emulator started. */
	async reset(options: { keepConfig?: boolean; keepJournal?: boolean; keepSessions?: boolean } = {}): Promise<void> {
		await this.call('POST', '/reset', options);
	}

	async injectFault(spec: FaultSpec | FaultSpec[]): Promise<Fault[]> {
		return (await this.call<{ faults: Fault[] }>('POST', '/faults', spec)).faults;
	}

	async listFaults(): Promise<Fault[]> {
		return (await this.call<{ faults: Fault[] }>('GET', '/faults')).faults;
	}

	async clearFaults(): Promise<void> {
		await this.call('DELETE', '/faults');
	}

	/** Requests a `commitLate` fault holds and has not processed yet. */
	async held(): Promise<HeldRequest[]> {
		return (await this.call<{ held: HeldRequest[] }>('GET', '/held')).held;
	}

	/**
	 * Waits until no `commitLate` request is held any more (each was processed, or cancelled by
	 * a reset); throws after `timeoutMs`.
	 */
	async waitUntilNothingHeld({ timeoutMs = 30_000, pollMs = 50 }: { timeoutMs?: number; pollMs?: number } = {}): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const held = await this.held();
			if (held.length === 0) return;
			if (Date.now() > deadline) throw new Error(`still held after ${timeoutMs} ms: ${held.map((h) => `${h.method} ${h.path}`).join(', ')}`);
			await new Promise((resolve) => setTimeout(resolve, pollMs));
		}
	}

	async journal(query: JournalQuery = {}): Promise<JournalEntry[]> {
		const params = new URLSearchParams();
		if (query.method) params.set('method', query.method);
		if (query.path) params.set('path', query.path);
		if (query.since !== undefined) params.set('since', String(query.since));
		const qs = params.toString();
		return (await this.call<{ entries: JournalEntry[] }>('GET', `/journal${qs ? `?${qs}` : ''}`)).entries;
	}

	async clearJournal(): Promise<void> {
		await this.call('DELETE', '/journal');
	}

	async state<T = unknown>(): Promise<T> {
		return this.call<T>('GET', '/state');
	}

	async getConfig<T = Record<string, unknown>>(): Promise<T> {
		return this.call<T>('GET', '/config');
	}

	/** Framework keys (latencyMs, rateLimit, now) and vendor keys; returns the merged config. */
	async configure<T = Record<string, unknown>>(patch: Record<string, unknown>): Promise<T> {
		return this.call<T>('POST', '/config', patch);
	}
}

export interface HeldRequest {
	requestId: string;
	method: string;
	path: string;
	faultId: string;
	/** When the held request will be processed (emulator clock, ISO). */
	commitsAt: string;
}

export interface Delivery {
	status: number;
	body: string;
	/** Milliseconds from the start of the batch until the answer's headers arrived. */
	ms: number;
}

/**
 * The same webhook delivered `copies` times at the same moment, like a store that retries a
 * delivery while the first is still being handled: every copy is sent at once (Promise.all)
 * on its own connection, with the same body and headers. Resolves with each answer, in order;
 * a copy that fails at the transport level rejects the whole batch.
 */
export async function deliverWebhookConcurrently(
	url: string,
	body: unknown,
	{ copies = 2, headers = {}, method = 'POST', timeoutMs = 120_000 }: { copies?: number; headers?: Record<string, string>; method?: 'POST' | 'PUT'; timeoutMs?: number } = {},
): Promise<Delivery[]> {
	if (!Number.isInteger(copies) || copies < 1) throw new Error('copies must be an integer >= 1');
	const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
	const contentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type') ? {} : { 'content-type': 'application/json' };
	// One connection per copy, so no copy queues behind another on a kept-alive socket.
	const agent = new Agent({ connections: copies, pipelining: 1 });
	const started = Date.now();
	try {
		return await Promise.all(
			Array.from({ length: copies }, async () => {
				const res = await request(url, {
					method,
					dispatcher: agent,
					headers: { ...contentType, ...headers },
					body: payload,
					headersTimeout: timeoutMs,
					bodyTimeout: timeoutMs,
				});
				const ms = Date.now() - started;
				return { status: res.statusCode, body: await res.body.text(), ms };
			}),
		);
	} finally {
		await agent.close();
	}
}

export interface TripletexSession {
	token: string;
	expirationDate: string;
	/** `Basic base64("<companyId>:<token>")` */
	authorization: string;
}

export function tripletexAuthorization(token: string, companyId: number | string = 0): string {
	return `Basic ${Buffer.from(`${companyId}:${token}`).toString('base64')}`;
}

/** Opens a session with POST /token/session/:create (or the legacy PUT). */
export async function createTripletexSession(
	baseUrl: string,
	options: {
		consumerToken?: string;
		employeeToken?: string;
		/** Default: tomorrow in Europe/Oslo. */
		expirationDate?: string;
		companyId?: number;
		legacy?: boolean;
		dispatcher?: Dispatcher;
	} = {},
): Promise<TripletexSession> {
	const input = {
		consumerToken: options.consumerToken ?? DEFAULT_CONSUMER_TOKEN,
		employeeToken: options.employeeToken ?? DEFAULT_EMPLOYEE_TOKEN,
		expirationDate: options.expirationDate ?? addDays(osloDate(Date.now()), 1),
	};
	const res = options.legacy
		? await request(`${baseUrl}/token/session/:create?${new URLSearchParams(input).toString()}`, {
				method: 'PUT',
				dispatcher: options.dispatcher,
			})
		: await request(`${baseUrl}/token/session/:create`, {
				method: 'POST',
				dispatcher: options.dispatcher,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(input),
			});
	const text = await res.body.text();
	if (res.statusCode >= 300) throw new Error(`session create failed: ${res.statusCode} ${text}`);
	const { value } = JSON.parse(text) as { value: { token: string; expirationDate: string } };
	return {
		token: value.token,
		expirationDate: value.expirationDate,
		authorization: tripletexAuthorization(value.token, options.companyId ?? 0),
	};
}

export interface ProcountorToken {
	accessToken: string;
	expiresIn: number;
	/** `Bearer <access_token>` */
	authorization: string;
}

/**
 * M2M token: `POST {base}/oauth/token`, form-encoded without a charset parameter, with
 * grant_type=client_credentials, client_id, client_secret and api_key (sandbox defaults).
 */
export async function createProcountorToken(
	baseUrl: string,
	options: { clientId?: string; clientSecret?: string; apiKey?: string; dispatcher?: Dispatcher } = {},
): Promise<ProcountorToken> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: options.clientId ?? DEFAULT_CLIENT_ID,
		client_secret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
		api_key: options.apiKey ?? DEFAULT_API_KEY,
	});
	const res = await request(`${baseUrl}/oauth/token`, {
		method: 'POST',
		dispatcher: options.dispatcher,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
	const text = await res.body.text();
	if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${text}`);
	const body = JSON.parse(text) as { access_token: string; expires_in: number };
	return { accessToken: body.access_token, expiresIn: body.expires_in, authorization: `Bearer ${body.access_token}` };
}

export interface PostiToken {
	accessToken: string;
	expiresIn: number;
	/** `Bearer <access_token>` */
	authorization: string;
	/** `posti_fi.targets`: one entry per role of the client. */
	targets: Record<string, { url: string; tier: number }>;
}

/**
 * OAuth client_credentials token: `POST {gateway}/api/v1/token` (gateway = the emulator origin,
 * or `origin + '/demo'` for the demo-like gateway), form-encoded, sandbox defaults.
 */
export async function createPostiToken(
	gateway: string,
	options: { clientId?: string; clientSecret?: string; dispatcher?: Dispatcher } = {},
): Promise<PostiToken> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: options.clientId ?? POSTI_CLIENT_ID,
		client_secret: options.clientSecret ?? POSTI_CLIENT_SECRET,
	});
	const res = await request(`${gateway}/api/v1/token`, {
		method: 'POST',
		dispatcher: options.dispatcher,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
	const text = await res.body.text();
	if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${text}`);
	const body = JSON.parse(text) as { access_token: string; expires_in: number; posti_fi: { targets: PostiToken['targets'] } };
	return {
		accessToken: body.access_token,
		expiresIn: body.expires_in,
		authorization: `Bearer ${body.access_token}`,
		targets: body.posti_fi.targets,
	};
}
