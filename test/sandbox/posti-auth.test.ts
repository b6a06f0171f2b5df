import { PS, V1_ORDER, V2_ORDER, orderBody, resetPosti, startPosti, tokenForm, type PostiHarness } from './posti-helpers';

let h: PostiHarness;

beforeAll(async () => {
	h = await startPosti();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetPosti(h);
});

const FORM = 'application/x-www-form-urlencoded';
const token = (form: string, path = '/api/v1/token', contentType = FORM) => h.call('POST', path, { rawBody: form, contentType });
const credentialTest = (path: string, auth?: string, headers?: Record<string, string>) =>
	h.call('POST', path, { body: { shipment: {} }, auth, headers });
const E20 = { errors: [{ code: 'E20', field: 'service.id', message: expect.stringMatching(/^E20: /) }] };
const setNow = (epochMs: number) => h.control.configure({ now: new Date(epochMs).toISOString() });

describe('OAuth token (v2)', () => {
	it('issues an opaque PostiExt token for 3600 s with one target per role', async () => {
		const res = await token(tokenForm());
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			access_token: expect.stringMatching(/^PostiExt\.1\.\S+$/),
			token_type: 'Bearer',
			expires_in: 3600,
			posti_fi: {
				targets: {
					shippingapi: { url: `${h.base}/shippingapi`, tier: 0 },
					'2025-04': { url: `${h.base}/2025-04`, tier: 0 },
				},
			},
		});
		expect(res.headers['cache-control']).toBe('no-store');
		expect((await credentialTest(V2_ORDER, `Bearer ${res.json.access_token}`)).json).toEqual(E20);
	});

	it('the shipping-only client gets only the shippingapi target', async () => {
		const res = await token(tokenForm({ client_id: PS.shippingOnlyClientId }));
		expect(res.status).toBe(200);
		expect(Object.keys(res.json.posti_fi.targets)).toEqual(['shippingapi']);
	});

	it.each([
		['a wrong secret', { client_secret: 'nope' }],
		['an unknown client', { client_id: 'other' }],
		['no secret', { client_secret: undefined }],
	])('answers %s with 401 invalid_client "Bad credentials"', async (_label, overrides) => {
		const res = await token(tokenForm(overrides));
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ error: 'invalid_client', error_description: 'Bad credentials' });
	});

	it('refuses other grant types and non-form bodies', async () => {
		expect((await token(tokenForm({ grant_type: 'password' }))).json.error).toBe('unsupported_grant_type');
		const json = await h.call('POST', '/api/v1/token', { body: { grant_type: 'client_credentials' } });
		expect(json.status).toBe(400);
		expect(json.json.error).toBe('invalid_request');
	});

	it('a token expires after 1 h on the emulator clock (EXPIRED), and the lifetime is configurable', async () => {
		const issuedAt = Date.now();
		expect((await credentialTest(V2_ORDER, h.bearer)).status).toBe(200);
		await setNow(issuedAt + 3_601_000);
		const expired = await credentialTest(V2_ORDER, h.bearer);
		expect(expired.status).toBe(401);
		expect(expired.json).toEqual({ errorCode: 'EXPIRED', message: expect.any(String) });

		await h.control.configure({ now: null, tokenLifetimeMs: 60_000 });
		const res = await token(tokenForm());
		expect(res.json.expires_in).toBe(60);
	});

	it('an unknown token is INVALID_TOKEN; no Bearer at all (or the raw API key) is UNAUTHORIZED', async () => {
		const unknown = await credentialTest(V2_ORDER, 'Bearer PostiExt.1.not-issued');
		expect(unknown.status).toBe(401);
		expect(unknown.json).toEqual({ errorCode: 'INVALID_TOKEN', message: expect.any(String) });
		for (const auth of [undefined, PS.apiKey]) {
			const res = await credentialTest(V2_ORDER, auth);
			expect(res.status).toBe(401);
			expect(res.json.errorCode).toBe('UNAUTHORIZED');
		}
	});

	it('a client without role shippingapi gets 403 FORBIDDEN on shipping', async () => {
		await h.control.configure({
			clients: [{ clientId: 'pickup-only', clientSecret: 's', roles: ['2025-04'], contracts: [PS.contract] }],
		});
		const bearer = await h.login({ clientId: 'pickup-only', clientSecret: 's' });
		const res = await credentialTest(V2_ORDER, bearer);
		expect(res.status).toBe(403);
		expect(res.json).toEqual({ errorCode: 'FORBIDDEN', message: expect.stringMatching(/shippingapi/) });
	});
});

