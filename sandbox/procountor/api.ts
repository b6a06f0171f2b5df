/**
 * What every Procountor route shares: the Bearer check, JSON body reading (with the
 * Windows-1252 rule), query helpers and the `{results, meta}` page envelope.
 */
import type { Router } from '../framework/router';
import { mediaType } from '../framework/body';
import type { SandboxRequest, SandboxResponse } from '../framework/types';
import type { ApiKeyGrant, ProcountorConfig } from './config';
import { invalid, pcError, unauthorized } from './errors';
import type { CompanyBooks, Rec } from './state';
import { publicView } from './state';
import { codePointLabel, findNonCp1252, helsinkiDate, helsinkiDateTime, isIsoDate, localTime } from './text';
import { bearerToken, type AccessToken, type TokenStore } from './tokens';

export interface ProcountorCore {
	readonly config: ProcountorConfig;
	readonly tokens: TokenStore;
	now(): number;
	booksFor(companyId: number): CompanyBooks;
	nextId(): number;
	/** A configured API key or one issued by an approved activation request. */
	apiKeyGrant(apiKey: string): ApiKeyGrant | undefined;
	/** Issues (or returns the existing) API key of a client for a company. */
	integrateCompany(clientId: string, companyId: number): string;
	/** Handled activation requests (request id -> time handled). */
	readonly handledActivations: Map<string, number>;
	/** When a configured activation request expires (epoch ms). */
	activationExpiry(requestId: string): number;
}

export type Handler = (ctx: Ctx) => SandboxResponse | Promise<SandboxResponse>;

export interface RouteOptions {
	/** Bearer token required (default true). */
	auth?: boolean;
	/** JSON body: 'required', 'optional' or 'none' (default: required for POST/PUT/PATCH, else none). */
	body?: 'required' | 'optional' | 'none';
}

export function addRoute(router: Router, core: ProcountorCore, method: string, template: string, handler: Handler, options: RouteOptions = {}): void {
	const writes = ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase());
	const bodyMode = options.body ?? (writes ? 'required' : 'none');
	router.add(method, template, async (req) => {
		// Procountor's Azure gateway rejects GET requests that carry a body (vilkasgroup/Procountor 2.3.1).
		if ((req.method === 'GET' || req.method === 'HEAD') && req.rawBody.length > 0) {
			throw pcError(400, 'GET requests must not have a request body');
		}
		const token = options.auth === false ? undefined : authenticate(core, req);
		const body = bodyMode === 'none' ? undefined : readJson(req, bodyMode === 'required');
		return handler(new Ctx(core, req, token, body));
	});
}

export function authenticate(core: ProcountorCore, req: SandboxRequest): AccessToken {
	const value = bearerToken(req.headers.authorization);
	if (!value) throw unauthorized('Missing or malformed Authorization header: use "Bearer <access_token>"');
	const token = core.tokens.find(value);
	if (!token) throw unauthorized('Invalid access token');
	if (!core.tokens.isActive(token, core.now())) throw unauthorized('Access token has expired');
	return token;
}

/** The JSON body; a string with a character outside Windows-1252 is a 400 naming its field. */
export function readJson(req: SandboxRequest, required: boolean): unknown {
	const body = req.body;
	if (body.kind === 'empty') {
		if (required) throw pcError(400, 'Request body is missing');
		return undefined;
	}
	if (mediaType(req.headers['content-type']) !== 'application/json') {
		throw pcError(415, `Content type '${req.headers['content-type'] ?? ''}' not supported: use application/json`);
	}
	if (body.kind === 'invalid-json') throw pcError(400, `Malformed JSON: ${body.error}`);
	if (body.kind !== 'json') throw pcError(400, 'Request body is not JSON');
	assertCp1252(body.value);
	return body.value;
}

export function assertCp1252(value: unknown, prefix = ''): void {
	const problems = findNonCp1252(value, prefix);
	if (problems.length) {
		throw invalid(
			problems.map((p) => ({
				field: p.field || null,
				message: `INVALID_CHARACTERS: the value contains ${codePointLabel(p.char)}, which is not in the Windows-1252 character set`,
			})),
		);
	}
}

export class Ctx {
	constructor(
		readonly core: ProcountorCore,
		readonly req: SandboxRequest,
		private readonly accessToken: AccessToken | undefined,
		readonly body: unknown,
	) {}

	get token(): AccessToken {
		if (!this.accessToken) throw new Error('route has no token');
		return this.accessToken;
	}

	get books(): CompanyBooks {
		return this.core.booksFor(this.token.companyId);
	}

