import { maxInAnyWindow, resetProcountor, startProcountor, tokenForm, type ProcountorHarness } from './procountor-helpers';

let h: ProcountorHarness;

beforeAll(async () => {
	// The emulator's default: 20 requests in any second per API client, 10 s suspension.
	h = await startProcountor({}, {});
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	// Reset clears the journal and the rate windows; the harness's token request is then
	// the first request of the client's window (token requests count too).
	await resetProcountor(h);
});

const burst = (n: number, token = h.token) => Promise.all(Array.from({ length: n }, () => h.call('GET', '/sessioninfo', { token })));

describe('20 requests per second per API client', () => {
	it('is on by default: sliding one-second window, 10 s suspension', async () => {
		const config = await h.control.getConfig<{ rateLimit: unknown; suspensionStatus: number }>();
		expect(config.rateLimit).toEqual({ enabled: true, limit: 20, windowMs: 1000, sliding: true, suspendMs: 10_000 });
		expect(config.suspensionStatus).toBe(403);
	});

	/** Moves the emulator clock (same process, real time plus an offset) to an instant. */
	const setNow = (epochMs: number) => h.control.configure({ now: new Date(epochMs).toISOString() });

	it('a client that exceeds it is suspended for 10 s: every request fails until then, token requests too', async () => {
		const results = await burst(25); // plus the harness's token request: 26 in this second
		const statuses = results.map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(19);
		expect(statuses.filter((s) => s === 403)).toHaveLength(6);
		const refused = results.find((r) => r.status === 403)!;
		expect(refused.json).toEqual({ errors: [{ status: 403, field: null, message: expect.stringMatching(/suspended/) }] });
		expect(refused.headers['retry-after']).toBeUndefined();
		const exceededAt = (await h.control.journal()).find((e) => e.rateLimited === 'exceeded')!.time;

		await setNow(exceededAt + 1100); // a fresh second, still suspended
		expect((await h.call('GET', '/sessioninfo')).status).toBe(403);
		const tokenRes = await h.call('POST', '/oauth/token', { token: null, rawBody: tokenForm(), contentType: 'application/x-www-form-urlencoded' });
		expect(tokenRes.status).toBe(403);
		expect(tokenRes.json).toEqual({ error: 'access_denied', error_description: expect.stringMatching(/suspended/) });
		await setNow(exceededAt + 9900);
		expect((await h.call('GET', '/sessioninfo')).status).toBe(403);

		await setNow(exceededAt + 10_050);
		expect((await h.call('GET', '/sessioninfo')).status).toBe(200);

		const journal = await h.control.journal();
		expect(journal.filter((e) => e.rateLimited === 'exceeded')).toHaveLength(1);
		expect(journal.filter((e) => e.rateLimited === 'suspended')).toHaveLength(5 + 3);
		expect(new Set(journal.map((e) => e.rateLimitKey))).toEqual(new Set(['client:sandbox-client-id']));
	});

	it('the suspension length is configurable', async () => {
		await h.control.configure({ rateLimit: { suspendMs: 2000 } }); // (a rate-limit change starts fresh windows)
		expect((await burst(21)).filter((r) => r.status === 403)).toHaveLength(1);
		const exceededAt = (await h.control.journal()).find((e) => e.rateLimited === 'exceeded')!.time;
		await setNow(exceededAt + 2050);
		expect((await h.call('GET', '/sessioninfo')).status).toBe(200);
	});

	it('a client that keeps to 20 in any second is never suspended, and the journal proves it', async () => {
		expect((await burst(19)).every((r) => r.status === 200)).toBe(true); // 20 with the token request
		// Sliding window: the next 20 may start once the last of these is a second old.
		const last = Math.max(...(await h.control.journal()).map((e) => e.time));
		await setNow(last + 1000);
		expect((await burst(20)).every((r) => r.status === 200)).toBe(true);
		const journal = await h.control.journal();
		expect(journal).toHaveLength(40);
		expect(journal.every((e) => e.rateLimited === null)).toBe(true);
		expect(maxInAnyWindow(journal.map((e) => e.time))).toBe(20);
	});

	it('limits each client on its own; the answer status is configurable', async () => {
		await h.control.configure({
			suspensionStatus: 429,
			clients: [
				{ clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' },
				{ clientId: 'other-client', clientSecret: 'other-secret' },
			],
			apiKeys: [
				{ apiKey: 'sandbox-api-key', clientId: 'sandbox-client-id', companyId: 2684459 },
				{ apiKey: 'other-key', clientId: 'other-client', companyId: 2684459 },
			],
		});
		const other = await h.login({ clientId: 'other-client', clientSecret: 'other-secret', apiKey: 'other-key' });
		const statuses = (await burst(22)).map((r) => r.status);
		expect(statuses.filter((s) => s === 429)).toHaveLength(3);
		expect((await h.call('GET', '/sessioninfo', { token: other })).status).toBe(200);
		expect((await h.call('GET', '/sessioninfo')).status).toBe(429);
	});
});
