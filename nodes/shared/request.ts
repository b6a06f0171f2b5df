import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Coordination } from './coordination';
import { coordinationFor } from './coordinationFor';
import { buildVendorError, extractFailure } from './errors';
import { fingerprint } from './fingerprint';
import type { ReleaseSlot, RequestLimiter } from './rateLimiter';
import { Redactor } from './redact';
import type { HttpFailure, RetryPolicy } from './retry';
import { backoffDelayMs, classifyFailure, DEFAULT_RETRY_POLICY, rateLimitPauseMs, serverWaitTooLongMs } from './retry';
import type { ServiceDefinition } from './service';
import { requestTimeoutMs } from './service';

/** Action nodes, dropdowns, polling triggers, and a webhook trigger's lifecycle (hook) and deliveries (webhook). */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

export interface VendorRequest {
	method: IHttpRequestMethods;
	/** Relative to the credential's base URL, e.g. "/ledger/voucher". */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer | FormData;
	headers?: IDataObject;
	/**
	 * Reads are retried on any transient failure. Writes only when the server certainly
	 * did not process them (429, connection refused); everything else that leaves the
	 * outcome open is reported as uncertain, for `writeOnce` to settle with a lookup.
	 */
	intent?: 'read' | 'write';
	/** Return the body as a Buffer (PDFs, labels). */
	binary?: boolean;
	itemIndex?: number;
	/** Replaces the generic message and hint when a write's outcome is uncertain (e.g. to name the order reference). */
	uncertain?: { message: string; hint: string };
}

export interface VendorResponse<T> {
	body: T;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

function credentialKey(context: RequestContext, service: ServiceDefinition, baseUrl: string): string {
	const reference = context.getNode().credentials?.[service.credentialType];
	return `${service.credentialType}:${reference?.id ?? reference?.name ?? 'default'}:${baseUrl}`;
}

function headerNumber(headers: Record<string, unknown>, name: string): number | undefined {
	const raw = headers[name];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || Number.isNaN(value) ? undefined : value;
}

/** The one way nodes talk to a vendor: auth via n8n, rate limit, retries, error mapping, redaction. */
export async function vendorRequestFull<T = IDataObject>(
	this: RequestContext,
	service: ServiceDefinition,
	request: VendorRequest,
): Promise<VendorResponse<T>> {
	let credentials = await credentialsOf(this, service);
	// A token this run saw missing or due may have been renewed since (by n8n, after a 401).
	if (tokenRequestsAhead(service, credentials) > 0) credentials = await credentialsOf(this, service, { fresh: true });
	const shared = await coordinationFor(this);
	if (shared.name === 'in-process' || !needsFirstToken(service, credentials)) {
		return await requestWith.call<RequestContext, [ServiceDefinition, VendorRequest, ICredentialDataDecryptedObject, Coordination], Promise<VendorResponse<T>>>(this, service, request, credentials, shared);
	}
	// Across n8n processes (Coordination = Redis): one process runs the first token exchange, the
	// others wait for it and then read the token n8n stored in its database.
	const turn: { credentials: ICredentialDataDecryptedObject } | { response: VendorResponse<T> } = await shared.withLock(`token:${fingerprint(credentialKey(this, service, service.baseUrl(credentials)))}`, async () => {
		const now = await credentialsOf(this, service, { fresh: true });
		if (!needsFirstToken(service, now)) return { credentials: now } as const;
		return { response: await requestWith.call<RequestContext, [ServiceDefinition, VendorRequest, ICredentialDataDecryptedObject, Coordination], Promise<VendorResponse<T>>>(this, service, request, now, shared) };
	});
	if ('response' in turn) return turn.response;
	return await requestWith.call<RequestContext, [ServiceDefinition, VendorRequest, ICredentialDataDecryptedObject, Coordination], Promise<VendorResponse<T>>>(this, service, request, turn.credentials, shared);
}

async function requestWith<T>(
	this: RequestContext,
	service: ServiceDefinition,
	request: VendorRequest,
	initialCredentials: ICredentialDataDecryptedObject,
	shared: Coordination,
): Promise<VendorResponse<T>> {
	let credentials = initialCredentials;
	const baseURL = service.baseUrl(credentials);
	const key = credentialKey(this, service, baseURL);
	const limiter = service.rateLimit
		? shared.limiter(`${service.credentialType}:${fingerprint(service.rateScope(credentials))}`, service.rateLimit(credentials))
		: undefined;
	// The first token exchange: one request runs it, the others wait for its result. (A renewal
	// after expiry is n8n's, on the 401 each request in flight gets; the limiter budgets for it.)
	let tokenTurn: (() => void) | undefined;
	for (let exchange = tokenExchanges.get(key); needsFirstToken(service, credentials); exchange = tokenExchanges.get(key)) {
		if (!exchange) {
			tokenTurn = takeTokenTurn(key, () => forgetCredentials(this, service));
			break;
		}
		await exchange;
		credentials = await credentialsOf(this, service, { fresh: true });
	}
	const intent = request.intent ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
	const policy = service.retry ?? DEFAULT_RETRY_POLICY;

	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: request.qs,
		body: request.body as IHttpRequestOptions['body'],
		headers: { Accept: request.binary ? '*/*' : 'application/json', ...request.headers },
		json: !request.binary,
		returnFullResponse: true,
		timeout: requestTimeoutMs(credentials),
		...(request.binary ? { encoding: 'arraybuffer' as const } : {}),
	};

