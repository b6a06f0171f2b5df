/**
 * The Procountor Trigger against the Procountor sandbox, over several polls, as n8n polls it
 * (test/harness createPoller: n8n-core's PollContext, static data kept between polls): invoices
 * are created, approved, sent, paid in parts and in full, and partners added and edited between
 * polls, and every event is reported exactly once. Every request the trigger sends and every
 * answer of the emulator is held to Procountor's API description.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Agent, request } from 'undici';

import { ProcountorApi } from '../../credentials/ProcountorApi.credentials';
import { ProcountorTrigger } from '../../nodes/Procountor/ProcountorTrigger.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { createProcountorToken, SandboxControl } from '../../sandbox/client';
import { CredentialStore, createPoller, type Poller } from '../harness';
import {
	answerContractViolations,
	recordProcountorRequests,
	requestContractViolations,
	stopRecording,
	type RecordedAnswer,
	type RecordedRequest,
} from '../contract/procountor-contract';

const CREDENTIAL_REF = { id: 'cred-procountor-sandbox', name: 'Procountor sandbox' };

let sandbox: Sandbox;
let control: SandboxControl;
let agent: Agent;
let token: string;
let sentRequests: RecordedRequest[] = [];
let answers: RecordedAnswer[] = [];
let stopObserving: (() => void) | undefined;

beforeAll(async () => {
	sandbox = await startSandbox({ procountor: { port: 0 } });
	agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
	control = new SandboxControl(sandbox.procountor.controlUrl, agent);
});

afterAll(async () => {
	await sandbox?.stop();
	await agent?.close();
});

beforeEach(async () => {
	await control.reset();
	// The books' owner works through another API client: Procountor counts its 20 requests per
	// second per client, so only the trigger's requests count against the trigger's client.
	await control.configure({
		clients: [
			{ clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' },
			{ clientId: 'owner-client', clientSecret: 'owner-secret' },
		],
		apiKeys: [
			{ apiKey: 'sandbox-api-key', clientId: 'sandbox-client-id', companyId: 2684459, userId: 51001 },
			{ apiKey: 'owner-api-key', clientId: 'owner-client', companyId: 2684459, userId: 51001 },
		],
	});
	token = (await createProcountorToken(sandbox.procountor.baseUrl, { clientId: 'owner-client', clientSecret: 'owner-secret', apiKey: 'owner-api-key', dispatcher: agent })).accessToken;
	sentRequests = recordProcountorRequests(sandbox.procountor.baseUrl);
	answers = [];
	stopObserving = sandbox.procountor.emulator.observe((req, res) => {
		answers.push({ method: req.method, url: `${req.path}?${req.query.toString()}`, status: res.status, contentType: 'application/json', body: res.body });
	});
});

afterEach(() => {
	stopRecording(sandbox.procountor.baseUrl);
	stopObserving?.();
	const violations = [...requestContractViolations(sentRequests), ...answerContractViolations(answers)];
	if (violations.length) throw new Error(`Requests or answers that contradict Procountor's API description:\n${[...new Set(violations)].join('\n')}`);
});

/** What the books' owner does in Procountor between polls (straight to the emulator). */
async function procountor(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const res = await request(`${sandbox.procountor.baseUrl}${path}`, {
		method: method as never,
		headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		dispatcher: agent,
	});
	const json = (await res.body.json()) as IDataObject;
	if (res.statusCode !== 200) throw new Error(`${method} ${path}: HTTP ${res.statusCode} ${JSON.stringify(json)}`);
	return json;
}

const invoiceBody = (order: string, price: number) => ({
	type: 'SALES_INVOICE',
	date: '2026-10-01',
	counterParty: { counterPartyAddress: { name: 'Kahvila Äijä Oy' }, email: 'laskut@kahvila-aija.example' },
	paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', bankAccount: { accountNumber: 'FI2799999900031563' }, dueDate: '2026-10-15', currencyRate: 1, bankReferenceCode: '' },
	extraInfo: { accountingByRow: false, unitPricesIncludeVat: true },
	discountPercent: 0,
	invoiceRows: [{ product: 'Kahvi', quantity: 1, unit: 'PIECE', unitPrice: price, discountPercent: 0, vatPercent: 14 }],
	vatStatus: 1,
	invoiceChannel: 'EMAIL',
	language: 'FINNISH',
	originalInvoiceNumber: order,
});

const pay = async (id: unknown, amount: number) => await procountor('PUT', `/invoices/${String(id)}/paymentevents/markpaid`, { paymentDate: '2026-10-05', amount, currency: 'EUR' });

async function trigger(parameters: INodeParameters, store: CredentialStore): Promise<Poller> {
	return await createPoller(
		{ nodes: [{ name: 'Procountor Trigger', type: 'n8n-nodes-nordic-commerce.procountorTrigger', parameters, credentials: { procountorApi: CREDENTIAL_REF } }], connections: {} },
		{ nodeTypes: [ProcountorTrigger], credentialTypes: [ProcountorApi], credentials: store },
	);
}

