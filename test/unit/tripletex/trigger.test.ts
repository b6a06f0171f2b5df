/**
 * Tripletex Trigger through n8n-core's HookContext and WebhookContext (test/harness/webhook-trigger.ts):
 * the exact subscription requests Tripletex receives on activation and deactivation (every JSON
 * body is held to Tripletex's OpenAPI spec by tearDownNock), what n8n shows when a subscription is
 * disabled or the webhook URL is not HTTPS, and what each delivery does: verified or refused
 * with 401, duplicates dropped, the item and the optional full record.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';

import { TripletexApi } from '../../../credentials/TripletexApi.credentials';
import { TripletexTrigger } from '../../../nodes/Tripletex/TripletexTrigger.node';
import codex from '../../../nodes/Tripletex/TripletexTrigger.node.json';
import { CredentialStore, webhookTrigger, type WebhookTrigger } from '../../harness';
import { loadOptionsContextFor } from '../helpers';
import { credentialsFor, listOf, mockTripletex, pendingRequests, setUpNock, tearDownNock, tripletexCredential, V2 } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

/** Interceptors not used; the session exchange is left out (the credential keeps the session of the first activation). */
const pendingApiRequests = () => pendingRequests().filter((request) => !request.includes('/token/session/'));

const WEBHOOK_ID = '6f9a1c2e-0000-4000-8000-000000000001';
const TARGET = `https://n8n.example.com/webhook/${WEBHOOK_ID}/webhook`;

function trigger(parameters: Record<string, unknown> = {}, options: { webhookBaseUrl?: string; credentials?: CredentialStore } = {}): WebhookTrigger {
	return webhookTrigger(TripletexTrigger, {
		parameters: { events: ['invoice.charged'], ...parameters },
		credentialTypes: [TripletexApi],
		credentials: options.credentials ?? new CredentialStore({ tripletexApi: tripletexCredential }),
		webhookBaseUrl: options.webhookBaseUrl,
		webhookId: WEBHOOK_ID,
	});
}

interface Stored {
	id: number;
	event: string;
	fields: string;
	secret: string;
}
const storedOf = (t: WebhookTrigger) => (t.staticData.subscriptions ?? []) as unknown as Stored[];

/** Activates `t` against a Tripletex with no subscription yet; returns the bodies POSTed. */
async function activateFresh(t: WebhookTrigger, events: string[], firstId = 501): Promise<Array<Record<string, unknown>>> {
	const { api } = mockTripletex();
	const posted: Array<Record<string, unknown>> = [];
	api.get(`${V2}/event/subscription`).query({ fields: 'id,event,targetUrl,status', from: 0, count: 1000 }).reply(200, listOf([]));
	events.forEach((_, index) =>
		api.post(`${V2}/event/subscription`, (body: Record<string, unknown>) => {
			posted.push(body);
			return true;
		}).reply(201, (_uri, body) => ({ value: { id: firstId + index, ...(body as object), status: 'ACTIVE' } })),
	);
	await t.activate();
	expect(pendingApiRequests()).toEqual([]);
	return posted;
}

const sign = (secret: string, key: string, body: string) => createHmac('sha512', secret).update(`${key}&${body}`).digest('base64');

