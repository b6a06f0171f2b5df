/**
 * Procountor Trigger, polled as n8n polls it (n8n-core's PollContext, the node's static data kept
 * between polls and saved when n8n saves it) against a nock'ed Procountor: the exact searches it
 * sends, what it reports, and that nothing is missed or reported twice across polls.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import nock from 'nock';

import { ProcountorApi } from '../../../credentials/ProcountorApi.credentials';
import { ProcountorTrigger } from '../../../nodes/Procountor/ProcountorTrigger.node';
import codex from '../../../nodes/Procountor/ProcountorTrigger.node.json';
import { CredentialStore, createPoller, type Poller } from '../../harness';
import { ACCESS_TOKEN, API, mockProcountor, pageOf, PROCOUNTOR_ORIGIN, procountorCredential, sentProcountorRequests, setUpNock, tearDownNock } from './helpers';

const NODE = 'Procountor Trigger';

/** n8n's clock when the workflow is activated: 2026-07-01 12:00:00 in Helsinki (EEST, +03:00), running on. */
const N8N_NOW = Date.parse('2026-07-01T09:00:00Z');
const realNow = Date.now.bind(Date);

/** The activation poll, with n8n's clock at N8N_NOW (only then does the trigger read it: watching starts from now). */
async function activate(poller: Poller) {
	const started = realNow();
	const clock = jest.spyOn(Date, 'now').mockImplementation(() => N8N_NOW + (realNow() - started));
	try {
		return await poller.activate();
	} finally {
		clock.mockRestore();
	}
}

beforeEach(setUpNock);
afterEach(tearDownNock);

async function trigger(parameters: INodeParameters): Promise<Poller> {
	return await createPoller(
		{
			nodes: [
				{
					name: NODE,
					type: 'n8n-nodes-nordic-commerce.procountorTrigger',
					parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
					credentials: { procountorApi: { id: procountorCredential.id, name: procountorCredential.name } },
				},
			],
			connections: {},
		},
		{ nodeTypes: [ProcountorTrigger], credentialTypes: [ProcountorApi], credentials: new CredentialStore({ procountorApi: procountorCredential }) },
	);
}

function invoice(id: number, fields: IDataObject = {}): IDataObject {
	return {
		id,
		partnerId: null,
		type: 'SALES_INVOICE',
		status: 'UNFINISHED',
		invoiceNumber: 1000 + id,
		originalInvoiceNumber: `WEB-${id}`,
		invoiceChannel: 'EMAIL',
		date: '2026-07-01',
		dueDate: '2026-07-15',
		created: '2026-06-20T10:00:00',
		version: '2026-06-20T10:00:00.000',
		counterParty: { counterPartyAddress: { name: `Asiakas ${id}` } },
		...fields,
	};
}

/** Answers one search (every query parameter checked) with `rows`. */
function search(path: string, query: Record<string, string>, rows: IDataObject[], api = nock(PROCOUNTOR_ORIGIN, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })): nock.Scope {
	return api.get(`${API}${path}`).query(query).reply(200, pageOf(rows, 0, 200));
}

const paidQuery = (versionStartDate: string, extra: Record<string, string> = {}) => ({
	types: 'SALES_INVOICE',
	status: 'PAID,MARKED_PAID,PARTLY_PAID',
	versionStartDate,
	orderById: 'ASC',
	size: '200',
	...extra,
});
const versionQuery = (versionStartDate: string, extra: Record<string, string> = {}) => ({ types: 'SALES_INVOICE', versionStartDate, orderById: 'ASC', size: '200', ...extra });

function paymentEvents(invoiceId: number, events: IDataObject[]): nock.Scope {
	return search(`/invoices/${invoiceId}/paymentevents`, { orderById: 'ASC', size: '200' }, events);
}

const payment = (id: number, invoiceId: number, amount: number) => ({ id, invoiceId, type: 'BANKTRANSFERELSEWHERE', paymentDate: '2026-07-01', status: 'MARKED_PAID', amount, currency: 'EUR', paidAmount: amount, paidCurrency: 'EUR' });

function searches(): string[] {
	return sentProcountorRequests()
		.filter((request) => request.method === 'GET')
		.map((request) => {
			const url = new URL(request.url);
			return `${url.pathname.replace(/^\/api/, '')}?${[...url.searchParams].map(([k, v]) => `${k}=${v}`).join('&')}`;
		});
}

