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
 * notProcessed: the server certainly did not act (429, 503, connection refused): retry anything.
 * uncertain: it may have acted (timeout, reset, 5xx): retry reads; writes must look up first.
 * rejected: a definite answer (4xx): do not retry.
 */
export function classifyFailure(failure: HttpFailure): Outcome {
	const status = failure.statusCode;
	if (status === 429 || status === 503) return 'notProcessed';
	if (status !== undefined && status >= 500) return 'uncertain';
	if (status !== undefined) return 'rejected';
	if (failure.code && NEVER_SENT_CODES.has(failure.code)) return 'notProcessed';
	if (failure.code && UNCERTAIN_CODES.has(failure.code)) return 'uncertain';
	// Not a transport failure we know (e.g. the credential's own token exchange refused): final.
	return 'rejected';
}

/**
 * For writes that have no lookup to recover with (Posti's shipment create): only a 429 or a
 * connection that was never made proves the request was not processed. Anything else the
 * server may have acted on, a 503 included, is uncertain.
 */
export function classifyFailureWithoutLookup(failure: HttpFailure): Outcome {
	if (failure.statusCode === 429) return 'notProcessed';
	if (failure.statusCode === undefined && failure.code && NEVER_SENT_CODES.has(failure.code)) return 'notProcessed';
	if (failure.statusCode !== undefined && failure.statusCode >= 500) return 'uncertain';
	return classifyFailure(failure);
}

function header(failure: HttpFailure, name: string): string | undefined {
	const value = failure.headers[name] ?? failure.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** Server-given wait in ms: Retry-After (seconds or HTTP date), else X-Rate-Limit-Reset (seconds). */
export function serverRequestedDelayMs(failure: HttpFailure, now = Date.now()): number | undefined {
	const retryAfter = header(failure, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = Number(header(failure, 'x-rate-limit-reset'));
	if (Number.isFinite(reset) && reset >= 0) return reset * 1000;
	return undefined;
}

/** Exponential back-off with full jitter, capped; a server-given delay wins when present. */
export function backoffDelayMs(
	attempt: number,
	policy: RetryPolicy,
	failure?: HttpFailure,
	random: () => number = Math.random,
): number {
	const requested = failure ? serverRequestedDelayMs(failure) : undefined;
	if (requested !== undefined) return Math.min(requested, policy.maxDelayMs);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
