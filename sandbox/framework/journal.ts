import type { IncomingHttpHeaders } from 'node:http';

import { pathMatchesPattern } from './router';
import type { JournalRedaction, OutgoingRequest, ParsedBody, SandboxRequest } from './types';

export const REDACTED = 'REDACTED';

/** Headers that carry credentials; their values never reach the journal. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api_key']);

/**
 * - `held`: a `commitLate` request still waiting to be processed;
 * - `committed-late`: processed after the hold, no answer sent;
 * - `cancelled`: held, then dropped unprocessed by a reset or the emulator stopping;
 * - `status-after-processing`: processed, then answered with the fault's status.
 */
export type JournalOutcome =
	| 'responded'
	| 'dropped'
	| 'dropped-after-processing'
	| 'malformed'
	| 'held'
	| 'committed-late'
	| 'cancelled'
	| 'status-after-processing'
	/** Outgoing (a webhook the emulator sent): the target answered 2xx. */
	| 'delivered'
	/** Outgoing: the target answered otherwise, or not at all. */
	| 'delivery-failed';

export interface JournalEntry {
	seq: number;
	/** Epoch milliseconds when the request arrived. */
	time: number;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	body: unknown;
	/** Matched route template, when a route matched. */
	route: string | null;
	requestId: string;
	/** Status the emulator produced; for dropped connections the client never saw it (null when nothing was produced). */
	status: number | null;
	/**
	 * Status of the processing (the route's answer) when the request was processed, else null
	 * (`drop`, `status`, `malformed`, still held, cancelled). Differs from `status` for
	 * `statusAfterProcessing`.
	 */
	processedStatus: number | null;
	/** The client closed the connection before the emulator answered (or before a held request was processed). */
	clientDisconnected: boolean;
	outcome: JournalOutcome;
	faultId: string | null;
	durationMs: number;
	/** Key the rate limiter counted the request under (null when rate limiting is off). */
	rateLimitKey: string | null;
	/** Refused by the rate limiter: over the limit now, or its key was already suspended. */
	rateLimited: 'exceeded' | 'suspended' | null;
	/** Only on requests the emulator sent (webhook deliveries); absent on requests it received. */
	direction?: 'outgoing';
	/** Outgoing: the URL it was sent to (without user info). */
	target?: string;
	/** Outgoing: what was delivered and how it went (subscription, event, attempt, error, …). */
	delivery?: Record<string, unknown>;
}


export interface JournalFilter {
	method?: string;
	path?: string;
	sinceSeq?: number;
}

const MAX_ENTRIES = 10_000;

export class Journal {
	private entries: JournalEntry[] = [];
	private seq = 0;

	constructor(private readonly redaction: JournalRedaction) {}

	open(req: SandboxRequest): JournalEntry {
		const entry: JournalEntry = {
			seq: ++this.seq,
			time: req.receivedAt,
			method: req.method,
			path: req.path,
			query: redactQuery(req.query, this.redaction.queryParams),
			headers: redactHeaders(req.headers, this.redaction.headers),
			body: describeBody(req.body, this.redaction.bodyFields),
			route: null,
			requestId: req.requestId,
			status: null,
			processedStatus: null,
			clientDisconnected: false,
			outcome: 'responded',
			faultId: null,
			durationMs: 0,
			rateLimitKey: null,
			rateLimited: null,
		};
		this.entries.push(entry);
		if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
		return entry;
	}

	/** Records a request the emulator sent (webhook deliveries), beside the requests it received. */
	outgoing(request: OutgoingRequest): JournalEntry {
		const url = new URL(request.url);
		url.username = '';
		url.password = '';
		const delivered = request.status !== null && request.status >= 200 && request.status < 300;
		const entry: JournalEntry = {
			seq: ++this.seq,
			time: request.time,
			method: 'POST',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: redactHeaders(request.headers, this.redaction.headers),
			body: redactFields(request.body, this.redaction.bodyFields),
			route: request.route,
			requestId: request.requestId,
			status: request.status,
			processedStatus: null,
			clientDisconnected: false,
			outcome: delivered ? 'delivered' : 'delivery-failed',
			faultId: null,
			durationMs: request.durationMs,
			rateLimitKey: null,
			rateLimited: null,
			direction: 'outgoing',
			target: url.toString(),
			delivery: request.delivery,
		};
		this.entries.push(entry);
		if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
		return entry;
	}

	list(filter: JournalFilter = {}): JournalEntry[] {
		return this.entries.filter(
			(e) =>
				(filter.method === undefined || e.method === filter.method.toUpperCase()) &&
				(filter.path === undefined || pathMatchesPattern(filter.path, e.path) || e.route === filter.path) &&
				(filter.sinceSeq === undefined || e.seq > filter.sinceSeq),
		);
	}

	clear(): void {
		this.entries = [];
	}
}

export function redactHeaders(headers: IncomingHttpHeaders, extraSecret: string[] = []): Record<string, string> {
	const out: Record<string, string> = {};
	const extra = new Set(extraSecret.map((h) => h.toLowerCase()));
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const lower = name.toLowerCase();
		out[name] = SECRET_HEADERS.has(lower) || extra.has(lower) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function redactQuery(query: URLSearchParams, secret: string[]): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const values = query.getAll(key).map((v) => (secret.includes(key) ? REDACTED : v));
		out[key] = values.length === 1 ? values[0] : values;
	}
	return out;
}

export function redactFields(value: unknown, secret: string[]): unknown {
	if (Array.isArray(value)) return value.map((v) => redactFields(v, secret));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, secret.includes(k) && v !== null ? REDACTED : redactFields(v, secret)]),
		);
	}
	return value;
}

function describeBody(body: ParsedBody, secret: string[]): unknown {
	switch (body.kind) {
		case 'empty':
			return null;
		case 'json':
			return redactFields(body.value, secret);
		case 'invalid-json':
			return { invalidJson: body.text.slice(0, 2000) };
		case 'multipart':
			return {
				multipart: body.parts.map((p) =>
					p.filename === undefined && !p.contentType
						? { name: p.name, value: secret.includes(p.name) ? REDACTED : p.data.toString('utf8').slice(0, 2000) }
						: { name: p.name, filename: p.filename ?? null, contentType: p.contentType ?? null, size: p.data.length },
				),
			};
		case 'form':
			return { form: redactFields(body.fields, secret) };
		case 'text':
			return { text: body.text.slice(0, 2000) };
		case 'binary':
			return { binary: body.data.length };
	}
}
