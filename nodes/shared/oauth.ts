/** What the credentials' client_credentials exchanges share: reading the answer, naming a refusal. */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

interface TokenExchangeError {
	response?: { status?: number; data?: unknown };
}

/** Only an OAuth error code such as invalid_client, never the body (it may echo the request). */
export function oauthErrorCode(data: unknown): string | undefined {
	let body = data;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	const fields = body as { error?: unknown; errorCode?: unknown } | undefined;
	const code = fields?.error ?? fields?.errorCode;
	return typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : undefined;
}

export interface TokenAnswer {
	accessToken?: string;
	/** Epoch ms at which to treat the token as expired (0 = unknown). */
	expiresAt: number;
}

/**
 * The token endpoint's JSON (sometimes handed over as a string). The expiry counts from the
 * request (the server's clock started no earlier), less a quarter of the lifetime (at most a
 * minute) for the clocks' difference.
 */
export function readTokenAnswer(answer: unknown, requestedAt: number): TokenAnswer {
	let body = answer;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = {};
		}
	}
	const fields = (body && typeof body === 'object' ? body : {}) as { access_token?: unknown; expires_in?: unknown };
	const accessToken = typeof fields.access_token === 'string' && fields.access_token ? fields.access_token : undefined;
	const lifetimeMs = Number(fields.expires_in) * 1000;
	const expiresAt = Number.isFinite(lifetimeMs) && lifetimeMs > 0 ? requestedAt + lifetimeMs - Math.min(60_000, lifetimeMs / 4) : 0;
	return { accessToken, expiresAt };
}

/**
 * A credential's token exchange (`preAuthentication`): the request; a refusal or no answer becomes
 * `refused(status, oauthErrorCode)` (never the request, which carries the secrets); an answer
 * without a token, an error saying `missingTokenMessage`.
 */
export async function exchangeForToken(
	helper: IHttpRequestHelper,
	request: IHttpRequestOptions,
	refused: (status: number | undefined, errorCode: string | undefined) => Error,
	missingTokenMessage: string,
): Promise<{ accessToken: string; expiresAt: number }> {
	const requestedAt = Date.now();
	let answer: unknown;
	try {
		answer = await helper.helpers.httpRequest(request);
	} catch (error) {
		const failure = (error as TokenExchangeError).response;
		throw refused(failure?.status, oauthErrorCode(failure?.data));
	}
	const { accessToken, expiresAt } = readTokenAnswer(answer, requestedAt);
	if (!accessToken) throw new Error(missingTokenMessage);
	return { accessToken, expiresAt };
}
