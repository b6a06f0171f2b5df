/**
 * What every Tripletex route shares: Basic-auth session check, spec-driven checks of
 * path and query parameters and of the JSON body, and the response envelopes
 * (`{value}`, list with paging/sorting/versionDigest, `fields` filtering).
 */
import { createHash } from 'node:crypto';

import type { Router } from '../framework/router';
import type { SandboxRequest, SandboxResponse } from '../framework/types';
import type { TripletexConfig } from './config';
import { isIsoDate, osloDate } from './dates';
import { mappingFailed, notFound, tlxError, unauthorized, forbidden, validationFailed } from './errors';
import {
	getOperation,
	jsonRequestSchema,
	validateRequestBody,
	type OperationObject,
	type ValidationIssue,
} from './openapi-validator';
import { parseFields, Renderer, STAR, type Selection } from './render';
import type { Session, SessionStore } from './sessions';
import { parseBasicAuth } from './sessions';
import type { Books, Rec } from './state';
import type { WebhookHub } from './webhooks';

/** The emulator as routes see it. */
export interface TripletexCore {
	readonly config: TripletexConfig;
	readonly sessions: SessionStore;
	readonly webhooks: WebhookHub;
	now(): number;
	booksFor(companyId: number): Books;
}

export type TripletexHandler = (ctx: RequestContext) => SandboxResponse | Promise<SandboxResponse>;

export interface RouteOptions {
	/** Session required (default true). */
	auth?: boolean;
	/** Runs first, before auth and validation (e.g. to imitate an endpoint that does not exist). */
	before?: (req: SandboxRequest) => void;
	/** The handler reports missing/bad query parameters itself. */
	skipQueryCheck?: boolean;
}

/** Registers a handler for an operation that must exist in the spec. */
export function addRoute(
	router: Router,
	core: TripletexCore,
	method: string,
	template: string,
	handler: TripletexHandler,
	options: RouteOptions = {},
): void {
	const operation = getOperation(method, template);
	if (!operation) throw new Error(`${method} ${template} is not in the Tripletex spec`);
	router.add(method, template, async (req) => {
		options.before?.(req);
		const auth = options.auth === false ? undefined : authenticate(core, req);
		checkPathParameters(operation, req.params);
		if (!options.skipQueryCheck) checkQueryParameters(operation, req.query);
		const body = readJsonBody(method, template, req);
		const ctx = new RequestContext(core, req, auth?.session, auth?.companyId, body);
		return handler(ctx);
	});
}

export function authenticate(core: TripletexCore, req: SandboxRequest): { session: Session; companyId: number } {
	const credentials = parseBasicAuth(req.headers.authorization);
	if (!credentials) throw unauthorized('Missing or malformed Basic authorization header');
	const session = core.sessions.find(credentials.password);
	if (!session) throw unauthorized('Invalid session token');
	if (!core.sessions.isActive(session, core.now())) throw unauthorized('Session token has expired');
	const { username } = credentials;
	const grant = session.grant;
	if (username === '' || username === '0') return { session, companyId: grant.companyId };
	const companyId = /^\d+$/.test(username) ? Number(username) : NaN;
	if (companyId === grant.companyId || grant.clientCompanyIds.includes(companyId)) return { session, companyId };
	throw forbidden(`You do not have access to company ${username}.`);
}

function checkPathParameters(operation: OperationObject, params: Record<string, string>): void {
	for (const p of operation.parameters ?? []) {
		if (p.in !== 'path') continue;
		const value = params[p.name];
		if (p.schema?.type === 'integer' && !/^-?\d+$/.test(value ?? '')) {
			throw tlxError(400, 12000, `Ugyldig verdi for ${p.name}: "${value}"`, { developerMessage: 'PATH_PARAM_ERROR' });
		}
	}
}

