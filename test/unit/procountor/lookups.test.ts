/**
 * Procountor lookups by reference are exact (a search result without the original invoice
 * number, or with another, never matches), complete (page 0, 1, … of 200) and report an
 * invalidated invoice instead of counting it as existing. Each test uses its own order number.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { API, PROCOUNTOR_ORIGIN, VAT_DEFAULTS, mockProcountor, pageOf, pendingRequests, runProcountor, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const BUSINESS_ID = '1234567-1';

function order(number: string): IDataObject {
	return {
		number,
		company: 'Kahvila Oy',
		businessId: BUSINESS_ID,
		email: 'osto@kahvila.fi',
		street: 'Mannerheimintie 1',
		zip: '00100',
		city: 'Helsinki',
		rows: [{ product: 'Coffee cup', quantity: 2, unitPrice: 12.5, vatPercent: 25.5 }],
	};
}

const CREATE: INodeParameters = {
	resource: 'invoice',
	operation: 'create',
	customerName: '={{ $json.company }}',
	customer: { businessId: '={{ $json.businessId }}', email: '={{ $json.email }}' },
	billingAddress: { street: '={{ $json.street }}', zip: '={{ $json.zip }}', city: '={{ $json.city }}', country: 'FI' },
	invoiceDate: '2026-07-15',
	reference: '={{ $json.number }}',
	customerRegister: 'linkOrCreate',
	rowsSource: 'json',
	rowsJson: '={{ $json.rows }}',
	bankAccount: 'FI2112345600000785',
};

/** `count` sales invoices that are not the one looked for: no original invoice number, or another. */
function otherInvoices(count: number, firstId: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) =>
		i % 2 === 0 ? { id: firstId + i, status: 'SENT' } : { id: firstId + i, status: 'SENT', originalInvoiceNumber: `x-${firstId + i}` },
	);
}

function searchQuery(reference: string, page: number) {
	return { types: 'SALES_INVOICE', originalInvoiceNumber: reference, size: '200', page: String(page) };
}

