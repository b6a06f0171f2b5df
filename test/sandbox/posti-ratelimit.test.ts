import { PS, resetPosti, startPosti, type PostiHarness } from './posti-helpers';

let h: PostiHarness;

beforeAll(async () => {
	// The emulator's default: 50 requests per second per remote address.
	h = await startPosti({}, {});
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	// Reset clears the rate windows; the harness's token request is then the first of the window.
	await resetPosti(h);
});

const burst = (n: number) =>
	Promise.all(Array.from({ length: n }, () => h.call('GET', `/2025-04/pickuppoints/FI/${PS.pickupPoint}`, { auth: h.bearer })));
const setNow = (epochMs: number) => h.control.configure({ now: new Date(epochMs).toISOString() });

describe('50 requests per second per remote address', () => {
	it('is on by default', async () => {
		const config = await h.control.getConfig<{ rateLimit: unknown }>();
		expect(config.rateLimit).toEqual({ enabled: true, limit: 50, windowMs: 1000 });
	});

	it('over it: 429 {"message":"Too Many Requests"} with Retry-After 1, then fine in the next second', async () => {
		const results = await burst(59); // plus the token request: 60 in this second
		const statuses = results.map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(49);
		const refused = results.filter((r) => r.status === 429);
		expect(refused).toHaveLength(10);
		expect(refused[0].json).toEqual({ message: 'Too Many Requests' });
		expect(refused[0].headers['retry-after']).toBe('1');

		const journal = await h.control.journal();
		expect(journal.filter((e) => e.rateLimited === 'exceeded')).toHaveLength(10);
		expect(new Set(journal.map((e) => e.rateLimitKey))).toEqual(new Set(['ip:127.0.0.1']));

		const last = Math.max(...journal.map((e) => e.time));
		await setNow(last + 1100);
		expect((await burst(1))[0].status).toBe(200);
	});

	it('counts every client of one address together (the API key and tokens alike)', async () => {
		await h.control.configure({ rateLimit: { limit: 3, windowMs: 60_000 } });
		const credentialTest = { body: { shipment: {} } };
		expect((await h.call('POST', '/shippingapi/api/v1/shipping/order', { ...credentialTest, auth: PS.apiKey })).status).toBe(200);
		expect((await h.call('POST', '/shippingapi/api/v2/shipping/order', { ...credentialTest, auth: h.bearer })).status).toBe(200);
		expect((await burst(1))[0].status).toBe(200);
		expect((await h.call('POST', '/shippingapi/api/v1/shipping/order', { ...credentialTest, auth: PS.apiKey })).status).toBe(429);
	});
});
