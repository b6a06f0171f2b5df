/**
 * Faults that act after the server did the work, on all three emulators:
 * - `commitLate`: the client gives up first, the write lands once, later;
 * - `statusAfterProcessing`: the write lands, the client sees a 503 in the vendor's envelope;
 * - `dropAfterProcessing`: the write lands, the client sees a broken connection, for every
 *   route that is not a GET (the test reads the route list from the emulator, so a new route
 *   without a case fails here).
 * Plus `deliverWebhookConcurrently`: the same webhook N times at the same moment.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Agent, request } from 'undici';

import { deliverWebhookConcurrently, type SandboxControl } from '../../sandbox/client';
import type { JournalEntry } from '../../sandbox/framework/journal';
import { multipart, PNG_1X1, posting, SEED, startTripletex, tomorrow, type TripletexHarness } from './helpers';
import type { HttpResult, RequestOptions } from './http';
import { invoiceBody, PC, startProcountor, type ProcountorHarness } from './procountor-helpers';
import { orderBody, PS, startPosti, V1_ORDER, V2_ORDER, type PostiHarness } from './posti-helpers';

jest.setTimeout(30_000);

let tx: TripletexHarness;
let pc: ProcountorHarness;
let ps: PostiHarness;

beforeAll(async () => {
	[tx, pc, ps] = await Promise.all([startTripletex(), startProcountor(), startPosti()]);
});
afterAll(async () => {
	await Promise.all([tx?.close(), pc?.close(), ps?.close()]);
});

type Json = any;
type Send = (method: string, path: string, options?: RequestOptions & { auth?: string | null }) => Promise<HttpResult>;

/** One emulator seen the same way: a call with its default credentials, control, a fresh start. */
interface Vendor {
	name: 'tripletex' | 'procountor' | 'posti';
	control: () => SandboxControl;
	base: () => string;
	send: Send;
	reset(): Promise<void>;
}

const vendors: Record<Vendor['name'], Vendor> = {
	tripletex: {
		name: 'tripletex',
		control: () => tx.control,
		base: () => tx.base,
		send: (method, path, options = {}) => tx.call(method, path, options),
		async reset() {
			await tx.control.reset();
			const session = await tx.login();
			tx.auth = session.authorization;
			tx.token = session.token;
		},
	},
	procountor: {
		name: 'procountor',
		control: () => pc.control,
		base: () => pc.base,
		send: (method, path, options = {}) => pc.call(method, path, { ...options, token: options.auth === null ? null : undefined }),
		async reset() {
			await pc.control.reset();
			pc.token = await pc.login();
		},
	},
	posti: {
		name: 'posti',
		control: () => ps.control,
		base: () => ps.base,
		send: (method, path, options = {}) => ps.call(method, path, { ...options, auth: options.auth === null ? undefined : (options.auth ?? ps.bearer) }),
		async reset() {
			await ps.control.reset();
			ps.bearer = await ps.login();
		},
	},
};

/** A client that gives up after `ms` (a node's timeout): aborts the request, closing its connection. */
async function impatientSend(url: string, method: string, headers: Record<string, string>, body: string, ms: number) {
	const agent = new Agent();
	try {
		const res = await request(url, { method: method as never, headers, body, dispatcher: agent, signal: AbortSignal.timeout(ms) });
		return { status: res.statusCode, text: await res.body.text() };
	} finally {
		await agent.destroy();
	}
}

