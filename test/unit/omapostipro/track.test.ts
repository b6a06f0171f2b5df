import nock from 'nock';

import { NODE_NAME, pendingRequests, setUpNock, tearDownNock } from './helpers';
import { recordStrayRequests } from '../helpers';
import {
	ACCOUNT_SECRET,
	TRACKING_ORIGIN,
	event,
	expectNoTrackingSecrets,
	mockTrackingToken,
	parcel,
	runTrack,
	trackingApi,
	trackingStore,
} from './trackingHelpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const TN1 = 'JJFI65432100000000001';
const TN2 = 'JJFI65432100000000002';

const DELIVERED = parcel(TN1, 'DELIVERED', [
	event('RECEIVED', '2026-05-04T08:00:00+03:00'),
	event('IN_TRANSPORT', '2026-05-04T12:30:00+03:00', { location: { code: '01530', name: 'VANTAA', country: 'FI' } }),
	event('DELIVERED', '2026-05-05T10:15:00+03:00'),
	event('READY_FOR_PICKUP', '2026-05-05T07:00:00+03:00'),
]);

describe('Shipment → Track', () => {
	test('one number: GET /tracking/7/shipments/trackingnumber/{n} with the service account token; events newest first, with code, description, time, place', async () => {
		mockTrackingToken();
		trackingApi().get(`/tracking/7/shipments/trackingnumber/${TN1}`).reply(200, { parcelShipments: [DELIVERED], freightShipments: [] });
		const result = await runTrack({ trackingNumbers: ` ${TN1.toLowerCase()} ` });
		expect(result.error).toBeUndefined();
		const [item] = result.jsonOf(NODE_NAME);
		expect(item).toMatchObject({ trackingNumber: TN1, found: true, type: 'parcel', status: 'DELIVERED', statusDescription: 'Delivered' });
		const events = item.events as Array<Record<string, unknown>>;
		expect(events.map((e) => [e.eventCode, e.time])).toEqual([
			['DELIVERED', '2026-05-05T07:15:00.000Z'],
			['READY_FOR_PICKUP', '2026-05-05T04:00:00.000Z'],
			['IN_TRANSPORT', '2026-05-04T09:30:00.000Z'],
			['RECEIVED', '2026-05-04T05:00:00.000Z'],
		]);
		expect(events[0]).toEqual({
			eventCode: 'DELIVERED',
			description: 'DELIVERED in English',
			time: '2026-05-05T07:15:00.000Z',
			location: '00100 HELSINKI',
			locationCode: '00100',
			locationName: 'HELSINKI',
			country: 'FI',
			category: 'delivered',
			eventId: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		expect(events[2]).toMatchObject({ location: '01530 VANTAA', category: 'other' });
		expect(item.latestEvent).toEqual(events[0]);
		expect(result.outputOf(NODE_NAME).map((output) => output.pairedItem)).toEqual([{ item: 0 }]);
		expect(pendingRequests()).toEqual([]);
		expectNoTrackingSecrets(result);
	});

	test('several numbers: one request …/trackingnumbers/{a,b}; one item per number in the order given, an unknown one found: false', async () => {
		mockTrackingToken();
		const other = parcel(TN2, 'IN_TRANSPORT', [event('IN_TRANSPORT', '2026-05-04T12:30:00Z')]);
		trackingApi()
			.get(`/tracking/7/shipments/trackingnumbers/${TN2},${TN1},RR123456785FI`)
			.reply(200, { parcelShipments: [DELIVERED, other] });
		const result = await runTrack({ trackingNumbers: `${TN2}, ${TN1}\nRR123456785FI ${TN2}` });
		expect(result.error).toBeUndefined();
		const items = result.jsonOf(NODE_NAME);
		expect(items.map((i) => [i.trackingNumber, i.found, i.status])).toEqual([
			[TN2, true, 'IN_TRANSPORT'],
			[TN1, true, 'DELIVERED'],
			['RR123456785FI', false, null],
		]);
		expect(items[2]).toEqual({ trackingNumber: 'RR123456785FI', found: false, status: null, latestEvent: null, events: [] });
		expect(result.outputOf(NODE_NAME).map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('an array from an expression; one token for all items; Posti 404 = not found', async () => {
		mockTrackingToken();
		trackingApi().get(`/tracking/7/shipments/trackingnumbers/${TN1},${TN2}`).reply(200, { parcelShipments: [DELIVERED] });
		trackingApi().get(`/tracking/7/shipments/trackingnumber/${TN2}`).reply(404);
		const result = await runTrack(
			{ trackingNumbers: '={{ $json.numbers }}' },
			{ input: [{ numbers: [TN1, TN2] }, { numbers: [TN2] }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME).map((i) => [i.trackingNumber, i.found])).toEqual([
			[TN1, true],
			[TN2, false],
			[TN2, false],
		]);
		expect(result.outputOf(NODE_NAME).map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		expect(result.credentialStore.preAuthenticationCount('postiTrackingApi')).toBe(1);
		expect(pendingRequests()).toEqual([]);
	});

	test('Language: Finnish descriptions; without Posti texts a readable text for the status code, else the code', async () => {
		mockTrackingToken();
		trackingApi()
			.get(`/tracking/7/shipments/trackingnumber/${TN1}`)
			.reply(200, {
				parcelShipments: [
					parcel(TN1, 'RETURNED_TO_SENDER', [
						event('RECEIVED', '2026-05-01T08:00:00Z'),
						{ eventCode: 'RETURN_IN_TRANSPORT', timestamp: '2026-05-03T08:00:00Z', reasonCode: 'NOT_COLLECTED' },
						{ eventCode: 'X42', timestamp: '2026-05-02T08:00:00Z', locationCode: '20100', locationName: 'TURKU' },
						{ eventCode: 'RETURNED_TO_SENDER', timestamp: '2026-05-04T08:00:00Z', eventShortName: { fi: 'Palautettu', en: 'Returned' } },
					]),
				],
			});
		const result = await runTrack({ trackingNumbers: TN1, options: { language: 'fi' } });
		expect(result.error).toBeUndefined();
		const events = result.jsonOf(NODE_NAME)[0].events as Array<Record<string, unknown>>;
		expect(events.map((e) => [e.eventCode, e.description, e.category, e.location])).toEqual([
			['RETURNED_TO_SENDER', 'Palautettu', 'returned', ''],
			['RETURN_IN_TRANSPORT', 'On its way back to the sender', 'returned', ''],
			['X42', 'X42', 'other', '20100 TURKU'],
			['RECEIVED', 'RECEIVED suomeksi', 'other', '00100 HELSINKI'],
		]);
		expect(events[1].reasonCode).toBe('NOT_COLLECTED');
	});

	test('an event with a reason is an exception; the newest event takes the shipment status when its code is not one', async () => {
		mockTrackingToken();
		trackingApi()
			.get(`/tracking/7/shipments/trackingnumber/${TN1}`)
			.reply(200, {
				parcelShipments: [
					parcel(TN1, 'DELIVERED', [
						event('IN_TRANSPORT', '2026-05-01T08:00:00Z', { reasonCode: 'ADDRESS_NOT_FOUND' }),
						{ eventCode: '91', timestamp: '2026-05-02T08:00:00Z' },
					]),
				],
			});
		const result = await runTrack({ trackingNumbers: TN1 });
		const events = result.jsonOf(NODE_NAME)[0].events as Array<Record<string, unknown>>;
		expect(events.map((e) => [e.eventCode, e.category])).toEqual([
			['91', 'delivered'],
			['IN_TRANSPORT', 'exception'],
		]);
	});

	test.each([
		['={{ $json.missing ?? "" }}', 'No tracking number in item 0'],
		['JJFI6543210000000001', 'Invalid tracking number in item 0: "JJFI6543210000000001" (a Posti JJFI number is JJFI and 17 digits, 16 characters follow JJFI here)'],
		['JJFI65432100000000001 AB', 'Invalid tracking number in item 0: "AB" (letters and digits only, 3 to 60 characters)'],
		['JJFI-6543', 'Invalid tracking number in item 0: "JJFI-6543" (letters and digits only, 3 to 60 characters)'],
		[Array.from({ length: 101 }, (_, i) => `RR${String(i).padStart(9, '0')}FI`).join(','), 'Too many tracking numbers in item 0: 101 (at most 100 per item)'],
	])('bad input: refused before any request (no token asked): %#', async (trackingNumbers, message) => {
		const stray = recordStrayRequests(TRACKING_ORIGIN);
		const result = await runTrack({ trackingNumbers });
		expect(result.error?.message).toBe(message);
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect((result.error as { description?: string }).description).toContain('Nothing was sent.');
		expect(stray).toEqual([]);
		expect(result.credentialStore.preAuthenticationCount('postiTrackingApi')).toBe(0);
	});

	test('a refused service account: the message says what to fix, never the secret', async () => {
		mockTrackingToken({ status: 401 });
		const result = await runTrack({ trackingNumbers: TN1 });
		expect(result.error?.message).toContain('Posti did not accept the tracking service account name or secret (HTTP 401');
		expect(JSON.stringify(result.error)).not.toContain(ACCOUNT_SECRET);
		expectNoTrackingSecrets(result);
	});

	test('403 (no tracking access): the hint names the access to ask Posti for', async () => {
		mockTrackingToken();
		trackingApi().get(`/tracking/7/shipments/trackingnumber/${TN1}`).reply(403);
		const result = await runTrack({ trackingNumbers: TN1 });
		expect(result.error?.message).toContain('Posti Tracking');
		expect((result.error as { description?: string }).description).toContain('ask Posti Customer Service');
		expectNoTrackingSecrets(result);
	});

	test('a token refused later (401) is renewed once and the read repeated', async () => {
		const credentials = trackingStore();
		mockTrackingToken({ token: 'first-token' });
		trackingApi('first-token').get(`/tracking/7/shipments/trackingnumber/${TN1}`).reply(200, { parcelShipments: [DELIVERED] });
		expect((await runTrack({ trackingNumbers: TN1 }, { credentials })).error).toBeUndefined();
		trackingApi('first-token').get(`/tracking/7/shipments/trackingnumber/${TN1}`).reply(401);
		mockTrackingToken({ token: 'second-token' });
		trackingApi('second-token').get(`/tracking/7/shipments/trackingnumber/${TN1}`).reply(200, { parcelShipments: [DELIVERED] });
		const result = await runTrack({ trackingNumbers: TN1 }, { credentials });
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME)[0].found).toBe(true);
		expect(pendingRequests()).toEqual([]);
		expectNoTrackingSecrets(result, ['first-token', 'second-token']);
	});

	test('continueOnFail: a bad item fails alone', async () => {
		mockTrackingToken();
		trackingApi().get(`/tracking/7/shipments/trackingnumber/${TN1}`).reply(200, { parcelShipments: [DELIVERED] });
		const result = await runTrack(
			{ trackingNumbers: '={{ $json.tn }}' },
			{ input: [{ tn: 'nope!' }, { tn: TN1 }], settings: { onError: 'continueRegularOutput' } },
		);
		const items = result.jsonOf(NODE_NAME);
		expect(items[0].error).toContain('Invalid tracking number in item 0');
		expect(items[1]).toMatchObject({ trackingNumber: TN1, found: true });
		expect(nock.isDone()).toBe(true);
	});
});
