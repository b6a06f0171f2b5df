import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { oauthErrorCode } from '../../shared/oauth';
import { USER_AGENT } from '../environments';
import { TRACKING_PATH, serviceAccountBasic, trackingOrigin, trackingTokenRefusedMessage, trackingTokenUrl } from '../tracking/environment';
import { sendTestRequest as send } from './testRequest';

/** A tracking number no shipment has: the probe reads nothing. */
export const PROBE_TRACKING_NUMBER = 'JJFI00000000000000000';

function accessTokenOf(body: unknown): string | undefined {
	let parsed = body;
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed);
		} catch {
			return undefined;
		}
	}
	const token = (parsed as { access_token?: unknown } | undefined)?.access_token;
	return typeof token === 'string' && token ? token : undefined;
}

/**
 * Gets a token for the service account, then looks up a tracking number no shipment has:
 * an empty answer or 404 means Posti accepted the token. Messages repeat only status codes
 * and Posti's error code.
 */
export async function postiTrackingApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	if (!String(data.accountName ?? '').trim() || !String(data.accountSecret ?? '').trim()) {
		return { status: 'Error', message: 'Enter the service account name and secret Posti gave for the Tracking API.' };
	}
	const token = await send.call(this, {
		method: 'POST',
		uri: trackingTokenUrl(data),
		qs: { grant_type: 'client_credentials' },
		headers: { Authorization: serviceAccountBasic(data), Accept: 'application/json', 'User-Agent': USER_AGENT },
		json: false,
	});
	if (!token) return { status: 'Error', message: trackingTokenRefusedMessage(undefined, undefined) };
	const accessToken = token.statusCode === 200 ? accessTokenOf(token.body) : undefined;
	if (!accessToken) return { status: 'Error', message: trackingTokenRefusedMessage(token.statusCode, oauthErrorCode(token.body)) };

	const probe = await send.call(this, {
		method: 'GET',
		uri: `${trackingOrigin(data)}${TRACKING_PATH}/shipments/trackingnumber/${PROBE_TRACKING_NUMBER}`,
		headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json', 'User-Agent': USER_AGENT },
		json: true,
	});
	if (!probe) return { status: 'Error', message: 'Posti Tracking could not be reached. Check the Base URL override.' };
	if (probe.statusCode === 200 || probe.statusCode === 404) {
		return { status: 'OK', message: 'Connection successful: Posti accepted the tracking service account.' };
	}
	if (probe.statusCode === 401 || probe.statusCode === 403) {
		return {
			status: 'Error',
			message: `Posti issued a token but refused the tracking lookup (HTTP ${probe.statusCode}): ask Posti Customer Service to give the service account access to the Tracking API.`,
		};
	}
	return { status: 'Error', message: `Posti Tracking answered the test with HTTP ${probe.statusCode}.` };
}