async function entryOf(control: SandboxControl, faultId: string): Promise<JournalEntry> {
	const entries = (await control.journal()).filter((e) => e.faultId === faultId);
	expect(entries).toHaveLength(1);
	return entries[0];
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (ok(value) || Date.now() > deadline) return value;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

// --- one create per emulator, with the number of records it made ---------------------------------

interface Create {
	vendor: Vendor;
	method: string;
	path: string;
	/** The request as raw JSON with its Authorization header (for clients built here). */
	request(): { headers: Record<string, string>; body: string };
	count(): Promise<number>;
	/** What the vendor answers a 503 with: its own envelope. */
	envelope: Json;
}

const tripletexVoucher = { date: '2026-07-15', externalVoucherNumber: 'late-1', postings: [posting(1, SEED.account[1920], 100), posting(2, SEED.account[3100], -100)] };

const creates: Create[] = [
	{
		vendor: vendors.tripletex,
		method: 'POST',
		path: '/ledger/voucher',
		request: () => ({ headers: { authorization: tx.auth, 'content-type': 'application/json' }, body: JSON.stringify(tripletexVoucher) }),
		count: async () => (await tx.call('GET', '/ledger/voucher/%3EexternalVoucherNumber?externalVoucherNumber=late-1')).json.values.length,
		envelope: expect.objectContaining({ status: 503, message: expect.any(String), requestId: expect.any(String) }),
	},
	{
		vendor: vendors.procountor,
		method: 'POST',
		path: '/invoices',
		request: () => ({ headers: { authorization: `Bearer ${pc.token}`, 'content-type': 'application/json' }, body: JSON.stringify(invoiceBody()) }),
		count: async () => (await pc.call('GET', '/invoices?originalInvoiceNumber=WEB-1001')).json.results.length,
		envelope: { errors: [{ status: 503, field: null, message: expect.any(String) }] },
	},
	{
		vendor: vendors.posti,
		method: 'POST',
		path: V2_ORDER,
		request: () => ({ headers: { authorization: ps.bearer, 'content-type': 'application/json' }, body: JSON.stringify(orderBody('v2')) }),
		count: async () => ((await ps.control.state()) as Json).shipments.length,
		envelope: { message: expect.any(String) },
	},
];

describe.each(creates.map((c) => [c.vendor.name, c] as const))('%s', (_name, create) => {
	const { vendor } = create;
	beforeEach(async () => {
		await vendor.reset();
	});

	it('commitLate: the client gives up first; the write lands exactly once after delayMs; the journal says so', async () => {
		const control = vendor.control();
		const [fault] = await control.injectFault({ kind: 'commitLate', method: create.method, path: create.path, delayMs: 600 });
		const { headers, body } = create.request();
		const started = Date.now();
		await expect(impatientSend(`${vendor.base()}${create.path}`, create.method, headers, body, 150)).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(550);
		// The client has gone; nothing is written yet, the request is held.
		expect(await create.count()).toBe(0);
		expect(await control.held()).toEqual([expect.objectContaining({ method: create.method, faultId: fault.id })]);
		expect((await entryOf(control, fault.id)).outcome).toBe('held');
		await control.waitUntilNothingHeld({ timeoutMs: 5000 });
		expect(await create.count()).toBe(1);
		const entry = await entryOf(control, fault.id);
		expect(entry).toMatchObject({ outcome: 'committed-late', clientDisconnected: true });
		expect(entry.processedStatus).toBeGreaterThanOrEqual(200);
		expect(entry.processedStatus).toBeLessThan(300);
		expect(entry.durationMs).toBeGreaterThanOrEqual(590);
		// Once: nothing else lands later.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await create.count()).toBe(1);
	});

	it('commitLate: a client that waits longer still gets no answer (the connection closes after the write)', async () => {
		const control = vendor.control();
		await control.injectFault({ kind: 'commitLate', method: create.method, path: create.path, delayMs: 200 });
		const { headers, body } = create.request();
		await expect(impatientSend(`${vendor.base()}${create.path}`, create.method, headers, body, 5000)).rejects.toThrow();
		expect(await create.count()).toBe(1);
		const [entry] = (await control.journal()).filter((e) => e.outcome === 'committed-late');
		expect(entry.clientDisconnected).toBe(false);
	});

	it('commitLate: a reset cancels a held request; nothing lands in the fresh state', async () => {
		const control = vendor.control();
		await control.injectFault({ kind: 'commitLate', method: create.method, path: create.path, delayMs: 300 });
		const { headers, body } = create.request();
		const pending = impatientSend(`${vendor.base()}${create.path}`, create.method, headers, body, 5000).catch((error: Error) => error);
		await until(() => control.held(), (held) => held.length === 1);
		await vendor.reset();
		expect(await control.held()).toEqual([]);
		expect(await pending).toBeInstanceOf(Error);
		await new Promise((resolve) => setTimeout(resolve, 450));
		expect(await create.count()).toBe(0);
	});

	it('statusAfterProcessing: the write lands, the client sees 503 in the vendor envelope', async () => {
		const control = vendor.control();
		const [fault] = await control.injectFault({ kind: 'statusAfterProcessing', method: create.method, path: create.path });
		expect(fault.status).toBe(503);
		const { headers, body } = create.request();
		const res = await vendor.send(create.method, create.path, { rawBody: body, contentType: 'application/json', headers, auth: headers.authorization });
		expect(res.status).toBe(503);
		expect(res.json ?? res.text).toEqual(create.envelope);
		expect(await create.count()).toBe(1);
		const entry = await entryOf(control, fault.id);
		expect(entry).toMatchObject({ outcome: 'status-after-processing', status: 503, clientDisconnected: false });
		expect(entry.processedStatus).toBeGreaterThanOrEqual(200);
		expect(entry.processedStatus).toBeLessThan(300);
		// A second request is answered normally and writes again: the fault fired once.
		expect((await vendor.send(create.method, create.path, { rawBody: body, contentType: 'application/json', headers, auth: headers.authorization })).status).toBeLessThan(300);
	});

	it('statusAfterProcessing: custom status, body and headers', async () => {
		const control = vendor.control();
		await control.injectFault({ kind: 'statusAfterProcessing', method: create.method, path: create.path, status: 504, body: { message: 'gateway timeout' }, headers: { 'retry-after': '3' } });
		const { headers, body } = create.request();
		const res = await vendor.send(create.method, create.path, { rawBody: body, contentType: 'application/json', headers, auth: headers.authorization });
		expect(res.status).toBe(504);
		expect(res.json).toEqual({ message: 'gateway timeout' });
		expect(res.headers['retry-after']).toBe('3');
		expect(await create.count()).toBe(1);
	});
});

describe('fault specs', () => {
	it('commitLate needs delayMs > 0; statusAfterProcessing takes an optional status in range', async () => {
		await expect(tx.control.injectFault({ kind: 'commitLate' })).rejects.toThrow(/delayMs/);
		await expect(tx.control.injectFault({ kind: 'commitLate', delayMs: 0 })).rejects.toThrow(/delayMs/);
		await expect(tx.control.injectFault({ kind: 'statusAfterProcessing', status: 42 })).rejects.toThrow(/status/);
		const [fault] = await tx.control.injectFault({ kind: 'statusAfterProcessing', status: 502 });
		expect(fault.status).toBe(502);
		await tx.control.clearFaults();
	});
});

// --- dropAfterProcessing on every route that is not a GET ------------------------------------------

/**
 * A request to send with the fault, prepared on a fresh emulator, and what must have changed
 * in the emulator's state once it was processed. `path` is the concrete path; the fault is
 * injected on the route template.
 */
interface WriteCase {
	prepare(): Promise<{ path: string; options?: RequestOptions & { auth?: string | null } }>;
	/** Checks the state after the request (the fault hid the answer). */
	landed(before: Json, after: Json): void;
	/** Not a write: the state must not change (a search sent as POST). */
	readOnly?: boolean;
}

const txCompany = (state: Json) => state.companies[String(SEED.company)];
const pcCompany = (state: Json) => state.companies[String(PC.company)];
const grew = (table: (s: Json) => unknown[] | undefined, by = 1) => (before: Json, after: Json) =>
	expect((table(after) ?? []).length).toBe((table(before) ?? []).length + by);

async function txOrder(): Promise<number> {
	const res = await tx.call('POST', '/order', {
		body: {
			customer: { id: SEED.customer.fjordkaffe },
			orderDate: '2026-07-15',
			deliveryDate: '2026-07-15',
			isPrioritizeAmountsIncludingVat: true,
			orderLines: [{ product: { id: SEED.product.kaffe }, count: 2 }],
		},
	});
	expect(res.status).toBe(201);
	return res.json.value.id;
}
async function txInvoice(): Promise<Json> {
	const res = await tx.call('PUT', `/order/${await txOrder()}/:invoice?invoiceDate=2026-07-15`);
	expect(res.status).toBeLessThan(300);
	return res.json.value;
}
async function txVoucher(query = ''): Promise<Json> {
	const res = await tx.call('POST', `/ledger/voucher${query}`, { body: { ...tripletexVoucher, externalVoucherNumber: `v-${Math.random()}` } });
	expect(res.status).toBe(201);
	return res.json.value;
}
const sessionCredentials = () => ({ consumerToken: 'sandbox-consumer-token', employeeToken: 'sandbox-employee-token', expirationDate: tomorrow() });

const tripletexCases: Record<string, WriteCase> = {
	'POST /token/session/:create': {
		prepare: async () => ({ path: '/token/session/:create', options: { auth: null, body: sessionCredentials() } }),
		landed: grew((s) => s.sessions),
	},
	'PUT /token/session/:create': {
		prepare: async () => ({ path: `/token/session/:create?${new URLSearchParams(sessionCredentials())}`, options: { auth: null } }),
		landed: grew((s) => s.sessions),
	},
	'DELETE /token/session/{token}': {
		prepare: async () => {
			const session = await tx.login();
			return { path: `/token/session/${encodeURIComponent(session.token)}`, options: { auth: session.authorization } };
		},
		landed: grew((s) => s.sessions, -1),
	},
	'POST /ledger/voucher': {
		prepare: async () => ({ path: '/ledger/voucher', options: { body: tripletexVoucher } }),
		landed: grew((s) => txCompany(s).Voucher),
	},
	'PUT /ledger/voucher/{id}/:sendToLedger': {
		prepare: async () => ({ path: `/ledger/voucher/${(await txVoucher('?sendToLedger=false')).id}/:sendToLedger` }),
		landed: (_b, after) => expect(txCompany(after).Voucher.every((v: Json) => v.number > 0)).toBe(true),
	},
	'PUT /ledger/voucher/{id}/:reverse': {
		prepare: async () => ({ path: `/ledger/voucher/${(await txVoucher()).id}/:reverse?date=2026-07-20` }),
		landed: grew((s) => txCompany(s).Voucher),
	},
	'DELETE /ledger/voucher/{id}': {
		prepare: async () => ({ path: `/ledger/voucher/${(await txVoucher()).id}` }),
		landed: grew((s) => txCompany(s).Voucher, -1),
	},
	'POST /ledger/voucher/{voucherId}/attachment': {
		prepare: async () => {
			const upload = multipart([{ name: 'file', filename: 'kvittering.png', contentType: 'image/png', data: PNG_1X1 }]);
			return { path: `/ledger/voucher/${(await txVoucher()).id}/attachment`, options: { rawBody: upload.body, contentType: upload.contentType } };
		},
		landed: (_b, after) => expect(txCompany(after).Voucher[0].attachment).toEqual(expect.objectContaining({ id: expect.any(Number) })),
	},
	'POST /ledger/account': {
		prepare: async () => ({ path: '/ledger/account', options: { body: { number: 1940, name: 'Vipps-konto', isBankAccount: true } } }),
		landed: grew((s) => txCompany(s).Account),
	},
	'POST /customer': {
		prepare: async () => ({ path: '/customer', options: { body: { name: 'Ny Kunde AS', organizationNumber: '923609016', email: 'ny@example.no' } } }),
		landed: grew((s) => txCompany(s).Customer),
	},
	'PUT /customer/{id}': {
		prepare: async () => {
			const current = (await tx.call('GET', `/customer/${SEED.customer.fjordkaffe}`)).json.value;
			return { path: `/customer/${current.id}`, options: { body: { id: current.id, version: current.version, name: 'Fjordkaffe Bergen AS' } } };
		},
		landed: (_b, after) => expect(txCompany(after).Customer.find((c: Json) => c.id === SEED.customer.fjordkaffe).name).toBe('Fjordkaffe Bergen AS'),
	},
	'POST /event/subscription': {
		prepare: async () => ({ path: '/event/subscription', options: { body: { event: 'invoice.charged', targetUrl: 'https://n8n.example.com/webhook/x/webhook' } } }),
		landed: grew((s) => txCompany(s).Subscription),
	},
	'PUT /event/subscription/{id}': {
		prepare: async () => {
			const created = await tx.call('POST', '/event/subscription', { body: { event: 'invoice.charged', targetUrl: 'https://n8n.example.com/webhook/x/webhook' } });
			return { path: `/event/subscription/${created.json.value.id}`, options: { body: { status: 'DISABLED' } } };
		},
		landed: (_b, after) => expect(txCompany(after).Subscription[0].status).toBe('DISABLED'),
	},
	'DELETE /event/subscription/{id}': {
		prepare: async () => {
			const created = await tx.call('POST', '/event/subscription', { body: { event: 'invoice.charged', targetUrl: 'https://n8n.example.com/webhook/x/webhook' } });
			return { path: `/event/subscription/${created.json.value.id}` };
		},
		landed: grew((s) => txCompany(s).Subscription, -1),
	},
	'POST /product': {
		prepare: async () => ({ path: '/product', options: { body: { name: 'Kaffefilter', number: '1004', vatType: { id: SEED.vat[3] } } } }),
		landed: grew((s) => txCompany(s).Product),
	},
	'POST /order': {
		prepare: async () => ({
			path: '/order',
			options: { body: { customer: { id: SEED.customer.fjordkaffe }, orderDate: '2026-07-15', deliveryDate: '2026-07-15', isPrioritizeAmountsIncludingVat: true, orderLines: [{ product: { id: SEED.product.kaffe }, count: 1 }] } },
		}),
		landed: grew((s) => txCompany(s).Order),
	},
	'PUT /order/{id}/:invoice': {
		prepare: async () => ({ path: `/order/${await txOrder()}/:invoice?invoiceDate=2026-07-15` }),
		landed: grew((s) => txCompany(s).Invoice),
	},
	'PUT /invoice/{id}/:payment': {
		prepare: async () => {
			const invoice = await txInvoice();
			return { path: `/invoice/${invoice.id}/:payment?paymentDate=2026-07-20&paymentTypeId=${SEED.paymentType.klarna}&paidAmount=${invoice.amount}` };
		},
		landed: (_b, after) => expect(txCompany(after).Invoice[0].amountOutstanding).toBe(0),
	},
};

async function pcInvoice(overrides: Record<string, unknown> = {}): Promise<number> {
	const res = await pc.call('POST', '/invoices', { body: invoiceBody(overrides) });
	expect(res.status).toBe(200);
	return res.json.id;
}
const pcInvoiceStatus = (state: Json) => pcCompany(state).invoices.at(-1).status;

const procountorCases: Record<string, WriteCase> = {
	'POST /oauth/token': {
		prepare: async () => ({
			path: '/oauth/token',
			options: {
				auth: null,
				rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret', api_key: 'sandbox-api-key' }).toString(),
				contentType: 'application/x-www-form-urlencoded',
			},
		}),
		landed: grew((s) => s.tokens),
	},
	'POST /invoices': {
		prepare: async () => ({ path: '/invoices', options: { body: invoiceBody() } }),
		landed: grew((s) => pcCompany(s).invoices),
	},
	'PUT /invoices/{invoiceId}/approve': {
		prepare: async () => ({ path: `/invoices/${await pcInvoice()}/approve`, options: { body: { comment: 'ok' } } }),
		landed: (_b, after) => expect(pcInvoiceStatus(after)).toBe('NOT_SENT'),
	},
	'PUT /invoices/{invoiceId}/send': {
		prepare: async () => {
			const id = await pcInvoice();
			expect((await pc.call('PUT', `/invoices/${id}/approve`)).status).toBe(200);
			return { path: `/invoices/${id}/send` };
		},
		landed: (_b, after) => expect(pcInvoiceStatus(after)).toBe('SENT'),
	},
	'PUT /invoices/{invoiceId}/invalidate': {
		prepare: async () => {
			const id = await pcInvoice();
			expect((await pc.call('PUT', `/invoices/${id}/approve`)).status).toBe(200);
			return { path: `/invoices/${id}/invalidate` };
		},
		landed: (_b, after) => expect(pcInvoiceStatus(after)).toBe('INVALIDATED'),
	},
	'PUT /invoices/{invoiceId}/paymentevents/markpaid': {
		prepare: async () => {
			const id = await pcInvoice();
			expect((await pc.call('PUT', `/invoices/${id}/approve`)).status).toBe(200);
			return { path: `/invoices/${id}/paymentevents/markpaid`, options: { body: { paymentDate: '2026-10-10', amount: 10, currency: 'EUR' } } };
		},
		landed: (before, after) => {
			grew((s) => pcCompany(s).paymentEvents)(before, after);
			expect(pcInvoiceStatus(after)).toBe('PARTLY_PAID');
		},
	},
	'POST /attachments': {
		prepare: async () => {
			const id = await pcInvoice();
			const upload = multipart([
				{ name: 'meta', contentType: 'application/json', data: JSON.stringify({ name: 'tilaus.png', referenceType: 'INVOICE', referenceId: id, sendWithInvoice: true }) },
				{ name: 'file', filename: 'tilaus.png', contentType: 'image/png', data: PNG_1X1 },
			]);
			return { path: '/attachments', options: { rawBody: upload.body, contentType: upload.contentType } };
		},
		landed: grew((s) => pcCompany(s).attachments),
	},
	'DELETE /attachments/{attachmentId}': {
		prepare: async () => {
			const id = await pcInvoice();
			const upload = multipart([
				{ name: 'meta', contentType: 'application/json', data: JSON.stringify({ name: 'tilaus.png', referenceType: 'INVOICE', referenceId: id, sendWithInvoice: false }) },
				{ name: 'file', filename: 'tilaus.png', contentType: 'image/png', data: PNG_1X1 },
			]);
			const created = await pc.call('POST', '/attachments', { rawBody: upload.body, contentType: upload.contentType });
			expect(created.status).toBe(200);
			return { path: `/attachments/${created.json.id}` };
		},
		landed: grew((s) => pcCompany(s).attachments, -1),
	},
	'POST /businesspartners': {
		prepare: async () => ({
			path: '/businesspartners',
			options: {
				body: {
					name: 'Uusi Asiakas Oy',
					type: 'CUSTOMER',
					address: { name: 'Uusi Asiakas Oy', street: 'Esplanadi 2', zip: '00130', city: 'Helsinki', country: 'FINLAND' },
					paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
					invoicingInfo: { identifier: '1060155-5', identifierType: 'FI', email: 'uusi@example.fi', invoiceChannel: 'EMAIL' },
				},
			},
		}),
		landed: grew((s) => pcCompany(s).partners),
	},
	'PUT /businesspartners/{ids}': {
		prepare: async () => {
			const partner = pcCompany(await pc.control.state()).partners[0];
			return {
				path: `/businesspartners/${partner.id}`,
				options: { body: { name: 'Uusi Nimi Oy', type: 'CUSTOMER', address: { name: 'Uusi Nimi Oy' }, paymentInfo: { paymentMethod: 'BANK_TRANSFER' } } },
			};
		},
		landed: (_before, after) => expect(pcCompany(after).partners[0].name).toBe('Uusi Nimi Oy'),
	},
	// The sandbox's web store, which templates call back (served at /store, and under /api too).
	'POST /store/orders/{orderNumber}/paid': {
		prepare: async () => ({ path: '/store/orders/5001/paid', options: { body: { invoiceId: 1 } } }),
		landed: grew((s) => s.store.paidCalls),
	},
	'PUT /integrations/{requestId}': {
		prepare: async () => ({
			path: `/integrations/${PC.activationRequestId}`,
			options: { body: { approve: [PC.secondCompany], reject: [{ companyId: PC.company, reason: 'Already integrated' }] } },
		}),
		landed: (before, after) => expect(after.activations).not.toEqual(before.activations),
	},
};

const gatewayHeaders = (demo: boolean): Record<string, string> => (demo ? { 'x-gateway-secret': PS.gatewaySecret } : {});
const postiCreate = (version: 'v1' | 'v2', demo: boolean) => async () => {
	const auth = version === 'v1' ? PS.apiKey : demo ? await ps.login({ demo: true }) : ps.bearer;
	return {
		path: `${demo ? '/demo' : ''}${version === 'v1' ? V1_ORDER : V2_ORDER}`,
		options: { auth, body: orderBody(version), headers: gatewayHeaders(demo) },
	};
};
const postiToken = (demo: boolean) => async () => ({
	path: `${demo ? '/demo' : ''}/api/v1/token`,
	options: {
		auth: null,
		rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: PS.clientId, client_secret: PS.clientSecret }).toString(),
		contentType: 'application/x-www-form-urlencoded',
	},
});
const pickupSearch = (demo: boolean) => async () => ({
	path: `${demo ? '/demo' : ''}/2025-04/pickuppoints`,
	options: {
		auth: demo ? await ps.login({ demo: true }) : ps.bearer,
		body: { searchCriteria: { location: { postcode: '20100', countryCode: 'FI' } } },
		headers: gatewayHeaders(demo),
	},
});