function delivery(t: WebhookTrigger, payload: Record<string, unknown>, options: { key?: string; secret?: string; body?: string } = {}) {
	const subscription = storedOf(t)[0];
	const body = options.body ?? JSON.stringify({ subscriptionId: subscription.id, ...payload });
	const key = options.key ?? 'a1b2c3d4-0000-4000-8000-00000000abcd';
	return { headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-request-signature': sign(options.secret ?? subscription.secret, key, body) }, body };
}

describe('Tripletex Trigger: node description', () => {
	test('a webhook trigger on the Tripletex credential, events loaded from GET /event, codex beside it', async () => {
		const node = new TripletexTrigger();
		expect(node.description).toMatchObject({
			name: 'tripletexTrigger',
			group: ['trigger'],
			inputs: [],
			credentials: [{ name: 'tripletexApi', required: true }, { name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' }],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(codex.node).toBe('n8n-nodes-nordic-commerce.tripletexTrigger');
		const events = node.description.properties.find((p) => p.name === 'events');
		expect(events).toMatchObject({ type: 'multiOptions', required: true, typeOptions: { loadOptionsMethod: 'getEvents' } });

		const { context, requests } = loadOptionsContextFor(
			{ name: 'Tripletex Trigger', type: 'tripletexTrigger', credentialType: 'tripletexApi' },
			{ ...tripletexCredential.data, sessionToken: 'session' },
		)({ '/event': { value: { 'voucher.create': { description: 'A voucher was created' }, 'invoice.charged': { description: 'Invoice charged' } } } });
		expect(await node.methods.loadOptions.getEvents.call(context)).toEqual([
			{ name: 'invoice.charged', value: 'invoice.charged', description: 'Invoice charged' },
			{ name: 'voucher.create', value: 'voucher.create', description: 'A voucher was created' },
		]);
		expect(requests[0]).toMatchObject({ method: 'GET', url: '/event' });
	});
});

describe('Tripletex Trigger: activation and deactivation', () => {
	test('activation subscribes each chosen event with n8n\'s production URL and its own random HMAC secret, kept in static data', async () => {
		const t = trigger({ events: ['voucher.create', 'invoice.charged'], options: { payloadFields: 'id,version' } });
		const posted = await activateFresh(t, ['invoice.charged', 'voucher.create']);
		expect(posted).toEqual([
			{ event: 'invoice.charged', targetUrl: TARGET, hmacSharedSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), fields: 'id,version' },
			{ event: 'voucher.create', targetUrl: TARGET, hmacSharedSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), fields: 'id,version' },
		]);
		expect(posted[0].hmacSharedSecret).not.toBe(posted[1].hmacSharedSecret);
		expect(storedOf(t)).toEqual([
			{ id: 501, event: 'invoice.charged', fields: 'id,version', secret: posted[0].hmacSharedSecret },
			{ id: 502, event: 'voucher.create', fields: 'id,version', secret: posted[1].hmacSharedSecret },
		]);
	});

	test('activating again with live subscriptions only checks them: nothing created', async () => {
		const t = trigger();
		await activateFresh(t, ['invoice.charged']);
		const { api } = mockTripletex();
		api.get(`${V2}/event/subscription/501`).query({ fields: 'id,event,targetUrl,fields,status' }).reply(200, { value: { id: 501, event: 'invoice.charged', targetUrl: TARGET, status: 'ACTIVE' } });
		expect(await t.checkExists()).toBe(true);
		expect(pendingApiRequests()).toEqual([]);
	});

	test('a subscription lost on Tripletex\'s side is re-created with a new secret; the others are kept', async () => {
		const t = trigger({ events: ['invoice.charged', 'voucher.create'] });
		await activateFresh(t, ['invoice.charged', 'voucher.create']);
		const oldSecret = storedOf(t)[1].secret;
		const { api } = mockTripletex();
		api.get(`${V2}/event/subscription/501`).query(true).reply(200, { value: { id: 501, event: 'invoice.charged', targetUrl: TARGET, status: 'ACTIVE' } });
		api.get(`${V2}/event/subscription/502`).query(true).reply(404, { status: 404, code: 6000, message: 'Object not found' });
		api.get(`${V2}/event/subscription`).query(true).reply(200, listOf([{ id: 501, event: 'invoice.charged', targetUrl: TARGET, status: 'ACTIVE' }]));
		let posted: Record<string, unknown> | undefined;
		api.post(`${V2}/event/subscription`, (body: Record<string, unknown>) => Boolean((posted = body))).reply(201, { value: { id: 777, event: 'voucher.create', status: 'ACTIVE' } });
		await t.activate();
		expect(pendingApiRequests()).toEqual([]);
		expect(posted).toEqual({ event: 'voucher.create', targetUrl: TARGET, hmacSharedSecret: expect.any(String) });
		expect(posted!.hmacSharedSecret).not.toBe(oldSecret);
		expect(storedOf(t).map((s) => [s.id, s.event])).toEqual([
			[501, 'invoice.charged'],
			[777, 'voucher.create'],
		]);
	});

	test('a DISABLED_* subscription fails the activation, naming the event, the status and what to do', async () => {
		const t = trigger();
		await activateFresh(t, ['invoice.charged']);
		const { api } = mockTripletex();
		api.get(`${V2}/event/subscription/501`).query(true).reply(200, { value: { id: 501, event: 'invoice.charged', targetUrl: TARGET, status: 'DISABLED_TOO_MANY_ERRORS' } });
		const error = await t.activate().then(() => undefined, (caught: unknown) => caught as Error & { description?: string });
		expect(error?.message).toBe('Tripletex has disabled this trigger\'s subscription: "invoice.charged" (subscription 501): DISABLED_TOO_MANY_ERRORS');
		expect(error?.description).toContain('too many deliveries to n8n failed');
		expect(error?.description).toContain('activate the workflow again');
		expect(error?.description).toContain('full sync');
		expect(pendingApiRequests()).toEqual([]);
	});

	test('events no longer chosen, or a changed payload fields filter, are unsubscribed; the new choice subscribed', async () => {
		const t = trigger({ events: ['invoice.charged', 'voucher.create'] });
		await activateFresh(t, ['invoice.charged', 'voucher.create']);
		t.setParameters({ events: ['invoice.charged', 'customer.create'], options: { payloadFields: 'id' } });
		const { api } = mockTripletex();
		api.get(`${V2}/event/subscription/501`).query(true).reply(200, { value: { id: 501, event: 'invoice.charged', targetUrl: TARGET, status: 'ACTIVE' } });
		api.get(`${V2}/event/subscription/502`).query(true).reply(200, { value: { id: 502, event: 'voucher.create', targetUrl: TARGET, status: 'ACTIVE' } });
		api.delete(`${V2}/event/subscription/501`).reply(204);
		api.delete(`${V2}/event/subscription/502`).reply(204);
		api.get(`${V2}/event/subscription`).query(true).reply(200, listOf([]));
		const posted: string[] = [];
		api.post(`${V2}/event/subscription`, (body: { event: string; fields: string }) => Boolean(posted.push(`${body.event} ${body.fields}`))).times(2).reply(201, (_u, body) => ({ value: { id: (body as { event: string }).event === 'customer.create' ? 601 : 602 } }));
		await t.activate();
		expect(pendingApiRequests()).toEqual([]);
		expect(posted.sort()).toEqual(['customer.create id', 'invoice.charged id']);
	});

	test('create deletes subscriptions to this webhook URL that static data does not know (their secrets are unknown)', async () => {
		const t = trigger();
		const { api } = mockTripletex();
		api.get(`${V2}/event/subscription`).query(true).reply(200, listOf([
			{ id: 9, event: 'invoice.charged', targetUrl: TARGET, status: 'ACTIVE' },
			{ id: 10, event: 'invoice.charged', targetUrl: 'https://other.example.com/hook', status: 'ACTIVE' },
		]));
		api.delete(`${V2}/event/subscription/9`).reply(204);
		api.post(`${V2}/event/subscription`).reply(201, { value: { id: 11 } });
		await t.activate();
		expect(pendingApiRequests()).toEqual([]);
		expect(storedOf(t).map((s) => s.id)).toEqual([11]);
	});

	test('deactivation deletes every subscription (one already gone counts) and forgets the secrets', async () => {
		const t = trigger({ events: ['invoice.charged', 'voucher.create'] });
		await activateFresh(t, ['invoice.charged', 'voucher.create']);
		const { api } = mockTripletex();
		api.delete(`${V2}/event/subscription/501`).reply(204);
		api.delete(`${V2}/event/subscription/502`).reply(404, { status: 404, code: 6000, message: 'Object not found' });
		api.get(`${V2}/event/subscription`).query(true).reply(200, listOf([]));
		expect(await t.deactivate()).toBe(true);
		expect(pendingApiRequests()).toEqual([]);
		expect(t.staticData).toEqual({});
	});

	test('a subscription that cannot be deleted now stays in static data and the answer is false', async () => {
		const t = trigger();
		await activateFresh(t, ['invoice.charged']);
		const { api } = mockTripletex();
		api.delete(`${V2}/event/subscription/501`).reply(403, { status: 403, code: 9000, message: 'Forbidden' });
		api.get(`${V2}/event/subscription`).query(true).reply(200, listOf([]));
		expect(await t.deactivate()).toBe(false);
		expect(storedOf(t).map((s) => s.id)).toEqual([501]);
	});

	test('an http:// webhook URL against Tripletex fails the activation before any request, saying how to fix it', async () => {
		const t = trigger({}, { webhookBaseUrl: 'http://n8n.example.com/webhook' });
		const error = await t.activate().then(() => undefined, (caught: unknown) => caught as Error & { description?: string });
		expect(error?.message).toBe(`Tripletex only delivers events to HTTPS addresses, and n8n's webhook URL is http://n8n.example.com/webhook/${WEBHOOK_ID}/webhook`);
		expect(error?.description).toContain('WEBHOOK_URL=https://');
	});

	test('sandbox allowance: http:// to loopback when the Tripletex API itself is on 127.0.0.1', async () => {
		nock.enableNetConnect('127.0.0.1');
		const t = trigger({}, { webhookBaseUrl: 'http://localhost:5678/webhook', credentials: credentialsFor('http://127.0.0.1:9/v2') });
		// No Tripletex listens on port 9: the HTTPS check passed and the first request was tried.
		await expect(t.activate()).rejects.toThrow(/Tripletex/);
		await expect(t.activate()).rejects.not.toThrow(/HTTPS/);
	});

	test('no event chosen fails the activation clearly', async () => {
		await expect(trigger({ events: [] }).activate()).rejects.toThrow('Choose at least one event');
	});
});

describe('Tripletex Trigger: deliveries', () => {
	const payload = { event: 'invoice.charged', id: 8901, value: { id: 8901, invoiceNumber: 10001 } };

	async function active(parameters: Record<string, unknown> = {}): Promise<WebhookTrigger> {
		const t = trigger(parameters);
		await activateFresh(t, ['invoice.charged']);
		return t;
	}

	test('a signed delivery starts one execution with the event, the id and the value; the secret is nowhere in it', async () => {
		const t = await active();
		const answer = await t.deliver(delivery(t, payload));
		expect(answer.status).toBe(200);
		expect(answer.workflowData).toEqual([[{ json: { event: 'invoice.charged', id: 8901, subscriptionId: 501, value: { id: 8901, invoiceNumber: 10001 }, idempotencyKey: 'a1b2c3d4-0000-4000-8000-00000000abcd' } }]]);
		expect(JSON.stringify(answer)).not.toContain(storedOf(t)[0].secret);
	});

	test('value is null for a delete', async () => {
		const t = await active();
		const answer = await t.deliver(delivery(t, { event: 'voucher.delete', id: 5, value: null }));
		expect(answer.workflowData?.[0][0].json).toMatchObject({ event: 'voucher.delete', id: 5, value: null });
	});

	test.each([
		['a wrong signature', (t: WebhookTrigger) => delivery(t, payload, { secret: 'not-the-secret' })],
		['a body that is not an event', (t: WebhookTrigger) => delivery(t, payload, { body: '{"hello":"world"}' })],
		['no signature', (t: WebhookTrigger) => {
			const d = delivery(t, payload);
			delete (d.headers as Record<string, string>)['x-request-signature'];
			return d;
		}],
		['no idempotency key', (t: WebhookTrigger) => {
			const d = delivery(t, payload);
			delete (d.headers as Record<string, string>)['idempotency-key'];
			return d;
		}],
		['a body changed after signing', (t: WebhookTrigger) => {
			const d = delivery(t, payload);
			return { ...d, body: d.body.replace('10001', '99999') };
		}],
		['the signature of another key', (t: WebhookTrigger) => {
			const d = delivery(t, payload);
			return { ...d, headers: { ...d.headers, 'idempotency-key': 'another-key' } };
		}],
		['an unknown subscription', (t: WebhookTrigger) => delivery(t, payload, { body: JSON.stringify({ subscriptionId: 999, ...payload }) })],
		['the signature with junk appended', (t: WebhookTrigger) => {
			const d = delivery(t, payload);
			return { ...d, headers: { ...d.headers, 'x-request-signature': `${d.headers['x-request-signature']}!!` } };
		}],
	])('%s: 401, no execution', async (_name, make) => {
		const t = await active();
		const answer = await t.deliver(make(t));
		expect(answer).toMatchObject({ status: 401, workflowData: undefined });
		expect(JSON.stringify(answer.body)).not.toContain(storedOf(t)[0].secret);
	});

	test('without the raw body the delivery cannot be verified: 401', async () => {
		const t = await active();
		const answer = await t.deliver({ ...delivery(t, payload), withoutRawBody: true });
		expect(answer).toMatchObject({ status: 401, body: { message: 'The request body could not be read, so its signature cannot be checked' }, workflowData: undefined });
	});

	test('the same idempotency key again (later, or at the same moment) starts nothing and is answered 200', async () => {
		const t = await active();
		const first = await t.deliver(delivery(t, payload));
		const again = await t.deliver(delivery(t, payload));
		expect(first.workflowData).toHaveLength(1);
		expect(again).toMatchObject({ status: 200, body: { message: 'Duplicate delivery ignored' }, workflowData: undefined });

		const other = { ...payload, id: 8902 };
		const together = await Promise.all([1, 2, 3].map(() => t.deliver(delivery(t, other, { key: 'same-moment' }))));
		expect(together.filter((answer) => answer.workflowData).length).toBe(1);
		expect(together.map((answer) => answer.status)).toEqual([200, 200, 200]);
	});

	test('Fetch Full Record reads the record by id with the fields asked for', async () => {
		const t = await active({ fetchFullRecord: true, recordFields: 'id,invoiceNumber,amount' });
		const { api } = mockTripletex();
		api.get(`${V2}/invoice/8901`).query({ fields: 'id,invoiceNumber,amount' }).reply(200, { value: { id: 8901, invoiceNumber: 10001, amount: 297 } });
		const answer = await t.deliver(delivery(t, payload));
		expect(pendingApiRequests()).toEqual([]);
		expect(answer.workflowData?.[0][0].json).toMatchObject({ event: 'invoice.charged', id: 8901, record: { id: 8901, invoiceNumber: 10001, amount: 297 } });
	});

	test('Fetch Full Record: a record gone (404) still gives the item, with record null and why', async () => {
		const t = await active({ fetchFullRecord: true });
		const { api } = mockTripletex();
		api.get(`${V2}/invoice/8901`).query({ fields: '*' }).reply(404, { status: 404, code: 6000, message: 'Object not found' });
		const answer = await t.deliver(delivery(t, payload));
		expect(answer.workflowData?.[0][0].json).toMatchObject({ id: 8901, record: null, recordError: expect.stringContaining('Object not found') });
	});

	test('Fetch Full Record: nothing is read for a delete, nor for an event without a record', async () => {
		const t = await active({ fetchFullRecord: true });
		const deleted = await t.deliver(delivery(t, { event: 'customer.delete', id: 7, value: null }, { key: 'k1' }));
		expect(deleted.workflowData?.[0][0].json).toMatchObject({ record: null });
		const status = await t.deliver(delivery(t, { event: 'voucherstatus.ready', id: 7, value: null }, { key: 'k2' }));
		expect(status.workflowData?.[0][0].json).toMatchObject({ record: null, recordError: 'Tripletex has no record to read for "voucherstatus.ready" events' });
	});

	test.each([
		['customer.update', '/customer/3'],
		['order.create', '/order/3'],
		['product.create', '/product/3'],
		['voucher.create', '/ledger/voucher/3'],
		['supplier.create', '/supplier/3'],
		['employee.update', '/employee/3'],
		['account.create', '/ledger/account/3'],
		['project.create', '/project/3'],
		['contact.create', '/contact/3'],
	])('Fetch Full Record for %s reads GET %s', async (event, path) => {
		const t = await active({ fetchFullRecord: true });
		const { api } = mockTripletex();
		api.get(`${V2}${path}`).query(true).reply(200, { value: { id: 3 } });
		const answer = await t.deliver(delivery(t, { event, id: 3, value: { id: 3 } }));
		expect(pendingApiRequests()).toEqual([]);
		expect(answer.workflowData?.[0][0].json.record).toEqual({ id: 3 });
	});
});
