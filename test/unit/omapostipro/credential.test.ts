import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import nock from 'nock';


import { OmaPostiProApi } from '../../../credentials/OmaPostiProApi.credentials';
import { OmaPostiPro } from '../../../nodes/OmaPostiPro/OmaPostiPro.node';
import { coordination, InProcessCoordination, useCoordination } from '../../../nodes/shared/coordination';
import { testCredential } from '../../harness';
import {
	ACCESS_TOKEN,
	API_KEY,
	CLIENT_SECRET,
	CREATE_PICKUP,
	GATEWAY_SECRET,
	NODE_NAME,
	POSTI_ORIGIN,
	TOKEN_FORM,
	USER_AGENT,
	apiKeyCredential,
	bearerApi,
	createdAnswer,
	demoCredential,
	expectNoSecrets,
	keyApi,
	mockToken,
	oauthCredential,
	pendingRequests,
	runPosti,
	setUpNock,
	store,
	tearDownNock,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const SECRETS = [API_KEY, CLIENT_SECRET, ACCESS_TOKEN, GATEWAY_SECRET];
const PROBE_V1 = '/shippingapi/api/v1/shipping/order';
const PROBE_V2 = '/shippingapi/api/v2/shipping/order';
const E20 = { errors: [{ code: 'E20', field: 'service.id', message: 'E20: Service is missing: give service.id (e.g. PO2103)' }] };

function expectNoSecretIn(text: string | undefined): void {
	for (const secret of SECRETS) expect(text ?? '').not.toContain(secret);
}

describe('OmaPosti Pro credential', () => {
	test('API-key mode: preAuthentication sends nothing and returns a fixed, non-secret marker', async () => {
		const httpRequest = jest.fn();
		const credential = new OmaPostiProApi();
		const output = await credential.preAuthentication.call({ helpers: { httpRequest } } as never, { ...apiKeyCredential.data } as ICredentialDataDecryptedObject);
		expect(httpRequest).not.toHaveBeenCalled();
		expect(output).toEqual({ accessToken: 'api-key-mode', expiresAt: 0 });
	});

	test('API-key mode: the marker is stored once, so later runs do not pre-authenticate again', async () => {
		keyApi().post(PROBE_V1).query(true).times(2).reply(200, createdAnswer('v1'));
		const credentials = store();
		const first = await runPosti(CREATE_PICKUP, { credentials });
		// Another order: the same one would be answered from the ledger of booked shipments.
		const second = await runPosti({ ...CREATE_PICKUP, orderNo: 'store-1002' }, { credentials });
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		expect(credentials.preAuthenticationCount('omaPostiProApi')).toBe(1);
		expect(credentials.data('omaPostiProApi').accessToken).toBe('api-key-mode');
	});

	test('authenticate: raw key (v1), Bearer (v2), the gateway secret only in Demo', async () => {
		const credential = new OmaPostiProApi();
		const request: IHttpRequestOptions = { url: '/x', headers: { 'User-Agent': USER_AGENT } };
		expect((await credential.authenticate({ ...apiKeyCredential.data }, request)).headers).toEqual({ 'User-Agent': USER_AGENT, Authorization: API_KEY });
		expect((await credential.authenticate({ ...oauthCredential.data, accessToken: ACCESS_TOKEN, gatewaySecret: GATEWAY_SECRET }, request)).headers).toEqual({
			'User-Agent': USER_AGENT,
			Authorization: `Bearer ${ACCESS_TOKEN}`,
		});
		expect((await credential.authenticate({ ...demoCredential.data, accessToken: ACCESS_TOKEN }, request)).headers).toEqual({
			'User-Agent': USER_AGENT,
			Authorization: `Bearer ${ACCESS_TOKEN}`,
			'x-gateway-secret': GATEWAY_SECRET,
		});
		expect((await credential.authenticate({ ...apiKeyCredential.data, environment: 'demo', gatewaySecret: GATEWAY_SECRET }, request)).headers).toEqual({
			'User-Agent': USER_AGENT,
			Authorization: API_KEY,
			'x-gateway-secret': GATEWAY_SECRET,
		});
	});

	test('OAuth: the token is stored with its expiry, and renewed once after a 401', async () => {
		mockToken();
		bearerApi().post(PROBE_V2).query(true).reply(200, createdAnswer('v2'));
		const credentials = store(oauthCredential);
		await runPosti(CREATE_PICKUP, { credentials });
		const expiresAt = Number(credentials.data('omaPostiProApi').expiresAt);
		expect(expiresAt).toBeGreaterThan(Date.now() + 3_400_000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_540_000);

		// Expired: Posti refuses the token (nothing is created), n8n gets a new one and repeats.
		// (A fresh ledger: it would otherwise answer the same order with the shipment booked above.)
		useCoordination(new InProcessCoordination(undefined, (coordination() as InProcessCoordination).limiters));
		bearerApi().post(PROBE_V2).query(true).reply(401, { errorCode: 'EXPIRED', message: 'Access token has expired' });
		mockToken({ token: 'PostiExt.1.second-token' });
		bearerApi({ token: 'PostiExt.1.second-token' }).post(PROBE_V2).query(true).reply(200, createdAnswer('v2'));
		const result = await runPosti(CREATE_PICKUP, { credentials });
		expect(result.error).toBeUndefined();
		expect(credentials.data('omaPostiProApi').accessToken).toBe('PostiExt.1.second-token');
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result, ['PostiExt.1.second-token']);
	});

	test('switching a credential from API key to OAuth: the stored marker is refused once, then a real token is used', async () => {
		bearerApi({ token: 'api-key-mode' }).post(PROBE_V2).query(true).reply(401, { errorCode: 'INVALID_TOKEN', message: 'Invalid access token' });
		mockToken();
		bearerApi().post(PROBE_V2).query(true).reply(200, createdAnswer('v2'));
		const credentials = store({ ...oauthCredential, data: { ...oauthCredential.data, accessToken: 'api-key-mode' } });
		const result = await runPosti(CREATE_PICKUP, { credentials });
		expect(result.error).toBeUndefined();
		expect(credentials.data('omaPostiProApi').accessToken).toBe(ACCESS_TOKEN);
		expect(pendingRequests()).toEqual([]);
	});

	test('a refused OAuth client gives a clear message with only Posti\'s code', async () => {
		nock(POSTI_ORIGIN).post('/api/v1/token', TOKEN_FORM).reply(401, { error: 'invalid_client', error_description: `Bad credentials for ${CLIENT_SECRET}` });
		const result = await runPosti(CREATE_PICKUP, { credentials: store(oauthCredential) });
		expect(result.error?.message).toContain('OmaPosti Pro did not accept the OAuth client ID or secret (HTTP 401, invalid_client)');
		expectNoSecrets(result);
	});

	test('declares both modes, password fields, the hidden expirable token and the node\'s credential test', () => {
		const credential = new OmaPostiProApi();
		const byName = (name: string) => credential.properties.find((property) => property.name === name);
		expect(byName('authentication')?.options?.map((option) => (option as { value: string }).value)).toEqual(['apiKey', 'oAuthClient']);
		for (const secret of ['apiKey', 'clientId', 'clientSecret', 'gatewaySecret']) expect(byName(secret)?.typeOptions?.password).toBe(true);
		expect(byName('accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(byName('apiKey')?.description).toContain('Integrations → "Explore and start migration" → "Create new API key"');
		expect(byName('apiKey')?.description).toContain('"Manage integrations" right');
		expect(byName('clientId')?.description).toContain('Application Account Users → Add → Enabled');
		expect(byName('gatewaySecret')?.displayOptions).toEqual({ show: { environment: ['demo'] } });
		const node = new OmaPostiPro();
		expect(node.description.credentials).toEqual([
			{ name: 'omaPostiProApi', required: true, testedBy: 'omaPostiProApiTest', displayOptions: { hide: { operation: ['track'] } } },
			{ name: 'postiTrackingApi', required: true, testedBy: 'postiTrackingApiTest', displayOptions: { show: { operation: ['track'] } } },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		]);
		expect(typeof node.methods.credentialTest.omaPostiProApiTest).toBe('function');
		expect(NODE_NAME).toBe(node.description.defaults.name);
	});
});

describe('OmaPosti Pro credential test (testedBy)', () => {
	test('a good API key: an empty shipment is rejected as invalid, so the key works; nothing is created', async () => {
		let body: unknown;
		keyApi()
			.post(PROBE_V1, (requestBody) => {
				body = requestBody;
				return true;
			})
			.reply(200, E20);
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { ...apiKeyCredential.data });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful: OmaPosti Pro accepted the API key.' });
		expect(body).toEqual({ shipment: {} });
		expect(pendingRequests()).toEqual([]);
	});

	test('400 for the empty shipment also means the key works', async () => {
		keyApi().post(PROBE_V1).reply(400, { errors: [{ field: 'shipment', message: 'shipment is empty' }] });
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { ...apiKeyCredential.data });
		expect(result.status).toBe('OK');
	});

	test('a bad API key', async () => {
		nock(POSTI_ORIGIN).post(PROBE_V1).reply(401, { message: 'Unauthorized' });
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { ...apiKeyCredential.data });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('OmaPosti Pro refused the API key (HTTP 401)');
		expectNoSecretIn(result.message);
	});

	test('a good OAuth client: token, then the probe on v2 with Bearer', async () => {
		mockToken();
		bearerApi().post(PROBE_V2, { shipment: {} }).reply(200, E20);
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { ...oauthCredential.data });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful: OmaPosti Pro accepted the OAuth client.' });
		expect(pendingRequests()).toEqual([]);
	});

	test('a bad OAuth client: only the status and Posti\'s error code, never the secret', async () => {
		nock(POSTI_ORIGIN).post('/api/v1/token', TOKEN_FORM).reply(401, { error: 'invalid_client', error_description: `Bad credentials ${CLIENT_SECRET}` });
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { ...oauthCredential.data });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('(HTTP 401, invalid_client)');
		expectNoSecretIn(result.message);
	});

	test('Demo without the right gateway secret: 403 names the gateway secret', async () => {
		mockToken({ prefix: '/demo' });
		nock(POSTI_ORIGIN).post(`/demo${PROBE_V2}`).reply(403, { message: 'Forbidden' });
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { ...demoCredential.data });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('check the demo gateway secret');
		expectNoSecretIn(result.message);
	});

	test('an unreachable gateway', async () => {
		nock.enableNetConnect('127.0.0.1');
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { ...apiKeyCredential.data, baseUrlOverride: 'http://127.0.0.1:1' });
		expect(result).toEqual({ status: 'Error', message: 'OmaPosti Pro could not be reached. Check the environment and the Base URL override.' });
	});

	test('defaults apply when the editor sends only the key (API key, production gateway)', async () => {
		nock('https://gateway.posti.fi', { reqheaders: { authorization: API_KEY, 'user-agent': USER_AGENT } }).post(PROBE_V1).reply(200, E20);
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', { apiKey: API_KEY });
		expect(result.status).toBe('OK');
	});
});
