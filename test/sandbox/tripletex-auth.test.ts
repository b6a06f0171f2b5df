import { request } from 'undici';

import { osloDate, osloMidnight } from '../../sandbox/tripletex/dates';
import { resetHarness, SEED, startTripletex, tomorrow, tripletexAuthorization, type TripletexHarness } from './helpers';

let h: TripletexHarness;

beforeAll(async () => {
	h = await startTripletex();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetHarness(h);
});

const credentials = (overrides: Record<string, unknown> = {}) => ({
	consumerToken: 'sandbox-consumer-token',
	employeeToken: 'sandbox-employee-token',
	expirationDate: tomorrow(),
	...overrides,
});

describe('session create', () => {
	it('POST :create answers 201 with the session token', async () => {
		const res = await h.call('POST', '/token/session/:create', { auth: null, body: credentials() });
		expect(res.status).toBe(201);
		expect(res.headers['x-tlx-request-id']).toEqual(expect.any(String));
		const value = res.json.value;
		expect(value).toMatchObject({
			id: expect.any(Number),
			version: expect.any(Number),
			consumerToken: { id: expect.any(Number) },
			employeeToken: { id: expect.any(Number) },
			expirationDate: tomorrow(),
			token: expect.any(String),
		});
		const who = await h.call('GET', '/token/session/%3EwhoAmI', { auth: tripletexAuthorization(value.token) });
		expect(who.status).toBe(200);
	});

	it('legacy PUT :create with query parameters answers 200 with the same shape', async () => {
		const qs = new URLSearchParams(credentials() as Record<string, string>).toString();
		const res = await h.call('PUT', `/token/session/:create?${qs}`, { auth: null });
		expect(res.status).toBe(200);
		expect(res.json.value).toMatchObject({ token: expect.any(String), consumerToken: { id: expect.any(Number) }, expirationDate: tomorrow() });
	});

	it('accepts the action segment percent-encoded', async () => {
		const res = await h.call('POST', '/token/session/%3Acreate', { auth: null, body: credentials() });
		expect(res.status).toBe(201);
	});

	it('rejects an unknown consumer token with 422 naming the argument', async () => {
		const res = await h.call('POST', '/token/session/:create', { auth: null, body: credentials({ consumerToken: 'nope' }) });
		expect(res.status).toBe(422);
		expect(res.json).toMatchObject({ status: 422, code: 18000 });
		expect(res.json.validationMessages).toEqual([
			expect.objectContaining({ field: 'consumerToken', message: 'The consumer token is invalid or does not exist.' }),
		]);
		expect(res.json.requestId).toBe(res.headers['x-tlx-request-id']);
	});

	it('rejects an unknown employee token; legacy PUT names arg:employeeToken', async () => {
		const qs = new URLSearchParams(credentials({ employeeToken: 'wrong' }) as Record<string, string>).toString();
		const res = await h.call('PUT', `/token/session/:create?${qs}`, { auth: null });
		expect(res.status).toBe(422);
		expect(res.json.validationMessages[0]).toMatchObject({ field: 'arg:employeeToken' });
	});

	it.each([
		['today (in Oslo)', () => osloDate(Date.now())],
		['a past date', () => '2020-01-01'],
		['a malformed date', () => '01.01.2099'],
	])('rejects %s as expirationDate', async (_label, date) => {
		const res = await h.call('POST', '/token/session/:create', { auth: null, body: credentials({ expirationDate: date() }) });
		expect(res.status).toBe(422);
		expect(res.json.validationMessages[0].field).toBe('expirationDate');
	});

	it('accepts far-future dates', async () => {
		const res = await h.call('POST', '/token/session/:create', { auth: null, body: credentials({ expirationDate: '2099-12-31' }) });
		expect(res.status).toBe(201);
	});

	it('can pretend POST :create does not exist, so clients fall back to PUT', async () => {
		await h.control.configure({ sessionCreateWithBody: 'not-found' });
		expect((await h.call('POST', '/token/session/:create', { auth: null, body: credentials() })).status).toBe(404);
		await h.control.configure({ sessionCreateWithBody: 'method-not-allowed' });
		const res = await h.call('POST', '/token/session/:create', { auth: null, body: credentials() });
		expect(res.status).toBe(405);
		const qs = new URLSearchParams(credentials() as Record<string, string>).toString();
		expect((await h.call('PUT', `/token/session/:create?${qs}`, { auth: null })).status).toBe(200);
	});
});

