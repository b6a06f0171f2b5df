import { PS, resetPosti, startPosti, type PostiHarness } from './posti-helpers';

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

type Json = Record<string, any>;
const search = (body: unknown, options: { auth?: string; headers?: Record<string, string>; prefix?: string } = {}) =>
	h.call('POST', `${options.prefix ?? ''}/2025-04/pickuppoints`, { body, auth: options.auth ?? h.bearer, headers: options.headers });
const byPostcode = (postcode: string, limit?: number) => ({ searchCriteria: { location: { postcode, countryCode: 'FI' } }, ...(limit ? { limit } : {}) });
const distances = (points: Json[]) => points.map((p) => p.distance as number);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('POST /2025-04/pickuppoints', () => {
	it('by postcode: nearest first, with distance in metres, limited', async () => {
		const res = await search(byPostcode('20100', 3));
		expect(res.status).toBe(200);
		expect(res.json.pagingContinuationToken).toBeNull();
		const points: Json[] = res.json.pickupPoints;
		expect(points).toHaveLength(3);
		expect(distances(points)).toEqual(sorted(distances(points)));
		expect(points.every((p) => p.address.city === 'TURKU' && p.distance < 1000)).toBe(true);
		expect(points[0]).toEqual({
			id: expect.stringMatching(/^\d{9}$/),
			pupCode: points[0].id,
			publicName: expect.any(String),
			type: expect.stringMatching(/^(PICKUPPOINT|PARCELLOCKER|POSTOFFICE)$/),
			address: { streetAddress: expect.any(String), postcode: expect.any(String), city: 'TURKU', countryCode: 'FI' },
			location: { latitude: expect.any(Number), longitude: expect.any(Number) },
			distance: expect.any(Number),
			services: expect.arrayContaining(['PO2103']),
			openingHours: expect.arrayContaining([{ day: 'MONDAY', from: expect.any(String), to: expect.any(String) }]),
		});
	});

	it('defaults to 10 results out of ~25 points', async () => {
		const res = await search(byPostcode('00100'));
		expect(res.json.pickupPoints).toHaveLength(10);
		const all = await h.call('GET', '/2025-04/pickuppoints/FI', { auth: h.bearer });
		expect(all.json.pickupPoints.length).toBeGreaterThanOrEqual(24);
	});

	it('by coordinates (Tampere centre)', async () => {
		const res = await search({ searchCriteria: { location: { coordinates: { latitude: 61.4978, longitude: 23.761 }, countryCode: 'FI' } }, limit: 5 });
		const points: Json[] = res.json.pickupPoints;
		expect(points).toHaveLength(5);
		expect(points.every((p) => p.address.city === 'TAMPERE')).toBe(true);
		expect(distances(points)).toEqual(sorted(distances(points)));
	});

	it('by address: a known street puts its point first', async () => {
		const res = await search({ searchCriteria: { location: { address: 'Aurakatu 1, Turku', countryCode: 'FI' } }, limit: 5 });
		expect(res.json.pickupPoints[0]).toMatchObject({ id: PS.pickupPoint, publicName: 'Posti, K-Market Aurakatu', distance: 0 });
		const city = await search({ searchCriteria: { location: { address: 'Oulu', countryCode: 'FI' } }, limit: 2 });
		expect(city.json.pickupPoints.map((p: Json) => p.address.city)).toEqual(['OULU', 'OULU']);
	});

	it('the inactive point is found like any other (no active flag)', async () => {
		const res = await search(byPostcode('00130', 1));
		expect(res.json.pickupPoints[0].id).toBe(PS.inactivePickupPoint);
		expect(res.json.pickupPoints[0]).not.toHaveProperty('active');
	});

	it('Accept-Language sv localises city and parcel-locker names', async () => {
		const res = await search(byPostcode('20100', 5), { headers: { 'accept-language': 'sv-FI,sv;q=0.9' } });
		expect(res.headers['content-language']).toBe('sv');
		const points: Json[] = res.json.pickupPoints;
		expect(points.every((p) => p.address.city === 'ÅBO')).toBe(true);
		expect(points.some((p) => p.publicName.startsWith('Paketautomat'))).toBe(true);
		const en = await search(byPostcode('20100', 5), { headers: { 'accept-language': 'en' } });
		expect(en.json.pickupPoints.some((p: Json) => p.publicName.startsWith('Parcel locker'))).toBe(true);
	});

	it('another country has no points in the sandbox', async () => {
		const res = await search({ searchCriteria: { location: { postcode: '11122', countryCode: 'SE' } } });
		expect(res.json.pickupPoints).toEqual([]);
	});

	it.each([
		['an extra top-level property', { ...byPostcode('20100'), radius: 5 }, 'radius'],
		['an extra location property', { searchCriteria: { location: { postcode: '20100', countryCode: 'FI', city: 'Turku' } } }, 'searchCriteria.location.city'],
	])('refuses %s: 422 VALIDATION_ERROR "Extra inputs are not permitted"', async (_label, body, field) => {
		const res = await search(body);
		expect(res.status).toBe(422);
		expect(res.json).toEqual({
			errorCode: 'VALIDATION_ERROR',
			message: 'Extra inputs are not permitted',
			details: [{ field, message: 'Extra inputs are not permitted' }],
		});
	});

	it.each([
		['no location', { searchCriteria: {} }],
		['no country code', { searchCriteria: { location: { postcode: '20100' } } }],
		['two kinds of location', { searchCriteria: { location: { postcode: '20100', address: 'Aurakatu 1', countryCode: 'FI' } } }],
		['a 4-digit Finnish postcode', byPostcode('2010')],
		['a limit over 100', byPostcode('20100', 1000)],
		['latitude out of range', { searchCriteria: { location: { coordinates: { latitude: 95, longitude: 22 }, countryCode: 'FI' } } }],
	])('refuses %s with VALIDATION_ERROR', async (_label, body) => {
		const res = await search(body);
		expect(res.status).toBe(422);
		expect(res.json.errorCode).toBe('VALIDATION_ERROR');
	});
});

