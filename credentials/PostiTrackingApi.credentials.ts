import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { USER_AGENT } from '../nodes/OmaPostiPro/environments';
import {
	TRACKING_API_ORIGIN,
	serviceAccountBasic,
	trackingTokenRefusedMessage,
	trackingTokenUrl,
} from '../nodes/OmaPostiPro/tracking/environment';
import { exchangeForToken } from '../nodes/shared/oauth';
import { accessTokenProperties, baseUrlOverrideProperty, timeoutProperty } from '../nodes/shared/service';

/**
 * Posti's Tracking API v7 (api.posti.fi/tracking/7): a Posti service account, exchanged at
 * oauth2.posti.com for a Bearer token. Not the OmaPosti Pro key nor a developer-portal client.
 */
export class PostiTrackingApi implements ICredentialType {
	name = 'postiTrackingApi';

	displayName = 'Posti Tracking API';

	icon: Icon = { light: 'file:../nodes/OmaPostiPro/omapostipro.svg', dark: 'file:../nodes/OmaPostiPro/omapostipro.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-nordic-commerce/n8n-nodes-nordic-commerce/blob/main/docs/omapostipro.md#tracking';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Posti service account for the Tracking API, from Posti Customer Service (yritysasiakaspalvelu@posti.com; a Posti contract is needed). Ask for "normal" (contract) access, and for the event-date search if you use the OmaPosti Pro Trigger.',
		},
		{
			displayName: 'Service Account Secret',
			name: 'accountSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Given with the account name. Posti locks the account for an hour after five failed logins.',
		},
		baseUrlOverrideProperty(
			'http://127.0.0.1:4030',
			`Leave empty for Posti (${TRACKING_API_ORIGIN}, token at oauth2.posti.com). Set it to reach the local sandbox or a proxy: tracking is then {override}/tracking/7 and the token endpoint {override}/oauth/token.`,
		),
		timeoutProperty,
		...accessTokenProperties,
	];

	/** `POST oauth2.posti.com/oauth/token?grant_type=client_credentials` with HTTP Basic, as Posti documents it. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await exchangeForToken(
			this,
			{
				method: 'POST',
				url: trackingTokenUrl(credentials),
				qs: { grant_type: 'client_credentials' },
				headers: { Authorization: serviceAccountBasic(credentials), Accept: 'application/json', 'User-Agent': USER_AGENT },
				json: true,
			},
			(status, errorCode) => new Error(trackingTokenRefusedMessage(status, errorCode)),
			'Posti answered the tracking token request without an access token.',
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}
}