describe('authentication of API calls', () => {
	it('answers 401/3000 without credentials or with an unknown token', async () => {
		const none = await h.call('GET', '/ledger/account', { auth: null });
		expect(none.status).toBe(401);
		expect(none.json).toMatchObject({ status: 401, code: 3000 });
		const unknown = await h.call('GET', '/ledger/account', { auth: tripletexAuthorization('not-a-session') });
		expect(unknown.json).toMatchObject({ status: 401, code: 3000 });
	});

	it('whoAmI answers for `>` both raw and as %3E', async () => {
		const encoded = await h.call('GET', '/token/session/%3EwhoAmI');
		expect(encoded.json.value).toMatchObject({ employeeId: SEED.employee, companyId: SEED.company });
		const raw = await request(`${h.base}/token/session/>whoAmI`, { headers: { authorization: h.auth }, dispatcher: h.agent });
		expect(raw.statusCode).toBe(200);
		expect(((await raw.body.json()) as any).value.companyId).toBe(SEED.company);
	});

	it('username 0, blank or the own company id reach the own company', async () => {
		for (const user of ['0', '', String(SEED.company)]) {
			const res = await h.call('GET', '/token/session/%3EwhoAmI', { auth: tripletexAuthorization(h.token, user) });
			expect(res.json.value.companyId).toBe(SEED.company);
		}
	});

	it('an accountant client id reaches that client’s books; other ids get 403/9000', async () => {
		const client = SEED.clients[0];
		const who = await h.call('GET', '/token/session/%3EwhoAmI', { auth: tripletexAuthorization(h.token, client) });
		expect(who.json.value.companyId).toBe(client);
		const accounts = await h.call('GET', '/ledger/account?number=1920', { auth: tripletexAuthorization(h.token, client) });
		expect(accounts.json.values[0].id).not.toBe(SEED.account[1920]);
		const list = await h.call('GET', '/company/%3EwithLoginAccess');
		expect(list.json.values.map((c: any) => c.id)).toEqual([SEED.company, ...SEED.clients]);
		const denied = await h.call('GET', '/ledger/account', { auth: tripletexAuthorization(h.token, 999999) });
		expect(denied.status).toBe(403);
		expect(denied.json.code).toBe(9000);
	});

	it('a session expires mid-batch when its lifetime runs out', async () => {
		await h.control.configure({ sessionLifetimeMs: 300 });
		const session = await h.login();
		expect((await h.call('GET', '/ledger/vatType', { auth: session.authorization })).status).toBe(200);
		await new Promise((r) => setTimeout(r, 350));
		const expired = await h.call('GET', '/ledger/vatType', { auth: session.authorization });
		expect(expired.status).toBe(401);
		expect(expired.json.code).toBe(3000);
	});

	it('a session ends at 00:00 Europe/Oslo on its expiration date', async () => {
		const date = tomorrow();
		const session = await h.login({ expirationDate: date });
		await h.control.configure({ now: new Date(osloMidnight(date) - 1000).toISOString() });
		expect((await h.call('GET', '/ledger/vatType', { auth: session.authorization })).status).toBe(200);
		await h.control.configure({ now: new Date(osloMidnight(date) + 1000).toISOString() });
		expect((await h.call('GET', '/ledger/vatType', { auth: session.authorization })).status).toBe(401);
	});

	it('DELETE /token/session/{token} ends the session', async () => {
		const session = await h.login();
		const res = await h.call('DELETE', `/token/session/${encodeURIComponent(session.token)}`, { auth: session.authorization });
		expect(res.status).toBe(204);
		expect((await h.call('GET', '/ledger/vatType', { auth: session.authorization })).status).toBe(401);
	});
});
