/**
 * Set-up for the Posti Tracking API tests (Shipment → Track, the OmaPosti Pro Trigger): the
 * service-account token endpoint and the tracking API on one test origin.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import nock from 'nock';

import { PostiTrackingApi } from '../../../credentials/PostiTrackingApi.credentials';
import { OmaPostiPro } from '../../../nodes/OmaPostiPro/OmaPostiPro.node';
import { OmaPostiProTrigger } from '../../../nodes/OmaPostiPro/OmaPostiProTrigger.node';
import type { Poller, WorkflowRunResult } from '../../harness';
import { CredentialStore, createPoller, runWorkflow } from '../../harness';
import { expectSecretsAbsent, singleNodeWorkflow } from '../helpers';
import { NODE_NAME, NODE_TYPE, USER_AGENT } from './helpers';

export const TRACKING_ORIGIN = 'https://tracking.posti.test';
export const ACCOUNT_NAME = 'ma_654321_1P';
export const ACCOUNT_SECRET = 'tracking-s3cr3t-value';
export const BASIC = Buffer.from(`${ACCOUNT_NAME}:${ACCOUNT_SECRET}`).toString('base64');
export const TRACKING_TOKEN = 'tracking-access-token-0001';

export const trackingCredential = {
	id: 'cred-posti-tracking',
	name: 'Posti Tracking',
	data: { accountName: ACCOUNT_NAME, accountSecret: ACCOUNT_SECRET, baseUrlOverride: TRACKING_ORIGIN },
};

export function trackingStore(): CredentialStore {
	return new CredentialStore({ postiTrackingApi: trackingCredential as never });
}

/** `POST /oauth/token?grant_type=client_credentials` with HTTP Basic, as Posti documents it. */
export function mockTrackingToken(options: { token?: string; times?: number; status?: number } = {}): nock.Scope {
	const scope = nock(TRACKING_ORIGIN, { reqheaders: { authorization: `Basic ${BASIC}`, 'user-agent': USER_AGENT } })
		.post('/oauth/token')
		.query({ grant_type: 'client_credentials' })
		.times(options.times ?? 1);
	if (options.status) return scope.reply(options.status, { error: 'unauthorized', error_description: 'Bad credentials' });
	return scope.reply(200, { token_type: 'bearer', access_token: options.token ?? TRACKING_TOKEN, expires_in: 3599 });
}

/** Tracking API calls with the Bearer token. */
export function trackingApi(token = TRACKING_TOKEN): nock.Scope {
	return nock(TRACKING_ORIGIN, { reqheaders: { authorization: `Bearer ${token}`, 'user-agent': USER_AGENT } });
}

export async function runTrack(parameters: INodeParameters, options: { credentials?: CredentialStore; input?: IDataObject[]; settings?: IDataObject } = {}): Promise<WorkflowRunResult> {
	const credentials = options.credentials ?? trackingStore();
	return await runWorkflow(
		singleNodeWorkflow({
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters: { resource: 'shipment', operation: 'track', ...parameters },
			credentials: { postiTrackingApi: credentials.reference('postiTrackingApi') },
			settings: options.settings,
		}),
		{ nodeTypes: [OmaPostiPro], credentialTypes: [PostiTrackingApi], credentials, input: options.input ?? [{}] },
	);
}

export function expectNoTrackingSecrets(result: WorkflowRunResult, extra: string[] = []): void {
	expectSecretsAbsent(result, [ACCOUNT_SECRET, BASIC, TRACKING_TOKEN, ...extra]);
}

/** A localized text as the answers carry it. */
export function texts(en: string, fi: string, sv = en): Record<string, string> {
	return { fi, sv, en };
}

/** A parcel with its events in Posti's (ascending) order. */
export function parcel(trackingNumber: string, status: string, events: Array<Record<string, unknown>>): Record<string, unknown> {
	return { trackingNumber, status, product: { code: '2103', name: texts('Postal Parcel', 'Postipaketti') }, events };
}

export function event(code: string, timestamp: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		eventCode: code,
		eventShortName: texts(`${code} (short)`, `${code} (lyhyt)`),
		eventDescription: texts(`${code} in English`, `${code} suomeksi`, `${code} på svenska`),
		timestamp,
		location: { code: '00100', name: 'HELSINKI', country: 'FI' },
		...extra,
	};
}

export const TRIGGER_NAME = 'OmaPosti Pro Trigger';

/** The OmaPosti Pro Trigger in an active workflow, polled as n8n polls it (test/harness `createPoller`). */
export async function postiTrigger(parameters: INodeParameters, credentials: CredentialStore = trackingStore()): Promise<Poller> {
	return await createPoller(
		{
			nodes: [
				{
					name: TRIGGER_NAME,
					type: 'n8n-nodes-nordic-commerce.omaPostiProTrigger',
					parameters,
					credentials: { postiTrackingApi: credentials.reference('postiTrackingApi') },
				},
			],
			connections: {},
		},
		{ nodeTypes: [OmaPostiProTrigger], credentialTypes: [PostiTrackingApi], credentials },
	);
}
