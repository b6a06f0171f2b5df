/**
 * The Tripletex emulator's webhooks: the event API as the spec has it, subscriptions tied to
 * the employee, and real HTTP deliveries to a local receiver, signed as Tripletex documents,
 * retried with back-off, with the faults (duplicate, also at once; wrong signature; slow target)
 * and the journal entries the trigger's tests rely on.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { validateAgainstSchema } from '../../sandbox/tripletex/openapi-validator';
import { resetHarness, SEED, startTripletex, type TripletexHarness } from './helpers';

interface Received {
	headers: IncomingHttpHeaders;
	raw: Buffer;
	json: any;
	at: number;
}

/** A webhook receiver on 127.0.0.1: records each POST and answers with the next planned status (default 200). */
class Receiver {
	received: Received[] = [];
	plan: Array<number | { delayMs: number; status: number }> = [];
	url = '';
	private server: Server | undefined;

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const raw = Buffer.concat(chunks);
				this.received.push({ headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')), at: Date.now() });
				const step = this.plan.shift() ?? 200;
				const { delayMs, status } = typeof step === 'number' ? { delayMs: 0, status: step } : step;
				setTimeout(() => res.writeHead(status).end(), delayMs);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}

const SECRET = 'S5Yd3Dz6FWmj7q2uA4Uy9KcQMGBVpJHeCbTgEnaw';
const sign = (secret: string, key: string, raw: Buffer) => createHmac('sha512', secret).update(`${key}&`).update(raw).digest('base64');

let h: TripletexHarness;
const receiver = new Receiver();

beforeAll(async () => {
	h = await startTripletex();
	await receiver.start();
});
afterAll(async () => {
	await receiver.stop();
	await h.close();
});
beforeEach(async () => {
	await resetHarness(h);
	await h.control.configure({ webhooks: { retryDelaysMs: [30, 60], timeoutMs: 2000, delayMs: 0, disableAfterFailedDeliveries: 5 } });
	receiver.received = [];
	receiver.plan = [];
});

const hub = () => h.sandbox.tripletex.emulator.webhooks;

async function subscribe(event: string, extra: Record<string, unknown> = {}) {
	const res = await h.call('POST', '/event/subscription', { body: { event, targetUrl: receiver.url, hmacSharedSecret: SECRET, ...extra } });
	expect(res.status).toBe(201);
	return res.json.value;
}

describe('the event API', () => {
	it('lists the event keys without a session, and gives an example payload of the spec shape', async () => {
		const events = await h.call('GET', '/event', { auth: null });
		expect(events.status).toBe(200);
		expect(events.json.value['invoice.charged']).toEqual({ description: expect.any(String) });
		for (const name of ['voucher.create', 'customer.update', 'order.delete', 'product.create']) expect(events.json.value[name]).toBeDefined();
		expect(validateAgainstSchema('ResponseWrapperMapStringEventInfoDescription', events.json).errors).toEqual([]);

		const example = await h.call('GET', '/event/customer.create');
		expect(example.json.value).toMatchObject({ name: 'customer.create', payloadModel: 'Customer', examples: [{ event: 'customer.create', value: { id: expect.any(Number) } }] });
		expect(validateAgainstSchema('ResponseWrapperEventInfo', example.json).errors).toEqual([]);
		expect((await h.call('GET', '/event/no.such')).status).toBe(404);
	});

	it('creates, finds, changes and deletes a subscription; the secret is never answered nor kept in state', async () => {
		const created = await subscribe('invoice.charged', { fields: 'id,invoiceNumber' });
		expect(created).toMatchObject({ event: 'invoice.charged', targetUrl: receiver.url, status: 'ACTIVE', fields: 'id,invoiceNumber' });
		expect(JSON.stringify(created)).not.toContain(SECRET);
		expect(validateAgainstSchema('ResponseWrapperSubscription', { value: created }).errors).toEqual([]);

		const list = await h.call('GET', '/event/subscription');
		expect(list.json.values.map((s: any) => s.id)).toEqual([created.id]);
		expect(validateAgainstSchema('ListResponseSubscription', list.json).errors).toEqual([]);
		expect(JSON.stringify(await h.control.state())).not.toContain(SECRET);

		const changed = await h.call('PUT', `/event/subscription/${created.id}`, { body: { status: 'DISABLED' } });
		expect(changed.json.value).toMatchObject({ status: 'DISABLED', version: created.version + 1 });
		expect((await h.call('DELETE', `/event/subscription/${created.id}`)).status).toBe(204);
		expect((await h.call('GET', `/event/subscription/${created.id}`)).status).toBe(404);
	});

	it('refuses an unknown event, a missing or non-HTTPS target (http only to loopback, the sandbox allowance) and unknown fields', async () => {
		const post = (body: Record<string, unknown>) => h.call('POST', '/event/subscription', { body });
		const unknown = await post({ event: 'invoice.paid', targetUrl: receiver.url });
		expect(unknown.status).toBe(422);
		expect(unknown.json.validationMessages[0]).toMatchObject({ field: 'event' });
		const plain = await post({ event: 'invoice.charged', targetUrl: 'http://n8n.example.com/webhook/x' });
		expect(plain.json.validationMessages[0]).toMatchObject({ field: 'targetUrl', message: 'Må bruke HTTPS.' });
		expect((await post({ event: 'invoice.charged' })).json.validationMessages[0]).toMatchObject({ field: 'targetUrl' });
		expect((await post({ event: 'invoice.charged', targetUrl: 'https://n8n.example.com/webhook/x' })).status).toBe(201);
		const mapping = await post({ event: 'invoice.charged', targetUrl: receiver.url, secret: 'x' });
		expect(mapping.status).toBe(422);
		expect(mapping.json.code).toBe(16000);
		expect((await post({ event: 'invoice.charged', targetUrl: receiver.url, fields: 'noSuchField' })).status).toBe(400);
	});
});

describe('deliveries', () => {
	it('a customer created: one signed POST {subscriptionId, event, id, value} to the target, recorded in the journal', async () => {
		const subscription = await subscribe('customer.create', { fields: 'id,name' });
		const customer = (await h.call('POST', '/customer', { body: { name: 'Hook Kunde AS' } })).json.value;
		await hub().idle();
		expect(receiver.received).toHaveLength(1);
		const [delivery] = receiver.received;
		expect(delivery.json).toEqual({ subscriptionId: subscription.id, event: 'customer.create', id: customer.id, value: { id: customer.id, name: 'Hook Kunde AS' } });
		expect(delivery.headers['content-type']).toBe('application/json');
		const key = String(delivery.headers['idempotency-key']);
		expect(key).toMatch(/^[0-9a-f-]{36}$/);
		expect(delivery.headers['x-request-signature']).toBe(sign(SECRET, key, delivery.raw));

		const outgoing = (await h.control.journal()).filter((entry) => entry.direction === 'outgoing');
		expect(outgoing).toEqual([
			expect.objectContaining({ method: 'POST', path: '/hook', status: 200, outcome: 'delivered', requestId: key, delivery: expect.objectContaining({ event: 'customer.create', attempt: 1 }) }),
		]);
	});

	it('invoice.charged when an order is invoiced; voucher.delete carries value null; other events and other subscriptions get nothing', async () => {
		const charged = await subscribe('invoice.charged');
		const deleted = await subscribe('voucher.delete');
		const order = (await h.call('POST', '/order', {
			body: { customer: { id: SEED.customer.fjordkaffe }, orderDate: '2026-07-15', deliveryDate: '2026-07-15', isPrioritizeAmountsIncludingVat: true, orderLines: [{ product: { id: SEED.product.kaffe }, count: 2 }] },
		})).json.value;
		const invoice = (await h.call('PUT', `/order/${order.id}/:invoice?invoiceDate=2026-07-15`)).json.value;
		const voucher = (await h.call('POST', '/ledger/voucher?sendToLedger=false', {
			body: { date: '2026-07-15', description: 'x', postings: [{ row: 1, account: { id: SEED.account[1920] }, amountGross: 10, amountGrossCurrency: 10 }, { row: 2, account: { id: SEED.account[3000] }, amountGross: -10, amountGrossCurrency: -10, vatType: { id: SEED.vat[0] } }] },
		})).json.value;
		expect((await h.call('DELETE', `/ledger/voucher/${voucher.id}`)).status).toBe(204);
		await hub().idle();
		const bodies = receiver.received.map((r) => r.json);
		expect(bodies).toEqual([
			expect.objectContaining({ subscriptionId: charged.id, event: 'invoice.charged', id: invoice.id, value: expect.objectContaining({ id: invoice.id, invoiceNumber: 10001 }) }),
			{ subscriptionId: deleted.id, event: 'voucher.delete', id: voucher.id, value: null },
		]);
		for (const body of bodies) expect(validateAgainstSchema('WebHookWrapper', body).errors).toEqual([]);
	});

	it('retries a failed delivery with back-off and the same key; a subscription failing too often is DISABLED_TOO_MANY_ERRORS', async () => {
		await h.control.configure({ webhooks: { disableAfterFailedDeliveries: 2 } });
		const subscription = await subscribe('product.create');
		receiver.plan = [500, 503];
		await h.call('POST', '/product', { body: { name: 'Retry 1' } });
		await hub().idle();
		expect(receiver.received).toHaveLength(3);
		const keys = new Set(receiver.received.map((r) => r.headers['idempotency-key']));
		expect(keys.size).toBe(1);
		expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(25);
		expect(receiver.received[2].at - receiver.received[1].at).toBeGreaterThanOrEqual(55);

		receiver.plan = [500, 500, 500, 500, 500, 500];
		await h.call('POST', '/product', { body: { name: 'Retry 2' } });
		await hub().idle();
		await h.call('POST', '/product', { body: { name: 'Retry 3' } });
		await hub().idle();
		expect((await h.call('GET', `/event/subscription/${subscription.id}`)).json.value.status).toBe('DISABLED_TOO_MANY_ERRORS');
		const count = receiver.received.length;
		await h.call('POST', '/product', { body: { name: 'After disabling' } });
		await hub().idle();
		expect(receiver.received).toHaveLength(count);
	});

	it('faults: duplicate copies at the same moment, a wrong signature, a slow target (retried with the same key)', async () => {
		await subscribe('customer.create');
		await h.control.configure({ webhookFaults: [{ kind: 'duplicate', copies: 3, concurrent: true }] });
		await h.call('POST', '/customer', { body: { name: 'Dup AS' } });
		await hub().idle();
		expect(receiver.received).toHaveLength(3);
		expect(new Set(receiver.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
		expect(new Set(receiver.received.map((r) => r.headers['x-request-signature'])).size).toBe(1);
		expect(Math.max(...receiver.received.map((r) => r.at)) - Math.min(...receiver.received.map((r) => r.at))).toBeLessThan(200);

		receiver.received = [];
		receiver.plan = [401];
		await h.control.configure({ webhookFaults: [{ kind: 'wrongSignature' }] });
		await h.call('POST', '/customer', { body: { name: 'Forged AS' } });
		await hub().idle();
		const [forged, retried] = receiver.received;
		const key = String(forged.headers['idempotency-key']);
		expect(forged.headers['x-request-signature']).not.toBe(sign(SECRET, key, forged.raw));
		expect(retried.headers['x-request-signature']).toBe(sign(SECRET, key, retried.raw));

		receiver.received = [];
		receiver.plan = [{ delayMs: 300, status: 200 }];
		await h.control.configure({ webhookFaults: [{ kind: 'slowTarget', timeoutMs: 50 }] });
		await h.call('POST', '/customer', { body: { name: 'Slow AS' } });
		await hub().idle();
		expect(receiver.received).toHaveLength(2);
		expect(receiver.received[0].headers['idempotency-key']).toBe(receiver.received[1].headers['idempotency-key']);
		const attempts = hub().deliveryAttempts();
		expect(attempts.at(-2)).toMatchObject({ fault: 'slowTarget', status: null, error: 'no answer within 50 ms' });
		expect(attempts.at(-1)).toMatchObject({ attempt: 2, status: 200 });
		expect((await h.control.getConfig()).webhookFaults).toEqual([]);
	});
});
