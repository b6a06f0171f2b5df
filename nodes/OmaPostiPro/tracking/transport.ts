import type { IDataObject } from 'n8n-workflow';

import type { RequestContext, VendorRequest, VendorResponse } from '../../shared/request';
import { vendorRequestFull } from '../../shared/request';
import type { HttpFailure } from '../../shared/retry';
import type { ServiceDefinition } from '../../shared/service';
import { USER_AGENT } from '../environments';
import { TRACKING_PATH, serviceAccountBasic, trackingOrigin } from './environment';

const STATUS_HINTS: Record<number, string> = {
	401: 'Posti refused the tracking token: check the service account name and secret in the Posti Tracking API credential.',
	403: 'Posti accepted the service account but does not allow this call. Searching events by date is a restricted operation: ask Posti Customer Service to enable it (and "normal" contract access, not "public") for the account.',
	429: 'Posti is rate limiting: lower the concurrency or poll less often.',
};

/** Posti declares the tracking API's errors without a body; some gateways add one with a message. */
export function describeTrackingError(failure: HttpFailure): { message: string; hint?: string; vendorCode?: string } {
	const body = (typeof failure.body === 'object' && failure.body !== null ? failure.body : {}) as IDataObject;
	const status = failure.statusCode;
	const text =
		(typeof body.message === 'string' && body.message) ||
		(typeof body.error_description === 'string' && body.error_description) ||
		(typeof body.error === 'string' && body.error) ||
		(typeof failure.body === 'string' && failure.body.length < 300 ? failure.body : '');
	const message = text || (status ? `request failed with HTTP ${status}` : failure.message);
	const hint =
		!status && !failure.code
			? 'Open the Posti Tracking API credential and check the service account and the Base URL override.'
			: status
				? STATUS_HINTS[status]
				: undefined;
	return { message, hint, vendorCode: typeof body.errorCode === 'string' ? body.errorCode : undefined };
}

export const postiTrackingService: ServiceDefinition = {
	name: 'Posti Tracking',
	credentialType: 'postiTrackingApi',
	baseUrl: trackingOrigin,
	secretFields: ['accountSecret', 'accessToken'],
	// The Basic header of the token request carries the secret in base64.
	derivedSecrets: (credentials) => [serviceAccountBasic(credentials).slice('Basic '.length)],
	// No tracking limit is published; Posti's 50 requests/s per IP (its gateway's) is kept here too.
	rateLimit: () => ({ limit: 50, windowMs: 1000, countUntilAnswered: true }),
	rateScope: (credentials) => [new URL(trackingOrigin(credentials)).host],
	account: (credentials) => [trackingOrigin(credentials), credentials.accountName],
	tokenField: 'accessToken',
	tokenExpiresAtField: 'expiresAt',
	describeError: describeTrackingError,
};

export interface TrackingAnswer {
	body: IDataObject;
	/** 404: Posti knows no shipment for the lookup. */
	notFound: boolean;
}

/** A read of `/tracking/7{path}`; a 404 is an answer ("no such shipment"), not a failure. */
export async function trackingRequest(
	this: RequestContext,
	path: string,
	options: { qs?: IDataObject; itemIndex?: number } = {},
): Promise<TrackingAnswer> {
	try {
		const response = await vendorRequestFull.call<RequestContext, [ServiceDefinition, VendorRequest], Promise<VendorResponse<IDataObject>>>(
			this,
			postiTrackingService,
			{ method: 'GET', path: `${TRACKING_PATH}${path}`, qs: options.qs, itemIndex: options.itemIndex, headers: { 'User-Agent': USER_AGENT } },
		);
		const body = response.body && typeof response.body === 'object' ? response.body : {};
		return { body, notFound: false };
	} catch (error) {
		if ((error as { httpCode?: string | null }).httpCode === '404') return { body: {}, notFound: true };
		// Already the NodeApiError the shared pipeline built (message, hint, redaction).
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw error;
	}
}
