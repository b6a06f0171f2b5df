import type { IncomingHttpHeaders } from 'node:http';

import type { Router } from './router';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** The request body as the framework parsed it from its Content-Type. */
export type ParsedBody =
	| { kind: 'empty' }
	| { kind: 'json'; value: unknown }
	| { kind: 'invalid-json'; text: string; error: string }
	| { kind: 'multipart'; parts: MultipartPart[] }
	| { kind: 'form'; fields: Record<string, string> }
	| { kind: 'text'; text: string }
	| { kind: 'binary'; data: Buffer };

export interface SandboxRequest {
	method: string;
	/** Path as received (percent-encoded), without the query string. */
	rawPath: string;
	/** Percent-decoded path, e.g. `/v2/token/session/>whoAmI`. */
	path: string;
	/** `path` without the emulator's base path, e.g. `/token/session/>whoAmI`. */
	routePath: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: ParsedBody;
	rawBody: Buffer;
	/** Path parameters filled in by the router. */
	params: Record<string, string>;
	requestId: string;
	receivedAt: number;
	/** The client's IP address as the socket saw it (for per-address rate limits). */
	remoteAddress?: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** Buffers and strings are written as they are; anything else is sent as JSON. */
	body?: unknown;
}

export type RouteHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** Thrown by handlers to answer with a prepared (vendor-shaped) response. */
export class EmulatorError extends Error {
	constructor(readonly response: SandboxResponse, message = `HTTP ${response.status}`) {
		super(message);
	}
}

export interface RateLimitConfig {
	enabled: boolean;
	/** Requests allowed per window and key. */
	limit: number;
	windowMs: number;
	/**
	 * Sliding window: the limit holds for every span of `windowMs` ("no more than 20 in
	 * any second"), not per fixed window. Default false (fixed windows).
	 */
	sliding?: boolean;
	/**
	 * When > 0, a key that goes over the limit is suspended for this long: every request
	 * is refused until it ends (Procountor "may suspend the API client"). Default 0.
	 */
	suspendMs?: number;
}

export interface RateLimitState {
	limit: number;
	remaining: number;
	/** Whole seconds until the window resets (or the suspension ends). */
	resetSeconds: number;
	/** Epoch ms when the key's suspension ends; null/absent when not suspended. */
	suspendedUntil?: number | null;
	/** Why a request was refused: it went over the limit now, or the key was already suspended. */
	reason?: 'exceeded' | 'suspended' | null;
}

/** How a vendor announces its rate limit: headers on normal responses and the 429 itself. */
export interface RateLimitStyle {
	headers(state: RateLimitState): Record<string, string>;
	limited(state: RateLimitState, req: SandboxRequest): SandboxResponse;
}

/** Settings every emulator has; vendors add their own next to them. */
export interface FrameworkConfig {
	/** Added to every vendor request before it is handled. */
	latencyMs: number;
	rateLimit: RateLimitConfig;
	/** Fixed "now" (ISO 8601) for the emulator's clock; null = real time. Time keeps running from it. */
	now: string | null;
}

export interface JournalRedaction {
	/** Query parameters whose values are replaced by REDACTED. */
	queryParams: string[];
	/** JSON body properties (at any depth) whose values are replaced by REDACTED. */
	bodyFields: string[];
	/** Vendor headers (lower case) that carry secrets, besides Authorization, Cookie and the like. */
	headers?: string[];
}

/**
 * Everything vendor-specific. The framework does transport, body parsing, routing,
 * the journal, faults, latency and rate limiting; the vendor supplies the routes,
 * the state and the shape of its responses.
 */
export interface VendorEmulator<Config extends object = object> {
	readonly name: string;
	/** Prefix of every vendor path, e.g. `/v2`; '' for none. */
	readonly basePath: string;
	readonly router: Router;
	readonly rateLimitStyle: RateLimitStyle;
	readonly redaction: JournalRedaction;
	/** Used when the emulator is created without a rate-limit setting. */
	readonly defaultRateLimit: RateLimitConfig;
	/** Vendor-shaped error for a status code (faults, 404/405, 500). */
	errorResponse(status: number, req: SandboxRequest, message?: string): SandboxResponse;
	/**
	 * Answer for a path no route matches (`allowed` lists methods the path has). Return
	 * undefined for the default 404/405 from errorResponse.
	 */
	unmatchedRoute?(req: SandboxRequest, allowed: string[]): SandboxResponse | undefined;
	/** Paths outside `basePath` the emulator serves too (e.g. the sandbox's web store under `/store`). */
	servesOutsideBasePath?(path: string): boolean;
	/** Adds headers every vendor response carries (request ids and such). */
	decorate(res: SandboxResponse, req: SandboxRequest): SandboxResponse;
	/** Key under which requests are counted for rate limiting (per user, per token...). */
	rateLimitKey(req: SandboxRequest): string;
	/** Invalidates the session/token a request presents, so its next auth check fails. */
	expireSession(req: SandboxRequest): void;
	/** Back to seed data; sessions/tokens too unless kept. */
	reset(options?: { keepSessions?: boolean }): void;
	/** The records, as plain JSON, for GET /__sandbox/state. Never includes secrets. */
	snapshot(): unknown;
	getConfig(): Config;
	/** Applies a partial config; throws Error with a readable message for unknown keys or bad values. */
	configure(patch: Record<string, unknown>): Config;
	/** Lets the vendor read the framework clock. */
	attachClock(clock: Clock): void;
	/** Lets the vendor record the requests it sends itself (webhook deliveries). */
	attachJournal?(journal: OutgoingJournal): void;
}

export interface Clock {
	now(): number;
}

/** A request the emulator sent (a webhook delivery attempt), for the journal. */
export interface OutgoingRequest {
	time: number;
	url: string;
	/** Already redacted by the sender. */
	headers: Record<string, string>;
	body: unknown;
	requestId: string;
	route: string;
	/** The target's answer; null when none came (connection error, timeout). */
	status: number | null;
	durationMs: number;
	delivery: Record<string, unknown>;
}

/** Where an emulator records the requests it sends (the framework's Journal). */
export interface OutgoingJournal {
	outgoing(request: OutgoingRequest): unknown;
}
