import { request } from 'undici';

import { PC, resetProcountor, startProcountor, tokenForm, type ProcountorHarness } from './procountor-helpers';

let h: ProcountorHarness;

beforeAll(async () => {
	h = await startProcountor();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetProcountor(h);
});

const FORM = 'application/x-www-form-urlencoded';
const token = (form: string, contentType = FORM, path = '/oauth/token') =>
	h.call('POST', path, { token: null, rawBody: form, contentType });

describe('POST /api/oauth/token', () => {
	it('issues a bearer token for client id, secret and API key (3600 s by default)', async () => {
		const res = await token(tokenForm());
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600 });
		expect(res.headers['cache-control']).toBe('no-store');
		const info = await h.call('GET', '/sessioninfo', { token: res.json.access_token });
		expect(info.status).toBe(200);
	});

	it('rejects a charset parameter in the Content-Type with an OAuth-style 400', async () => {
		const res = await token(tokenForm(), `${FORM}; charset=UTF-8`);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error: 'invalid_request', error_description: expect.stringMatching(/charset/) });
	});

	it('rejects JSON bodies', async () => {
		const res = await h.call('POST', '/oauth/token', { token: null, body: { grant_type: 'client_credentials' } });
		expect(res.status).toBe(400);
		expect(res.json.error).toBe('invalid_request');
	});

	it.each([
		['a wrong secret', { client_secret: 'nope' }, 401, 'invalid_client'],
		['an unknown client', { client_id: 'other' }, 401, 'invalid_client'],
		['a wrong API key', { api_key: 'nope' }, 401, 'invalid_grant'],
		['no API key', { api_key: undefined }, 400, 'invalid_request'],
		['no grant type', { grant_type: undefined }, 400, 'invalid_request'],
		['another grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
	])('answers %s with an OAuth error', async (_label, overrides, status, error) => {
		const res = await token(tokenForm(overrides));
		expect(res.status).toBe(status);
		expect(res.json).toEqual({ error, error_description: expect.any(String) });
	});

	it('refuses credentials in URL parameters', async () => {
		const res = await token(tokenForm(), FORM, `/oauth/token?client_secret=sandbox-client-secret`);
		expect(res.status).toBe(400);
		expect(res.json.error).toBe('invalid_request');
	});

	it('an API key works only with the client it was created for', async () => {
		await h.control.configure({
			clients: [
				{ clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' },
				{ clientId: 'other-client', clientSecret: 'other-secret' },
			],
		});
		const res = await token(tokenForm({ client_id: 'other-client', client_secret: 'other-secret' }));
		expect(res.status).toBe(401);
		expect(res.json.error).toBe('invalid_grant');
	});

	it('keeps client_secret, api_key and the Authorization header out of the journal', async () => {
		await token(tokenForm());
		await h.call('GET', '/sessioninfo');
		const entries = await h.control.journal();
		const text = JSON.stringify(entries);
		expect(text).not.toContain('sandbox-client-secret');
		expect(text).not.toContain('sandbox-api-key');
		expect(text).not.toContain(h.token);
		const tokenEntry = entries.find((e) => e.path === '/api/oauth/token')!;
		expect(tokenEntry.body).toEqual({
			form: { grant_type: 'client_credentials', client_id: 'sandbox-client-id', client_secret: 'REDACTED', api_key: 'REDACTED' },
		});
		expect(entries.find((e) => e.path === '/api/sessioninfo')!.headers.authorization).toBe('REDACTED');
		expect(JSON.stringify(await h.control.state())).not.toContain(h.token);
	});
});

