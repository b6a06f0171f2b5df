import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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
	/** Client-side limit per credential, shared by every execution in the n8n process */
	rateLimit?: RateLimit;
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
	timeoutMs?: number;
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
