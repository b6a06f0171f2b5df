/**
 * Posti tracking against the sandbox: shipments booked with Shipment → Create, the OmaPosti
 * Pro Trigger polling the emulator's Tracking API (event-date search) while the clock moves
 * 60 hours, and Shipment → Track at the end. The sandbox runs in this process, so one faked
 * Date.now drives the emulator's clock and the node's alike (tokens expire on the way and are
 * renewed).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OmaPostiProApi } from '../../credentials/OmaPostiProApi.credentials';
import { PostiTrackingApi } from '../../credentials/PostiTrackingApi.credentials';
import { OmaPostiPro } from '../../nodes/OmaPostiPro/OmaPostiPro.node';
import { OmaPostiProTrigger } from '../../nodes/OmaPostiPro/OmaPostiProTrigger.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { CredentialStore, createPoller, runWorkflow, type Poller } from '../harness';
import { singleNodeWorkflow } from '../unit/helpers';
import { CREATE_PICKUP } from '../unit/omapostipro/helpers';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-05-04T05:00:00.000Z');
let now = T0;
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ posti: { port: 0, rateLimit: { enabled: false } } });
});
afterAll(async () => {
	await sandbox?.stop();
});
beforeEach(async () => {
	now = T0;
	jest.spyOn(Date, 'now').mockImplementation(() => now);
	// Reset on the faked clock: the sample parcel is then delivered before T0, before the activation.
	await fetch(`${sandbox.posti.controlUrl}/reset`, { method: 'POST' });
});
afterEach(() => jest.restoreAllMocks());

function stores() {
	return new CredentialStore({
		omaPostiProApi: {
			id: 'cred-posti',
			name: 'OmaPosti Pro sandbox',
			data: { authentication: 'apiKey', apiKey: 'sandbox-posti-api-key', contractNumber: '654321', transportId: 'TR654321', baseUrlOverride: sandbox.posti.baseUrl },
		},
		postiTrackingApi: {
			id: 'cred-tracking',
			name: 'Posti Tracking sandbox',
			data: { accountName: 'sandbox-tracking-account', accountSecret: 'sandbox-tracking-secret', baseUrlOverride: sandbox.posti.baseUrl },
		},
	});
}

async function createShipment(credentials: CredentialStore, orderNo: string): Promise<string> {
	const result = await runWorkflow(
		singleNodeWorkflow({
			name: 'Book shipment',
			type: 'n8n-nodes-nordic-commerce.omaPostiPro',
			parameters: { ...CREATE_PICKUP, orderNo, labelOutput: 'link' },
			credentials: { omaPostiProApi: credentials.reference('omaPostiProApi') },
		}),
		{ nodeTypes: [OmaPostiPro], credentialTypes: [OmaPostiProApi], credentials, input: [{}] },
	);
	expect(result.error).toBeUndefined();
	return (result.jsonOf('Book shipment')[0].trackingNumbers as string[])[0];
}

async function postiTrigger(credentials: CredentialStore, parameters: INodeParameters): Promise<Poller> {
	return await createPoller(
		{
			nodes: [{ name: 'OmaPosti Pro Trigger', type: 'n8n-nodes-nordic-commerce.omaPostiProTrigger', parameters, credentials: { postiTrackingApi: credentials.reference('postiTrackingApi') } }],
			connections: {},
		},
		{ nodeTypes: [OmaPostiProTrigger], credentialTypes: [PostiTrackingApi], credentials },
	);
}

test('as the sandbox clock moves, every tracking event after the activation is emitted exactly once; "Delivered" only the deliveries; Track shows them newest first', async () => {
	const credentials = stores();
	const delivered = await createShipment(credentials, 'store-3001');
	const returned = await createShipment(credentials, 'store-3002-return');
	const exception = await createShipment(credentials, 'store-3003-exception');

	now = T0 + 60_000;
	const triggers: Record<string, INodeParameters> = { any: {}, delivered: { events: ['delivered'] } };
	const pollers: Record<string, Poller> = {};
	const emitted: Record<string, IDataObject[]> = { any: [], delivered: [] };
	for (const [name, parameters] of Object.entries(triggers)) {
		pollers[name] = await postiTrigger(credentials, parameters);
		expect((await pollers[name].activate()).data).toBeNull();
	}

	// Every 20 minutes for 60 hours.
	while (now < T0 + 60 * HOUR) {
		now += 20 * 60_000;
		for (const name of Object.keys(triggers)) emitted[name].push(...(await pollers[name].poll()).items);
	}

	const codesOf = (trackingNumber: string) => emitted.any.filter((e) => e.trackingNumber === trackingNumber).map((e) => [e.eventCode, e.reasonCode ?? null]);
	// WAITING happened at the create, before the activation: not emitted.
	expect(codesOf(delivered)).toEqual([
		['RECEIVED', null],
		['IN_TRANSPORT', null],
		['READY_FOR_PICKUP', null],
		['DELIVERED', null],
	]);
	expect(codesOf(returned)).toEqual([
		['RECEIVED', null],
		['IN_TRANSPORT', null],
		['READY_FOR_PICKUP', null],
		['RETURN_IN_TRANSPORT', 'NOT_COLLECTED'],
		['RETURNED_TO_SENDER', null],
	]);
	expect(codesOf(exception)).toEqual([
		['RECEIVED', null],
		['IN_TRANSPORT', null],
		['IN_TRANSPORT', 'ADDRESS_NOT_FOUND'],
		['READY_FOR_PICKUP', null],
		['DELIVERED', null],
	]);
	expect(new Set(emitted.any.map((e) => e.eventId)).size).toBe(emitted.any.length);
	// In order of time, each with the place and Posti's English text.
	const times = emitted.any.map((e) => Date.parse(e.time as string));
	expect([...times].sort((a, b) => a - b)).toEqual(times);
	expect(emitted.any.find((e) => e.trackingNumber === delivered && e.eventCode === 'DELIVERED')).toMatchObject({
		description: 'The shipment has been delivered to the recipient.',
		time: new Date(T0 + 26 * HOUR).toISOString(),
		location: '20100 Posti, K-Market Aurakatu',
		category: 'delivered',
		shipmentStatus: 'DELIVERED',
	});
	expect(emitted.any.filter((e) => e.category === 'exception').map((e) => e.trackingNumber)).toEqual([exception]);

	expect(emitted.delivered.map((e) => [e.trackingNumber, e.eventCode])).toEqual([
		[delivered, 'DELIVERED'],
		[exception, 'DELIVERED'],
	]);

	// Shipment → Track: the same events, newest first, WAITING included.
	const track = await runWorkflow(
		singleNodeWorkflow({
			name: 'Track',
			type: 'n8n-nodes-nordic-commerce.omaPostiPro',
			parameters: { resource: 'shipment', operation: 'track', trackingNumbers: `${returned},${delivered}` },
			credentials: { postiTrackingApi: credentials.reference('postiTrackingApi') },
		}),
		{ nodeTypes: [OmaPostiPro], credentialTypes: [PostiTrackingApi], credentials, input: [{}] },
	);
	expect(track.error).toBeUndefined();
	const [returnedItem, deliveredItem] = track.jsonOf('Track');
	expect(returnedItem).toMatchObject({ trackingNumber: returned, found: true, status: 'RETURNED_TO_SENDER', statusDescription: 'Returned to the sender' });
	expect((deliveredItem.events as IDataObject[]).map((e) => e.eventCode)).toEqual(['DELIVERED', 'READY_FOR_PICKUP', 'IN_TRANSPORT', 'RECEIVED', 'WAITING']);

	// Tokens lasted an hour: the service account logged in again on the way, never failed.
	const state = (await fetch(`${sandbox.posti.controlUrl}/state`).then((r) => r.json())) as { tracking: { tokens: unknown[]; lockedAccounts: unknown[] } };
	expect(state.tracking.tokens.length).toBeGreaterThan(1);
	expect(state.tracking.lockedAccounts).toEqual([]);
});
