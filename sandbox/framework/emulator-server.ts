import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { BodyTooLargeError, parseBody, readBody } from './body';
import { AdjustableClock } from './clock';
import { handleControl, CONTROL_PREFIX } from './control';
import { FaultQueue, stripBasePath, type Fault } from './faults';
import { Journal, type JournalEntry } from './journal';
import { RateLimiter } from './rate-limiter';
import { write } from './respond';
import { decodeSegments } from './router';
import {
	EmulatorError,
	type FrameworkConfig,
	type RateLimitConfig,
	type SandboxRequest,
	type SandboxResponse,
	type VendorEmulator,
} from './types';

export interface EmulatorServerOptions {
	host?: string;
	port?: number;
	latencyMs?: number;
	rateLimit?: Partial<RateLimitConfig>;
	now?: string | null;
}

export interface ResetOptions {
	keepConfig?: boolean;
	keepJournal?: boolean;
	/** Keep issued sessions/tokens valid (clients that cache them need not log in again). */
	keepSessions?: boolean;
}

/**
 * One vendor emulator on its own port: transport, journal, faults, latency and rate
 * limiting around the vendor's router, plus the `/__sandbox/` control endpoint.
 */
export class EmulatorServer {
	readonly journal: Journal;
	readonly faults = new FaultQueue();
	readonly clock = new AdjustableClock();
	readonly rateLimiter: RateLimiter;
	private config: FrameworkConfig;
	private readonly initialConfig: FrameworkConfig;
	private readonly initialVendorConfig: object;
	private server: Server | undefined;

	constructor(
		readonly emulator: VendorEmulator,
		private readonly options: EmulatorServerOptions = {},
	) {
		this.journal = new Journal(emulator.redaction);
		this.rateLimiter = new RateLimiter(() => this.clock.now());
		this.config = {
			latencyMs: options.latencyMs ?? 0,
			rateLimit: { ...emulator.defaultRateLimit, ...options.rateLimit },
			now: options.now ?? null,
		};
		this.clock.set(this.config.now);
		this.initialConfig = structuredClone(this.config);
		this.initialVendorConfig = structuredClone(emulator.getConfig());
		emulator.attachClock(this.clock);
		emulator.attachJournal?.(this.journal);
	}

	get frameworkConfig(): FrameworkConfig {
		return this.config;
	}

