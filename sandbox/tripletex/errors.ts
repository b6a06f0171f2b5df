/**
 * Tripletex's error envelope and codes (spec "Status codes / Error codes"):
 * {status, code, message, link, developerMessage, validationMessages, requestId}.
 * Message texts follow responses seen from the real API where known (Norwegian for
 * validation); `requestId` is filled in by the emulator from x-tlx-request-id.
 */
import { EmulatorError, type SandboxResponse } from '../framework/types';

export const ERROR_LINK = 'https://tripletex.no/v2-docs/';

export interface ValidationMessage {
	field: string | null;
	message: string;
	path?: string | null;
	rootId?: number | null;
}

export interface TripletexErrorBody {
	status: number;
	code: number | null;
	message: string;
	link: string;
	developerMessage: string | null;
	validationMessages: Array<Required<ValidationMessage>> | null;
	requestId: string | null;
}

export function errorResponse(
	status: number,
	code: number | null,
	message: string,
	options: { developerMessage?: string | null; validationMessages?: ValidationMessage[]; headers?: Record<string, string> } = {},
): SandboxResponse {
	const body: TripletexErrorBody = {
		status,
		code,
		message,
		link: ERROR_LINK,
		developerMessage: options.developerMessage ?? null,
		validationMessages:
			options.validationMessages?.map((m) => ({ field: m.field, message: m.message, path: m.path ?? null, rootId: m.rootId ?? null })) ??
			null,
		requestId: null,
	};
	return { status, headers: options.headers, body };
}

export function tlxError(...args: Parameters<typeof errorResponse>): EmulatorError {
	return new EmulatorError(errorResponse(...args), `${args[0]}/${args[1]}: ${args[2]}`);
}

export const DEFAULT_CODES: Record<number, number> = { 400: 4000, 401: 3000, 403: 9000, 404: 6000, 409: 7000, 422: 18000, 500: 1000 };

const DEFAULT_MESSAGES: Record<number, string> = {
	400: 'Bad request',
	401: 'Unauthorized',
	403: 'You do not have permission to access this feature.',
	404: 'Object not found',
	405: 'Method not allowed',
	409: 'Conflict',
	415: 'Unsupported media type',
	422: 'Validering feilet.',
	429: 'Too many requests',
	500: 'Internal error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

/** Default envelope for a bare status (faults, unmatched paths). */
export function errorForStatus(status: number, message?: string): SandboxResponse {
	return errorResponse(status, DEFAULT_CODES[status] ?? null, message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`);
}

/** 422/18000: business rule or bean validation. */
export function validationFailed(messages: ValidationMessage[]): EmulatorError {
	return tlxError(422, 18000, 'Validering feilet.', { developerMessage: 'VALIDATION_ERROR', validationMessages: messages });
}

/** 422/16000: the body could not be mapped onto the DTO (unknown property, wrong JSON type). */
export function mappingFailed(messages: ValidationMessage[]): EmulatorError {
	return tlxError(422, 16000, 'Request mapping failed', { developerMessage: 'MAPPING_ERROR', validationMessages: messages });
}

export function notFound(what = 'Object not found'): EmulatorError {
	return tlxError(404, 6000, what);
}

export function unauthorized(developerMessage: string): EmulatorError {
	return tlxError(401, 3000, 'Unauthorized', { developerMessage });
}

export function forbidden(message: string): EmulatorError {
	return tlxError(403, 9000, message);
}

export function revisionConflict(kind: string, current: number, sent: number): EmulatorError {
	return tlxError(409, 8000, `Objektet er endret av en annen bruker. ${kind} har versjon ${current}, forespørselen hadde ${sent}.`, {
		developerMessage: 'REVISION_ERROR',
	});
}

export function fieldError(field: string, message: string, path?: string): EmulatorError {
	return validationFailed([{ field, message, path: path ?? null }]);
}