	try {
		return await sendWithRetries.call<RequestContext, [ServiceDefinition, VendorRequest, Prepared], Promise<VendorResponse<T>>>(
			this,
			service,
			request,
			{ credentials, limiter, intent, policy, options, tokenTurn },
		);
	} finally {
		tokenTurn?.();
	}
}

interface Prepared {
	credentials: ICredentialDataDecryptedObject;
	limiter: RequestLimiter | undefined;
	intent: 'read' | 'write';
	policy: RetryPolicy;
	options: IHttpRequestOptions;
	/** Releases the requests waiting for this one's token exchange: called once its first answer is in. */
	tokenTurn?: () => void;
}

async function sendWithRetries<T>(
	this: RequestContext,
	service: ServiceDefinition,
	request: VendorRequest,
	{ credentials, limiter, intent, policy, options, tokenTurn }: Prepared,
): Promise<VendorResponse<T>> {
	for (let attempt = 1; ; attempt++) {
		const releases: ReleaseSlot[] = [];
		if (limiter) {
			releases.push(await limiter.acquire());
			// Judged once the slot is ours: the wait for it may have taken the token past its expiry.
			const tokenRequests = attempt === 1 ? tokenRequestsAhead(service, credentials) : 0;
			for (let slot = 0; slot < tokenRequests; slot++) releases.push(await limiter.acquire());
		}
		let response: IN8nHttpFullResponse | undefined;
		let failure: HttpFailure | undefined;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				service.credentialType,
				{ ...options },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			failure = extractFailure(error);
		} finally {
			for (const release of releases) release();
			tokenTurn?.();
		}

		if (response) {
			const headers = (response.headers ?? {}) as Record<string, string | string[] | undefined>;
			if (limiter && headerNumber(headers, 'x-rate-limit-remaining') === 0) {
				limiter.pauseUntil(Date.now() + rateLimitPauseMs(headers));
			}
			const body = request.binary ? Buffer.from(response.body as ArrayBuffer) : response.body;
			const bodyError = service.errorInSuccessBody?.(body);
			if (!bodyError) return { body: body as T, headers, statusCode: response.statusCode };
			throw buildVendorError({
				node: this.getNode(),
				serviceName: service.name,
				failure: { statusCode: response.statusCode, headers, body, message: bodyError.message },
				details: bodyError,
				outcome: 'rejected',
				redactor: await currentRedactor.call(this, service, credentials),
				itemIndex: request.itemIndex,
				action: intent,
			});
		}
		failure ??= { headers: {}, body: undefined, message: 'No response' };

		// Not for an ask past MAX_SERVER_WAIT_MS: the request fails at once, and holding every other one for the cap would not help.
		if (limiter && failure.statusCode === 429 && serverWaitTooLongMs(failure) === undefined) {
			limiter.pauseUntil(Date.now() + backoffDelayMs(attempt, policy, failure));
		}
		const outcome = classifyFailure(failure);
		// A server asking for a wait past MAX_SERVER_WAIT_MS is not waited for: the error says how long it asked.
		const retryable = (outcome === 'notProcessed' || (outcome === 'uncertain' && intent === 'read')) && serverWaitTooLongMs(failure) === undefined;
		if (retryable && attempt < policy.maxAttempts) {
			await sleep(backoffDelayMs(attempt, policy, failure));
			continue;
		}
		throw buildVendorError({
			node: this.getNode(),
			serviceName: service.name,
			failure,
			details: service.describeError(failure),
			outcome,
			redactor: await currentRedactor.call(this, service, credentials),
			itemIndex: request.itemIndex,
			action: intent,
			uncertain: request.uncertain,
			attempts: attempt,
		});
	}
}

