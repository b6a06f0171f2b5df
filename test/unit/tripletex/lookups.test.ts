/**
 * Lookups by reference are exact (the server's filter is never trusted), complete (every
 * page is read, with a loud stop at 50 pages) and report undone records (a reversed voucher,
 * a credited invoice) instead of counting them as existing. Each test uses its own
 * reference, so no test sees another's record.
 */
import type { IDataObject } from 'n8n-workflow';

import { V2, byId, listOf, mockTripletex, pendingRequests, runTripletex, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const ACCOUNTS = [
	{ id: 501, number: 1920, name: 'Bankinnskudd', ledgerType: 'GENERAL' },
	{ id: 502, number: 3000, name: 'Salgsinntekt, avgiftspliktig', ledgerType: 'GENERAL' },
];
const VAT_HIGH = { id: 3001, number: '3', name: 'Utgående mva, høy sats', percentage: 25 };
const VOUCHER_LOOKUP_FIELDS = '*,reverseVoucher(id,number,numberAsString,date)';
const LOOKUP = `${V2}/ledger/voucher/%3EexternalVoucherNumber`;

function voucherParameters(reference: string) {
	return {
		resource: 'voucher',
		operation: 'create',
		date: '2026-07-15',
		description: 'Web-store order',
		externalVoucherNumber: reference,
		postingsSource: 'fields',
		postings: {
			posting: [
				{ account: { __rl: true, mode: 'number', value: '1920' }, amount: 1250 },
				{ account: { __rl: true, mode: 'number', value: '3000' }, amount: -1250, vatCode: '3' },
			],
		},
	};
}

function mockVoucherSetUp(api: ReturnType<typeof mockTripletex>['api']): void {
	api
		.get(`${V2}/ledger/account`)
		.query(true)
		.reply(200, listOf(ACCOUNTS))
		.get(`${V2}/ledger/vatType`)
		.query(true)
		.reply(200, listOf([VAT_HIGH]));
}

/** `count` vouchers that are not the one looked for (other references, or none at all). */
function otherVouchers(count: number, firstId: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) =>
		i % 2 === 0 ? { id: firstId + i, externalVoucherNumber: `other-${firstId + i}` } : { id: firstId + i },
	);
}

