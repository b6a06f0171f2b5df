import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_REQUESTS_PER_SECOND, MAX_REQUESTS_PER_SECOND, PROCOUNTOR_ENVIRONMENTS, procountorBaseUrl } from '../nodes/Procountor/environments';
import { exchangeForToken } from '../nodes/shared/oauth';
import { accessTokenProperties, baseUrlOverrideProperty, timeoutProperty } from '../nodes/shared/service';

function tokenError(status: number | undefined, code: string | undefined): Error {
	const detail = `HTTP ${status}${code ? `, ${code}` : ''}`;
	if (status === 400 || status === 401 || status === 403) {
		return new Error(
			`Procountor did not accept the client ID, client secret or API key (${detail}). ` +
				'Check that all three belong to the chosen environment (test credentials only work on the test server) ' +
				'and that the API key was created for this client ID and has not been revoked.',
		);
	}
	if (status) return new Error(`Procountor could not issue an access token (${detail}).`);
	// No error code in the text: n8n swaps messages containing one for a generic sentence.
	return new Error('Procountor could not be reached to get an access token. Check the environment or the Base URL override.');
}

export class ProcountorApi implements ICredentialType {
	name = 'procountorApi';

	displayName = 'Procountor API';

	icon: Icon = { light: 'file:../nodes/Procountor/procountor.svg', dark: 'file:../nodes/Procountor/procountor.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-nordic-commerce/n8n-nodes-nordic-commerce/blob/main/docs/procountor.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: PROCOUNTOR_ENVIRONMENTS.production },
				{ name: 'Test', value: 'test', description: PROCOUNTOR_ENVIRONMENTS.test },
			],
			default: 'production',
			description:
				'Procountor issues separate client credentials for the test server (PTS) and for production; each works only in its own environment',
		},
		// The brief keeps the client ID out of sight too: it is half of the integrator's client credentials.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Issued by Procountor to the integration (the integrator), the same for every company that uses it',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Issued by Procountor together with the client ID',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Binds the integration to one company. The company first allows billable API clients (Management → Company info → Usage settings → Integration settings), then creates a key for this client ID under the account menu\'s API keys ("API-avaimet" → New API key; shown only once). Or the company approves the integration through Procountor\'s activation link, which adds a technical user and returns the key to the integrator.',
		},
		baseUrlOverrideProperty(
			'http://127.0.0.1:4020/api',
			'Leave empty to use the environment above. Set it to reach the local sandbox or a proxy; must end in /api.',
		),
		timeoutProperty,
		{
			displayName: 'Requests per Second (Advanced)',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_REQUESTS_PER_SECOND, numberPrecision: 0 },
			default: DEFAULT_REQUESTS_PER_SECOND,
			description:
				"The most requests this API client (client ID and environment, shared by every credential and company that uses it) sends in any second, from this n8n instance (each queue-mode worker counts on its own). 20 is Procountor's documented limit and the safe choice; 60 per second was reported for production but is not confirmed. Procountor sends no warning before its limit: a client that exceeds it may be suspended. Raise it only if Procountor confirmed a higher limit for your client.",
		},
		...accessTokenProperties,
	];

	/** M2M: client credentials plus the company's API key, form-encoded in the body (never in the URL). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
			api_key: String(credentials.apiKey ?? ''),
		});
		return await exchangeForToken(
			this,
			{
				method: 'POST',
				baseURL: procountorBaseUrl(credentials),
				url: '/oauth/token',
				// Procountor refuses a charset parameter in this content type.
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: form.toString(),
				json: true,
			},
			tokenError,
			'Procountor answered the token request without an access token.',
		);
	}

	/** Bearer token. A function, not an expression block, which n8n would evaluate on every request. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ($credentials.baseUrlOverride || ($credentials.environment === 'test' ? '${PROCOUNTOR_ENVIRONMENTS.test}' : '${PROCOUNTOR_ENVIRONMENTS.production}')).replace(/\\/+$/, '') }}`,
			url: '/sessioninfo',
		},
	};
}