describe('GET /2025-04/pickuppoints/{CC}/{pupCode}', () => {
	it('answers one point without distance', async () => {
		const res = await h.call('GET', `/2025-04/pickuppoints/FI/${PS.pickupPoint}`, { auth: h.bearer });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ id: PS.pickupPoint, pupCode: PS.pickupPoint, address: { postcode: '20100', city: 'TURKU' } });
		expect(res.json).not.toHaveProperty('distance');
		expect((await h.call('GET', `/2025-04/pickuppoints/FI/${PS.inactivePickupPoint}`, { auth: h.bearer })).status).toBe(200);
	});

	it('unknown point -> 404 NOT_FOUND', async () => {
		const res = await h.call('GET', '/2025-04/pickuppoints/FI/000000001', { auth: h.bearer });
		expect(res.status).toBe(404);
		expect(res.json).toEqual({ errorCode: 'NOT_FOUND', message: expect.any(String) });
	});
});

describe('access', () => {
	it('a client without role 2025-04 gets 403 FORBIDDEN', async () => {
		const shippingOnly = await h.login({ clientId: PS.shippingOnlyClientId });
		const res = await search(byPostcode('20100'), { auth: shippingOnly });
		expect(res.status).toBe(403);
		expect(res.json).toEqual({ errorCode: 'FORBIDDEN', message: expect.stringMatching(/2025-04/) });
	});

	it('the API key (v1) gets 401 UNAUTHORIZED; an unknown token INVALID_TOKEN', async () => {
		const key = await search(byPostcode('20100'), { auth: PS.apiKey });
		expect(key.status).toBe(401);
		expect(key.json.errorCode).toBe('UNAUTHORIZED');
		const unknown = await h.call('GET', `/2025-04/pickuppoints/FI/${PS.pickupPoint}`, { auth: 'Bearer PostiExt.1.nope' });
		expect(unknown.json.errorCode).toBe('INVALID_TOKEN');
	});

	it('under /demo it needs the gateway secret and a demo token', async () => {
		const demo = await h.login({ demo: true });
		expect((await search(byPostcode('20100'), { auth: demo, prefix: '/demo' })).json).toEqual({ message: 'Forbidden' });
		const ok = await search(byPostcode('20100', 1), { auth: demo, prefix: '/demo', headers: { 'x-gateway-secret': PS.gatewaySecret } });
		expect(ok.status).toBe(200);
		expect(ok.json.pickupPoints).toHaveLength(1);
	});

	it('state lists the points with their active flag', async () => {
		const state = await h.control.state<{ pickupPoints: Json[] }>();
		expect(state.pickupPoints.find((p) => p.id === PS.inactivePickupPoint)).toMatchObject({ active: false });
		expect(state.pickupPoints.filter((p) => p.active)).toHaveLength(state.pickupPoints.length - 1);
	});
});