/** Per credential: the token exchange under way, which other requests of that credential wait for. */
const tokenExchanges = new Map<string, Promise<void>>();

function takeTokenTurn(key: string, onDone: () => void): () => void {
	let done!: () => void;
	const exchange = new Promise<void>((resolve) => (done = resolve));
	tokenExchanges.set(key, exchange);
	return () => {
		if (tokenExchanges.get(key) !== exchange) return;
		tokenExchanges.delete(key);
		onDone();
		done();
	};
}

/**
 * The credentials as this node run last read them (a database read and a decryption each
 * time otherwise, on top of n8n's own for the request). Read again after a token exchange.
 */
const credentialsRead = new WeakMap<RequestContext, Map<string, Promise<ICredentialDataDecryptedObject>>>();

export async function credentialsOf(
	context: RequestContext,
	service: ServiceDefinition,
	{ fresh = false } = {},
): Promise<ICredentialDataDecryptedObject> {
	let byType = credentialsRead.get(context);
	if (!byType) credentialsRead.set(context, (byType = new Map()));
	let read = fresh ? undefined : byType.get(service.credentialType);
	if (!read) {
		read = context.getCredentials(service.credentialType);
		byType.set(service.credentialType, read);
		read.catch(() => byType.delete(service.credentialType));
	}
	return await read;
}

function forgetCredentials(context: RequestContext, service: ServiceDefinition): void {
	credentialsRead.get(context)?.delete(service.credentialType);
}

function needsFirstToken(service: ServiceDefinition, credentials: ICredentialDataDecryptedObject): boolean {
	return Boolean(service.tokenField) && !credentials[service.tokenField as string];
}

/**
 * Requests n8n will make around this one for the token: the exchange when there is no token
 * yet (1); when the token is due to expire, the refused request's repeat and the exchange (2).
 */
function tokenRequestsAhead(service: ServiceDefinition, credentials: ICredentialDataDecryptedObject): number {
	if (!service.tokenField) return 0;
	if (!credentials[service.tokenField]) return 1;
	const expiresAt = service.tokenExpiresAtField ? Number(credentials[service.tokenExpiresAtField]) : 0;
	return expiresAt > 0 && Date.now() >= expiresAt ? 2 : 0;
}

export async function vendorRequest<T = IDataObject>(
	this: RequestContext,
	service: ServiceDefinition,
	request: VendorRequest,
): Promise<T> {
	const response = await vendorRequestFull.call(this, service, request);
	return response.body as T;
}

/**
 * The credentials read before the request may predate the token exchange that n8n ran
 * inside it (first call, or a refresh after a 401): read them again so the new token is masked too.
 */
async function currentRedactor(
	this: RequestContext,
	service: ServiceDefinition,
	before: ICredentialDataDecryptedObject,
): Promise<Redactor> {
	let after: ICredentialDataDecryptedObject = {};
	try {
		after = await this.getCredentials(service.credentialType);
	} catch {
		// Keep what we have: redaction must never hide the real error.
	}
	return new Redactor([...secretValues(service, before), ...secretValues(service, after)]);
}

function secretValues(service: ServiceDefinition, credentials: ICredentialDataDecryptedObject): unknown[] {
	return [
		...service.secretFields.map((field) => credentials[field]),
		...(service.derivedSecrets?.(credentials) ?? []),
	];
}
