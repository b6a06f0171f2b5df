import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Redactor } from './redact';
import type { HttpFailure, Outcome } from './retry';
import { MAX_SERVER_WAIT_MS, serverWaitTooLongMs } from './retry';

/** What a vendor's error body says, in the user's terms. */
export interface VendorErrorDetails {
	message: string;
	/** Field-level problems, e.g. "postings[0].account: Account 9999 does not exist". */
	fieldMessages?: string[];
	vendorCode?: string | number;
	requestId?: string;
	/** What the user can do about it. */
	hint?: string;
}

/** A vendor call that failed; `outcome` tells callers whether a write may have happened. */
export class VendorApiError extends NodeApiError {
	outcome: Outcome = 'rejected';
	statusCode?: number;
	vendorCode?: string | number;
	requestId?: string;
	/** How many times the request was sent. */
	attempts = 1;
	/** The write it concerns was already looked for (by `writeOnce`): an enclosing write must not take it as its own. */
	settled = false;
}

function plainHeaders(headers: unknown): Record<string, string | string[] | undefined> {
	if (!headers || typeof headers !== 'object') return {};
	const maybeJson = headers as { toJSON?: () => unknown };
	const source = typeof maybeJson.toJSON === 'function' ? maybeJson.toJSON() : headers;
	const result: Record<string, string | string[] | undefined> = {};
	for (const [key, value] of Object.entries(source as object)) {
		result[key.toLowerCase()] = Array.isArray(value) ? value.map(String) : value === undefined ? undefined : String(value);
	}
	return result;
}

