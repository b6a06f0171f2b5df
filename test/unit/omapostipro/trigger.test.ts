import type { INodeParameters } from 'n8n-workflow';

import nock from 'nock';

import { OmaPostiProTrigger } from '../../../nodes/OmaPostiPro/OmaPostiProTrigger.node';
import { recordStrayRequests } from '../helpers';
import { pendingRequests, setUpNock, tearDownNock } from './helpers';
import type { CredentialStore, Poller } from '../../harness';
import { TRACKING_ORIGIN, TRIGGER_NAME, event, mockTrackingToken, parcel, postiTrigger, trackingApi, trackingStore } from './trackingHelpers';

const T0 = Date.parse('2026-05-04T09:00:00.000Z');
const MINUTE = 60_000;
let now = T0;
/** One stored credential across a test's polls, as n8n keeps the token in its database. */
let credentials: CredentialStore;

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
async function activated(parameters: INodeParameters = {}): Promise<Poller> {
	const poller = await postiTrigger(parameters, credentials);
	expect((await poller.activate()).data).toBeNull();
	return poller;
}

/** What a poll that must fail threw (n8n reports it and saves nothing). */
async function failedPoll(poller: Poller): Promise<Error & { description?: string | null }> {
	const outcome = await poller.poll().then(
		() => undefined,
		(error: unknown) => error as Error & { description?: string | null },
	);
	if (!outcome) throw new Error('The poll did not fail');
	return outcome;
}