describe('invoice lookup by original invoice number', () => {
	test('search results without originalInvoiceNumber (or with another) never match: the invoice is created', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/vats/default`)
			.reply(200, VAT_DEFAULTS)
			.get(`${API}/invoices`)
			.query(searchQuery('lk-1', 0))
			.reply(200, pageOf([{ id: 11, status: 'SENT' }, { id: 12, status: 'SENT', originalInvoiceNumber: null }, { id: 13, originalInvoiceNumber: 'lk-10' }, { id: 14, originalInvoiceNumber: 'LK-1' }], 0, 200));
		nock(PROCOUNTOR_ORIGIN, { reqheaders: { identifier: BUSINESS_ID } })
			.get(`${API}/businesspartners`)
			.query({ type: 'CUSTOMER', size: '200', page: '0' })
			.reply(200, pageOf([{ id: 501, name: 'Kahvila Oy', invoicingInfo: { identifier: BUSINESS_ID } }], 0, 200));
		const post = api
			.post(`${API}/invoices`, (body: IDataObject) => body.originalInvoiceNumber === 'lk-1' && body.partnerId === 501)
			.reply(200, { id: 9101, status: 'UNFINISHED' });

		const result = await runProcountor(CREATE, { input: [order('lk-1')] });

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(true);
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 9101, status: 'UNFINISHED', alreadyExisted: false, businessPartner: { id: 501, matchedBy: 'businessId', created: false } },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('a match on page 1 (after 200 other results) is found and returned in full; nothing is created', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/vats/default`)
			.reply(200, VAT_DEFAULTS)
			.get(`${API}/invoices`)
			.query(searchQuery('lk-2', 0))
			.reply(200, { results: otherInvoices(200, 1), meta: { pageNumber: 0, pageSize: 200, resultCount: 200, totalCount: 201 } })
			.get(`${API}/invoices`)
			.query(searchQuery('lk-2', 1))
			.reply(200, { results: [{ id: 9102, status: 'SENT', originalInvoiceNumber: 'lk-2' }], meta: { pageNumber: 1, pageSize: 200, resultCount: 1, totalCount: 201 } })
			.get(`${API}/invoices/9102`)
			.reply(200, { id: 9102, status: 'SENT', originalInvoiceNumber: 'lk-2', invoiceNumber: 33 });
		const post = api.post(`${API}/invoices`).reply(200, {});

		const result = await runProcountor(CREATE, { input: [order('lk-2')] });

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(false);
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 9102, status: 'SENT', originalInvoiceNumber: 'lk-2', invoiceNumber: 33, alreadyExisted: true, businessPartner: null },
		]);
		expect(pendingRequests()).toEqual([`POST ${PROCOUNTOR_ORIGIN}:443${API}/invoices`]);
	});

	test('an INVALIDATED invoice with the number fails the item: not created again, not reported as existing', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/vats/default`)
			.reply(200, VAT_DEFAULTS)
			.get(`${API}/invoices`)
			.query(searchQuery('lk-3', 0))
			.reply(200, pageOf([{ id: 9103, invoiceNumber: 44, status: 'INVALIDATED', originalInvoiceNumber: 'lk-3' }], 0, 200));
		const post = api.post(`${API}/invoices`).reply(200, {});

		const result = await runProcountor(CREATE, { input: [order('lk-3')], settings: { onError: 'continueRegularOutput' } });

		expect(post.isDone()).toBe(false);
		const [item] = result.outputOf('Procountor');
		expect(item.json.error).toBe('Invoice 44 (id 9103) with original invoice number "lk-3" is INVALIDATED in Procountor; nothing was created');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(pendingRequests()).toEqual([`POST ${PROCOUNTOR_ORIGIN}:443${API}/invoices`]);
	});

	test('a standing invoice wins over an invalidated one with the same number', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/vats/default`)
			.reply(200, VAT_DEFAULTS)
			.get(`${API}/invoices`)
			.query(searchQuery('lk-4', 0))
			.reply(
				200,
				pageOf(
					[
						{ id: 9104, status: 'INVALIDATED', originalInvoiceNumber: 'lk-4' },
						{ id: 9105, status: 'NOT_SENT', originalInvoiceNumber: 'lk-4' },
					],
					0,
					200,
				),
			)
			.get(`${API}/invoices/9105`)
			.reply(200, { id: 9105, status: 'NOT_SENT', originalInvoiceNumber: 'lk-4' });

		const result = await runProcountor(CREATE, { input: [order('lk-4')] });

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 9105, status: 'NOT_SENT', originalInvoiceNumber: 'lk-4', alreadyExisted: true, businessPartner: null },
		]);
	});
});

describe('business partner lookups', () => {
	test('find or create: a partner on page 1 (after 200 results) with the customer number is found; rows without it never match', async () => {
		const { api } = mockProcountor();
		const others = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, invoicingInfo: i % 2 ? { customerNumber: `C-${i}` } : {} }));
		api
			.get(`${API}/businesspartners`)
			.query({ type: 'CUSTOMER', customerNumber: 'LK-C', size: '200', page: '0' })
			.reply(200, pageOf(others, 0, 200))
			.get(`${API}/businesspartners`)
			.query({ type: 'CUSTOMER', customerNumber: 'LK-C', size: '200', page: '1' })
			.reply(200, pageOf([{ id: 777, name: 'Kahvila Oy', invoicingInfo: { customerNumber: 'LK-C' } }], 1, 200));
		const post = api.post(`${API}/businesspartners`).reply(200, {});

		const result = await runProcountor({ resource: 'businessPartner', operation: 'findOrCreate', name: 'Kahvila Oy', customerNumber: 'LK-C' });

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(false);
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 777, name: 'Kahvila Oy', invoicingInfo: { customerNumber: 'LK-C' }, alreadyExisted: true, matchedBy: 'customerNumber' },
		]);
	});
});