describe('Bearer checks', () => {
	it('GET /sessioninfo describes the company and user of the API key', async () => {
		const res = await h.call('GET', '/sessioninfo');
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ companyId: PC.company, name: 'Sandbox Kauppa Oy', country: 'FINLAND', userId: expect.any(Number), userName: expect.any(String) });
	});

	it.each([
		['no Authorization header', null],
		['an unknown token', 'not-a-token'],
	])('answers %s with 401 in Procountor error shape', async (_label, t) => {
		const res = await h.call('GET', '/invoices', { token: t });
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ errors: [{ status: 401, field: null, message: expect.any(String) }] });
		expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
	});

	it('tokens expire after tokenLifetimeMs (expires_in in seconds); a new token works', async () => {
		await h.control.configure({ tokenLifetimeMs: 60_000 });
		const res = await token(tokenForm());
		expect(res.json.expires_in).toBe(60);
		const short = res.json.access_token as string;
		expect((await h.call('GET', '/sessioninfo', { token: short })).status).toBe(200);
		// The emulator runs in this process on real time plus an offset: jump 61 s ahead.
		await h.control.configure({ now: new Date(Date.now() + 61_000).toISOString() });
		const expired = await h.call('GET', '/sessioninfo', { token: short });
		expect(expired.status).toBe(401);
		expect(expired.json.errors[0].message).toMatch(/expired/);
		expect((await h.call('GET', '/sessioninfo', { token: await h.login() })).status).toBe(200);
	});

	it('the expireSession fault ends the presented token mid-batch', async () => {
		await h.control.injectFault({ kind: 'expireSession', path: '/products', after: 2 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await h.call('GET', '/products')).status);
		expect(statuses).toEqual([200, 200, 401, 401]);
	});

	it('status faults answer in the Procountor error shape', async () => {
		await h.control.injectFault({ kind: 'status', path: '/invoices', status: 503 });
		const res = await h.call('GET', '/invoices');
		expect(res.status).toBe(503);
		expect(res.json).toEqual({ errors: [{ status: 503, field: null, message: 'Service unavailable' }] });
	});
});

describe('self-service activation', () => {
	const path = `/integrations/${PC.activationRequestId}`;

	it('GET returns the request with the companies to integrate', async () => {
		const res = await h.call('GET', path);
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			integrationId: 7001,
			expires: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
			initiator: { email: expect.any(String), userFullName: expect.any(String) },
			companiesToIntegrate: [
				{ companyId: PC.company, extraInfo: { companyName: 'Sandbox Kauppa Oy', country: 'FINLAND' } },
				{ companyId: PC.secondCompany, extraInfo: { companyName: 'Toinen Verkkokauppa Oy' } },
			],
		});
		expect((await h.call('GET', '/integrations/unknown-request')).status).toBe(404);
	});

	it('PUT with approve/reject counts that do not match the request is 400', async () => {
		const res = await h.call('PUT', path, { body: { approve: [PC.company], reject: [] } });
		expect(res.status).toBe(400);
		expect(res.json.errors[0]).toMatchObject({ status: 400 });
	});

	it('PUT approves, returns an API key per company that works at the token endpoint; the request is then gone (410)', async () => {
		const res = await h.call('PUT', path, { body: { approve: [PC.secondCompany], reject: [{ companyId: PC.company, reason: 'Already integrated' }] } });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ integrationId: 7001, companiesIntegrated: [{ companyId: PC.secondCompany, apiKey: expect.any(String) }] });
		const tokenRes = await token(tokenForm({ api_key: res.json.companiesIntegrated[0].apiKey }));
		expect(tokenRes.status).toBe(200);
		const info = await h.call('GET', '/sessioninfo', { token: tokenRes.json.access_token });
		expect(info.json).toMatchObject({ companyId: PC.secondCompany, name: 'Toinen Verkkokauppa Oy' });
		expect((await h.call('GET', path)).status).toBe(410);
		const journal = JSON.stringify(await h.control.journal({ path: '/api/integrations/*' }));
		expect(journal).not.toContain(res.json.companiesIntegrated[0].apiKey);
	});

	it('an expired request answers 410', async () => {
		await h.control.configure({
			activationRequests: [{ requestId: PC.activationRequestId, companyIds: [PC.company], expires: '2020-01-01T00:00:00Z' }],
		});
		const get = await h.call('GET', path);
		expect(get.status).toBe(410);
		expect(get.json.errors[0]).toMatchObject({ status: 410, message: expect.stringMatching(/expired/) });
		expect((await h.call('PUT', path, { body: { approve: [PC.company] } })).status).toBe(410);
	});
});

describe('control endpoint', () => {
	it('lists the emulated routes under base path /api', async () => {
		const res = await request(h.sandbox.procountor.controlUrl);
		const body = (await res.body.json()) as { name: string; basePath: string; routes: Array<{ method: string; template: string }> };
		expect(body).toMatchObject({ name: 'procountor', basePath: '/api' });
		expect(body.routes).toEqual(expect.arrayContaining([{ method: 'POST', template: '/oauth/token' }, { method: 'PUT', template: '/invoices/{invoiceId}/approve' }]));
	});
});
