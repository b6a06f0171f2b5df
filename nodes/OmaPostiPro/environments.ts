import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/service';

/** Posti's API gateway per environment; every shipping and pickup-point call goes here. */
export const POSTI_GATEWAYS = {
	production: 'https://gateway.posti.fi',
	demo: 'https://gateway.demo.posti.fi',
};

/** Where OAuth clients (API v2) get their Bearer token. */
export const POSTI_TOKEN_URLS = {
	production: 'https://gateway-auth.posti.fi/api/v1/token',
	demo: 'https://gateway-auth.demo.posti.fi/api/v1/token',
};

/** Every call identifies itself: Posti's gateway has been seen to need a User-Agent. */
export const USER_AGENT = 'n8n-nodes-nordic-commerce';

/**
 * Stored in the token field in API-key mode, so n8n sees a filled expirable field and does
 * not run preAuthentication before every request. Not a secret.
 */
export const API_KEY_MODE_MARKER = 'api-key-mode';

export type PostiAuthentication = 'apiKey' | 'oAuthClient';

export function postiAuthentication(credentials: ICredentialDataDecryptedObject): PostiAuthentication {
	return credentials.authentication === 'oAuthClient' ? 'oAuthClient' : 'apiKey';
}

export function isDemo(credentials: ICredentialDataDecryptedObject): boolean {
	return credentials.environment === 'demo';
}

export function postiGatewayUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBaseUrl(credentials, POSTI_GATEWAYS, 'production');
}

/** With a Base URL override the token endpoint sits on it too (the sandbox, a proxy). */
export function postiTokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = typeof credentials.baseUrlOverride === 'string' ? credentials.baseUrlOverride.trim() : '';
	if (override) return `${override.replace(/\/+$/, '')}/api/v1/token`;
	return isDemo(credentials) ? POSTI_TOKEN_URLS.demo : POSTI_TOKEN_URLS.production;
}

/** API v1 takes the Integrations-page key; v2 takes an OAuth client's Bearer token. */
export function shippingApiVersion(credentials: ICredentialDataDecryptedObject): 'v1' | 'v2' {
	return postiAuthentication(credentials) === 'oAuthClient' ? 'v2' : 'v1';
}

/** The headers that authenticate a call, per mode; used by the credential and its test. */
export function postiAuthHeaders(credentials: ICredentialDataDecryptedObject, accessToken?: string): Record<string, string> {
	const headers: Record<string, string> = {
		Authorization:
			postiAuthentication(credentials) === 'oAuthClient'
				? `Bearer ${accessToken ?? String(credentials.accessToken ?? '')}`
				: String(credentials.apiKey ?? '').trim(),
	};
	const gatewaySecret = String(credentials.gatewaySecret ?? '').trim();
	if (isDemo(credentials) && gatewaySecret) headers['x-gateway-secret'] = gatewaySecret;
	return headers;
}

export function tokenRefusedMessage(status: number | undefined, code: string | undefined): string {
	const detail = `HTTP ${status}${code ? `, ${code}` : ''}`;
	if (status === 400 || status === 401 || status === 403) {
		return (
			`OmaPosti Pro did not accept the OAuth client ID or secret (${detail}). ` +
			'Check that the client belongs to the chosen environment (demo clients only work on the demo gateway), is Enabled in developer.posti.com and has the API role shippingapi.'
		);
	}
	if (status) return `OmaPosti Pro could not issue an access token (${detail}).`;
	// No error code in the text: n8n swaps messages containing one for a generic sentence.
	return 'OmaPosti Pro could not be reached to get an access token. Check the environment or the Base URL override.';
}
