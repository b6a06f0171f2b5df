/**
 * Procountor REST API emulator (base path /api): M2M token endpoint, Bearer checks,
 * sales invoices and their lifecycle, business partners, products, VAT and bank
 * accounts, attachments and self-service activation, with Procountor's `{results, meta}`
 * pages and `{errors: [...]}` bodies, the Windows-1252 rule and the 20 requests/second
 * rule (a client that exceeds it is suspended for a while, without a 429).
 */
import { randomBytes } from 'node:crypto';

import { Router } from '../framework/router';
import type { Clock, RateLimitConfig, RateLimitStyle, SandboxRequest, SandboxResponse, VendorEmulator } from '../framework/types';
import type { ProcountorCore } from './api';
import { defaultProcountorConfig, mergeProcountorConfig, type ApiKeyGrant, type ProcountorConfig } from './config';
import { errorForStatus, errorResponse } from './errors';
import { registerAttachmentRoutes } from './routes/attachments';
import { registerAuthRoutes } from './routes/auth';
import { registerIntegrationRoutes } from './routes/integrations';
import { registerInvoiceRoutes } from './routes/invoices';
import { registerLookupRoutes } from './routes/lookups';
import { registerPartnerRoutes } from './routes/partners';
import { registerProductRoutes } from './routes/products';
import { COMPANIES, FIRST_CREATED_ID, OWN_COMPANY, type CompanySeed } from './seed';
import { CompanyBooks, IdAllocator } from './state';
import { helsinkiDateTime } from './text';
import { bearerToken, TokenStore } from './tokens';
import { WEB_STORE_PREFIX, WebStore } from '../store/web-store';

export const PROCOUNTOR_BASE_PATH = '/api';
/** Seed ids of other companies are shifted by multiples of this. */
const COMPANY_ID_OFFSET = 1_000_000;

export class ProcountorEmulator implements VendorEmulator<ProcountorConfig>, ProcountorCore {
	readonly name = 'procountor';
	readonly basePath = PROCOUNTOR_BASE_PATH;
	readonly router = new Router();
	/** 20 requests in any second per API client; over it, the client is suspended for 10 s. */
	readonly defaultRateLimit: RateLimitConfig = { enabled: true, limit: 20, windowMs: 1000, sliding: true, suspendMs: 10_000 };
	readonly redaction = {
		queryParams: ['client_secret', 'api_key', 'access_token', 'code', 'password'],
		bodyFields: ['client_secret', 'api_key', 'apiKey', 'access_token', 'refresh_token', 'password'],
	};
	readonly tokens = new TokenStore();
	readonly handledActivations = new Map<string, number>();
	readonly rateLimitStyle: RateLimitStyle;
	config: ProcountorConfig;
	private companies = new Map<number, CompanyBooks>();
	private ids = new IdAllocator(FIRST_CREATED_ID);
	/** API keys issued by approved activation requests. */
	private issuedKeys: ApiKeyGrant[] = [];
	private clock: Clock = { now: () => Date.now() };
	private startedAt = Date.now();
	/** The demo web store the templates call back (`/store/...` on this port, outside `/api`). */
	readonly webStore = new WebStore(() => this.now());

	constructor(config: Partial<ProcountorConfig> = {}) {
		this.config = mergeProcountorConfig(defaultProcountorConfig(), config as Record<string, unknown>);
		this.rateLimitStyle = {
			// Procountor documents no rate-limit headers.
			headers: () => ({}),
			limited: (state, req) => {
				const until = state.suspendedUntil ? helsinkiDateTime(state.suspendedUntil) : null;
				const message =
					`API client suspended: more than ${state.limit} requests per second` + (until ? ` (suspended until ${until})` : '');
				if (req.routePath === '/oauth/token') {
					return { status: this.config.suspensionStatus, body: { error: 'access_denied', error_description: message } };
				}
				return errorResponse(this.config.suspensionStatus, [{ message }]);
			},
		};
		registerAuthRoutes(this.router, this);
		registerLookupRoutes(this.router, this);
		registerInvoiceRoutes(this.router, this);
		registerPartnerRoutes(this.router, this);
		registerProductRoutes(this.router, this);
		registerAttachmentRoutes(this.router, this);
		registerIntegrationRoutes(this.router, this);
		this.webStore.mount(this.router);
		this.reset();
	}

	now(): number {
		return this.clock.now();
	}

	attachClock(clock: Clock): void {
		this.clock = clock;
		this.startedAt = clock.now();
	}

