import { PS, V2_ORDER, orderBody, resetPosti, startPosti, type PostiHarness } from './posti-helpers';

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

const HOUR = 3_600_000;
const basic = (name: string, secret: string) => `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;
const GOOD = basic('sandbox-tracking-account', 'sandbox-tracking-secret');
const setNow = (epochMs: number) => h.control.configure({ now: new Date(epochMs).toISOString() });

async function trackingBearer(account = 'sandbox-tracking-account'): Promise<string> {
	const res = await h.call('POST', '/oauth/token?grant_type=client_credentials', { auth: basic(account, 'sandbox-tracking-secret'), headers: { accept: 'application/json' } });
	expect(res.status).toBe(200);
	return `Bearer ${res.json.access_token}`;
}

async function book(orderNo: string): Promise<string> {
	const res = await h.call('POST', V2_ORDER, { auth: h.bearer, body: orderBody('v2', (s) => ((s.orderNo = orderNo), (s.senderReference = orderNo))) });
	expect(res.status).toBe(200);
	return res.json[0].parcels[0].parcelNo;
}

describe('Tracking API service-account token', () => {
	it('HTTP Basic and grant_type=client_credentials in the URL: a bearer token for an hour, Posti-shaped', async () => {
		const res = await h.call('POST', '/oauth/token?grant_type=client_credentials', { auth: GOOD });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ token_type: 'bearer', access_token: expect.any(String), expires_in: 3599 });
	});

	it('five failed logins lock the account for an hour, even for the right secret', async () => {
		const t0 = Date.parse('2026-05-04T06:00:00Z');
		await setNow(t0);
		for (let i = 0; i < 5; i++) {
			const bad = await h.call('POST', '/oauth/token?grant_type=client_credentials', { auth: basic('sandbox-tracking-account', 'wrong') });
			expect(bad.status).toBe(401);
			expect(bad.json).toEqual({ error: 'unauthorized', error_description: 'Bad credentials' });
		}
		expect((await h.call('POST', '/oauth/token?grant_type=client_credentials', { auth: GOOD })).status).toBe(401);
		expect(((await h.control.state()) as { tracking: { lockedAccounts: unknown[] } }).tracking.lockedAccounts).toHaveLength(1);
		await setNow(t0 + HOUR + 1000);
		expect((await h.call('POST', '/oauth/token?grant_type=client_credentials', { auth: GOOD })).status).toBe(200);
	});
});

describe('Tracking API v7', () => {
	it('a booked parcel is WAITING, then gains events as the clock passes; status follows the newest', async () => {
		const t0 = Date.parse('2026-05-04T06:00:00Z');
		await setNow(t0);
		const parcelNo = await book('store-1');
		const auth = await trackingBearer();
		const first = await h.call('GET', `/tracking/7/shipments/trackingnumber/${parcelNo}`, { auth });
		expect(first.status).toBe(200);
		expect(first.json.freightShipments).toEqual([]);
		expect(first.json.parcelShipments).toEqual([
			expect.objectContaining({ trackingNumber: parcelNo, status: 'WAITING', events: [expect.objectContaining({ eventCode: 'WAITING', timestamp: '2026-05-04T09:00:00+03:00' })] }),
		]);
		await setNow(t0 + 26 * HOUR + 1000);
		const later = await h.call('GET', `/tracking/7/shipments/trackingnumbers/${parcelNo},JJFI65432199999999999`, { auth: await trackingBearer() });
		const [shipment] = later.json.parcelShipments;
		expect(shipment.status).toBe('DELIVERED');
		expect(shipment.events.map((e: { eventCode: string }) => e.eventCode)).toEqual(['WAITING', 'RECEIVED', 'IN_TRANSPORT', 'READY_FOR_PICKUP', 'DELIVERED']);
		expect(shipment.events[4]).toMatchObject({ eventDescription: { en: 'The shipment has been delivered to the recipient.' }, location: { code: '20100', country: 'FI' } });
	});

	it('the sample parcel of the contract: delivered 4 hours before the reset', async () => {
		const res = await h.call('GET', '/tracking/7/shipments/trackingnumber/JJFI65432100000099999', { auth: await trackingBearer() });
		expect(res.json.parcelShipments[0]).toMatchObject({ trackingNumber: 'JJFI65432100000099999', status: 'DELIVERED', senderReference: 'store-sample' });
	});

	it('unknown number 404 (no body); no token 401; a bad lookup value 400', async () => {
		const auth = await trackingBearer();
		expect((await h.call('GET', '/tracking/7/shipments/trackingnumber/JJFI65432199999999999', { auth })).status).toBe(404);
		expect((await h.call('GET', '/tracking/7/shipments/trackingnumber/JJFI65432199999999999')).status).toBe(401);
		expect((await h.call('GET', '/tracking/7/shipments/trackingnumber/AB', { auth })).status).toBe(400);
	});

	it('event/date: shipments with events in [from, to), paged by start/limit (at most 100); restricted to accounts with the event search', async () => {
		const t0 = Date.parse('2026-05-04T06:00:00Z');
		await setNow(t0);
		const a = await book('store-a');
		await setNow(t0 + HOUR);
		const b = await book('store-b');
		await setNow(t0 + 30 * HOUR);
		const auth = await trackingBearer();
		const search = (query: string) => h.call('GET', `/tracking/7/shipments/event/date?${query}`, { auth });
		const numbers = async (query: string) => (await search(query)).json.parcelShipments.map((p: { trackingNumber: string }) => p.trackingNumber);
		// a: events at t0, +2h, +6h, +20h, +26h; b: one hour later each.
		expect(await numbers(`from=${new Date(t0).toISOString()}&to=${new Date(t0 + HOUR).toISOString()}`)).toEqual([a]);
		expect(await numbers(`from=${new Date(t0 + HOUR).toISOString()}&to=${new Date(t0 + 2 * HOUR).toISOString()}`)).toEqual([b]);
		// a received at +2h (before `from`), b at +3h (inside).
		expect(await numbers(`from=${new Date(t0 + 2 * HOUR + 1).toISOString()}&to=${new Date(t0 + 3 * HOUR + 1000).toISOString()}`)).toEqual([b]);
		expect(await numbers(`from=${new Date(t0 + 2 * HOUR + 1).toISOString()}&to=${new Date(t0 + 3 * HOUR - 1000).toISOString()}`)).toEqual([]);
		// Without a window, in booking order (the sample parcel, booked 30 h before the reset, lies after this clock).
		expect(await numbers('start=0&limit=1')).toEqual([a]);
		expect(await numbers('start=1&limit=1')).toEqual([b]);
		expect((await search('from=yesterday')).status).toBe(400);
		expect((await search('limit=0')).status).toBe(400);
		const restricted = await h.call('GET', '/tracking/7/shipments/event/date', { auth: await trackingBearer('sandbox-tracking-no-event-search') });
		expect(restricted.status).toBe(403);
		expect(PS.contract).toBe('654321');
	});
});
