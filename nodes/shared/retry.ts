/** What a failed attempt tells us about the server's state, and how long to wait. */

export interface HttpFailure {
	statusCode?: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** Node/axios error code for transport failures (ECONNREFUSED, ETIMEDOUT, ...). */
	code?: string;
	message: string;
}

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** The request never reached the application: safe to send again, even a write. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The request may or may not have been processed. */
const UNCERTAIN_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ERR_BAD_RESPONSE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export type Outcome = 'notProcessed' | 'uncertain' | 'rejected';

/**
 * notProcessed: the server certainly did not act (429, connection refused): retry anything.
 * uncertain: it may have acted (timeout, reset, any 5xx, 503 included: a proxy may answer
 * 503 after the backend acted): retry reads; a write is settled by a lookup, never resent blindly.
 * rejected: a definite answer (4xx): do not retry.
 */
export function classifyFailure(failure: HttpFailure): Outcome {
	const status = failure.statusCode;
	if (status === 429) return 'notProcessed';
	if (status !== undefined && status >= 500) return 'uncertain';
	if (status !== undefined) return 'rejected';
	if (failure.code && NEVER_SENT_CODES.has(failure.code)) return 'notProcessed';
	if (failure.code && UNCERTAIN_CODES.has(failure.code)) return 'uncertain';
	// Not a transport failure we know (e.g. the credential's own token exchange refused): final.
	return 'rejected';
}

function header(failure: HttpFailure, name: string): string | undefined {
	const value = failure.headers[name] ?? failure.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The longest wait a server can impose through `Retry-After` or `X-Rate-Limit-Reset`. Asked
 * for longer, the node does not sleep (a run would hang for that long, and Node's timers
 * overflow past 2^31-1 ms and fire at once): the request fails with "rate limited" and the
 * wait the server asked for. Documented in docs/*.md ("Rate limits").
 */
export const MAX_SERVER_WAIT_MS = 30_000;

/** Past this, an `X-Rate-Limit-Reset` is read as a Unix time in seconds (2001-09-09), not a count of seconds. */
const EPOCH_SECONDS_FROM = 1e9;

/**
 * `X-Rate-Limit-Reset` in ms from now: seconds left in the period (Tripletex), or a Unix time
 * in seconds as some servers send. Negative, empty or non-numeric values mean nothing.
 */
export function rateLimitResetMs(raw: string | undefined, now = Date.now()): number | undefined {
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) return undefined;
	if (value >= EPOCH_SECONDS_FROM && value * 1000 < now + 86_400_000) return Math.max(0, value * 1000 - now);
	return value * 1000;
}

/**
 * Server-given wait in ms, uncapped (so a caller can tell an absurd ask from a short one):
 * Retry-After (seconds or HTTP date; a date in the past is 0), else X-Rate-Limit-Reset.
 * Negative, NaN and unreadable values count as absent.
 */
export function serverRequestedDelayMs(failure: HttpFailure, now = Date.now()): number | undefined {
	const retryAfter = header(failure, 'retry-after')?.trim();
	if (retryAfter) {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
		const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return rateLimitResetMs(header(failure, 'x-rate-limit-reset'), now);
}

/** The wait the server asked for, when it is longer than MAX_SERVER_WAIT_MS (the request should then fail, not wait). */
export function serverWaitTooLongMs(failure: HttpFailure, now = Date.now()): number | undefined {
	const requested = serverRequestedDelayMs(failure, now);
	return requested !== undefined && requested > MAX_SERVER_WAIT_MS ? requested : undefined;
}

/**
 * How long to hold every request after an answer with `X-Rate-Limit-Remaining: 0`: until the
 * period resets (1 s when the server does not say), never longer than MAX_SERVER_WAIT_MS.
 */
export function rateLimitPauseMs(headers: Record<string, string | string[] | undefined>, now = Date.now()): number {
	const raw = headers['x-rate-limit-reset'] ?? headers['X-Rate-Limit-Reset'];
	const reset = rateLimitResetMs(Array.isArray(raw) ? raw[0] : raw, now) ?? 1000;
	return Math.min(reset, MAX_SERVER_WAIT_MS);
}

/** Exponential back-off with full jitter, capped; a server-given delay wins when present. */
export function backoffDelayMs(
	attempt: number,
	policy: RetryPolicy,
	failure?: HttpFailure,
	random: () => number = Math.random,
): number {
	const requested = failure ? serverRequestedDelayMs(failure) : undefined;
	if (requested !== undefined) return Math.min(requested, policy.maxDelayMs, MAX_SERVER_WAIT_MS);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
