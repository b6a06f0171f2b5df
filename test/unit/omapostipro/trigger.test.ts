import type { IDataObject, INodeParameters } from 'n8n-workflow';

import nock from 'nock';

import { OmaPostiProTrigger } from '../../../nodes/OmaPostiPro/OmaPostiProTrigger.node';
import { recordStrayRequests } from '../helpers';
import { pendingRequests, setUpNock, tearDownNock } from './helpers';
import type { CredentialStore } from '../../harness';
import { TRACKING_ORIGIN, TRIGGER_NAME, event, mockTrackingToken, parcel, pollTrigger as pollWith, trackingApi, trackingStore } from './trackingHelpers';

const T0 = Date.parse('2026-05-04T09:00:00.000Z');
const MINUTE = 60_000;
let now = T0;
/** One stored credential across a test's polls, as n8n keeps the token in its database. */
let credentials: CredentialStore;

const pollTrigger = async (parameters: INodeParameters, options: Parameters<typeof pollWith>[1] = {}) => await pollWith(parameters, { credentials, ...options });

beforeEach(() => {
	setUpNock();
	now = T0;
	credentials = trackingStore();
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => {
	jest.restoreAllMocks();
	tearDownNock();
});

const iso = (ms: number) => new Date(ms).toISOString();
const TN1 = 'JJFI65432100000000001';
const TN2 = 'JJFI65432100000000002';

/** The event/date request of one window and page, answered with `shipments`. */
function eventWindow(from: number, to: number, shipments: unknown[], start = 0) {
	return trackingApi()
		.get('/tracking/7/shipments/event/date')
		.query({ from: iso(from), to: iso(to), start: String(start), limit: '100' })
		.reply(200, { parcelShipments: shipments, freightShipments: [] });
}

/** An activated trigger: its first poll only set the cursor to T0. */
async function activated(parameters: INodeParameters = {}): Promise<IDataObject> {
	const first = await pollTrigger(parameters);
	expect(first.items).toBeNull();
	return first.staticData;
}

describe('OmaPosti Pro Trigger', () => {
	test('description: a polling trigger with the Posti Tracking API credential', () => {
		const { description } = new OmaPostiProTrigger();
		expect(description).toMatchObject({ name: 'omaPostiProTrigger', polling: true, group: ['trigger'], inputs: [] });
	});

	test('first activation starts from now: no request, no item, the cursor at now', async () => {
		const stray = recordStrayRequests(TRACKING_ORIGIN);
		const first = await pollTrigger({});
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		expect(first.nodeStaticData).toEqual({ cursor: iso(T0), since: iso(T0), seen: {} });
		expect(stray).toEqual([]);
	});

	test('next polls: [cursor − late window (not before activation), now), one item per new event oldest first; `to` waits for the next poll; none twice; late events caught', async () => {
		let staticData = await activated();
		now = T0 + 90 * MINUTE;
		mockTrackingToken();
		// The first window starts at the activation: nothing older comes, not even through the overlap.
		eventWindow(T0, now, [
			parcel(TN1, 'DELIVERED', [
				event('IN_TRANSPORT', iso(T0 - 1)), // before the activation: not emitted
				event('READY_FOR_PICKUP', iso(T0)), // `from` is inclusive
				event('DELIVERED', iso(T0 + 40 * MINUTE)),
			]),
			parcel(TN2, 'IN_TRANSPORT', [event('RECEIVED', iso(T0 + 10 * MINUTE)), event('IN_TRANSPORT', iso(now))]), // `to` is exclusive
		]);
		const second = await pollTrigger({}, { staticData });
		expect(second.error).toBeUndefined();
		expect(second.items?.map((item) => [item.json.trackingNumber, item.json.eventCode, item.json.time])).toEqual([
			[TN1, 'READY_FOR_PICKUP', iso(T0)],
			[TN2, 'RECEIVED', iso(T0 + 10 * MINUTE)],
			[TN1, 'DELIVERED', iso(T0 + 40 * MINUTE)],
		]);
		expect(second.items?.[2].json).toEqual({
			trackingNumber: TN1,
			eventCode: 'DELIVERED',
			description: 'DELIVERED in English',
			time: iso(T0 + 40 * MINUTE),
			location: '00100 HELSINKI',
			locationCode: '00100',
			locationName: 'HELSINKI',
			country: 'FI',
			category: 'delivered',
			eventId: expect.stringMatching(/^[0-9a-f]{24}$/),
			shipmentType: 'parcel',
			shipmentStatus: 'DELIVERED',
			shipmentStatusDescription: 'Delivered',
		});
		expect(second.nodeStaticData.cursor).toBe(iso(now));
		staticData = second.staticData;

		// The overlap again (already emitted), the event at the old `to`, and one Posti registered late.
		const previousTo = now;
		now = T0 + 100 * MINUTE;
		eventWindow(previousTo - 60 * MINUTE, now, [
			parcel(TN1, 'DELIVERED', [event('READY_FOR_PICKUP', iso(T0)), event('DELIVERED', iso(T0 + 40 * MINUTE))]),
			parcel(TN2, 'IN_TRANSPORT', [
				event('RECEIVED', iso(T0 + 10 * MINUTE)),
				event('IN_TRANSPORT', iso(previousTo)),
				event('IN_TRANSPORT', iso(T0 + 60 * MINUTE), { location: { code: '01530', name: 'VANTAA' } }),
			]),
		]);
		const third = await pollTrigger({}, { staticData });
		expect(third.error).toBeUndefined();
		expect(third.items?.map((item) => [item.json.trackingNumber, item.json.eventCode, item.json.time, item.json.location])).toEqual([
			[TN2, 'IN_TRANSPORT', iso(T0 + 60 * MINUTE), '01530 VANTAA'],
			[TN2, 'IN_TRANSPORT', iso(previousTo), '00100 HELSINKI'],
		]);
		// Only events that can still fall in the next window ([now − 60 min, …), `from` inclusive) are remembered.
		expect(Object.values(third.nodeStaticData.seen as Record<string, number>).sort()).toEqual([T0 + 40 * MINUTE, T0 + 60 * MINUTE, previousTo].sort());
		expect(pendingRequests()).toEqual([]);
	});

	test('pages of 100 shipments are all read (start=0, 100, …) before the cursor moves', async () => {
		const staticData = await activated();
		now = T0 + MINUTE;
		mockTrackingToken();
		const full = Array.from({ length: 100 }, (_, i) => parcel(`JJFI654321${String(i).padStart(11, '0')}`, 'IN_TRANSPORT', [event('IN_TRANSPORT', iso(T0 + i))]));
		eventWindow(T0, now, full, 0);
		eventWindow(T0, now, [parcel(TN2, 'RECEIVED', [event('RECEIVED', iso(T0 + 500))])], 100);
		const result = await pollTrigger({}, { staticData });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(101);
		expect(result.items?.[100].json.trackingNumber).toBe(TN2);
		expect(result.nodeStaticData.cursor).toBe(iso(now));
		expect(pendingRequests()).toEqual([]);
	});

	test('Only Events: delivered and returned; other events are not emitted', async () => {
		const parameters = { events: ['delivered', 'returned'] };
		const staticData = await activated(parameters);
		now = T0 + MINUTE;
		mockTrackingToken();
		eventWindow(T0, now, [
			parcel(TN1, 'DELIVERED', [event('READY_FOR_PICKUP', iso(T0 + 1000)), event('DELIVERED', iso(T0 + 2000))]),
			parcel(TN2, 'RETURN_IN_TRANSPORT', [
				event('READY_FOR_PICKUP', iso(T0 + 1000)),
				event('RETURN_IN_TRANSPORT', iso(T0 + 3000), { reasonCode: 'NOT_COLLECTED' }),
			]),
			parcel('JJFI65432100000000003', 'IN_TRANSPORT', [event('IN_TRANSPORT', iso(T0 + 4000), { reasonCode: 'ADDRESS_NOT_FOUND' })]),
		]);
		const result = await pollTrigger(parameters, { staticData });
		expect(result.items?.map((item) => [item.json.trackingNumber, item.json.eventCode, item.json.category])).toEqual([
			[TN1, 'DELIVERED', 'delivered'],
			[TN2, 'RETURN_IN_TRANSPORT', 'returned'],
		]);
	});

	test('a failing poll emits nothing and does not move the cursor; the next poll reads the window again', async () => {
		const staticData = await activated();
		now = T0 + MINUTE;
		mockTrackingToken();
		trackingApi().get('/tracking/7/shipments/event/date').query(true).reply(403);
		const failed = await pollTrigger({}, { staticData });
		expect(failed.error?.message).toContain('Posti Tracking');
		expect(failed.error?.description).toContain('restricted operation');
		expect(failed.items).toBeNull();
		expect(failed.staticData).toEqual(staticData);

		// A failure on the second page, after a full first page, moves nothing either.
		const full = Array.from({ length: 100 }, (_, i) => parcel(`JJFI654321${String(i).padStart(11, '0')}`, 'IN_TRANSPORT', [event('IN_TRANSPORT', iso(T0 + i))]));
		eventWindow(T0, now, full, 0);
		trackingApi().get('/tracking/7/shipments/event/date').query((q) => q.start === '100').reply(403);
		const halfway = await pollTrigger({}, { staticData: failed.staticData });
		expect(halfway.error).toBeDefined();
		expect(halfway.items).toBeNull();
		expect(halfway.staticData).toEqual(staticData);

		now = T0 + 2 * MINUTE;
		eventWindow(T0, now, [parcel(TN1, 'DELIVERED', [event('DELIVERED', iso(T0 + 30_000))])]);
		const recovered = await pollTrigger({}, { staticData: halfway.staticData });
		expect(recovered.items?.map((item) => item.json.eventCode)).toEqual(['DELIVERED']);
		expect(pendingRequests()).toEqual([]);
	});

	test('manual run: the latest matching event of the last 7 days as a sample; the cursor is not touched', async () => {
		const staticData = await activated({ events: ['delivered'] });
		now = T0 + MINUTE;
		mockTrackingToken();
		eventWindow(now - 7 * 24 * 60 * MINUTE, now, [
			parcel(TN1, 'DELIVERED', [event('DELIVERED', iso(T0 - 3 * 60 * MINUTE))]),
			parcel(TN2, 'DELIVERED', [event('IN_TRANSPORT', iso(T0 - 90 * MINUTE)), event('DELIVERED', iso(T0 - 2 * 60 * MINUTE))]),
		]);
		const manual = await pollTrigger({ events: ['delivered'] }, { staticData, mode: 'manual' });
		expect(manual.error).toBeUndefined();
		expect(manual.items?.map((item) => [item.json.trackingNumber, item.json.eventCode])).toEqual([[TN2, 'DELIVERED']]);
		expect(manual.staticData).toEqual(staticData);
	});

	test('after a long stop the trigger catches up one day per poll', async () => {
		const staticData = await activated();
		now = T0 + 3 * 24 * 60 * MINUTE;
		mockTrackingToken();
		eventWindow(T0, T0 + 24 * 60 * MINUTE, []);
		const result = await pollTrigger({}, { staticData });
		expect(result.error).toBeUndefined();
		expect(result.nodeStaticData.cursor).toBe(iso(T0 + 24 * 60 * MINUTE));
		expect(nock.isDone()).toBe(true);
	});

	test('one token for many polls (kept in the credential)', async () => {
		let staticData = (await pollTrigger({}, { credentials })).staticData;
		mockTrackingToken();
		for (let poll = 1; poll <= 3; poll++) {
			now += MINUTE;
			eventWindow(T0, now, []);
			const result = await pollTrigger({}, { staticData, credentials });
			expect(result.error).toBeUndefined();
			staticData = result.staticData;
		}
		expect(credentials.preAuthenticationCount('postiTrackingApi')).toBe(1);
		expect(pendingRequests()).toEqual([]);
		expect(TRIGGER_NAME).toBe(new OmaPostiProTrigger().description.defaults.name);
	});
});
