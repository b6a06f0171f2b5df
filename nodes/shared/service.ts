import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import type { VendorErrorDetails } from './errors';
import type { RateLimit } from './rateLimiter';
import type { HttpFailure, RetryPolicy } from './retry';

/** Everything the shared pipeline needs to know about one vendor API. */
export interface ServiceDefinition {
	/** Shown in messages: "Tripletex: ..." */
	name: string;
	credentialType: string;
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Credential fields whose values must never appear in messages or output. */
	secretFields: string[];
	/** Encodings that carry a secret (e.g. a Basic header's base64). */
	derivedSecrets?(credentials: ICredentialDataDecryptedObject): string[];
	/**
	 * Client-side request budget, shared by everyone in the vendor's scope (see `rateScope`); a
	 * function of the credentials, whose settings may change it (Procountor's Requests per Second).
	 */
	rateLimit?(credentials: ICredentialDataDecryptedObject): RateLimit;
	/**
	 * Whose budget `rateLimit` is, as the vendor counts it: credential values that identify it
	 * (e.g. Procountor's client ID and environment), hashed before use. Credentials with the
	 * same scope share one budget.
	 */
	rateScope(credentials: ICredentialDataDecryptedObject): unknown[];
	/**
	 * Which vendor account (company, customer) a write lands in, as credential values, hashed
	 * before use: locks and the ledger of writes are per account, whichever credential wrote.
	 */
	account(credentials: ICredentialDataDecryptedObject): unknown[];
	/**
	 * The hidden expirable credential field that `preAuthentication` fills. While it is empty,
	 * the next request also runs the token exchange, one more request against the vendor's
	 * limit, so the limiter reserves a second slot for it.
	 */
	tokenField?: string;
	/**
	 * Credential field holding when the token is expected to expire (epoch ms, set a little
	 * early by `preAuthentication`). From then on the next request will be refused with a
	 * 401 and n8n gets a new token and repeats it: two more requests, for which the limiter
	 * reserves two more slots.
	 */
	tokenExpiresAtField?: string;
	retry?: RetryPolicy;
	describeError(failure: HttpFailure): VendorErrorDetails;
	/** For APIs that can answer 2xx with an error body (Posti). */
	errorInSuccessBody?(body: unknown): VendorErrorDetails | undefined;
}

/** Removes trailing slashes; an override (sandbox, proxy) wins over the environment. */
export function resolveBaseUrl(
	credentials: ICredentialDataDecryptedObject,
	environments: Record<string, string>,
	fallbackEnvironment: string,
): string {
	const override = typeof credentials.baseUrlOverride === 'string' ? credentials.baseUrlOverride.trim() : '';
	const environment = String(credentials.environment ?? fallbackEnvironment);
	const url = override || environments[environment] || environments[fallbackEnvironment];
	return url.replace(/\/+$/, '');
}

export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Every credential's advanced timeout; it also bounds the search for a write whose answer was lost. */
export const timeoutProperty: INodeProperties = {
	displayName: 'Timeout in Seconds (Advanced)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'How long to wait for each answer. When a write gets no answer in time (or a 5xx), the node looks the record up for as long again before it reports that the write may or may not have happened; it never sends the write again blindly.',
};

/** Every credential's Base URL Override (Advanced): the local sandbox or a proxy instead of the vendor. */
export function baseUrlOverrideProperty(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Base URL Override (Advanced)', name: 'baseUrlOverride', type: 'string', default: '', placeholder, description };
}

/**
 * The hidden fields a token exchange (`preAuthentication`) fills: the token, expirable so that
 * n8n exchanges again after a 401, and when it is expected to expire (epoch ms, a little early),
 * so that the request budget can reserve the renewal (`tokenField`, `tokenExpiresAtField`).
 */
export const accessTokenProperties: INodeProperties[] = [
	{
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'hidden',
		typeOptions: { expirable: true, password: true },
		default: '',
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'hidden',
		default: 0,
	},
];

export function requestTimeoutMs(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.timeoutSeconds);
	return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
}
