/**
 * Procountor's error shapes. The API answers `{errors: [{status, field, message}]}`
 * (`model` is deprecated and not sent); the token endpoint answers OAuth-style
 * `{error, error_description}`.
 */
import { EmulatorError, type SandboxResponse } from '../framework/types';

export interface ProcountorErrorItem {
	status: number;
	field: string | null;
	message: string;
}

export function errorResponse(status: number, items: Array<{ field?: string | null; message: string }>, headers?: Record<string, string>): SandboxResponse {
	return {
		status,
		headers,
		body: { errors: items.map((i) => ({ status, field: i.field ?? null, message: i.message })) },
	};
}

export function pcError(status: number, message: string, field: string | null = null): EmulatorError {
	return new EmulatorError(errorResponse(status, [{ field, message }]), `${status} ${field ?? ''}: ${message}`);
}

/** 400 with one error per field. */
export function invalid(items: Array<{ field: string | null; message: string }>): EmulatorError {
	return new EmulatorError(errorResponse(400, items), `400: ${items.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
}

export function notFound(message = 'Resource not found'): EmulatorError {
	return pcError(404, message);
}

export function forbidden(message: string): EmulatorError {
	return pcError(403, message);
}

export function unauthorized(message: string): EmulatorError {
	return new EmulatorError(
		{ ...errorResponse(401, [{ message }]), headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
		`401: ${message}`,
	);
}

export function oauthError(status: number, error: string, description: string): EmulatorError {
	return new EmulatorError(
		{ status, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body: { error, error_description: description } },
		`${status} ${error}: ${description}`,
	);
}

const DEFAULT_MESSAGES: Record<number, string> = {
	400: 'Request contains invalid data',
	401: 'Unauthorized',
	403: 'Insufficient user rights',
	404: 'Resource not found',
	405: 'Method not allowed',
	409: 'Conflict',
	410: 'Gone',
	415: 'Unsupported media type',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

export function errorForStatus(status: number, message?: string): SandboxResponse {
	return errorResponse(status, [{ message: message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}` }]);
}