function checkQueryParameters(operation: OperationObject, query: URLSearchParams): void {
	const problems: ValidationIssue[] = [];
	for (const p of operation.parameters ?? []) {
		if (p.in !== 'query') continue;
		const values = query.getAll(p.name).filter((v) => v !== '');
		if (values.length === 0) {
			if (p.required) problems.push({ field: p.name, path: p.name, message: 'Kan ikke være null.', kind: 'required' });
			continue;
		}
		const type = p.schema?.type === 'array' ? p.schema.items?.type : p.schema?.type;
		const ok = values.every((v) => {
			if (type === 'integer') return /^-?\d+$/.test(v);
			if (type === 'number') return v.trim() !== '' && !Number.isNaN(Number(v));
			if (type === 'boolean') return /^(true|false)$/i.test(v);
			return true;
		});
		if (!ok) problems.push({ field: p.name, path: p.name, message: `Ugyldig verdi: ${values.join(',')}`, kind: 'type' });
		const allowed = p.schema?.enum;
		if (ok && allowed && values.some((v) => !allowed.includes(v))) {
			problems.push({ field: p.name, path: p.name, message: `Ugyldig verdi. Gyldige verdier: ${allowed.join(', ')}.`, kind: 'enum' });
		}
	}
	if (problems.length) throw validationFailed(problems);
}

function readJsonBody(method: string, template: string, req: SandboxRequest): Record<string, unknown> | undefined {
	if (!jsonRequestSchema(method, template)) return undefined;
	const body = req.body;
	switch (body.kind) {
		case 'empty':
			throw tlxError(400, 4000, 'Request body is missing.');
		case 'invalid-json':
			throw tlxError(422, 22000, 'Invalid JSON', { developerMessage: body.error });
		case 'json': {
			const result = validateRequestBody(method, template, body.value);
			if (!result.valid) {
				const toMessage = (e: ValidationIssue) => ({ field: e.field, message: e.message, path: e.path });
				const mapping = result.errors.filter((e) => e.kind === 'unknown-field' || e.kind === 'type' || e.kind === 'enum');
				// The JSON mapper fails before bean validation runs, so mapping errors come alone.
				if (mapping.length) throw mappingFailed(mapping.map(toMessage));
				throw validationFailed(result.errors.map(toMessage));
			}
			return body.value as Record<string, unknown>;
		}
		default:
			throw tlxError(415, null, 'Unsupported Media Type: send application/json');
	}
}

export class Query {
	constructor(private readonly params: URLSearchParams) {}

	/** Empty values count as absent, as on the server. */
	string(name: string): string | undefined {
		const value = this.params.get(name);
		return value === null || value === '' ? undefined : value;
	}

	int(name: string): number | undefined {
		const value = this.string(name);
		return value === undefined ? undefined : Number(value);
	}

	number(name: string): number | undefined {
		const value = this.string(name);
		return value === undefined ? undefined : Number(value);
	}

	bool(name: string): boolean | undefined {
		const value = this.string(name);
		return value === undefined ? undefined : value.toLowerCase() === 'true';
	}

	/** A YYYY-MM-DD value; anything else is a 422 naming the parameter. */
	date(name: string): string | undefined {
		const value = this.string(name);
		if (value !== undefined && !isIsoDate(value)) {
			throw validationFailed([{ field: name, message: `Ugyldig dato: ${value}. Bruk formatet YYYY-MM-DD.`, path: name }]);
		}
		return value;
	}

	/** Comma-separated or repeated values: `number=1920,3000` or `productNumber=a&productNumber=b`. */
	list(name: string): string[] | undefined {
		const values = this.params
			.getAll(name)
			.flatMap((v) => v.split(','))
			.map((v) => v.trim())
			.filter((v) => v !== '');
		return values.length ? values : undefined;
	}

	idList(name: string): number[] | undefined {
		const values = this.list(name);
		if (!values) return undefined;
		if (values.some((v) => !/^\d+$/.test(v))) {
			throw validationFailed([{ field: name, message: `Ugyldig liste med id-er: ${values.join(',')}`, path: name }]);
		}
		return values.map(Number);
	}
}