const postiCases: Record<string, WriteCase> = {
	[`POST ${V1_ORDER}`]: { prepare: postiCreate('v1', false), landed: grew((s) => s.shipments) },
	[`POST ${V2_ORDER}`]: { prepare: postiCreate('v2', false), landed: grew((s) => s.shipments) },
	[`POST /demo${V1_ORDER}`]: { prepare: postiCreate('v1', true), landed: grew((s) => s.shipments) },
	[`POST /demo${V2_ORDER}`]: { prepare: postiCreate('v2', true), landed: grew((s) => s.shipments) },
	'POST /api/v1/token': { prepare: postiToken(false), landed: grew((s) => s.tokens) },
	'POST /demo/api/v1/token': { prepare: postiToken(true), landed: grew((s) => s.tokens) },
	// The Tracking API's service-account token (HTTP Basic).
	'POST /oauth/token': {
		prepare: async () => ({
			path: '/oauth/token?grant_type=client_credentials',
			options: { auth: `Basic ${Buffer.from('sandbox-tracking-account:sandbox-tracking-secret').toString('base64')}` },
		}),
		landed: grew((s) => s.tracking?.tokens),
	},
	// Searches sent as POST: processed (answered 200), nothing to store.
	'POST /2025-04/pickuppoints': { prepare: pickupSearch(false), landed: () => {}, readOnly: true },
	'POST /demo/2025-04/pickuppoints': { prepare: pickupSearch(true), landed: () => {}, readOnly: true },
};

