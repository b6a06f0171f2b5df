import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { VendorErrorDetails } from '../shared/errors';
import type { PaginationOptions } from '../shared/pagination';
import { fetchPages } from '../shared/pagination';
import type { RequestContext, VendorRequest } from '../shared/request';
import { vendorRequest } from '../shared/request';
import type { HttpFailure } from '../shared/retry';
import type { ServiceDefinition } from '../shared/service';
import { tripletexBaseUrl } from './environments';

interface TripletexErrorBody {
	status?: number;
	code?: number;
	message?: string;
	developerMessage?: string;
	validationMessages?: Array<{ field?: string; path?: string; message?: string }> | null;
	requestId?: string;
}

const HINTS: Record<number, string> = {
	401: 'The session was refused even after a new one was created: check that the employee token is still active.',
	403: 'The employee token lacks access to this. In Tripletex, give the token the needed access level (API-tilgang); posting vouchers straight to the ledger needs "Advanced Voucher".',
	404: 'The record does not exist (check the ID) or the token cannot see it.',
	429: 'Tripletex rate limit: the node waited and retried, but the limit was still reached. Lower the concurrency or spread the runs.',
};

const CONFLICT_HINTS: Record<number, string> = {
	7000: 'The record already exists.',
	8000: 'The record was changed since it was read. Get it again and send its current version.',
	10000: 'The record is locked (e.g. a closed period).',
	14000: 'Tripletex found a duplicate.',
};

function header(failure: HttpFailure, name: string): string | undefined {
	const value = failure.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export function describeTripletexError(failure: HttpFailure): VendorErrorDetails {
	const body = (typeof failure.body === 'object' && failure.body !== null ? failure.body : {}) as TripletexErrorBody;
	const requestId = body.requestId ?? header(failure, 'x-tlx-request-id');
	const fieldMessages = (body.validationMessages ?? [])
		.filter((entry) => entry?.message)
		.map((entry) => (entry.field || entry.path ? `${entry.field || entry.path}: ${entry.message}` : String(entry.message)));
	const status = failure.statusCode;
	let message = body.message || (typeof failure.body === 'string' && failure.body.length < 300 ? failure.body : '');
	if (!message) message = status ? `request failed with HTTP ${status}` : failure.message;
	const credentialProblem = !status && !failure.code;
	const hint = credentialProblem
		? 'Open the Tripletex credential and check the tokens, the environment and the Base URL override.'
		: (body.code !== undefined && CONFLICT_HINTS[body.code]) || (status ? HINTS[status] : undefined);
	return { message, fieldMessages, vendorCode: body.code, requestId, hint };
}

export const tripletexService: ServiceDefinition = {
	name: 'Tripletex',
	credentialType: 'tripletexApi',
	baseUrl: tripletexBaseUrl,
	secretFields: ['consumerToken', 'employeeToken', 'sessionToken'],
	derivedSecrets: (credentials: ICredentialDataDecryptedObject) => {
		const token = String(credentials.sessionToken ?? '');
		if (!token) return [];
		const user = String(credentials.companyId || 0);
		return [Buffer.from(`${user}:${token}`).toString('base64')];
	},
	// Tripletex publishes no fixed limit; it meters per token and answers 429 with
	// X-Rate-Limit-* headers, which the pipeline honours. This ceiling only guards runaways:
	// at 100/s it was what bounded Concurrency 10 (benchmark), well before Tripletex did.
	rateLimit: () => ({ limit: 250, windowMs: 1000 }),
	// Tripletex meters per token pair.
	rateScope: (credentials) => [tripletexBaseUrl(credentials), credentials.consumerToken, credentials.employeeToken],
	// The company the employee token acts for (0: its own).
	account: (credentials) => [tripletexBaseUrl(credentials), credentials.consumerToken, credentials.employeeToken, Number(credentials.companyId || 0)],
	// The session token the credential's preAuthentication creates (PUT /token/session/:create).
	tokenField: 'sessionToken',
	describeError: describeTripletexError,
};

export type TripletexRequestOptions = Omit<VendorRequest, 'method' | 'path' | 'binary'>;

export async function tripletexRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: TripletexRequestOptions = {},
): Promise<IDataObject> {
	return (await vendorRequest.call(this, tripletexService, { method, path, ...options })) as IDataObject;
}

/** GET a file (PDF) as bytes. */
export async function tripletexDownload(
	this: RequestContext,
	path: string,
	itemIndex: number,
): Promise<Buffer> {
	return (await vendorRequest.call(this, tripletexService, { method: 'GET', path, binary: true, itemIndex })) as Buffer;
}

/** GET a Tripletex list with `from`/`count` paging. */
export async function tripletexList(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	pagination: PaginationOptions,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await fetchPages<IDataObject>(async ({ offset, size }) => {
		const page = await tripletexRequest.call(this, 'GET', path, { qs: { ...qs, from: offset, count: size }, itemIndex });
		return (page.values as IDataObject[] | undefined) ?? [];
	}, pagination);
}

/** Tripletex's largest page; bigger pages mean fewer round trips for Return All. */
export const TRIPLETEX_PAGE_SIZE = 1000;
