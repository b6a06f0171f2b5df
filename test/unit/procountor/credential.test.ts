import nock from 'nock';

import { ProcountorApi } from '../../../credentials/ProcountorApi.credentials';
import { CredentialStore } from '../../harness';
import {
	ACCESS_TOKEN,
	API,
	API_KEY,
	CLIENT_SECRET,
	PROCOUNTOR_ORIGIN,
	TOKEN_FORM,
	expectNoSecrets,
	mockProcountor,
	pendingRequests,
	procountorCredential,
	runProcountor,
	setUpNock,
	tearDownNock,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const getInvoice = { resource: 'invoice', operation: 'get', invoiceId: '42' };

describe('Procountor credential', () => {
	test('exchanges client credentials and API key in a form body without charset, then sends Bearer', async () => {
		let contentType = '';
		let body = '';
		let url = '';
		nock(PROCOUNTOR_ORIGIN)
			.post(`${API}/oauth/token`)
			.reply(function (uri, requestBody) {
				url = uri;
				body = String(requestBody);
				contentType = String(this.req.headers['content-type']);
				return [200, { access_token: 'fresh-token-123', expires_in: 3600 }];
			});
		nock(PROCOUNTOR_ORIGIN, { reqheaders: { authorization: 'Bearer fresh-token-123' } })
			.get(`${API}/invoices/42`)
			.reply(200, { id: 42, status: 'UNFINISHED' });

		const store = new CredentialStore({ procountorApi: procountorCredential });
		const result = await runProcountor(getInvoice, { credentials: store });

		expect(result.error).toBeUndefined();
		expect(contentType).toBe('application/x-www-form-urlencoded');
		expect(body).toBe(TOKEN_FORM);
		expect(url).toBe(`${API}/oauth/token`);
		expect(store.data('procountorApi').accessToken).toBe('fresh-token-123');
		// Expected expiry, a minute early: lets the limiter budget the renewal.
		const expiresAt = Number(store.data('procountorApi').expiresAt);
		expect(expiresAt).toBeGreaterThan(Date.now() + 3_400_000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_540_000);
		expect(result.jsonOf('Procountor')).toEqual([{ id: 42, status: 'UNFINISHED' }]);
	});

	test('a refused key gives a clear message that repeats no secret', async () => {
		nock(PROCOUNTOR_ORIGIN)
			.post(`${API}/oauth/token`)
			.reply(401, { error: 'invalid_grant', error_description: `api_key ${API_KEY} unknown for secret ${CLIENT_SECRET}` });

		const result = await runProcountor(getInvoice);
		expect(result.error?.message).toContain('Procountor did not accept the client ID, client secret or API key (HTTP 401, invalid_grant)');
		expectNoSecrets(result);
	});

	test('an unreachable host is named as such', async () => {
		const store = new CredentialStore({
			procountorApi: { ...procountorCredential, data: { ...procountorCredential.data, baseUrlOverride: 'http://127.0.0.1:1/api' } },
		});
		nock.enableNetConnect('127.0.0.1');
		const result = await runProcountor(getInvoice, { credentials: store });
		expect(result.error?.message).toContain('Procountor could not be reached to get an access token');
		expectNoSecrets(result);
	});

	test('the token is reused across executions and renewed once when Procountor answers 401', async () => {
		const { api, token } = mockProcountor();
		api.get(`${API}/invoices/42`).times(2).reply(200, { id: 42 });
		const store = new CredentialStore({ procountorApi: procountorCredential });
		await runProcountor(getInvoice, { credentials: store });
		await runProcountor(getInvoice, { credentials: store });
		expect(token.isDone()).toBe(true);
		expect(store.preAuthenticationCount('procountorApi')).toBe(1);

		// The token expires: one 401, one new token, the request repeated.
		nock(PROCOUNTOR_ORIGIN).get(`${API}/invoices/42`).reply(401, { errors: [{ status: 401, message: 'Unauthorized' }] });
		const renewed = mockProcountor({ token: 'second-token' });
		renewed.api.get(`${API}/invoices/42`).reply(200, { id: 42, renewed: true });
		const result = await runProcountor(getInvoice, { credentials: store });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 42, renewed: true }]);
		expect(store.data('procountorApi').accessToken).toBe('second-token');
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result, ['second-token', ACCESS_TOKEN]);
	});

	test('declares the test request, the environments, password fields and a hidden expirable token', async () => {
		const credential = new ProcountorApi();
		expect(credential.test.request.url).toBe('/sessioninfo');
		expect(credential.test.request.baseURL).toContain('https://pts-api.procountor.com/api');
		expect(credential.test.request.baseURL).toContain('https://api.procountor.com/api');
		const token = credential.properties.find((property) => property.name === 'accessToken');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		for (const secret of ['clientId', 'clientSecret', 'apiKey']) {
			expect(credential.properties.find((property) => property.name === secret)?.typeOptions?.password).toBe(true);
		}
		const authenticated = await credential.authenticate({ accessToken: 'a-token' }, { url: '/invoices', headers: { Accept: 'application/json' } });
		expect(authenticated.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer a-token' });
		const apiKey = credential.properties.find((property) => property.name === 'apiKey');
		expect(apiKey?.description).toContain('Usage settings → Integration settings');
		expect(apiKey?.description).toContain('activation link');
	});
});