/** Decodes an error body that arrived as bytes (binary requests) into JSON or text. */
function decodeBody(body: unknown): unknown {
	if (body instanceof ArrayBuffer) body = Buffer.from(body);
	if (!Buffer.isBuffer(body)) return body;
	const text = body.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Reads status, headers, body and transport code from whatever n8n's HTTP helpers threw. */
export function extractFailure(error: unknown): HttpFailure {
	const candidates: unknown[] = [];
	let current: unknown = error;
	for (let depth = 0; current && depth < 4; depth++) {
		candidates.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	for (const candidate of candidates) {
		const response = (candidate as { response?: Record<string, unknown> }).response;
		if (response && typeof response === 'object' && ('status' in response || 'statusCode' in response)) {
			return {
				statusCode: Number(response.status ?? response.statusCode),
				headers: plainHeaders(response.headers),
				body: decodeBody(response.data ?? response.body),
				code: (candidate as { code?: string }).code,
				message: String((candidate as Error).message ?? ''),
			};
		}
	}
	// n8n 1.x wraps without keeping the response: only NodeApiError's httpCode and context.data remain.
	const withHttpCode = candidates.find((candidate) => /^\d{3}$/.test(String((candidate as { httpCode?: unknown }).httpCode ?? ''))) as
		| { httpCode: string; context?: { data?: unknown }; message?: string }
		| undefined;
	if (withHttpCode) {
		return {
			statusCode: Number(withHttpCode.httpCode),
			headers: {},
			body: withHttpCode.context?.data,
			message: String(withHttpCode.message ?? ''),
		};
	}
	const withCode = candidates.find((candidate) => typeof (candidate as { code?: unknown }).code === 'string') as
		| { code: string; message?: string }
		| undefined;
	const root = candidates[candidates.length - 1] as { message?: string } | undefined;
	return {
		headers: {},
		body: undefined,
		code: withCode?.code ?? codeFromDescriptiveMessage(candidates),
		message: String(root?.message ?? (error as Error)?.message ?? 'Unknown error'),
	};
}

/**
 * n8n 1.x keeps no transport code either; it only swaps the message for a sentence per
 * code. Reading the sentence back keeps timeouts and resets classed as uncertain there.
 */
const DESCRIPTIVE_MESSAGES: Array<[RegExp, string]> = [
	[/^The service refused the connection/, 'ECONNREFUSED'],
	[/^The connection to the server was closed unexpectedly/, 'ECONNRESET'],
	[/^The connection cannot be established, this usually occurs due to an incorrect host/, 'ENOTFOUND'],
	[/^The connection timed out/, 'ETIMEDOUT'],
	[/^The connection was aborted/, 'ECONNABORTED'],
	[/^The host is unreachable/, 'EHOSTUNREACH'],
	[/^The DNS server returned an error/, 'EAI_AGAIN'],
];

function codeFromDescriptiveMessage(candidates: unknown[]): string | undefined {
	for (const candidate of candidates) {
		const message = String((candidate as { message?: unknown }).message ?? '');
		const match = DESCRIPTIVE_MESSAGES.find(([pattern]) => pattern.test(message));
		if (match) return match[1];
	}
	return undefined;
}

export interface BuildErrorInput {
	node: INode;
	serviceName: string;
	failure: HttpFailure;
	details: VendorErrorDetails;
	outcome: Outcome;
	redactor: Redactor;
	itemIndex?: number;
	action: string;
	/** Message and hint for a write whose outcome is uncertain, instead of the generic ones. */
	uncertain?: { message: string; hint: string };
	/** How many times the request was sent (the earlier ones certainly not processed). */
	attempts?: number;
}

/**
 * In words, not codes: n8n replaces any error message that contains a code such as
 * ECONNREFUSED with a generic sentence, which would drop the service's name. The code
 * itself goes into the description.
 */
const TRANSPORT_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection closed by the server',
	EPIPE: 'connection closed by the server',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'timed out',
	ERR_BAD_RESPONSE: 'unreadable response',
};

const UNCERTAIN_HINT = 'The request may have been processed. Check in the service before re-running.';

/** What was sent, truthfully: earlier attempts were refused unprocessed (429, connection refused), the last one is the open question. */
export function attemptsLine(attempts = 1): string {
	return attempts > 1
		? `It was sent ${attempts} times: the first ${attempts - 1} certainly not processed (rate limit or connection refused); the last may have been, so it was not sent again.`
		: 'It was sent once and not sent again, to avoid a duplicate.';
}

/** One NodeApiError shape for all vendors: message, field list, request id; never a secret. */
export function buildVendorError(input: BuildErrorInput): VendorApiError {
	const { failure, details, redactor } = input;
	const status = failure.statusCode;
	const transport = !status && failure.code ? (TRANSPORT_FAILURES[failure.code] ?? 'network error') : undefined;
	const uncertainWrite = input.outcome === 'uncertain' && input.action !== 'read';
	const custom = uncertainWrite ? input.uncertain : undefined;
	// A wait past MAX_SERVER_WAIT_MS is not waited for (see request.ts): say what the server asked.
	const askedMs = status ? serverWaitTooLongMs(failure) : undefined;
	const askedSeconds = askedMs === undefined ? undefined : Math.ceil(askedMs / 1000);
	const rateLimited = askedSeconds !== undefined && status === 429;
	const summary = custom
		? `${custom.message} (${status ? `HTTP ${status}` : (transport ?? 'no answer')})`
		: rateLimited
			? `rate limited; the server asked to wait ${askedSeconds} s (HTTP 429)`
			: status
			? `${details.message} (HTTP ${status}${details.vendorCode !== undefined ? `, code ${details.vendorCode}` : ''})`
			: transport
				? `no answer (${transport})`
				: details.message;
	// The credential's own token-exchange errors already start with the service's name.
	const prefixed = summary.startsWith(input.serviceName) ? summary : `${input.serviceName}: ${summary}`;
	const message = redactor.text(prefixed);
	const lines: string[] = [];
	if (transport) lines.push(`Network error ${failure.code}: ${failure.message}`);
	if (custom && status) lines.push(`${input.serviceName} answered: ${details.message}`);
	if (details.fieldMessages?.length) lines.push(...details.fieldMessages.map((line) => `• ${line}`));
	if (askedSeconds !== undefined) {
		lines.push(
			`${input.serviceName} asked to wait ${askedSeconds} s before the next request; the node waits at most ${MAX_SERVER_WAIT_MS / 1000} s, so it stopped instead.` +
				(rateLimited ? ' The request was not processed: run it again later, with a lower concurrency or fewer runs at once.' : ''),
		);
	}
	if (details.hint && !rateLimited) lines.push(details.hint);
	if (uncertainWrite) lines.push(attemptsLine(input.attempts), custom?.hint ?? UNCERTAIN_HINT);
	if (details.requestId) lines.push(`${input.serviceName} request ID: ${details.requestId}`);
	const description = redactor.text(lines.join('\n')) || undefined;

	const errorResponse = redactor.value({
		message,
		httpCode: status ? String(status) : undefined,
		// not `code`: NodeApiError would swap our message for a generic one
		networkError: failure.code,
		vendorCode: details.vendorCode,
		requestId: details.requestId,
		body: failure.body,
	}) as JsonObject;
	const error = new VendorApiError(input.node, errorResponse, {
		message,
		description,
		httpCode: status ? String(status) : undefined,
		itemIndex: input.itemIndex,
	});
	error.outcome = input.outcome;
	error.statusCode = status;
	error.vendorCode = details.vendorCode;
	error.requestId = details.requestId;
	error.attempts = input.attempts ?? 1;
	return error;
}

export function isVendorApiError(error: unknown): error is VendorApiError {
	return error instanceof VendorApiError;
}