	nextId(): number {
		return this.ids.next();
	}

	booksFor(companyId: number): CompanyBooks {
		let books = this.companies.get(companyId);
		if (!books) {
			const index = COMPANIES.findIndex((c) => c.id === companyId);
			const seed: CompanySeed = COMPANIES[index] ?? { id: companyId, name: `Yritys ${companyId} Oy`, businessId: '', userId: 59999, userName: 'API user' };
			const slot = index >= 0 ? index : COMPANIES.length + this.companies.size;
			books = new CompanyBooks(seed, this.ids, COMPANY_ID_OFFSET * slot, helsinkiDateTime(this.now()));
			this.companies.set(companyId, books);
		}
		return books;
	}

	apiKeyGrant(apiKey: string): ApiKeyGrant | undefined {
		return this.config.apiKeys.find((k) => k.apiKey === apiKey) ?? this.issuedKeys.find((k) => k.apiKey === apiKey);
	}

	integrateCompany(clientId: string, companyId: number): string {
		const existing = [...this.config.apiKeys, ...this.issuedKeys].find((k) => k.clientId === clientId && k.companyId === companyId);
		if (existing) return existing.apiKey;
		const company = COMPANIES.find((c) => c.id === companyId);
		const grant: ApiKeyGrant = { apiKey: `activated-${randomBytes(16).toString('hex')}`, clientId, companyId, userId: (company?.userId ?? 59000) + 100 };
		this.issuedKeys.push(grant);
		return grant.apiKey;
	}

	activationExpiry(requestId: string): number {
		const request = this.config.activationRequests.find((r) => r.requestId === requestId);
		if (request?.expires) return Date.parse(request.expires);
		return this.startedAt + 24 * 3_600_000;
	}

	servesOutsideBasePath(path: string): boolean {
		return path === WEB_STORE_PREFIX || path.startsWith(`${WEB_STORE_PREFIX}/`);
	}

	errorResponse(status: number, _req: SandboxRequest, message?: string): SandboxResponse {
		return errorForStatus(status, message);
	}

	decorate(res: SandboxResponse, req: SandboxRequest): SandboxResponse {
		for (const observer of this.observers) observer(req, res);
		return res;
	}

	private readonly observers = new Set<(req: SandboxRequest, res: SandboxResponse) => void>();

	/**
	 * Calls `observer` with every request the emulator answers and its answer (before it is
	 * written), e.g. for the contract tests. Returns the function that stops it.
	 */
	observe(observer: (req: SandboxRequest, res: SandboxResponse) => void): () => void {
		this.observers.add(observer);
		return () => this.observers.delete(observer);
	}

	/** Procountor limits per API client: the token's client, or client_id at the token endpoint. */
	rateLimitKey(req: SandboxRequest): string {
		if (req.routePath === '/oauth/token' && req.body.kind === 'form' && req.body.fields.client_id) {
			return `client:${req.body.fields.client_id}`;
		}
		const token = this.tokens.find(bearerToken(req.headers.authorization));
		return token ? `client:${token.clientId}` : 'anonymous';
	}

	expireSession(req: SandboxRequest): void {
		this.tokens.expire(bearerToken(req.headers.authorization));
	}

	reset(options: { keepSessions?: boolean } = {}): void {
		this.companies = new Map();
		this.ids = new IdAllocator(FIRST_CREATED_ID);
		this.issuedKeys = [];
		this.handledActivations.clear();
		this.webStore.reset();
		this.startedAt = this.clock.now();
		if (!options.keepSessions) this.tokens.clear();
		this.booksFor(OWN_COMPANY.id);
	}

	snapshot(): unknown {
		return {
			companies: Object.fromEntries([...this.companies.entries()].map(([id, books]) => [id, books.snapshot()])),
			tokens: this.tokens.snapshot(this.now()),
			activations: {
				handled: [...this.handledActivations.keys()],
				issuedKeys: this.issuedKeys.map((k) => ({ clientId: k.clientId, companyId: k.companyId })),
			},
			store: this.webStore.snapshot(),
		};
	}

	getConfig(): ProcountorConfig {
		return structuredClone(this.config);
	}

	configure(patch: Record<string, unknown>): ProcountorConfig {
		this.config = mergeProcountorConfig(this.config, patch);
		return this.getConfig();
	}
}

export function createProcountorEmulator(config?: Partial<ProcountorConfig>): ProcountorEmulator {
	return new ProcountorEmulator(config);
}
