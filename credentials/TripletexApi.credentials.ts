import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { dateInTimeZone } from '../nodes/shared/dates';
import { Redactor } from '../nodes/shared/redact';
import { TRIPLETEX_ENVIRONMENTS, tripletexBaseUrl } from '../nodes/Tripletex/environments';
import { baseUrlOverrideProperty, timeoutProperty } from '../nodes/shared/service';

/** Sessions are minted this many days ahead (Tripletex allows 1 or more; the date is in Oslo time). */
const SESSION_DAYS = 7;

interface TokenExchangeError {
	response?: {
		status?: number;
		data?: { message?: string; code?: number; validationMessages?: Array<{ field?: string }> | null };
	};
	message?: string;
}

function statusOf(error: unknown): number | undefined {
	return (error as TokenExchangeError).response?.status;
}

/**
 * Never echo the request or the body sent: it carries both tokens. Tripletex's own message
 * is kept, with the tokens masked (it may quote them, e.g. "not valid for consumerToken=…").
 */
function sessionError(error: unknown, tokens: unknown[]): Error {
	const status = statusOf(error);
	const data = (error as TokenExchangeError).response?.data;
	const vendorMessage = typeof data?.message === 'string' ? new Redactor(tokens).text(data.message) : undefined;
	// Tripletex answers an unknown token with 422 naming the token field, not with 401.
	const tokenRejected = (data?.validationMessages ?? []).some((entry) => /token/i.test(entry?.field ?? ''));
	if (status === 401 || status === 403 || tokenRejected) {
		return new Error(
			`Tripletex did not accept the consumer token or the employee token (HTTP ${status}). ` +
				'Check that both belong to the chosen environment (test tokens only work against the test environment) ' +
				'and that the employee token was created for this integration under API-tilgang.',
		);
	}
	if (status === 404 || status === 405) {
		// Servers before API 2.74 only offer the query-string PUT, which would put the tokens in the URL.
		return new Error(
			`Tripletex could not create a session: this server does not offer POST /token/session/:create (HTTP ${status}). ` +
				'Check the environment and the Base URL override (it must point at a Tripletex API v2 and end in /v2). ' +
				'The deprecated PUT form is not used because it would put both tokens in the URL.',
		);
	}
	if (status) {
		return new Error(
			`Tripletex could not create a session (HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}).`,
		);
	}
	// No error code in the text: n8n swaps messages containing one for a generic sentence.
	return new Error('Tripletex could not be reached to create a session. Check the environment or the Base URL override.');
}

export class TripletexApi implements ICredentialType {
	name = 'tripletexApi';

	displayName = 'Tripletex API';

	icon: Icon = { light: 'file:../nodes/Tripletex/tripletex.svg', dark: 'file:../nodes/Tripletex/tripletex.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-nordic-commerce/n8n-nodes-nordic-commerce/blob/main/docs/tripletex.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: TRIPLETEX_ENVIRONMENTS.production },
				{ name: 'Test', value: 'test', description: TRIPLETEX_ENVIRONMENTS.test },
			],
			default: 'production',
			description: 'Tokens only work in the environment they were made for. Test tokens start with "test-".',
		},
		{
			displayName: 'Consumer Token',
			name: 'consumerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Issued by Tripletex to the integration once it is approved for the API (the same for every company using it)',
		},
		{
			displayName: 'Employee Token',
			name: 'employeeToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created by the customer in Tripletex after ordering the Integrasjoner add-on: user menu → API-tilgang → Ny nøkkel, choose this application (or "Tilpasset oppsett" and its access levels). Tripletex shows it only once.',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'number',
			default: 0,
			description:
				'0 means the company that owns the employee token. Accountants use the ID of the client company they act for.',
		},
		baseUrlOverrideProperty(
			'http://127.0.0.1:4010/v2',
			'Leave empty to use the environment above. Set it to reach the local sandbox or a proxy; must end in /v2.',
		),
		timeoutProperty,
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseURL = tripletexBaseUrl(credentials);
		const payload = {
			consumerToken: credentials.consumerToken as string,
			employeeToken: credentials.employeeToken as string,
			expirationDate: dateInTimeZone('Europe/Oslo', SESSION_DAYS),
		};
		let response: { value?: { token?: string } };
		try {
			// Only the JSON form (API 2.74+). The deprecated `PUT /token/session/:create` takes both
			// tokens as query parameters, which proxies and access logs record: it is never used.
			response = (await this.helpers.httpRequest({
				method: 'POST',
				baseURL,
				url: '/token/session/:create',
				body: payload,
				json: true,
			})) as typeof response;
		} catch (error) {
			throw sessionError(error, [payload.consumerToken, payload.employeeToken]);
		}
		const sessionToken = response?.value?.token;
		if (!sessionToken) throw new Error('Tripletex answered the session request without a token.');
		return { sessionToken };
	}

	/**
	 * Basic companyId:sessionToken. A function, not an expression block: n8n would evaluate
	 * an expression for each of the two values on every request.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			auth: { username: String(credentials.companyId || 0), password: String(credentials.sessionToken ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ($credentials.baseUrlOverride || ($credentials.environment === 'test' ? '${TRIPLETEX_ENVIRONMENTS.test}' : '${TRIPLETEX_ENVIRONMENTS.production}')).replace(/\\/+$/, '') }}`,
			url: '/token/session/%3EwhoAmI',
		},
	};
}
