import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Posti's Tracking API v7 and the service-account token endpoint it is used with. Both are
 * apart from the OmaPosti Pro shipping gateway and its developer-portal clients: a tracking
 * account is a Posti service account (account name and secret) from Posti Customer Service.
 */
export const TRACKING_API_ORIGIN = 'https://api.posti.fi';
export const TRACKING_TOKEN_URL = 'https://oauth2.posti.com/oauth/token';
export const TRACKING_PATH = '/tracking/7';

function override(credentials: ICredentialDataDecryptedObject): string {
	const value = typeof credentials.baseUrlOverride === 'string' ? credentials.baseUrlOverride.trim() : '';
	return value.replace(/\/+$/, '');
}

/** Where `/tracking/7/…` is served: api.posti.fi, or the override (sandbox, proxy). */
export function trackingOrigin(credentials: ICredentialDataDecryptedObject): string {
	return override(credentials) || TRACKING_API_ORIGIN;
}

/** With a Base URL override the token endpoint sits on it too: `{override}/oauth/token`. */
export function trackingTokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = override(credentials);
	return base ? `${base}/oauth/token` : TRACKING_TOKEN_URL;
}

/** HTTP Basic of the service account, as Posti's token endpoint takes it. */
export function serviceAccountBasic(credentials: ICredentialDataDecryptedObject): string {
	const name = String(credentials.accountName ?? '').trim();
	const secret = String(credentials.accountSecret ?? '').trim();
	return `Basic ${Buffer.from(`${name}:${secret}`, 'utf8').toString('base64')}`;
}

export function trackingTokenRefusedMessage(status: number | undefined, code: string | undefined): string {
	const detail = `HTTP ${status}${code ? `, ${code}` : ''}`;
	if (status === 400 || status === 401 || status === 403) {
		return (
			`Posti did not accept the tracking service account name or secret (${detail}). ` +
			'Check both in the Posti Tracking API credential. Posti locks a service account for an hour after five failed logins: fix the credential before the next poll.'
		);
	}
	if (status) return `Posti could not issue a tracking access token (${detail}).`;
	return 'Posti could not be reached to get a tracking access token. Check the Base URL override.';
}
