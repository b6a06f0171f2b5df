import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	API_KEY_MODE_MARKER,
	POSTI_GATEWAYS,
	USER_AGENT,
	postiAuthHeaders,
	postiAuthentication,
	postiTokenUrl,
	tokenRefusedMessage,
} from '../nodes/OmaPostiPro/environments';
import { exchangeForToken } from '../nodes/shared/oauth';
import { accessTokenProperties, baseUrlOverrideProperty, timeoutProperty } from '../nodes/shared/service';

const apiKeyMode = { show: { authentication: ['apiKey'] } };
const oAuthMode = { show: { authentication: ['oAuthClient'] } };

export class OmaPostiProApi implements ICredentialType {
	name = 'omaPostiProApi';

	displayName = 'OmaPosti Pro API';

	icon: Icon = { light: 'file:../nodes/OmaPostiPro/omapostipro.svg', dark: 'file:../nodes/OmaPostiPro/omapostipro.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-nordic-commerce/n8n-nodes-nordic-commerce/blob/main/docs/omapostipro.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'API Key (OmaPosti Pro Integrations Page)',
					value: 'apiKey',
					description: 'The key a main user creates in OmaPosti Pro; shipping API v1',
				},
				{
					name: 'OAuth Client (Posti Developer Portal)',
					value: 'oAuthClient',
					description: 'Client ID and secret from developer.posti.com; shipping API v2, also pickup points',
				},
			],
			default: 'apiKey',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: apiKeyMode,
			description:
				'Log in to OmaPosti Pro (pro.posti.fi) as the main user, open Integrations → "Explore and start migration" → "Create new API key". If the Integrations page is missing, the user needs the "Manage integrations" right. The key only works for the logistics contract numbers linked to that user: Logistics Service Contracts for parcels and letters, Transport IDs for freight.',
		},
		// The client ID is half of the client credentials; kept out of sight like the secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: oAuthMode,
			description:
				'In developer.posti.com: Application Account Users → Add → Enabled, API role shippingapi (and 2025-04 for pickup points), then choose the organisation attributes (the contracts it may use)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: oAuthMode,
			description: 'Shown with the client ID in developer.posti.com',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: POSTI_GATEWAYS.production },
				{ name: 'Demo', value: 'demo', description: POSTI_GATEWAYS.demo },
			],
			default: 'production',
			description: "Posti's demo environment has its own hosts and test credentials, given by Posti's onboarding support on request",
		},
		{
			displayName: 'Gateway Secret',
			name: 'gatewaySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { environment: ['demo'] } },
			description: 'The x-gateway-secret value Posti supplies with demo access; sent on every demo call except the token request',
		},
		{
			displayName: 'Logistics Service Contract Number',
			name: 'contractNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. 654321',
			description: 'Default contract for parcels and letters (the sender partner POSTI). A shipment can name another one.',
		},
		{
			displayName: 'Transport ID',
			name: 'transportId',
			type: 'string',
			default: '',
			placeholder: 'e.g. TR654321',
			description: 'Default transport ID for freight (service POF1, sender partner ITELLALOG)',
		},
		baseUrlOverrideProperty(
			'http://127.0.0.1:4030',
			"Leave empty to use the environment's gateway. Set it to reach the local sandbox or a proxy; the token endpoint is then {override}/api/v1/token.",
		),
		timeoutProperty,
		...accessTokenProperties,
	];

	/** OAuth client: client_credentials for a Bearer token. API key: nothing to exchange. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (postiAuthentication(credentials) !== 'oAuthClient') {
			return { accessToken: API_KEY_MODE_MARKER, expiresAt: 0 };
		}
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? '').trim(),
			client_secret: String(credentials.clientSecret ?? '').trim(),
		});
		return await exchangeForToken(
			this,
			{
				method: 'POST',
				url: postiTokenUrl(credentials),
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
					'User-Agent': USER_AGENT,
				},
				body: form.toString(),
				json: true,
			},
			(status, errorCode) => new Error(tokenRefusedMessage(status, errorCode)),
			'OmaPosti Pro answered the token request without an access token.',
		);
	}

	/** API key raw in Authorization (v1) or the Bearer token (v2); the gateway secret in Demo. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, ...postiAuthHeaders(credentials) },
		};
	}
}