	async listen(): Promise<{ origin: string; port: number }> {
		const server = createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => {
				console.error(`[sandbox:${this.emulator.name}] unhandled error: ${(error as Error).message}`);
				if (!res.headersSent) res.writeHead(500).end();
				else res.destroy();
			});
		});
		this.server = server;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const { address, port } = server.address() as AddressInfo;
		return { origin: `http://${address}:${port}`, port };
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.cancelHeld();
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	/** State, faults, journal, rate-limit windows and (unless kept) config back to how they started. */
	reset(options: ResetOptions = {}): void {
		this.cancelHeld();
		// The clock first: the emulator's reset reads it (e.g. when activation requests expire).
		if (!options.keepConfig) {
			this.config = structuredClone(this.initialConfig);
			this.clock.set(this.config.now);
			this.emulator.configure(structuredClone(this.initialVendorConfig) as Record<string, unknown>);
		}
		this.emulator.reset({ keepSessions: options.keepSessions });
		this.faults.clear();
		this.rateLimiter.reset();
		if (!options.keepJournal) this.journal.clear();
	}

	/**
	 * Framework keys are handled here, the rest goes to the vendor. Everything is checked
	 * before anything changes. Returns the merged config.
	 */
	configure(patch: Record<string, unknown>): Record<string, unknown> {
		const { latencyMs, rateLimit, now, ...vendorPatch } = patch;
		const next = structuredClone(this.config);
		if (latencyMs !== undefined) {
			if (typeof latencyMs !== 'number' || latencyMs < 0) throw new Error('latencyMs must be a number >= 0');
			next.latencyMs = latencyMs;
		}
		if (rateLimit !== undefined) {
			if (!rateLimit || typeof rateLimit !== 'object') throw new Error('rateLimit must be an object');
			const r = { ...next.rateLimit, ...(rateLimit as Partial<RateLimitConfig>) };
			if (typeof r.enabled !== 'boolean') throw new Error('rateLimit.enabled must be a boolean');
			if (!Number.isInteger(r.limit) || r.limit < 0) throw new Error('rateLimit.limit must be an integer >= 0');
			if (!Number.isInteger(r.windowMs) || r.windowMs <= 0) throw new Error('rateLimit.windowMs must be an integer > 0');
			if (r.sliding !== undefined && typeof r.sliding !== 'boolean') throw new Error('rateLimit.sliding must be a boolean');
			if (r.suspendMs !== undefined && (!Number.isInteger(r.suspendMs) || r.suspendMs < 0)) {
				throw new Error('rateLimit.suspendMs must be an integer >= 0');
			}
			next.rateLimit = r;
		}
		if (now !== undefined) {
			if (now !== null && (typeof now !== 'string' || Number.isNaN(Date.parse(now)))) {
				throw new Error('now must be an ISO 8601 instant or null');
			}
			next.now = now;
		}
		const vendor = Object.keys(vendorPatch).length ? this.emulator.configure(vendorPatch) : this.emulator.getConfig();
		if (rateLimit !== undefined) this.rateLimiter.reset();
		if (now !== undefined) this.clock.set(next.now);
		this.config = next;
		return this.describeConfig(vendor);
	}

	describeConfig(vendor: object = this.emulator.getConfig()): Record<string, unknown> {
		return { ...this.config, ...vendor };
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const receivedAt = this.clock.now();
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		let rawBody: Buffer;
		try {
			rawBody = await readBody(req);
		} catch (error) {
			if (error instanceof BodyTooLargeError) {
				res.writeHead(413).end();
				return;
			}
			throw error;
		}
		const rawPath = url.pathname;
		const path = `/${decodeSegments(rawPath).join('/')}`;

		if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
			await handleControl(this, req.method ?? 'GET', path, url.searchParams, rawBody, req.headers['content-type'], res);
			return;
		}

		const sandboxRequest: SandboxRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			rawPath,
			path,
			routePath: stripBasePath(path, this.emulator.basePath) ?? path,
			query: url.searchParams,
			headers: req.headers,
			body: parseBody(req.headers['content-type'], rawBody),
			rawBody,
			params: {},
			requestId: randomUUID(),
			receivedAt,
			remoteAddress: req.socket.remoteAddress,
		};
		const entry = this.journal.open(sandboxRequest);
		const started = Date.now();
		let finished = false;
		const finish = (status: number | null, outcome: JournalEntry['outcome']) => {
			finished = true;
			entry.status = status;
			entry.outcome = outcome;
			entry.durationMs = Date.now() - started;
		};
		// A client that gives up (timeout, abort) closes the connection before the answer: noted,
		// and never a reason to stop processing (a server does not notice either).
		res.once('close', () => {
			if (!finished && !res.writableFinished) entry.clientDisconnected = true;
		});

		if (this.config.latencyMs > 0) await sleep(this.config.latencyMs);

		const fault = this.faults.take(sandboxRequest);
		if (fault?.kind === 'commitLate') {
			await this.commitLate(fault, sandboxRequest, res, entry, finish);
			return;
		}
		if (fault) {
			entry.faultId = fault.id;
			if (fault.delayMs > 0) await sleep(fault.delayMs);
			const handled = this.applyFault(fault, sandboxRequest, res, finish);
			if (handled) return;
		}

		const response = await this.process(sandboxRequest, entry);

		if (fault?.kind === 'dropAfterProcessing') {
			res.socket?.destroy();
			finish(response.status, 'dropped-after-processing');
			return;
		}
		if (fault?.kind === 'statusAfterProcessing') {
			const status = fault.status ?? 503;
			const base = fault.body === undefined ? this.emulator.errorResponse(status, sandboxRequest) : { status, body: fault.body };
			write(res, this.emulator.decorate({ ...base, status, headers: { ...base.headers, ...fault.headers } }, sandboxRequest), sandboxRequest.method === 'HEAD');
			finish(status, 'status-after-processing');
			return;
		}
		write(res, response, sandboxRequest.method === 'HEAD');
		finish(response.status, 'responded');
	}

	/** Rate limit, route and vendor decoration: what the server does with a request it processes. */
	private async process(req: SandboxRequest, entry: JournalEntry): Promise<SandboxResponse> {
		let response: SandboxResponse;
		const limited = this.checkRateLimit(req);
		entry.rateLimitKey = limited.key ?? null;
		if (limited.response) {
			entry.rateLimited = limited.reason ?? 'exceeded';
			response = limited.response;
		} else {
			response = await this.route(req, entry);
			response = { ...response, headers: { ...response.headers, ...limited.headers } };
		}
		response = this.emulator.decorate(response, req);
		entry.processedStatus = response.status;
		return response;
	}

	/** Requests held by `commitLate`, cancelled by reset() and close(). */
	private readonly held = new Map<AbortController, { requestId: string; method: string; path: string; faultId: string; commitsAt: number }>();

	/** What `commitLate` holds now: `GET /__sandbox/held`. */
	heldRequests(): Array<{ requestId: string; method: string; path: string; faultId: string; commitsAt: string }> {
		return [...this.held.values()].map((h) => ({ ...h, commitsAt: new Date(h.commitsAt).toISOString() }));
	}

	private cancelHeld(): void {
		for (const controller of this.held.keys()) controller.abort();
		this.held.clear();
	}

	/**
	 * Holds the request for `delayMs` without answering, then processes it whatever the client
	 * did meanwhile, and closes the connection without an answer.
	 */
	private async commitLate(
		fault: Fault,
		req: SandboxRequest,
		res: ServerResponse,
		entry: JournalEntry,
		finish: (status: number | null, outcome: JournalEntry['outcome']) => void,
	): Promise<void> {
		entry.faultId = fault.id;
		entry.outcome = 'held';
		const controller = new AbortController();
		this.held.set(controller, {
			requestId: req.requestId,
			method: req.method,
			path: req.path,
			faultId: fault.id,
			commitsAt: this.clock.now() + fault.delayMs,
		});
		try {
			await sleep(fault.delayMs, undefined, { signal: controller.signal });
		} catch {
			res.socket?.destroy();
			finish(null, 'cancelled');
			return;
		} finally {
			this.held.delete(controller);
		}
		const response = await this.process(req, entry);
		res.socket?.destroy();
		finish(response.status, 'committed-late');
	}

	/** Returns true when the fault produced the outcome; false when handling continues. */
	private applyFault(
		fault: Fault,
		req: SandboxRequest,
		res: ServerResponse,
		finish: (status: number | null, outcome: JournalEntry['outcome']) => void,
	): boolean {
		switch (fault.kind) {
			case 'delay':
			case 'dropAfterProcessing':
			case 'statusAfterProcessing':
			case 'commitLate':
				return false;
			case 'expireSession':
				this.emulator.expireSession(req);
				return false;
			case 'drop':
				res.socket?.destroy();
				finish(null, 'dropped');
				return true;
			case 'malformed': {
				const response = this.emulator.decorate(
					{
						status: 200,
						headers: { 'content-type': 'application/json;charset=utf-8', ...fault.headers },
						body: typeof fault.body === 'string' ? fault.body : '{"value":{"id":1,"version":0,"url":"',
					},
					req,
				);
				write(res, response, false);
				finish(200, 'malformed');
				return true;
			}
			case 'status': {
				const status = fault.status ?? 500;
				const base =
					fault.body === undefined ? this.emulator.errorResponse(status, req) : { status, body: fault.body };
				const response = this.emulator.decorate(
					{ ...base, status, headers: { ...base.headers, ...fault.headers } },
					req,
				);
				write(res, response, req.method === 'HEAD');
				finish(status, 'responded');
				return true;
			}
		}
	}

	private checkRateLimit(req: SandboxRequest): {
		response?: SandboxResponse;
		headers?: Record<string, string>;
		key?: string;
		reason?: 'exceeded' | 'suspended';
	} {
		if (!this.config.rateLimit.enabled) return {};
		const key = this.emulator.rateLimitKey(req);
		const { allowed, state } = this.rateLimiter.hit(key, this.config.rateLimit);
		const style = this.emulator.rateLimitStyle;
		return allowed
			? { headers: style.headers(state), key }
			: { response: style.limited(state, req), key, reason: state.reason ?? 'exceeded' };
	}

	private async route(req: SandboxRequest, entry: JournalEntry): Promise<SandboxResponse> {
		const base = this.emulator.basePath;
		if (base && stripBasePath(req.path, base) === undefined && !this.emulator.servesOutsideBasePath?.(req.path)) return this.emulator.errorResponse(404, req);
		// The router decodes segments itself; give it the raw path so nothing is decoded twice.
		const rawRoutePath = stripBasePath(req.rawPath, base) ?? req.rawPath;
		const match = this.emulator.router.match(req.method, rawRoutePath);
		if (match.kind !== 'found') {
			const custom = this.emulator.unmatchedRoute?.(req, match.kind === 'method-not-allowed' ? match.allowed : []);
			if (custom) return custom;
		}
		if (match.kind === 'not-found') return this.emulator.errorResponse(404, req);
		if (match.kind === 'method-not-allowed') {
			const response = this.emulator.errorResponse(405, req);
			return { ...response, headers: { ...response.headers, allow: match.allowed.join(', ') } };
		}
		entry.route = match.template;
		req.params = match.params;
		try {
			return await match.handler(req);
		} catch (error) {
			if (error instanceof EmulatorError) return error.response;
			console.error(`[sandbox:${this.emulator.name}] ${req.method} ${match.template}: ${(error as Error).stack}`);
			return this.emulator.errorResponse(500, req);
		}
	}
}