describe('voucher lookup by External Voucher Number', () => {
	test('results without the reference (or with another) never match: the voucher is posted', async () => {
		const { api } = mockTripletex();
		mockVoucherSetUp(api);
		api
			.get(LOOKUP)
			.query({ externalVoucherNumber: 'lk-100', fields: VOUCHER_LOOKUP_FIELDS, from: '0', count: '1000' })
			.reply(200, listOf([{ id: 1 }, { id: 2, externalVoucherNumber: '' }, { id: 3, externalVoucherNumber: 'lk-1000' }, { id: 4, externalVoucherNumber: 'LK-100' }]));
		const post = api
			.post(`${V2}/ledger/voucher`, (body: IDataObject) => body.externalVoucherNumber === 'lk-100')
			.query({ sendToLedger: 'true' })
			.reply(201, { value: { id: 9100, externalVoucherNumber: 'lk-100' } });

		const result = await runTripletex(voucherParameters('lk-100'));

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(true);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9100, externalVoucherNumber: 'lk-100', alreadyExisted: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('a match on page 2 (after 1000 other vouchers) is found: nothing is posted', async () => {
		const { api } = mockTripletex();
		mockVoucherSetUp(api);
		api
			.get(LOOKUP)
			.query({ externalVoucherNumber: 'lk-200', fields: VOUCHER_LOOKUP_FIELDS, from: '0', count: '1000' })
			.reply(200, { fullResultSize: 1002, from: 0, count: 1000, values: otherVouchers(1000, 1) })
			.get(LOOKUP)
			.query({ externalVoucherNumber: 'lk-200', fields: VOUCHER_LOOKUP_FIELDS, from: '1000', count: '1000' })
			.reply(200, {
				fullResultSize: 1002,
				from: 1000,
				count: 2,
				values: [{ id: 5000 }, { id: 9200, externalVoucherNumber: 'lk-200', reverseVoucher: null }],
			});
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(voucherParameters('lk-200'));

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(false);
		expect(result.jsonOf('Tripletex')).toEqual([
			{ id: 9200, externalVoucherNumber: 'lk-200', reverseVoucher: null, alreadyExisted: true },
		]);
	});

	test('a short page is not the end while fullResultSize says more (a server that caps count)', async () => {
		const { api } = mockTripletex();
		mockVoucherSetUp(api);
		api
			.get(LOOKUP)
			.query({ externalVoucherNumber: 'lk-250', fields: VOUCHER_LOOKUP_FIELDS, from: '0', count: '1000' })
			.reply(200, { fullResultSize: 101, from: 0, count: 100, values: otherVouchers(100, 1) })
			.get(LOOKUP)
			.query({ externalVoucherNumber: 'lk-250', fields: VOUCHER_LOOKUP_FIELDS, from: '100', count: '1000' })
			.reply(200, { fullResultSize: 101, from: 100, count: 1, values: [{ id: 9250, externalVoucherNumber: 'lk-250' }] });
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(voucherParameters('lk-250'));

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(false);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9250, externalVoucherNumber: 'lk-250', alreadyExisted: true }]);
	});

	test('a reversed voucher with the reference fails the item: not posted again, not reported as existing', async () => {
		const { api } = mockTripletex();
		mockVoucherSetUp(api);
		api
			.get(LOOKUP)
			.query({ externalVoucherNumber: 'lk-300', fields: VOUCHER_LOOKUP_FIELDS, from: '0', count: '1000' })
			.reply(
				200,
				listOf([
					{
						id: 9300,
						number: 17,
						numberAsString: '17-2026',
						externalVoucherNumber: 'lk-300',
						reverseVoucher: { id: 9301, number: 18, numberAsString: '18-2026', date: '2026-07-20' },
					},
				]),
			);
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(voucherParameters('lk-300'), { settings: { onError: 'continueRegularOutput' } });

		expect(post.isDone()).toBe(false);
		const [item] = result.outputOf('Tripletex');
		expect(item.json.error).toBe(
			'Voucher 17-2026 (id 9300) with External Voucher Number "lk-300" was reversed (see voucher 18-2026 dated 2026-07-20); nothing was booked',
		);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('without continueOnFail the reversed match stops the node with the same message and advice', async () => {
		const { api } = mockTripletex();
		mockVoucherSetUp(api);
		api
			.get(LOOKUP)
			.query(true)
			.reply(200, listOf([{ id: 9400, number: 3, numberAsString: '3-2026', externalVoucherNumber: 'lk-400', reverseVoucher: { id: 9401 } }]));
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(voucherParameters('lk-400'));

		expect(post.isDone()).toBe(false);
		expect(result.error?.message).toBe(
			'Voucher 3-2026 (id 9400) with External Voucher Number "lk-400" was reversed (see voucher id 9401); nothing was booked',
		);
		expect((result.error as { description?: string }).description).toContain('give it a new External Voucher Number');
	});

	test('an active voucher wins over a reversed one with the same reference', async () => {
		const { api } = mockTripletex();
		mockVoucherSetUp(api);
		api
			.get(LOOKUP)
			.query(true)
			.reply(
				200,
				listOf([
					{ id: 9500, externalVoucherNumber: 'lk-500', reverseVoucher: { id: 9501 } },
					{ id: 9502, externalVoucherNumber: 'lk-500', reverseVoucher: null },
				]),
			);
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(voucherParameters('lk-500'));

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(false);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9502, externalVoucherNumber: 'lk-500', reverseVoucher: null, alreadyExisted: true }]);
	});

	test('a lookup that never ends stops after 50 pages with a clear error, and nothing is posted', async () => {
		const { api } = mockTripletex();
		mockVoucherSetUp(api);
		let pages = 0;
		api
			.get(LOOKUP)
			.query(true)
			.times(50)
			.reply(200, (uri) => {
				pages++;
				const from = Number(new URL(uri, 'http://x').searchParams.get('from'));
				return { fullResultSize: 1_000_000, from, count: 1000, values: otherVouchers(1000, from + 1) };
			});
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(voucherParameters('lk-600'));

		expect(pages).toBe(50);
		expect(post.isDone()).toBe(false);
		expect(result.error?.message).toBe(
			'Looking up vouchers with External Voucher Number "lk-600" read 50 pages (50000 records) without reaching the end',
		);
		expect((result.error as { description?: string }).description).toContain('nothing was written');
	});
});