function credentials(): CredentialStore {
	return new CredentialStore({
		procountorApi: {
			...CREDENTIAL_REF,
			data: { environment: 'test', clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret', apiKey: 'sandbox-api-key', baseUrlOverride: sandbox.procountor.baseUrl },
		},
	});
}

test('over several polls, every invoice created, status change and payment is reported exactly once', async () => {
	const store = credentials();
	const created = await trigger({ event: 'invoiceCreated' }, store);
	const changed = await trigger({ event: 'invoiceStatusChanged' }, store);
	const paid = await trigger({ event: 'invoicePaid' }, store);
	const fullyPaid = await trigger({ event: 'invoicePaid', includePartlyPaid: false }, store);
	const all = [created, changed, paid, fullyPaid];

	// An invoice from before the trigger was activated is never reported.
	const old = await procountor('POST', '/invoices', invoiceBody('OLD-1', 10));
	for (const poller of all) expect((await poller.activate()).data).toBeNull();
	await procountor('PUT', `/invoices/${String(old.id)}/approve`);

	const a = await procountor('POST', '/invoices', invoiceBody('5001', 124));
	const b = await procountor('POST', '/invoices', invoiceBody('5002', 60));
	await procountor('PUT', `/invoices/${String(a.id)}/approve`);
	const summary = (items: IDataObject[]) => items.map((item) => `${String(item.originalInvoiceNumber)}:${item.previousStatus === undefined ? '' : `${String(item.previousStatus)}→`}${String(item.status)}`);
	const polled = async () => await Promise.all(all.map(async (poller) => summary((await poller.poll()).items)));

	// A new invoice is reported as it is when the poll sees it (5001 already approved); OLD-1's status was seen at activation.
	expect(await polled()).toEqual([['5001:NOT_SENT', '5002:UNFINISHED'], ['OLD-1:UNFINISHED→NOT_SENT', '5001:UNFINISHED→NOT_SENT'], [], []]);

	// A is partly paid; B is approved, sent and paid in full before the next poll: one change seen.
	await pay(a.id, 24);
	await procountor('PUT', `/invoices/${String(b.id)}/approve`);
	await procountor('PUT', `/invoices/${String(b.id)}/send`);
	await pay(b.id, 60);
	expect(await polled()).toEqual([[], ['5001:NOT_SENT→PARTLY_PAID', '5002:UNFINISHED→MARKED_PAID'], ['5001:PARTLY_PAID', '5002:MARKED_PAID'], ['5002:MARKED_PAID']]);

	// A's second payment settles it.
	await pay(a.id, 100);
	const [, statusItems, paidItems, fullItems] = await Promise.all(all.map(async (poller) => (await poller.poll()).items));
	expect(summary(statusItems)).toEqual(['5001:PARTLY_PAID→MARKED_PAID']);
	expect(paidItems).toEqual([expect.objectContaining({ originalInvoiceNumber: '5001', status: 'MARKED_PAID', event: 'invoicePaid' })]);
	expect((paidItems[0].paymentEvents as IDataObject[]).map((event) => event.amount).sort()).toEqual([100, 24]);
	expect((paidItems[0].newPaymentEvents as IDataObject[]).map((event) => event.amount)).toEqual([100]);
	expect(summary(fullItems)).toEqual(['5001:MARKED_PAID']);

	// Nothing new: nothing reported, by any of them, twice in a row.
	expect(await polled()).toEqual([[], [], [], []]);
	expect(await polled()).toEqual([[], [], [], []]);

	// The trigger's searches: by id, every page, the time filter in Procountor's wall clock.
	const searches = sentRequests.filter((r) => r.method === 'GET' && new URL(r.url).pathname.endsWith('/invoices')).map((r) => new URL(r.url).searchParams);
	// Four triggers, each activated and polled five times.
	expect(searches.length).toBe(4 * 6);
	for (const query of searches) {
		expect(query.get('orderById')).toBe('ASC');
		expect(query.get('size')).toBe('200');
		expect(query.get('types')).toBe('SALES_INVOICE');
		expect(query.get('createdStartDate') ?? query.get('versionStartDate')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
	}
});

test('business partners added and edited between polls are reported once per version', async () => {
	const store = credentials();
	const partners = await trigger({ event: 'businessPartnerChanged', partnerType: 'CUSTOMER' }, store);
	expect((await partners.activate()).data).toBeNull();
	const created = await procountor('POST', '/businesspartners', {
		name: 'Uusi Asiakas Oy',
		type: 'CUSTOMER',
		address: { name: 'Uusi Asiakas Oy', street: 'Esplanadi 2', zip: '00130', city: 'Helsinki', country: 'FINLAND' },
		paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
		invoicingInfo: { identifier: '1060155-5', identifierType: 'Y_TUNNUS', email: 'uusi@example.fi' },
	});
	const first = await partners.poll();
	expect(first.items).toEqual([expect.objectContaining({ event: 'businessPartnerChanged', id: created.id, name: 'Uusi Asiakas Oy', version: created.version })]);
	expect((await partners.poll()).data).toBeNull();
	await new Promise((resolve) => setTimeout(resolve, 5));
	const edited = await procountor('PUT', `/businesspartners/${String(created.id)}`, {
		name: 'Uusi Asiakas Oyj',
		type: 'CUSTOMER',
		address: { name: 'Uusi Asiakas Oyj' },
		paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
		invoicingInfo: { identifier: '1060155-5', identifierType: 'Y_TUNNUS', customerNumber: (created.invoicingInfo as IDataObject).customerNumber },
	});
	expect((await partners.poll()).items).toEqual([expect.objectContaining({ id: created.id, name: 'Uusi Asiakas Oyj', version: edited.version })]);
	expect((await partners.poll()).data).toBeNull();
	// The manual test run: the newest partner, the state left alone.
	const state = partners.staticData();
	expect((await partners.poll('manual')).items).toEqual([expect.objectContaining({ id: created.id })]);
	expect(partners.staticData()).toEqual(state);
});
