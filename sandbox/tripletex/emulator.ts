/**
 * Tripletex API v2 emulator: sessions, ledger, customers, products, orders and invoices,
 * with the spec's request validation and Tripletex's error envelope and rate-limit
 * headers. Base path /v2.
 */
import { Router } from '../framework/router';
import type {
	Clock,
	OutgoingJournal,
	RateLimitConfig,
	RateLimitStyle,
	SandboxRequest,
	SandboxResponse,
	VendorEmulator,
} from '../framework/types';
import type { TripletexCore } from './api';
import { defaultTripletexConfig, mergeTripletexConfig, type TripletexConfig } from './config';
import { errorForStatus, errorResponse } from './errors';
import { matchPath, TRIPLETEX_BASE_PATH } from './openapi-validator';
import { registerCustomerRoutes } from './routes/customers';
import { registerEventRoutes } from './routes/events';
import { registerLookupRoutes } from './routes/lookups';
import { registerProductRoutes } from './routes/products';
import { registerSalesRoutes } from './routes/sales';
import { registerSessionRoutes } from './routes/session';
import { registerVoucherRoutes } from './routes/vouchers';
import { CLIENT_COMPANIES, OWN_COMPANY, seedCompanyBooks, type CompanySeed } from './seed';
import { parseBasicAuth, SessionStore } from './sessions';
import { Books, IdAllocator } from './state';
import { checkWebhookFaults, WebhookHub, type WebhookFaultSpec } from './webhooks';

/** First id handed to records created through the API (seed ids are below it). */
const FIRST_CREATED_ID = 2_000_000;
/** Client companies' seed records get ids shifted by multiples of this. */
const CLIENT_ID_OFFSET = 10_000_000;

/**
 * Tripletex reports the limit on every response; the 429 itself lacks
 * X-Rate-Limit-Reset (Tripletex/tripletex-api2#103), so clients must back off blind.
 */
export const tripletexRateLimitStyle: RateLimitStyle = {
	headers: (state) => ({
		'x-rate-limit-limit': String(state.limit),
		'x-rate-limit-remaining': String(state.remaining),
		'x-rate-limit-reset': String(state.resetSeconds),
	}),
	limited: (state) =>
		errorResponse(429, null, 'Too many requests', {
			headers: { 'x-rate-limit-limit': String(state.limit), 'x-rate-limit-remaining': '0' },
		}),
};

export class TripletexEmulator implements VendorEmulator<TripletexConfig>, TripletexCore {
	readonly name = 'tripletex';
	readonly basePath = TRIPLETEX_BASE_PATH;
	readonly router = new Router();
	readonly rateLimitStyle = tripletexRateLimitStyle;
	readonly defaultRateLimit: RateLimitConfig = { enabled: false, limit: 1000, windowMs: 60_000 };
	readonly redaction = {
		queryParams: ['consumerToken', 'employeeToken'],
		bodyFields: ['consumerToken', 'employeeToken', 'token'],
	};
	readonly sessions = new SessionStore();
	readonly webhooks: WebhookHub;
	config: TripletexConfig;
	private companies = new Map<number, Books>();
	private ids = new IdAllocator(FIRST_CREATED_ID);
	private clock: Clock = { now: () => Date.now() };

	constructor(config: Partial<TripletexConfig> = {}) {
		this.config = mergeTripletexConfig(defaultTripletexConfig(), config as Record<string, unknown>);
		this.webhooks = new WebhookHub((companyId) => this.booksFor(companyId), () => this.now());
		this.webhooks.settings = this.config.webhooks;
		registerSessionRoutes(this.router, this);
		registerLookupRoutes(this.router, this);
		registerVoucherRoutes(this.router, this);
		registerCustomerRoutes(this.router, this);
		registerProductRoutes(this.router, this);
		registerSalesRoutes(this.router, this);
		registerEventRoutes(this.router, this);
		this.reset();
	}

	now(): number {
		return this.clock.now();
	}

	attachClock(clock: Clock): void {
		this.clock = clock;
	}