describe('Procountor Trigger description', () => {
	test('a polling trigger with the four events, the Procountor credential and its codex', () => {
		const { description } = new ProcountorTrigger();
		expect(description).toMatchObject({ name: 'procountorTrigger', polling: true, group: ['trigger'], inputs: [], credentials: [{ name: 'procountorApi', required: true }, { name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' }] });
		const event = description.properties.find((property) => property.name === 'event');
		expect((event?.options as Array<{ value: string }>).map((option) => option.value)).toEqual(['businessPartnerChanged', 'invoicePaid', 'invoiceStatusChanged', 'invoiceCreated']);
		const statuses = description.properties.find((property) => property.name === 'statuses');
		// Every status of the facts file's enum.
		expect((statuses?.options as unknown[]).length).toBe(20);
		expect(codex).toMatchObject({ node: 'n8n-nodes-nordic-commerce.procountorTrigger', categories: ['Finance & Accounting'] });
	});
});

describe('Invoice Paid', () => {
	test('the first poll starts from now: what is already paid is remembered, not reported; later payments are, once, with their payment events', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoicePaid' });
		// Activation at 12:00:00 Helsinki: the window starts 5 minutes earlier, in Procountor's wall clock.
		search('/invoices', paidQuery('2026-07-01T11:55:00'), [invoice(7, { status: 'PAID', version: '2026-07-01T11:58:00.100' })], api);
		paymentEvents(7, [payment(70, 7, 124)]);
		const first = await activate(poller);
		expect(first.data).toBeNull();
		// The cursor stays at "now" (n8n's clock) until Procountor writes a later time; invoice 7 is remembered.
		expect(poller.savedStaticData().watch).toMatchObject({ cursor: expect.stringMatching(/^2026-07-01T12:00:00\.\d{3}$/), seen: { '7@2026-07-01T11:58:00.100': '2026-07-01T11:58:00.100' } });

		// Invoice 8 paid in full, invoice 9 partly; 7 again unchanged.
		search('/invoices', paidQuery('2026-07-01T11:55:00'), [
			invoice(7, { status: 'PAID', version: '2026-07-01T11:58:00.100' }),
			invoice(8, { status: 'MARKED_PAID', version: '2026-07-01T12:01:00.500' }),
			invoice(9, { status: 'PARTLY_PAID', version: '2026-07-01T12:01:30.000' }),
		]);
		paymentEvents(8, [payment(80, 8, 99.5)]);
		paymentEvents(9, [payment(90, 9, 10)]);
		const second = await poller.poll();
		expect(second.items).toEqual([
			expect.objectContaining({ event: 'invoicePaid', id: 8, status: 'MARKED_PAID', originalInvoiceNumber: 'WEB-8', paymentEvents: [payment(80, 8, 99.5)], newPaymentEvents: [payment(80, 8, 99.5)] }),
			expect.objectContaining({ event: 'invoicePaid', id: 9, status: 'PARTLY_PAID', paymentEvents: [payment(90, 9, 10)], newPaymentEvents: [payment(90, 9, 10)] }),
		]);

		// Invoice 9's second payment settles it; invoice 8 changes again without a payment (a comment): not a payment.
		search('/invoices', paidQuery('2026-07-01T11:56:30'), [
			invoice(8, { status: 'MARKED_PAID', version: '2026-07-01T12:03:00.000' }),
			invoice(9, { status: 'MARKED_PAID', version: '2026-07-01T12:02:00.000' }),
		]);
		paymentEvents(8, [payment(80, 8, 99.5)]);
		paymentEvents(9, [payment(90, 9, 10), payment(91, 9, 114)]);
		const third = await poller.poll();
		expect(third.items).toEqual([expect.objectContaining({ id: 9, status: 'MARKED_PAID', paymentEvents: [payment(90, 9, 10), payment(91, 9, 114)], newPaymentEvents: [payment(91, 9, 114)] })]);

		expect(searches()).toEqual([
			'/invoices?types=SALES_INVOICE&status=PAID,MARKED_PAID,PARTLY_PAID&versionStartDate=2026-07-01T11:55:00&orderById=ASC&size=200',
			'/invoices/7/paymentevents?orderById=ASC&size=200',
			'/invoices?types=SALES_INVOICE&status=PAID,MARKED_PAID,PARTLY_PAID&versionStartDate=2026-07-01T11:55:00&orderById=ASC&size=200',
			'/invoices/8/paymentevents?orderById=ASC&size=200',
			'/invoices/9/paymentevents?orderById=ASC&size=200',
			'/invoices?types=SALES_INVOICE&status=PAID,MARKED_PAID,PARTLY_PAID&versionStartDate=2026-07-01T11:56:30&orderById=ASC&size=200',
			// Oldest change first.
			'/invoices/9/paymentevents?orderById=ASC&size=200',
			'/invoices/8/paymentevents?orderById=ASC&size=200',
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('Include Partly Paid off: only PAID and MARKED_PAID are searched', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoicePaid', includePartlyPaid: false });
		search('/invoices', { ...paidQuery('2026-07-01T11:55:00'), status: 'PAID,MARKED_PAID' }, [], api);
		expect((await activate(poller)).data).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a failing poll reports nothing and moves nothing: the next poll reports what it missed', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoicePaid' });
		search('/invoices', paidQuery('2026-07-01T11:55:00'), [], api);
		await activate(poller);
		const before = poller.staticData();

		// The search succeeds, the payment events of the second invoice fail (403: not retried).
		const rows = [invoice(8, { status: 'PAID', version: '2026-07-01T12:01:00.000' }), invoice(9, { status: 'PAID', version: '2026-07-01T12:01:01.000' })];
		search('/invoices', paidQuery('2026-07-01T11:55:00'), rows);
		paymentEvents(8, [payment(80, 8, 5)]);
		nock(PROCOUNTOR_ORIGIN).get(`${API}/invoices/9/paymentevents`).query(true).reply(403, { errors: [{ status: 403, field: null, message: 'Access denied' }] });
		await expect(poller.poll()).rejects.toThrow(/Access denied/);
		expect(poller.staticData()).toEqual(before);
		expect(poller.savedStaticData()).toEqual(before);

		search('/invoices', paidQuery('2026-07-01T11:55:00'), rows);
		paymentEvents(8, [payment(80, 8, 5)]);
		paymentEvents(9, [payment(90, 9, 5)]);
		expect((await poller.poll()).items.map((item) => item.id)).toEqual([8, 9]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a manual test run shows the newest paid invoice with its payments and leaves the state alone', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoicePaid' });
		search('/invoices', paidQuery('2026-07-01T11:55:00'), [], api);
		await activate(poller);
		const state = poller.staticData();
		search('/invoices', { types: 'SALES_INVOICE', status: 'PAID,MARKED_PAID,PARTLY_PAID', orderByVersion: 'DESC', size: '1' }, [invoice(3, { status: 'PAID', version: '2026-05-01T08:00:00.000' })]);
		paymentEvents(3, [payment(30, 3, 50)]);
		const sample = await poller.poll('manual');
		expect(sample.items).toEqual([expect.objectContaining({ event: 'invoicePaid', id: 3, status: 'PAID', paymentEvents: [payment(30, 3, 50)] })]);
		expect(poller.staticData()).toEqual(state);

		// Nothing paid yet: no sample, no error.
		search('/invoices', { types: 'SALES_INVOICE', status: 'PAID,MARKED_PAID,PARTLY_PAID', orderByVersion: 'DESC', size: '1' }, []);
		expect((await poller.poll('manual')).data).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('the window: boundaries, pages, restarts', () => {
	test('records sharing the boundary time, or saved late with an earlier time, are reported once', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoiceCreated' });
		const query = (createdStartDate: string) => ({ types: 'SALES_INVOICE', createdStartDate, orderById: 'ASC', size: '200' });
		search('/invoices', query('2026-07-01T11:55:00'), [], api);
		await activate(poller);

		search('/invoices', query('2026-07-01T11:55:00'), [invoice(10, { created: '2026-07-01T12:01:00' })]);
		expect((await poller.poll()).items.map((item) => item.id)).toEqual([10]);
		// Invoice 11 has the same second as 10; invoice 12 was committed late, with a time before 10's.
		search('/invoices', query('2026-07-01T11:56:00'), [
			invoice(12, { created: '2026-07-01T12:00:30' }),
			invoice(10, { created: '2026-07-01T12:01:00' }),
			invoice(11, { created: '2026-07-01T12:01:00' }),
		]);
		expect((await poller.poll()).items.map((item) => item.id)).toEqual([12, 11]);
		search('/invoices', query('2026-07-01T11:56:00'), [
			invoice(12, { created: '2026-07-01T12:00:30' }),
			invoice(10, { created: '2026-07-01T12:01:00' }),
			invoice(11, { created: '2026-07-01T12:01:00' }),
		]);
		expect((await poller.poll()).data).toBeNull();
		expect(poller.staticData().watch).toMatchObject({ cursor: '2026-07-01T12:01:00.000' });
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('every page is read, by id (previousId), and each record reported once', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoiceCreated' });
		const query = { types: 'SALES_INVOICE', createdStartDate: '2026-07-01T11:55:00', orderById: 'ASC', size: '200' };
		search('/invoices', query, [], api);
		await activate(poller);
		const firstPage = Array.from({ length: 200 }, (_, index) => invoice(100 + index, { created: '2026-07-01T12:00:01' }));
		search('/invoices', query, firstPage);
		search('/invoices', { ...query, previousId: '299' }, [invoice(300, { created: '2026-07-01T12:00:02' }), invoice(301, { created: '2026-07-01T12:00:02' })]);
		const outcome = await poller.poll();
		expect(outcome.items.map((item) => item.id)).toEqual(Array.from({ length: 202 }, (_, index) => 100 + index));
		expect(Object.keys((poller.staticData().watch as IDataObject).seen as IDataObject)).toHaveLength(202);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('n8n restarting: the saved state resumes; nothing reported before is reported again, nothing in between is missed', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoiceCreated' });
		const query = (createdStartDate: string) => ({ types: 'SALES_INVOICE', createdStartDate, orderById: 'ASC', size: '200' });
		search('/invoices', query('2026-07-01T11:55:00'), [], api);
		await activate(poller);
		search('/invoices', query('2026-07-01T11:55:00'), [invoice(10, { created: '2026-07-01T12:01:00' })]);
		expect((await poller.poll()).items.map((item) => item.id)).toEqual([10]);
		// n8n restarts; invoice 11 was created while it was down.
		search('/invoices', query('2026-07-01T11:56:00'), [invoice(10, { created: '2026-07-01T12:01:00' }), invoice(11, { created: '2026-07-01T12:30:00' })]);
		expect((await poller.restart()).items.map((item) => item.id)).toEqual([11]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('Look-Back (Minutes) sets the window; a value out of range is refused before any request', async () => {
		mockProcountor();
		const poller = await trigger({ event: 'invoiceCreated', options: { lookBackMinutes: 0 } });
		await expect(poller.activate()).rejects.toThrow('Look-Back (Minutes) must be a number from 1 to 1440, not 0');
		expect(sentProcountorRequests()).toEqual([]);
		nock.cleanAll();

		const { api } = mockProcountor();
		const wide = await trigger({ event: 'invoiceCreated', options: { lookBackMinutes: 60 } });
		search('/invoices', { types: 'SALES_INVOICE', createdStartDate: '2026-07-01T11:00:00', orderById: 'ASC', size: '200' }, [], api);
		await activate(wide);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Invoice Status Changed', () => {
	test('one item per change seen, with the previous status; two changes between polls are one item; other edits none', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoiceStatusChanged' });
		search('/invoices', versionQuery('2026-07-01T11:55:00'), [invoice(20, { status: 'NOT_SENT', version: '2026-07-01T11:59:00.000' })], api);
		await activate(poller);

		// 20 went NOT_SENT → SENT → PAID between polls; 21 (created since) was approved; 22 (old, unknown) was sent.
		search('/invoices', versionQuery('2026-07-01T11:55:00'), [
			invoice(20, { status: 'PAID', version: '2026-07-01T12:02:00.000' }),
			invoice(21, { status: 'NOT_SENT', created: '2026-07-01T12:01:00', version: '2026-07-01T12:01:30.000' }),
			invoice(22, { status: 'SENT', version: '2026-07-01T12:01:40.000' }),
			invoice(23, { status: 'UNFINISHED', created: '2026-07-01T12:01:50', version: '2026-07-01T12:01:50.000' }),
		]);
		const changed = await poller.poll();
		expect(changed.items.map(({ id, previousStatus, status }) => ({ id, previousStatus, status }))).toEqual([
			{ id: 21, previousStatus: 'UNFINISHED', status: 'NOT_SENT' },
			{ id: 22, previousStatus: null, status: 'SENT' },
			{ id: 20, previousStatus: 'NOT_SENT', status: 'PAID' },
		]);
		// 23 edited while UNFINISHED: a new version, the same status: nothing.
		search('/invoices', versionQuery('2026-07-01T11:57:00'), [invoice(23, { status: 'UNFINISHED', created: '2026-07-01T12:01:50', version: '2026-07-01T12:03:00.000' })]);
		expect((await poller.poll()).data).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('Only These Statuses: other changes are followed (the previous status stays right) but not reported', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoiceStatusChanged', statuses: ['PAID', 'MARKED_PAID'] });
		search('/invoices', versionQuery('2026-07-01T11:55:00'), [], api);
		await activate(poller);
		search('/invoices', versionQuery('2026-07-01T11:55:00'), [invoice(30, { status: 'SENT', created: '2026-07-01T12:00:10', version: '2026-07-01T12:01:00.000' })]);
		expect((await poller.poll()).data).toBeNull();
		search('/invoices', versionQuery('2026-07-01T11:56:00'), [invoice(30, { status: 'MARKED_PAID', created: '2026-07-01T12:00:10', version: '2026-07-01T12:02:00.000' })]);
		expect((await poller.poll()).items).toEqual([expect.objectContaining({ id: 30, previousStatus: 'SENT', status: 'MARKED_PAID', event: 'invoiceStatusChanged' })]);
		// The sample of a test run honours the filter (on Procountor's side).
		search('/invoices', { types: 'SALES_INVOICE', orderByVersion: 'DESC', status: 'PAID,MARKED_PAID', size: '1' }, [invoice(30, { status: 'MARKED_PAID' })]);
		expect((await poller.poll('manual')).items).toEqual([expect.objectContaining({ id: 30, previousStatus: null })]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('another event starts watching over, from now', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'invoiceStatusChanged' });
		search('/invoices', versionQuery('2026-07-01T11:55:00'), [], api);
		await activate(poller);
		expect(poller.staticData().watch).toMatchObject({ scope: 'invoiceStatusChanged' });
		const other = await createPoller(
			{
				nodes: [{ name: NODE, type: 'n8n-nodes-nordic-commerce.procountorTrigger', parameters: { event: 'invoiceCreated' }, credentials: { procountorApi: { id: procountorCredential.id, name: procountorCredential.name } } }],
				connections: {},
				staticData: { [`node:${NODE}`]: poller.savedStaticData() },
			},
			{ nodeTypes: [ProcountorTrigger], credentialTypes: [ProcountorApi], credentials: poller.credentialStore },
		);
		// The created search, from now, and nothing reported although an invoice is there.
		search('/invoices', { types: 'SALES_INVOICE', createdStartDate: '2026-07-01T11:55:00', orderById: 'ASC', size: '200' }, [invoice(40, { created: '2026-07-01T11:59:00' })]);
		expect((await activate(other)).data).toBeNull();
		expect(other.staticData().watch).toMatchObject({ scope: 'invoiceCreated' });
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Business Partner Created or Changed', () => {
	test('searches by version (and type), reports each new version once; a test run shows the newest partner', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'businessPartnerChanged', partnerType: 'CUSTOMER' });
		const query = (versionStartDate: string) => ({ type: 'CUSTOMER', versionStartDate, orderById: 'ASC', size: '200' });
		const partner = (id: number, version: string) => ({ id, type: 'CUSTOMER', name: `Asiakas ${id}`, version });
		search('/businesspartners', query('2026-07-01T11:55:00'), [partner(1, '2026-07-01T11:57:00.000')], api);
		await activate(poller);
		search('/businesspartners', query('2026-07-01T11:55:00'), [partner(1, '2026-07-01T12:01:00.000'), partner(2, '2026-07-01T12:01:00.000')]);
		expect((await poller.poll()).items).toEqual([
			{ event: 'businessPartnerChanged', ...partner(1, '2026-07-01T12:01:00.000') },
			{ event: 'businessPartnerChanged', ...partner(2, '2026-07-01T12:01:00.000') },
		]);
		search('/businesspartners', query('2026-07-01T11:56:00'), [partner(1, '2026-07-01T12:01:00.000'), partner(2, '2026-07-01T12:01:00.000')]);
		expect((await poller.poll()).data).toBeNull();
		search('/businesspartners', { type: 'CUSTOMER', orderById: 'DESC', size: '1' }, [partner(2, '2026-07-01T12:01:00.000')]);
		expect((await poller.poll('manual')).items).toEqual([{ event: 'businessPartnerChanged', ...partner(2, '2026-07-01T12:01:00.000') }]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a result older than the window (a server that ignored the time filter) is not a change', async () => {
		const { api } = mockProcountor();
		const poller = await trigger({ event: 'businessPartnerChanged' });
		const query = (versionStartDate: string) => ({ versionStartDate, orderById: 'ASC', size: '200' });
		search('/businesspartners', query('2026-07-01T11:55:00'), [], api);
		await activate(poller);
		search('/businesspartners', query('2026-07-01T11:55:00'), [{ id: 5, name: 'Vanha', version: '2025-01-01T00:00:00' }, { id: 6, name: 'Uusi', version: '2026-07-01T12:00:30' }]);
		expect((await poller.poll()).items.map((item) => item.id)).toEqual([6]);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