describe('raw API key (v1)', () => {
	it('accepts the key as the whole Authorization header', async () => {
		const res = await credentialTest(V1_ORDER, PS.apiKey);
		expect(res.status).toBe(200);
		expect(res.json).toEqual(E20);
	});

	it.each([
		['a wrong key', 'not-the-key'],
		['no header', undefined],
		['a Bearer token', 'BEARER'],
		['the key with a scheme', `Bearer ${PS.apiKey}`],
	])('answers %s with 401 {"message":"Unauthorized"}', async (_label, auth) => {
		const res = await credentialTest(V1_ORDER, auth === 'BEARER' ? h.bearer : auth);
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ message: 'Unauthorized' });
	});
});

describe('credential test body {"shipment":{}}', () => {
	it('answers 200 with E20 for v1 and v2 and creates nothing', async () => {
		expect((await credentialTest(V1_ORDER, PS.apiKey)).json).toEqual(E20);
		expect((await credentialTest(V2_ORDER, h.bearer)).json).toEqual(E20);
		expect((await credentialTest(V2_ORDER, await h.login({ clientId: PS.shippingOnlyClientId }))).json).toEqual(E20);
		expect((await h.control.state<{ shipments: unknown[] }>()).shipments).toEqual([]);
	});
});

describe('demo-like gateway under /demo', () => {
	const secret = { 'x-gateway-secret': PS.gatewaySecret };

	it('the token call needs no gateway secret; every other call needs it (403 Forbidden otherwise)', async () => {
		const res = await token(tokenForm(), '/demo/api/v1/token');
		expect(res.status).toBe(200);
		expect(res.json.posti_fi.targets.shippingapi.url).toBe(`${h.base}/demo/shippingapi`);
		const bearer = `Bearer ${res.json.access_token}`;

		for (const headers of [undefined, { 'x-gateway-secret': 'wrong' }]) {
			const refused = await credentialTest(`/demo${V2_ORDER}`, bearer, headers);
			expect(refused.status).toBe(403);
			expect(refused.json).toEqual({ message: 'Forbidden' });
		}
		expect((await credentialTest(`/demo${V2_ORDER}`, bearer, secret)).json).toEqual(E20);
		expect((await credentialTest(`/demo${V1_ORDER}`, PS.apiKey, secret)).json).toEqual(E20);
		// Even a path that does not exist: CloudFront refuses before routing.
		expect((await h.call('GET', '/demo/nothing-here')).status).toBe(403);
		expect((await h.call('GET', '/demo/nothing-here', { headers: secret })).status).toBe(404);
	});

	it('a demo token is refused by the production-like gateway and the other way round', async () => {
		const demo = await h.login({ demo: true });
		const atProduction = await credentialTest(V2_ORDER, demo);
		expect(atProduction.status).toBe(401);
		expect(atProduction.json.errorCode).toBe('INVALID_TOKEN');
		expect((await credentialTest(`/demo${V2_ORDER}`, h.bearer, secret)).status).toBe(401);
	});

	it('demo label links carry the /demo prefix; the production-like gateway ignores a gateway secret', async () => {
		const demo = await h.login({ demo: true });
		const res = await h.call('POST', `/demo${V2_ORDER}`, { body: orderBody(), auth: demo, headers: secret });
		expect(res.status).toBe(200);
		const href: string = res.json[0].prints[0].href;
		expect(href).toMatch(new RegExp(`^${h.base}/demo/shippingapi/api/v2/shipments/654321/pdfs/`));
		expect((await h.call('GET', href, { auth: demo })).status).toBe(403);
		expect((await h.call('GET', href, { auth: demo, headers: secret })).status).toBe(200);

		const prod = await credentialTest(V2_ORDER, h.bearer, { 'x-gateway-secret': 'anything' });
		expect(prod.json).toEqual(E20);
	});
});

describe('journal', () => {
	it('never shows the API key, client secret, token or gateway secret', async () => {
		const res = await token(tokenForm(), '/demo/api/v1/token');
		const bearer = `Bearer ${res.json.access_token}`;
		await credentialTest(`/demo${V2_ORDER}`, bearer, { 'x-gateway-secret': PS.gatewaySecret });
		await credentialTest(V1_ORDER, PS.apiKey);
		const entries = await h.control.journal();
		const text = JSON.stringify(entries);
		for (const secret of [PS.clientSecret, PS.apiKey, PS.gatewaySecret, res.json.access_token as string, h.bearer.slice(7)]) {
			expect(text).not.toContain(secret);
		}
		const tokenEntry = entries.find((e) => e.path === '/demo/api/v1/token')!;
		expect(tokenEntry.body).toEqual({ form: { grant_type: 'client_credentials', client_id: PS.clientId, client_secret: 'REDACTED' } });
		const demoEntry = entries.find((e) => e.path === `/demo${V2_ORDER}`)!;
		expect(demoEntry.headers['x-gateway-secret']).toBe('REDACTED');
		expect(demoEntry.headers.authorization).toBe('REDACTED');
		expect(entries.find((e) => e.path === V1_ORDER)!.headers.authorization).toBe('REDACTED');
	});
});