	attachJournal(journal: OutgoingJournal): void {
		this.webhooks.attachJournal(journal);
	}

	/** The books of a company, seeded on first use (accountant clients lazily). */
	booksFor(companyId: number): Books {
		let books = this.companies.get(companyId);
		if (!books) {
			const clientIndex = CLIENT_COMPANIES.findIndex((c) => c.id === companyId);
			const seed: CompanySeed =
				companyId === OWN_COMPANY.id
					? OWN_COMPANY
					: (CLIENT_COMPANIES[clientIndex] ?? { id: companyId, name: `Klient ${companyId} AS`, organizationNumber: '' });
			const slot = clientIndex >= 0 ? clientIndex + 1 : CLIENT_COMPANIES.length + 1 + this.companies.size;
			const offset = companyId === OWN_COMPANY.id ? 0 : CLIENT_ID_OFFSET * slot;
			books = new Books(companyId, this.ids);
			seedCompanyBooks(books, seed, offset);
			this.companies.set(companyId, books);
		}
		return books;
	}

	errorResponse(status: number, req: SandboxRequest, message?: string): SandboxResponse {
		if (status === 429 && message === undefined) {
			return this.rateLimitStyle.limited({ limit: this.defaultRateLimit.limit, remaining: 0, resetSeconds: 0 }, req);
		}
		return errorForStatus(status, message);
	}

	unmatchedRoute(req: SandboxRequest): SandboxResponse | undefined {
		const match = matchPath(req.method, req.routePath);
		if (match?.methodDefined) {
			return errorResponse(501, null, `The sandbox does not emulate ${req.method} ${match.template} yet.`);
		}
		return undefined;
	}

	decorate(res: SandboxResponse, req: SandboxRequest): SandboxResponse {
		const body = res.body as { requestId?: unknown } | undefined;
		const isEnvelope = body && typeof body === 'object' && !Buffer.isBuffer(body) && body.requestId === null;
		if (isEnvelope) body.requestId = req.requestId;
		return { ...res, headers: { ...res.headers, 'x-tlx-request-id': req.requestId } };
	}

	/** Limits apply per employee per API consumer, as Tripletex documents. */
	rateLimitKey(req: SandboxRequest): string {
		const credentials = parseBasicAuth(req.headers.authorization);
		const session = credentials && this.sessions.find(credentials.password);
		return session ? `${session.consumerTokenId}:${session.grant.employeeId}` : 'anonymous';
	}

	expireSession(req: SandboxRequest): void {
		const credentials = parseBasicAuth(req.headers.authorization);
		this.sessions.expire(credentials?.password);
	}

	reset(options: { keepSessions?: boolean } = {}): void {
		this.companies = new Map();
		this.ids = new IdAllocator(FIRST_CREATED_ID);
		if (!options.keepSessions) this.sessions.clear();
		this.webhooks.reset();
		this.booksFor(OWN_COMPANY.id);
	}

	snapshot(): unknown {
		return {
			companies: Object.fromEntries([...this.companies.entries()].map(([id, books]) => [id, books.snapshot()])),
			sessions: this.sessions.snapshot(this.now()),
		};
	}

	/** The vendor settings, and the webhook faults still queued (`webhookFaults`). */
	getConfig(): TripletexConfig & { webhookFaults: WebhookFaultSpec[] } {
		return { ...structuredClone(this.config), webhookFaults: this.webhooks.remainingFaults() };
	}

	configure(patch: Record<string, unknown>): TripletexConfig & { webhookFaults: WebhookFaultSpec[] } {
		const { webhookFaults, ...settings } = patch;
		const faults = webhookFaults === undefined ? undefined : checkWebhookFaults(webhookFaults);
		this.config = mergeTripletexConfig(this.config, settings);
		this.webhooks.settings = this.config.webhooks;
		if (faults) this.webhooks.setFaults(faults);
		return this.getConfig();
	}
}

export function createTripletexEmulator(config?: Partial<TripletexConfig>): TripletexEmulator {
	return new TripletexEmulator(config);
}