export class RequestContext {
	readonly query: Query;
	readonly renderer: Renderer;

	constructor(
		readonly core: TripletexCore,
		readonly req: SandboxRequest,
		readonly session: Session | undefined,
		private readonly company: number | undefined,
		private readonly jsonBody: Record<string, unknown> | undefined,
	) {
		this.query = new Query(req.query);
		this.renderer = new Renderer(req.headers.host ?? 'localhost', (schema, id) =>
			company === undefined ? undefined : this.books.get(schema, id),
		);
	}

	get companyId(): number {
		if (this.company === undefined) throw new Error('route has no session');
		return this.company;
	}

	get books(): Books {
		return this.core.booksFor(this.companyId);
	}

	get body(): Record<string, unknown> {
		return this.jsonBody ?? {};
	}

	now(): number {
		return this.core.now();
	}

	today(): string {
		return osloDate(this.now());
	}

	/** Path parameter as an integer (already checked against the spec). */
	pathId(name = 'id'): number {
		return Number(this.req.params[name]);
	}

	/** Tells the company's webhook subscriptions to `event` about the record (deliveries follow asynchronously). */
	publish(event: string, record: Rec): void {
		this.core.webhooks.publish(this.companyId, event, record, this.renderer);
	}

	/** A record by id, or 404/6000. */
	find(schemaName: string, id: number): Rec {
		const record = this.books.get(schemaName, id);
		if (!record) throw notFound();
		return record;
	}

	selection(fallback: Selection = STAR): Selection {
		return parseFields(this.req.query.get('fields')) ?? fallback;
	}

	render(schemaName: string, record: Rec, fallback: Selection = STAR): Record<string, unknown> {
		return this.renderer.render(schemaName, record, this.selection(fallback));
	}

	single(schemaName: string, record: Rec, status = 200, fallback: Selection = STAR): SandboxResponse {
		return { status, body: { value: this.render(schemaName, record, fallback) } };
	}

	/** List envelope with `from`/`count` paging, `sorting`, `fields` and If-None-Match. */
	list(schemaName: string, records: Rec[], fallback: Selection = STAR): SandboxResponse {
		const from = this.query.int('from') ?? 0;
		const count = this.query.int('count') ?? 1000;
		if (from < 0 || count < 0) throw validationFailed([{ field: from < 0 ? 'from' : 'count', message: 'Må være minimum 0.' }]);
		const sorted = sortRecords(records, this.query.string('sorting'));
		const page = sorted.slice(from, from + count);
		const selection = this.selection(fallback);
		const values = page.map((r) => this.renderer.render(schemaName, r, selection));
		const ifNoneMatch = this.req.headers['if-none-match'];
		let versionDigest = "'If-None-Match' header not specified";
		if (ifNoneMatch !== undefined) {
			versionDigest = createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 27);
			if (ifNoneMatch.replace(/"/g, '') === versionDigest) return { status: 304 };
		}
		return { status: 200, body: { fullResultSize: sorted.length, from, count: page.length, versionDigest, values } };
	}
}

function valueAt(record: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), record);
}

/** `sorting=-date,customer.id`; without it the handler's order (creation order) stands. */
export function sortRecords(records: Rec[], sorting: string | undefined): Rec[] {
	if (!sorting) return records;
	const keys = sorting
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => (s.startsWith('-') ? { path: s.slice(1), dir: -1 } : { path: s.replace(/^\+/, ''), dir: 1 }));
	return [...records].sort((a, b) => {
		for (const { path, dir } of keys) {
			const x = valueAt(a, path);
			const y = valueAt(b, path);
			if (x === y) continue;
			if (x === undefined || x === null) return -dir;
			if (y === undefined || y === null) return dir;
			return (x < y ? -1 : 1) * dir;
		}
		return 0;
	});
}
