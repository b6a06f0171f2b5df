import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { VendorErrorDetails } from '../shared/errors';
import type { PaginationOptions } from '../shared/pagination';
import { fetchPages } from '../shared/pagination';
import type { RequestContext, VendorRequest } from '../shared/request';
import { vendorRequest } from '../shared/request';
import type { HttpFailure } from '../shared/retry';
import type { ServiceDefinition } from '../shared/service';
import { procountorBaseUrl, procountorRequestsPerSecond } from './environments';

interface ProcountorErrorBody {
	errors?: Array<{ status?: number; field?: string; message?: string }>;
	/** OAuth-style errors of the token endpoint. */
	error?: string;
	error_description?: string;
	message?: string;
}

const HINTS: Record<number, string> = {
	401: 'The access token was refused even after a new one was issued: check that the API key is still valid (it ends when its user leaves the company or it is revoked).',
	403: 'The API key\'s user lacks the rights for this, or the record\'s status does not allow it (e.g. an approved invoice cannot be changed).',
	404: 'The record does not exist (check the ID) or the API key\'s company cannot see it.',
	410: 'The activation request has expired: the customer has to open the activation link again.',
};

/** Procountor's validation codes that have a fix the user can apply. */
const CODE_HINTS: Record<string, string> = {
	CLOSED_FISCAL_PERIOD: 'The invoice date falls in a closed fiscal period: use a date in an open period.',
	ERROR_BRN_CODE: 'Procountor rejected the business ID: give it as 1234567-8.',
};

export function describeProcountorError(failure: HttpFailure): VendorErrorDetails {
	const body = (typeof failure.body === 'object' && failure.body !== null ? failure.body : {}) as ProcountorErrorBody;
	const errors = Array.isArray(body.errors) ? body.errors.filter((entry) => entry && (entry.message || entry.field)) : [];
	const fieldMessages = errors.map((entry) =>
		entry.field ? `${entry.field}: ${entry.message ?? 'invalid'}` : String(entry.message),
	);
	const status = failure.statusCode;
	let message = errors[0]
		? errors[0].field
			? `${errors[0].field}: ${errors[0].message ?? 'invalid'}`
			: String(errors[0].message)
		: body.message || body.error_description || body.error || (typeof failure.body === 'string' && failure.body.length < 300 ? failure.body : '');
	if (!message) message = status ? `request failed with HTTP ${status}` : failure.message;
	const credentialProblem = !status && !failure.code;
	const code = errors.map((entry) => entry.message ?? '').find((text) => CODE_HINTS[text]);
	const hint = credentialProblem
		? 'Open the Procountor credential and check the client ID, client secret, API key, the environment and the Base URL override.'
		: (code && CODE_HINTS[code]) || (status ? HINTS[status] : undefined);
	return { message, fieldMessages: fieldMessages.length > 1 ? fieldMessages : [], hint };
}

export const procountorService: ServiceDefinition = {
	name: 'Procountor',
	credentialType: 'procountorApi',
	baseUrl: procountorBaseUrl,
	secretFields: ['clientSecret', 'apiKey', 'accessToken'],
	// 20 requests per second per client by default (the credential's Requests per Second);
	// exceeding it may get the client suspended, and Procountor sends no 429 to warn first.
	rateLimit: (credentials) => ({ limit: procountorRequestsPerSecond(credentials), windowMs: 1000, countUntilAnswered: true }),
	// The limit belongs to the API client (client ID) in its environment, however many credentials (companies) use it.
	rateScope: (credentials) => [procountorBaseUrl(credentials), credentials.clientId],
	// The API key binds the client to one company.
	account: (credentials) => [procountorBaseUrl(credentials), credentials.clientId, credentials.apiKey],
	// The token exchange (and, after expiry, the refused request's repeat) count against the same 20 per second.
	tokenField: 'accessToken',
	tokenExpiresAtField: 'expiresAt',
	describeError: describeProcountorError,
};

export type ProcountorRequestOptions = Omit<VendorRequest, 'method' | 'path' | 'binary'>;

export async function procountorRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: ProcountorRequestOptions = {},
): Promise<IDataObject> {
	return (await vendorRequest.call(this, procountorService, { method, path, ...options })) as IDataObject;
}

/** Procountor's list envelope. */
export interface ProcountorPage<T = IDataObject> {
	results?: T[];
	meta?: { pageNumber?: number; pageSize?: number; resultCount?: number; totalCount?: number };
}

/** GET a Procountor list with `page`/`size` paging ({results, meta}). */
export async function procountorList(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	pagination: PaginationOptions,
	itemIndex?: number,
	headers?: IDataObject,
): Promise<IDataObject[]> {
	return await fetchPages<IDataObject>(async ({ pageIndex, size }) => {
		const page = (await procountorRequest.call(this, 'GET', path, {
			qs: { ...qs, page: pageIndex, size },
			itemIndex,
			headers,
		})) as ProcountorPage;
		return page.results ?? [];
	}, pagination);
}

/** Procountor's largest page. */
export const PROCOUNTOR_PAGE_SIZE = 200;

/** Lists come bare, in {results}, or in a named wrapper such as {bankAccounts: [...]}. */
export function resultsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return [];
	const results = (body as ProcountorPage).results;
	if (Array.isArray(results)) return results;
	const wrapped = Object.values(body).find((value) => Array.isArray(value));
	return (wrapped as IDataObject[] | undefined) ?? [];
}