const writeCases: Array<[Vendor['name'], Record<string, WriteCase>]> = [
	['tripletex', tripletexCases],
	['procountor', procountorCases],
	['posti', postiCases],
];

describe.each(writeCases)('dropAfterProcessing on every %s route that is not a GET', (name, cases) => {
	const vendor = vendors[name];

	it('every such route of the emulator has a case here', async () => {
		const res = await request(vendor.control().controlUrl);
		const { routes } = (await res.body.json()) as { routes: Array<{ method: string; template: string }> };
		const writes = routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.template}`);
		expect(writes.length).toBeGreaterThan(0);
		expect(Object.keys(cases).sort()).toEqual([...new Set(writes)].sort());
	});

	it.each(Object.keys(cases))('%s: processed (the write lands), the client sees a broken connection', async (route) => {
		const testCase = cases[route];
		await vendor.reset();
		const { path, options = {} } = await testCase.prepare();
		const control = vendor.control();
		const before = await control.state();
		const [method, template] = route.split(' ');
		const [fault] = await control.injectFault({ kind: 'dropAfterProcessing', method, path: template });
		await expect(vendor.send(method, path, options)).rejects.toThrow();
		const after = await control.state();
		if (testCase.readOnly) expect(after).toEqual(before);
		else expect(after).not.toEqual(before);
		testCase.landed(before, after);
		const entry = await entryOf(control, fault.id);
		expect(entry.outcome).toBe('dropped-after-processing');
		expect(entry.route).toBe(template);
		expect(entry.processedStatus).toBe(entry.status);
		expect(entry.processedStatus).toBeGreaterThanOrEqual(200);
		expect(entry.processedStatus).toBeLessThan(300);
	});
});

// --- the same webhook twice at the same moment ---------------------------------------------------------

describe('deliverWebhookConcurrently', () => {
	it('sends every copy at once: all of them are in flight before the first is answered', async () => {
		const copies = 3;
		const seen: Array<{ body: string; auth: string | undefined }> = [];
		const waiting: Array<() => void> = [];
		// Answers nobody until all copies have arrived: sequential delivery would never finish.
		const server = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString()));
			req.on('end', () => {
				seen.push({ body, auth: req.headers['x-store-token'] as string | undefined });
				waiting.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: seen.length })));
				if (waiting.length === copies) for (const answer of waiting) answer();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const answers = await deliverWebhookConcurrently(`http://127.0.0.1:${port}/webhook/store-order`, { orderNumber: '6001' }, {
				copies,
				headers: { 'x-store-token': 'demo' },
				timeoutMs: 5000,
			});
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
			expect(seen).toEqual(Array(copies).fill({ body: '{"orderNumber":"6001"}', auth: 'demo' }));
		} finally {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