describe('order lookups', () => {
	const ORDER_QUERY = { customerId: '501', orderDateFrom: '2026-07-15', orderDateTo: '2026-07-16' };

	test('order by reference: a match on page 2 (after 1000 orders of that customer and day) is found', async () => {
		const { api } = mockTripletex();
		const others = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, reference: i % 2 ? `web-${i}` : '' }));
		api
			.get(`${V2}/order`)
			.query({ ...ORDER_QUERY, from: '0', count: '1000' })
			.reply(200, { fullResultSize: 1001, from: 0, count: 1000, values: others })
			.get(`${V2}/order`)
			.query({ ...ORDER_QUERY, from: '1000', count: '1000' })
			.reply(200, { fullResultSize: 1001, from: 1000, count: 1, values: [{ id: 4100, reference: 'lk-order-1' }] });
		const post = api.post(`${V2}/order`).reply(201, {});

		const result = await runTripletex({
			resource: 'order',
			operation: 'create',
			customer: byId(501),
			orderDate: '2026-07-15',
			linesSource: 'json',
			linesJson: JSON.stringify([{ description: 'Bike', count: 1, unitPrice: 100 }]),
			reference: 'lk-order-1',
		});

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(false);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 4100, reference: 'lk-order-1', alreadyExisted: true }]);
	});

	test('invoice for an order: a match on page 2 is found; credit notes listing the order are not "the invoice"', async () => {
		const { api } = mockTripletex();
		const others = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, orders: [{ id: 1 }] }));
		api
			.get(`${V2}/order/7`)
			.query(true)
			.reply(200, { value: { id: 7, number: '107', isClosed: true, customer: { id: 501 } } })
			.get(`${V2}/invoice`)
			.query({ invoiceDateFrom: '2026-07-16', invoiceDateTo: '2026-07-17', customerId: '501', fields: '*,orders(id)', from: '0', count: '1000' })
			.reply(200, { fullResultSize: 1002, from: 0, count: 1000, values: others })
			.get(`${V2}/invoice`)
			.query({ invoiceDateFrom: '2026-07-16', invoiceDateTo: '2026-07-17', customerId: '501', fields: '*,orders(id)', from: '1000', count: '1000' })
			.reply(200, {
				fullResultSize: 1002,
				from: 1000,
				count: 2,
				values: [
					{ id: 8801, invoiceNumber: 10099, isCreditNote: true, creditedInvoice: 42, orders: [{ id: 7 }] },
					{ id: 8802, invoiceNumber: 10100, isCreditNote: false, isCredited: false, orders: [{ id: 7 }] },
				],
			});
		const invoice = api.put(`${V2}/order/7/:invoice`).query(true).reply(200, {});

		const result = await runTripletex({ resource: 'order', operation: 'invoice', orderId: '7', invoiceDate: '2026-07-16' });

		expect(result.error).toBeUndefined();
		expect(invoice.isDone()).toBe(false);
		expect(result.jsonOf('Tripletex')).toEqual([
			{ id: 8802, invoiceNumber: 10100, isCreditNote: false, isCredited: false, orders: [{ id: 7 }], alreadyExisted: true },
		]);
	});

	test('a credited invoice for the order fails the item: the order is not invoiced again, nor reported as invoiced', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/order/8`)
			.query(true)
			.reply(200, { value: { id: 8, number: '108', isClosed: true, customer: { id: 501 } } })
			.get(`${V2}/invoice`)
			.query({ invoiceDateFrom: '2026-07-16', invoiceDateTo: '2026-07-17', customerId: '501', fields: '*,orders(id)', from: '0', count: '1000' })
			.reply(
				200,
				listOf([
					{ id: 8901, invoiceNumber: 10200, isCreditNote: false, isCredited: true, orders: [{ id: 8 }] },
					{ id: 8902, invoiceNumber: 10201, invoiceDate: '2026-07-16', isCreditNote: true, creditedInvoice: 8901, orders: [{ id: 8 }] },
				]),
			);
		const invoice = api.put(`${V2}/order/8/:invoice`).query(true).reply(200, {});

		const result = await runTripletex(
			{ resource: 'order', operation: 'invoice', orderId: '8', invoiceDate: '2026-07-16' },
			{ settings: { onError: 'continueRegularOutput' } },
		);

		expect(invoice.isDone()).toBe(false);
		const [item] = result.outputOf('Tripletex');
		expect(item.json.error).toBe(
			'Order 108 was invoiced as invoice 10200 (id 8901), which was credited by credit note 10201 dated 2026-07-16; nothing was invoiced',
		);
	});
});

describe('customer and product lookups', () => {
	test('customer by email: every page read, emails compared trimmed and ignoring case', async () => {
		const { api } = mockTripletex();
		const others = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, email: i % 2 ? `x${i}@shop.no` : null }));
		api
			.get(`${V2}/customer`)
			.query({ email: 'lk@shop.no', from: '0', count: '1000' })
			.reply(200, { fullResultSize: 1001, from: 0, count: 1000, values: others })
			.get(`${V2}/customer`)
			.query({ email: 'lk@shop.no', from: '1000', count: '1000' })
			.reply(200, { fullResultSize: 1001, from: 1000, count: 1, values: [{ id: 7001, email: ' LK@Shop.no ' }] });
		const post = api.post(`${V2}/customer`).reply(201, {});

		const result = await runTripletex({ resource: 'customer', operation: 'findOrCreate', name: 'Lookup AS', email: 'lk@shop.no' });

		expect(result.error).toBeUndefined();
		expect(post.isDone()).toBe(false);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 7001, email: ' LK@Shop.no ', alreadyExisted: true, matchedBy: 'email' }]);
	});

	test('product by number: a result whose number differs (the filter is a list, not equality) does not match', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/product`)
			.query({ productNumber: 'LK-1', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 1, number: 'LK-10' }, { id: 2 }, { id: 3, number: 'lk-1' }]))
			.get(`${V2}/ledger/vatType`)
			.query(true)
			.reply(200, listOf([VAT_HIGH]));
		const post = api.post(`${V2}/product`).reply(201, { value: { id: 77, number: 'LK-1' } });

		const result = await runTripletex({
			resource: 'product',
			operation: 'create',
			name: 'Lookup',
			number: 'LK-1',
			price: 125,
			priceIncludesVat: true,
			vatCode: '3',
		});

		expect(post.isDone()).toBe(true);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 77, number: 'LK-1', alreadyExisted: false }]);
	});
});