describe('OmaPosti Pro Trigger', () => {
	test('description: a polling trigger with the Posti Tracking API credential', () => {
		const { description } = new OmaPostiProTrigger();
		expect(description).toMatchObject({ name: 'omaPostiProTrigger', polling: true, group: ['trigger'], inputs: [] });
	});

	test('first activation starts from now: no request, no item, the cursor at now', async () => {
		const stray = recordStrayRequests(TRACKING_ORIGIN);
		const poller = await postiTrigger({}, credentials);
		const first = await poller.activate();
		expect(first.data).toBeNull();
		expect(poller.staticData()).toEqual({ cursor: iso(T0), since: iso(T0), seen: {} });
		expect(poller.savedStaticData()).toEqual(poller.staticData());
		expect(stray).toEqual([]);
	});

	test('next polls: [cursor − late window (not before activation), now), one item per new event oldest first; `to` waits for the next poll; none twice; late events caught', async () => {
		const poller = await activated();
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
		const second = await poller.poll();
		expect(second.items.map((item) => [item.trackingNumber, item.eventCode, item.time])).toEqual([
			[TN1, 'READY_FOR_PICKUP', iso(T0)],
			[TN2, 'RECEIVED', iso(T0 + 10 * MINUTE)],
			[TN1, 'DELIVERED', iso(T0 + 40 * MINUTE)],
		]);
		expect(second.items[2]).toEqual({
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
		expect(poller.staticData().cursor).toBe(iso(now));

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
		const third = await poller.poll();
		expect(third.items.map((item) => [item.trackingNumber, item.eventCode, item.time, item.location])).toEqual([
			[TN2, 'IN_TRANSPORT', iso(T0 + 60 * MINUTE), '01530 VANTAA'],
			[TN2, 'IN_TRANSPORT', iso(previousTo), '00100 HELSINKI'],
		]);
		// Only events that can still fall in the next window ([now − 60 min, …), `from` inclusive) are remembered.
		expect(Object.values(poller.staticData().seen as Record<string, number>).sort()).toEqual([T0 + 40 * MINUTE, T0 + 60 * MINUTE, previousTo].sort());
		expect(pendingRequests()).toEqual([]);
	});

	test('pages of 100 shipments are all read (start=0, 100, …) before the cursor moves', async () => {
		const poller = await activated();
		now = T0 + MINUTE;
		mockTrackingToken();
		const full = Array.from({ length: 100 }, (_, i) => parcel(`JJFI654321${String(i).padStart(11, '0')}`, 'IN_TRANSPORT', [event('IN_TRANSPORT', iso(T0 + i))]));
		eventWindow(T0, now, full, 0);
		eventWindow(T0, now, [parcel(TN2, 'RECEIVED', [event('RECEIVED', iso(T0 + 500))])], 100);
		const result = await poller.poll();
		expect(result.items).toHaveLength(101);
		expect(result.items[100].trackingNumber).toBe(TN2);
		expect(poller.staticData().cursor).toBe(iso(now));
		expect(pendingRequests()).toEqual([]);
	});

	test('Only Events: delivered and returned; other events are not emitted', async () => {
		const parameters = { events: ['delivered', 'returned'] };
		const poller = await activated(parameters);
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
		const result = await poller.poll();
		expect(result.items.map((item) => [item.trackingNumber, item.eventCode, item.category])).toEqual([
			[TN1, 'DELIVERED', 'delivered'],
			[TN2, 'RETURN_IN_TRANSPORT', 'returned'],
		]);
	});

	test('a failing poll emits nothing and does not move the cursor; the next poll reads the window again', async () => {
		const poller = await activated();
		const staticData = poller.staticData();
		now = T0 + MINUTE;
		mockTrackingToken();
		trackingApi().get('/tracking/7/shipments/event/date').query(true).reply(403);
		const failed = await failedPoll(poller);
		expect(failed.message).toContain('Posti Tracking');
		expect(failed.description).toContain('restricted operation');
		expect(poller.staticData()).toEqual(staticData);
		expect(poller.savedStaticData()).toEqual(staticData);

		// A failure on the second page, after a full first page, moves nothing either.
		const full = Array.from({ length: 100 }, (_, i) => parcel(`JJFI654321${String(i).padStart(11, '0')}`, 'IN_TRANSPORT', [event('IN_TRANSPORT', iso(T0 + i))]));
		eventWindow(T0, now, full, 0);
		trackingApi().get('/tracking/7/shipments/event/date').query((q) => q.start === '100').reply(403);
		await failedPoll(poller);
		expect(poller.staticData()).toEqual(staticData);
		expect(poller.savedStaticData()).toEqual(staticData);

		now = T0 + 2 * MINUTE;
		eventWindow(T0, now, [parcel(TN1, 'DELIVERED', [event('DELIVERED', iso(T0 + 30_000))])]);
		const recovered = await poller.poll();
		expect(recovered.items.map((item) => item.eventCode)).toEqual(['DELIVERED']);
		expect(pendingRequests()).toEqual([]);
	});

	test('manual run: the latest matching event of the last 7 days as a sample; the cursor is not touched', async () => {
		const poller = await activated({ events: ['delivered'] });
		const staticData = poller.staticData();
		now = T0 + MINUTE;
		mockTrackingToken();
		eventWindow(now - 7 * 24 * 60 * MINUTE, now, [
			parcel(TN1, 'DELIVERED', [event('DELIVERED', iso(T0 - 3 * 60 * MINUTE))]),
			parcel(TN2, 'DELIVERED', [event('IN_TRANSPORT', iso(T0 - 90 * MINUTE)), event('DELIVERED', iso(T0 - 2 * 60 * MINUTE))]),
		]);
		const manual = await poller.poll('manual');
		expect(manual.items.map((item) => [item.trackingNumber, item.eventCode])).toEqual([[TN2, 'DELIVERED']]);
		expect(poller.staticData()).toEqual(staticData);
		expect(poller.savedStaticData()).toEqual(staticData);
	});

	test('after a long stop the trigger catches up one day per poll', async () => {
		const poller = await activated();
		now = T0 + 3 * 24 * 60 * MINUTE;
		mockTrackingToken();
		eventWindow(T0, T0 + 24 * 60 * MINUTE, []);
		expect((await poller.poll()).data).toBeNull();
		expect(poller.staticData().cursor).toBe(iso(T0 + 24 * 60 * MINUTE));
		expect(nock.isDone()).toBe(true);
	});

	test('one token for many polls (kept in the credential)', async () => {
		const poller = await activated();
		mockTrackingToken();
		for (let poll = 1; poll <= 3; poll++) {
			now += MINUTE;
			eventWindow(T0, now, []);
			expect((await poller.poll()).data).toBeNull();
		}
		expect(credentials.preAuthenticationCount('postiTrackingApi')).toBe(1);
		expect(pendingRequests()).toEqual([]);
		expect(TRIGGER_NAME).toBe(new OmaPostiProTrigger().description.defaults.name);
	});
});
