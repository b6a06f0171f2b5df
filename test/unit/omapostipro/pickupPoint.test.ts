import nock from 'nock';

import {
	NODE_NAME,
	bearerApi,
	demoCredential,
	expectNoSecrets,
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

const POINT = {
	id: '001003200',
	pupCode: '001003200',
	publicName: 'Posti, K-Market Aurakatu',
	type: 'PICKUPPOINT',
	address: { streetAddress: 'Aurakatu 1', postcode: '20100', city: 'TURKU', countryCode: 'FI' },
	location: { latitude: 60.45, longitude: 22.26 },
	distance: 350,
	services: ['PO2103', 'PO2461'],
};
const LOCKER = { ...POINT, id: '001003300', pupCode: '001003300', publicName: 'Posti Parcel Locker Kauppatori', type: 'PARCELLOCKER', distance: 600 };

describe('Pickup Point → Search', () => {
	test.each([
		[
			'postcode',
			{ searchBy: 'postcode', postcode: '20100' },
			{ searchCriteria: { location: { postcode: '20100', countryCode: 'FI' } }, limit: 50 },
		],
		[
			'address',
			{ searchBy: 'address', address: 'Aurakatu 1, Turku', limit: 5 },
			{ searchCriteria: { location: { address: 'Aurakatu 1, Turku', countryCode: 'FI' } }, limit: 5 },
		],
		[
			'coordinates',
			{ searchBy: 'coordinates', latitude: 60.45, longitude: 22.26, limit: 5, countryCode: 'fi' },
			{ searchCriteria: { location: { coordinates: { latitude: 60.45, longitude: 22.26 }, countryCode: 'FI' } }, limit: 5 },
		],
	])('by %s: POST /2025-04/pickuppoints with exactly that body; one item per point', async (_name, parameters, expectedBody) => {
		mockToken();
		bearerApi().post('/2025-04/pickuppoints', expectedBody).reply(200, { pickupPoints: [POINT, LOCKER], pagingContinuationToken: null });
		const result = await runPosti({ resource: 'pickupPoint', operation: 'search', ...parameters }, { credentials: store(oauthCredential) });
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME)).toEqual([POINT, LOCKER]);
		expect(result.outputOf(NODE_NAME).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result);
	});

	test('Accept-Language and, in Demo, the gateway secret', async () => {
		mockToken({ prefix: '/demo' });
		bearerApi({ demo: true })
			.matchHeader('accept-language', 'en')
			.post('/demo/2025-04/pickuppoints')
			.reply(200, { pickupPoints: [POINT] });
		const result = await runPosti(
			{ resource: 'pickupPoint', operation: 'search', searchBy: 'postcode', postcode: '20100', options: { language: 'en' } },
			{ credentials: store(demoCredential) },
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME)).toEqual([POINT]);
	});

	test('API-key mode: refused with the fix, nothing sent', async () => {
		const result = await runPosti({ resource: 'pickupPoint', operation: 'search', searchBy: 'postcode', postcode: '20100' });
		expect(result.error?.message).toBe('Pickup points need an OAuth client: the OmaPosti Pro API key does not work for them');
		expect((result.error as { description?: string }).description).toContain('Switch the OmaPosti Pro credential to Authentication "OAuth Client"');
		expect((result.error as { description?: string }).description).toContain('2025-04');
		expect(result.error?.constructor.name).toBe('NodeOperationError');
	});

	test('a client without role 2025-04: 403 FORBIDDEN with the fix', async () => {
		mockToken();
		bearerApi()
			.post('/2025-04/pickuppoints')
			.reply(403, { errorCode: 'FORBIDDEN', message: 'The API client has no access to this API: role 2025-04 is missing', details: [] });
		const result = await runPosti({ resource: 'pickupPoint', operation: 'search', searchBy: 'postcode', postcode: '20100' }, { credentials: store(oauthCredential) });
		expect(result.error?.message).toBe('OmaPosti Pro: The API client has no access to this API: role 2025-04 is missing (HTTP 403, code FORBIDDEN)');
		expect((result.error as { description?: string }).description).toContain('add it in developer.posti.com');
		expectNoSecrets(result);
	});

	test('a bad postcode is refused before sending', async () => {
		const result = await runPosti(
			{ resource: 'pickupPoint', operation: 'search', searchBy: 'postcode', postcode: '2 0 1 0 0 0 0 0 0 0 0' },
			{ credentials: store(oauthCredential) },
		);
		expect(result.error?.message).toContain('Invalid postcode in item 0');
	});
});

describe('Pickup Point → Get', () => {
	test('GET /2025-04/pickuppoints/{CC}/{code} with the Bearer token', async () => {
		mockToken();
		const { distance: _distance, ...point } = POINT;
		bearerApi().get('/2025-04/pickuppoints/FI/001003200').reply(200, point);
		const result = await runPosti({ resource: 'pickupPoint', operation: 'get', countryCode: 'fi', pickupPointCode: '001003200' }, { credentials: store(oauthCredential) });
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME)).toEqual([point]);
	});

	test('unknown code: 404 NOT_FOUND with advice', async () => {
		mockToken();
		bearerApi().get('/2025-04/pickuppoints/FI/999').reply(404, { errorCode: 'NOT_FOUND', message: 'Pickup point FI/999 not found' });
		const result = await runPosti({ resource: 'pickupPoint', operation: 'get', pickupPointCode: '999' }, { credentials: store(oauthCredential) });
		expect(result.error?.message).toBe('OmaPosti Pro: Pickup point FI/999 not found (HTTP 404, code NOT_FOUND)');
		expect((result.error as { description?: string }).description).toContain('check the country code and the pickup point code');
	});

	test('API-key mode: refused, nothing sent', async () => {
		const result = await runPosti({ resource: 'pickupPoint', operation: 'get', pickupPointCode: '001003200' });
		expect(result.error?.message).toBe('Pickup points need an OAuth client: the OmaPosti Pro API key does not work for them');
		expect(nock.isDone()).toBe(true);
	});

	test('the token is asked once and reused by the next execution', async () => {
		const token = mockToken();
		bearerApi().get('/2025-04/pickuppoints/FI/001003200').times(2).reply(200, POINT);
		const credentials = store(oauthCredential);
		await runPosti({ resource: 'pickupPoint', operation: 'get', pickupPointCode: '001003200' }, { credentials });
		await runPosti({ resource: 'pickupPoint', operation: 'get', pickupPointCode: '001003200' }, { credentials });
		expect(token.isDone()).toBe(true);
		expect(credentials.preAuthenticationCount('omaPostiProApi')).toBe(1);
		expect(pendingRequests()).toEqual([]);
	});
});