	get object(): Record<string, unknown> {
		const b = this.body;
		if (!b || typeof b !== 'object' || Array.isArray(b)) throw pcError(400, 'Request body must be a JSON object');
		return b as Record<string, unknown>;
	}

	now(): number {
		return this.core.now();
	}

	today(): string {
		return helsinkiDate(this.now());
	}

	timestamp(): string {
		return helsinkiDateTime(this.now());
	}

	/** The unique `version` timestamp a modified record gets (ms precision keeps it unique). */
	version(): string {
		return `${this.timestamp()}.${String(this.now() % 1000).padStart(3, '0')}`;
	}

	q(name: string): string | undefined {
		const v = this.req.query.get(name);
		return v === null || v === '' ? undefined : v;
	}

	/** Repeated or comma-separated values: `status=SENT&status=PAID` or `status=SENT,PAID`. */
	list(name: string): string[] | undefined {
		const values = this.req.query
			.getAll(name)
			.flatMap((v) => v.split(','))
			.map((v) => v.trim())
			.filter(Boolean);
		return values.length ? values : undefined;
	}

	int(name: string): number | undefined {
		const v = this.q(name);
		if (v === undefined) return undefined;
		if (!/^-?\d+$/.test(v)) throw invalid([{ field: name, message: `Invalid value '${v}': must be an integer` }]);
		return Number(v);
	}

	date(name: string): string | undefined {
		const v = this.q(name);
		if (v !== undefined && !isIsoDate(v)) throw invalid([{ field: name, message: `Invalid date '${v}': use yyyy-MM-dd` }]);
		return v;
	}

	/** A date-time query parameter (`2017-01-30T15:20:00`, zone ignored) as a sortable local time (`localTime`), else a 400. */
	dateTime(name: string): string | undefined {
		const v = this.q(name);
		if (v === undefined) return undefined;
		const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
		if (!m || !isIsoDate(m[1])) throw invalid([{ field: name, message: `Invalid date-time '${v}': use yyyy-MM-ddTHH:mm:ss` }]);
		return localTime(`${m[1]}T${m[2]}${m[3] ?? ':00'}${m[4] ?? ''}`);
	}

	bool(name: string): boolean | undefined {
		const v = this.q(name);
		if (v === undefined) return undefined;
		if (!/^(true|false)$/i.test(v)) throw invalid([{ field: name, message: `Invalid value '${v}': must be true or false` }]);
		return v.toLowerCase() === 'true';
	}

	/** Path parameter as a positive integer, else 404 like an unknown id. */
	pathId(name: string): number {
		const v = this.req.params[name];
		if (!/^\d+$/.test(v ?? '')) throw pcError(404, `Invalid id '${v}'`);
		return Number(v);
	}

	/** Comma-separated ids in a path segment (max 200). */
	pathIds(name: string): number[] {
		const raw = this.req.params[name] ?? '';
		const parts = raw.split(',').map((s) => s.trim());
		if (parts.some((p) => !/^\d+$/.test(p))) throw pcError(404, `Invalid id list '${raw}'`);
		if (parts.length > 200) throw invalid([{ field: name, message: 'At most 200 ids per request' }]);
		return parts.map(Number);
	}

	/** `{results, meta}` with `page` (0-based) and `size` (default 50, max 200). */
	page(records: Rec[], render: (r: Rec) => unknown = publicView): SandboxResponse {
		const page = this.int('page') ?? 0;
		const size = this.int('size') ?? 50;
		if (page < 0) throw invalid([{ field: 'page', message: 'Must be greater than or equal to 0' }]);
		if (size < 1 || size > 200) throw invalid([{ field: 'size', message: 'Must be between 1 and 200' }]);
		const slice = records.slice(page * size, page * size + size);
		return {
			status: 200,
			body: {
				results: slice.map(render),
				meta: { pageNumber: page, pageSize: size, resultCount: slice.length, totalCount: records.length },
			},
		};
	}
}

/** Keyset paging (`previousId` + `orderById`) before page/size, as the search endpoints allow. */
export function orderById(ctx: Ctx, records: Rec[]): Rec[] {
	const order = (ctx.q('orderById') ?? 'DESC').toUpperCase();
	if (order !== 'ASC' && order !== 'DESC') throw invalid([{ field: 'orderById', message: 'Must be ASC or DESC' }]);
	const previousId = ctx.int('previousId');
	const sorted = [...records].sort((a, b) => (order === 'ASC' ? a.id - b.id : b.id - a.id));
	if (previousId === undefined) return sorted;
	return sorted.filter((r) => (order === 'ASC' ? r.id > previousId : r.id < previousId));
}
