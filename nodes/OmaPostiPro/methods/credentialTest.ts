import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	USER_AGENT,
	postiAuthHeaders,
	postiAuthentication,
	postiGatewayUrl,
	postiTokenUrl,
	shippingApiVersion,
	tokenRefusedMessage,
} from '../environments';
import { oauthErrorCode } from '../../shared/oauth';
import { sendTestRequest as send } from './testRequest';

function parse(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function hasErrors(body: unknown): boolean {
	const parsed = parse(body);
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.some((entry) => Array.isArray((entry as { errors?: unknown } | null)?.errors));
}

const UNREACHABLE = 'OmaPosti Pro could not be reached. Check the environment and the Base URL override.';

/**
 * Tells a good key (or client) from a bad one without creating anything: it sends the
 * shipping API a deliberately empty shipment, which Posti rejects as invalid (400, or 200
 * with errors) for a caller it accepts, and with 401 for one it does not.
 * Messages repeat only status codes and Posti's error code, never the request or the body.
 */
export async function omaPostiProApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = {
		authentication: 'apiKey',
		environment: 'production',
		...(credential.data ?? {}),
	};
	const oauth = postiAuthentication(data) === 'oAuthClient';
	let accessToken: string | undefined;
	if (oauth) {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(data.clientId ?? '').trim(),
			client_secret: String(data.clientSecret ?? '').trim(),
		});
		const token = await send.call(this, {
			method: 'POST',
			uri: postiTokenUrl(data),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'User-Agent': USER_AGENT },
			body: form.toString(),
			json: false,
		});
		if (!token) return { status: 'Error', message: tokenRefusedMessage(undefined, undefined) };
		const body = parse(token.body) as { access_token?: unknown } | undefined;
		if (token.statusCode !== 200 || typeof body?.access_token !== 'string') {
			return { status: 'Error', message: tokenRefusedMessage(token.statusCode, oauthErrorCode(token.body)) };
		}
		accessToken = body.access_token;
	} else if (!String(data.apiKey ?? '').trim()) {
		return { status: 'Error', message: 'Enter the API key from the OmaPosti Pro Integrations page.' };
	}

	const probe = await send.call(this, {
		method: 'POST',
		uri: `${postiGatewayUrl(data)}/shippingapi/api/${shippingApiVersion(data)}/shipping/order`,
		headers: { ...postiAuthHeaders(data, accessToken), Accept: 'application/json', 'User-Agent': USER_AGENT },
		body: { shipment: {} },
		json: true,
	});
	if (!probe) return { status: 'Error', message: UNREACHABLE };
	const what = oauth ? 'OAuth client' : 'API key';
	if (probe.statusCode === 401) {
		return {
			status: 'Error',
			message: oauth
				? 'OmaPosti Pro refused the access token (HTTP 401). Check that the client has the API role shippingapi and belongs to the chosen environment.'
				: 'OmaPosti Pro refused the API key (HTTP 401). Check the key from the Integrations page, that it has not been revoked, and that it belongs to the chosen environment.',
		};
	}
	if (probe.statusCode === 403) {
		return {
			status: 'Error',
			message:
				data.environment === 'demo'
					? `OmaPosti Pro accepted the ${what} but refused the call (HTTP 403): check the demo gateway secret${oauth ? ' and that the client has the API role shippingapi' : ''}.`
					: `OmaPosti Pro accepted the ${what} but does not allow shipments with it (HTTP 403)${oauth ? ': add the API role shippingapi to the client in developer.posti.com' : ''}.`,
		};
	}
	if (probe.statusCode === 400 || probe.statusCode === 422 || (probe.statusCode === 200 && hasErrors(probe.body))) {
		return { status: 'OK', message: `Connection successful: OmaPosti Pro accepted the ${what}.` };
	}
	return { status: 'Error', message: `OmaPosti Pro answered the test with HTTP ${probe.statusCode}.` };
}

export { postiTrackingApiTest } from './trackingCredentialTest';
