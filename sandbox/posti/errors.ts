/**
 * Posti's error shapes, which differ by layer:
 * - the gateway (CloudFront, API key check): `{message}` (403 Forbidden, 401 Unauthorized, 429);
 * - OAuth token endpoint: `{error, error_description}`;
 * - Bearer checks and the 2025-04 APIs: `{errorCode, message, details?}`;
 * - shipping order: 400 `{errors: [{field, message}]}` for unreadable input, and HTTP 200
 *   `{errors: [{code, field, message}]}` for business validation (the pitfall).
 */
import { EmulatorError, type SandboxResponse } from '../framework/types';

export function messageResponse(status: number, message: string, headers?: Record<string, string>): SandboxResponse {
	return { status, headers, body: { message } };
}

export function messageError(status: number, message: string): EmulatorError {
	return new EmulatorError(messageResponse(status, message), `${status}: ${message}`);
}

/** CloudFront's answer under /demo without the right x-gateway-secret. */
export function gatewayForbidden(): EmulatorError {
	return messageError(403, 'Forbidden');
}

export type GatewayErrorCode = 'VALIDATION_ERROR' | 'UNAUTHORIZED' | 'EXPIRED' | 'INVALID_TOKEN' | 'FORBIDDEN' | 'MISSING_HEADER' | 'NOT_FOUND';

export function gatewayErrorResponse(status: number, errorCode: GatewayErrorCode | string, message: string, details?: unknown[]): SandboxResponse {
	return { status, body: { errorCode, message, ...(details ? { details } : {}) } };
}

export function gatewayError(status: number, errorCode: GatewayErrorCode, message: string, details?: unknown[]): EmulatorError {
	return new EmulatorError(gatewayErrorResponse(status, errorCode, message, details), `${status} ${errorCode}: ${message}`);
}

export function oauthError(status: number, error: string, description: string): EmulatorError {
	return new EmulatorError(
		{ status, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body: { error, error_description: description } },
		`${status} ${error}: ${description}`,
	);
}

/** 400 for input that cannot be read as a shipment order. */
export function malformedOrder(message: string, field = 'shipment'): EmulatorError {
	return new EmulatorError({ status: 400, body: { errors: [{ field, message }] } }, `400 ${field}: ${message}`);
}

export interface BusinessError {
	code: string;
	field: string;
	message: string;
}

/** Business validation failures answer HTTP 200 (Posti's shipping API does). */
export function businessErrors(errors: BusinessError[]): SandboxResponse {
	return { status: 200, body: { errors } };
}

export function labelNotFound(): EmulatorError {
	return messageError(404, 'PDF not found or expired');
}

const DEFAULT_MESSAGES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	415: 'Unsupported Media Type',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

const GATEWAY_CODES: Record<number, string> = {
	400: 'VALIDATION_ERROR',
	401: 'UNAUTHORIZED',
	403: 'FORBIDDEN',
	404: 'NOT_FOUND',
	422: 'VALIDATION_ERROR',
	429: 'TOO_MANY_REQUESTS',
	500: 'INTERNAL_SERVER_ERROR',
	502: 'BAD_GATEWAY',
	503: 'SERVICE_UNAVAILABLE',
	504: 'GATEWAY_TIMEOUT',
};

/** The error for a status on a path: 2025-04 paths answer `{errorCode, message}`, the rest `{message}`. */
export function errorForStatus(status: number, path: string, message?: string): SandboxResponse {
	const text = message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`;
	if (/^(\/demo)?\/2025-04(\/|$)/.test(path)) return gatewayErrorResponse(status, GATEWAY_CODES[status] ?? `HTTP_${status}`, text);
	return messageResponse(status, text);
}
