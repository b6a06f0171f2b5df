import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { VendorErrorDetails } from '../shared/errors';
import type { RequestContext, VendorRequest } from '../shared/request';
import { vendorRequest } from '../shared/request';
import type { HttpFailure } from '../shared/retry';
import type { ServiceDefinition } from '../shared/service';
import { USER_AGENT, postiGatewayUrl } from './environments';

/** Shipping API business errors: `{"errors":[{"code":"E41","field":"agent.quickId","message":"E41: …"}]}`. */
interface PostiErrorEntry {
	code?: string;
	field?: string;
	message?: string;
}

interface PostiErrorBody {
	errors?: PostiErrorEntry[];
	/** 2025-04 gateway (pickup points). */
	errorCode?: string;
	details?: unknown[];
	message?: string;
	/** Token endpoint. */
	error?: string;
	error_description?: string;
}

/** Posti's codes that have a fix the user can apply. */
const CODE_HINTS: Record<string, string> = {
	E10: 'Check the receiver postcode: Finnish postcodes have 5 digits.',
	E11: "This service notifies the receiver: give the receiver's phone number or email.",
	E12: 'This service delivers to a pickup point: give its ID (Pickup Point → Search finds one).',
	E20: 'Check the service code; Posti does not know it or it is not on your contract.',
	E30: 'The contract number is not linked to this API key or OAuth client. Use a Logistics Service Contract (or, for freight, a Transport ID) linked to the user or client, or link it in OmaPosti Pro.',
	E40: 'Posti does not know this pickup point ID: search again with Pickup Point → Search.',
	E41: 'The pickup point is inactive (closed or full). Choose another pickup point (Pickup Point → Search) and run the item again. Nothing was created.',
	E50: 'Parcel weights and counts must be positive.',
	E60: 'A text field has characters Posti cannot print on the label (only Western and Cyrillic letters): replace them.',
	FORBIDDEN:
		'The OAuth client lacks the API role for this (pickup points need role 2025-04): add it in developer.posti.com → Application Account Users.',
	NOT_FOUND: 'Posti does not know this pickup point: check the country code and the pickup point code.',
	VALIDATION_ERROR: 'Posti rejected the request: check the search values.',
};

const STATUS_HINTS: Record<number, string> = {
	401: 'Posti refused the credential: check the API key (or the OAuth client ID and secret), that it belongs to the chosen environment, and that it has not been revoked.',
	403: 'Posti accepted the credential but does not allow this call: the OAuth client may lack the API role (shippingapi, or 2025-04 for pickup points); in Demo, check the gateway secret.',
	404: 'Not found. Label links work for 1 hour after the shipment was created; after that print the label from OmaPosti Pro.',
	429: 'Posti allows 50 requests per second per IP address: lower the concurrency or spread the runs.',
};

function errorEntries(body: unknown): PostiErrorEntry[] {
	const entries = (body as PostiErrorBody | undefined)?.errors;
	return Array.isArray(entries) ? entries.filter((entry) => entry && (entry.message || entry.code || entry.field)) : [];
}

function entryText(entry: PostiErrorEntry): string {
	const message = entry.message ?? entry.code ?? 'invalid';
	return entry.field ? `${entry.field}: ${message}` : message;
}

function fromEntries(entries: PostiErrorEntry[]): VendorErrorDetails {
	const [first] = entries;
	const code = entries.map((entry) => entry.code).find((candidate) => candidate !== undefined);
	const hints = [...new Set(entries.map((entry) => (entry.code ? CODE_HINTS[entry.code] : undefined)).filter(Boolean))];
	return {
		message: first.message ?? entryText(first),
		vendorCode: code,
		fieldMessages: entries.map(entryText),
		hint: hints.join('\n') || undefined,
	};
}

export function describePostiError(failure: HttpFailure): VendorErrorDetails {
	const body = (typeof failure.body === 'object' && failure.body !== null ? failure.body : {}) as PostiErrorBody;
	const entries = errorEntries(body);
	if (entries.length) return fromEntries(entries);
	const status = failure.statusCode;
	let message =
		body.message ||
		body.error_description ||
		body.error ||
		(typeof failure.body === 'string' && failure.body.length < 300 ? failure.body : '');
	if (!message) message = status ? `request failed with HTTP ${status}` : failure.message;
	const credentialProblem = !status && !failure.code;
	const hint = credentialProblem
		? 'Open the OmaPosti Pro credential and check the authentication mode, the key or client, the environment and the Base URL override.'
		: (body.errorCode && CODE_HINTS[body.errorCode]) || (status ? STATUS_HINTS[status] : undefined);
	return { message, vendorCode: body.errorCode, hint };
}

/** Posti answers a rejected shipment with HTTP 200 and an errors array (or errors inside an array element). */
export function postiErrorInSuccessBody(body: unknown): VendorErrorDetails | undefined {
	if (Buffer.isBuffer(body)) return undefined;
	const entries = Array.isArray(body) ? body.flatMap((element) => errorEntries(element)) : errorEntries(body);
	return entries.length ? fromEntries(entries) : undefined;
}

export const omaPostiProService: ServiceDefinition = {
	name: 'OmaPosti Pro',
	credentialType: 'omaPostiProApi',
	baseUrl: postiGatewayUrl,
	secretFields: ['apiKey', 'clientSecret', 'accessToken', 'gatewaySecret'],
	// Posti allows 50 requests per second per client IP; over it answers 429 (Retry-After).
	// Counted until answered, as for Procountor: requests held up in a busy n8n would
	// otherwise reach Posti closer together than they were let go.
	rateLimit: () => ({ limit: 50, windowMs: 1000, countUntilAnswered: true }),
	// Per source address: every credential of this n8n process shares it, per gateway.
	rateScope: (credentials) => [new URL(postiGatewayUrl(credentials)).host],
	account: (credentials) => [postiGatewayUrl(credentials), credentials.authentication, credentials.apiKey || credentials.clientId],
	tokenField: 'accessToken',
	tokenExpiresAtField: 'expiresAt',
	describeError: describePostiError,
	errorInSuccessBody: postiErrorInSuccessBody,
};

export type OmaPostiProRequestOptions = Omit<VendorRequest, 'method' | 'path'>;

export async function omaPostiProRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: OmaPostiProRequestOptions = {},
): Promise<IDataObject> {
	return await vendorRequest.call<RequestContext, [ServiceDefinition, VendorRequest], Promise<IDataObject>>(this, omaPostiProService, {
		method,
		path,
		...options,
		headers: { 'User-Agent': USER_AGENT, ...options.headers },
	});
}
