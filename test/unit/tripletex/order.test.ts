import { NodeOperationError } from 'n8n-workflow';

import { V2, byId, listOf, mockTripletex, pendingRequests, runTripletex, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const VAT_HIGH = { id: 3001, number: '3', name: 'Utgående mva, høy sats', percentage: 25 };

describe('order: create', () => {
	test('lines from fields: product numbers and VAT codes resolved once, prices sent incl. VAT only', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/product`)
			.query({ productNumber: 'SKU-1', fields: 'id,number,name', from: '0', count: '1000' })
			.once()
			.reply(200, listOf([{ id: 10, number: 'SKU-10' }, { id: 77, number: 'SKU-1', name: 'City Bike' }]))
			.get(`${V2}/ledger/vatType`)
			.query({ number: '3', fields: 'id,number,name,percentage' })
			.once()
			.reply(200, listOf([VAT_HIGH]));
		for (const [orderNumber, orderId] of [['6001', 1], ['6002', 2]] as const) {
			api
				.get(`${V2}/order`)
				.query({ customerId: '501', orderDateFrom: '2026-07-15', orderDateTo: '2026-07-16', from: '0', count: '1000' })
				.reply(200, listOf([{ id: 99, reference: `store-${orderNumber}-old` }]))
				.post(`${V2}/order`, {
					customer: { id: 501 },
					orderDate: '2026-07-15',
					deliveryDate: '2026-07-15',
					isPrioritizeAmountsIncludingVat: true,
					reference: `store-${orderNumber}`,
					orderLines: [
						{ product: { id: 77 }, count: 2, unitPriceIncludingVatCurrency: 1250, discount: 10 },
						{ description: 'Shipping', count: 1, unitPriceIncludingVatCurrency: 99.5, vatType: { id: 3001 } },
						{ product: { id: 12 }, count: 1 },
					],
				})
				.reply(201, { value: { id: orderId, number: orderNumber } });
		}

		const result = await runTripletex(
			{
				resource: 'order',
				operation: 'create',
				customer: byId(501),
				orderDate: '2026-07-15',
				pricesIncludeVat: true,
				linesSource: 'fields',
				lines: {
					line: [
						{ productNumber: 'SKU-1', count: 2, unitPrice: '1250', discount: 10, vatCode: '', productId: '', description: '' },
						{ description: 'Shipping', count: 1, unitPrice: '99,50', vatCode: '3', discount: 0 },
						{ productId: '12', count: 1, unitPrice: '' },
					],
				},
				reference: '=store-{{ $json.number }}',
			},
			{ input: [{ number: '6001' }, { number: '6002' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([
			{ json: { id: 1, number: '6001', alreadyExisted: false }, pairedItem: { item: 0 } },
			{ json: { id: 2, number: '6002', alreadyExisted: false }, pairedItem: { item: 1 } },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('lines from JSON: prices excl. VAT when the flag is off; delivery date and employee kept', async () => {
		const { api } = mockTripletex();
		api
			.post(`${V2}/order`, {
				customer: { id: 501 },
				orderDate: '2026-07-15',
				deliveryDate: '2026-07-20',
				isPrioritizeAmountsIncludingVat: false,
				invoiceComment: 'Thanks!',
				ourContactEmployee: { id: 9 },
				orderLines: [{ description: 'Consulting', count: 1.5, unitPriceExcludingVatCurrency: 1000.01 }],
			})
			.reply(201, { value: { id: 3 } });

		const result = await runTripletex(
			{
				resource: 'order',
				operation: 'create',
				customer: byId(501),
				orderDate: '2026-07-15T10:00:00Z',
				deliveryDate: '2026-07-20',
				linesSource: 'json',
				linesJson: '={{ $json.lines }}',
				additionalFields: { invoiceComment: 'Thanks!', ourContactEmployeeId: '9' },
			},
			{ input: [{ lines: [{ description: 'Consulting', count: 1.5, unitPrice: '1000.005' }] }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 3, alreadyExisted: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('an order whose reference the customer already has on that date is returned, not created again', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/order`)
			.query({ customerId: '501', orderDateFrom: '2026-07-15', orderDateTo: '2026-07-16', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 41, reference: 'store-6001' }]));
		const post = api.post(`${V2}/order`).reply(201, {});

		const result = await runTripletex({
			resource: 'order',
			operation: 'create',
			customer: byId(501),
			orderDate: '2026-07-15',
			linesSource: 'json',
			linesJson: JSON.stringify([{ description: 'Bike', count: 1, unitPrice: 100 }]),
			reference: 'store-6001',
		});

		expect(result.jsonOf('Tripletex')).toEqual([{ id: 41, reference: 'store-6001', alreadyExisted: true }]);
		expect(post.isDone()).toBe(false);
	});

	test('an invalid line is refused before any request, naming the line, the field and the item', async () => {
		const result = await runTripletex({
			resource: 'order',
			operation: 'create',
			customer: byId(501),
			orderDate: '2026-07-15',
			linesSource: 'json',
			linesJson: JSON.stringify([
				{ productNumber: 'SKU-1', count: 1 },
				{ description: 'Gift card', count: 1, unitPrice: 100, discount: 150 },
			]),
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Invalid lines[1].discount in item 0: must be a percentage from 0 to 100');
		expect(result.error?.context.itemIndex).toBe(0);
		expect(pendingRequests()).toEqual([]);
	});

	test.each([
		['both product keys', [{ productId: 1, productNumber: 'SKU-1', count: 1 }], 'Invalid lines[0].productNumber in item 0: give either productId or productNumber, not both'],
		['no product, no description', [{ count: 1, unitPrice: 5 }], 'Invalid lines[0].description in item 0: is required on a line without a product'],
		['no product, no price', [{ description: 'Free text', count: 1 }], "Invalid lines[0].unitPrice in item 0: is required on a line without a product (a product line may use the product's price)"],
		['count 0', [{ productId: 1, count: 0 }], 'Invalid lines[0].count in item 0: must not be 0'],
		['unknown key', [{ productId: 1, price: 5 }], "Invalid lines[0] in item 0: Unrecognized key(s) in object: 'price'"],
		['no lines', [], 'Invalid lines in item 0: an order needs at least one line'],
		['not an array', { productId: 1 }, 'Invalid lines in item 0: must be an array of order lines'],
	])('refuses a line with %s before any request', async (_case, lines, message) => {
		const result = await runTripletex({
			resource: 'order',
			operation: 'create',
			customer: byId(501),
			orderDate: '2026-07-15',
			linesSource: 'json',
			linesJson: JSON.stringify(lines),
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(message);
		expect(pendingRequests()).toEqual([]);
	});

	test('lines JSON that does not parse, and a bad order date, are clear errors', async () => {
		const badJson = await runTripletex({
			resource: 'order',
			operation: 'create',
			customer: byId(501),
			orderDate: '2026-07-15',
			linesSource: 'json',
			linesJson: '[{ "count": 1, }',
		});
		expect(badJson.error?.message).toBe('Order Lines (JSON) in item 0 is not valid JSON');

		const badDate = await runTripletex({
			resource: 'order',
			operation: 'create',
			customer: byId(501),
			orderDate: 'tomorrow',
			linesSource: 'json',
			linesJson: '[{ "productId": 1 }]',
		});
		expect(badDate.error?.message).toBe('Order Date in item 0 is not a valid date: "tomorrow" is not a date in a form the node accepts');
		expect(pendingRequests()).toEqual([]);
	});

	test('an unknown product number is reported with the line and nothing is created', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/product`)
			.query({ productNumber: 'NOPE', fields: 'id,number,name', from: '0', count: '1000' })
			.reply(200, listOf([]));

		const result = await runTripletex({
			resource: 'order',
			operation: 'create',
			customer: byId(501),
			orderDate: '2026-07-15',
			linesSource: 'json',
			linesJson: '[{ "productNumber": "NOPE" }]',
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('No product has the number "NOPE" in Tripletex (line 1 of item 0)');
		expect(pendingRequests()).toEqual([]);
	});
});

describe('order: invoice', () => {
	test('invoices the order and registers the prepayment', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/order/1`)
			.query({ fields: 'id,number,isClosed,customer(id),orderDate,reference' })
			.reply(200, { value: { id: 1, isClosed: false, customer: { id: 501 } } })
			.put(`${V2}/order/1/:invoice`)
			.query({ invoiceDate: '2026-07-15', sendToCustomer: 'false', paymentTypeId: '4', paidAmount: '1349.5' })
			.reply(200, { value: { id: 9001, invoiceNumber: 10042, amount: 1349.5 } });

		const result = await runTripletex({
			resource: 'order',
			operation: 'invoice',
			orderId: '1',
			invoiceDate: '2026-07-15',
			paidAmount: 1349.5,
			paymentTypeId: 4,
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([
			{ json: { id: 9001, invoiceNumber: 10042, amount: 1349.5, alreadyExisted: false }, pairedItem: { item: 0 } },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('without a paid amount no payment is sent, and Send to Customer is passed through', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/order/2`)
			.query(true)
			.reply(200, { value: { id: 2, isClosed: false, customer: { id: 501 } } })
			.put(`${V2}/order/2/:invoice`)
			.query({ invoiceDate: '2026-07-16', sendToCustomer: 'true' })
			.reply(200, { value: { id: 9002 } });

		const result = await runTripletex({
			resource: 'order',
			operation: 'invoice',
			orderId: '2',
			invoiceDate: '2026-07-16',
			sendToCustomer: true,
			paymentTypeId: 4,
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9002, alreadyExisted: false }]);
	});

	test('an order already invoiced returns its invoice instead of invoicing twice', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/order/2`)
			.query(true)
			.reply(200, { value: { id: 2, isClosed: true, customer: { id: 501 } } })
			.get(`${V2}/invoice`)
			.query({ invoiceDateFrom: '2026-07-16', invoiceDateTo: '2026-07-17', customerId: '501', fields: '*,orders(id)', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 8000, orders: [{ id: 1 }] }, { id: 9002, orders: [{ id: 2 }] }]));
		const invoice = api.put(`${V2}/order/2/:invoice`).query(true).reply(200, {});

		const result = await runTripletex({ resource: 'order', operation: 'invoice', orderId: '2', invoiceDate: '2026-07-16' });

		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9002, orders: [{ id: 2 }], alreadyExisted: true }]);
		expect(invoice.isDone()).toBe(false);
	});

	test('a paid amount without a payment type is refused before any request', async () => {
		const result = await runTripletex({
			resource: 'order',
			operation: 'invoice',
			orderId: '1',
			invoiceDate: '2026-07-15',
			paidAmount: 100,
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Paid Amount is set in item 0 but Payment Type is not');
		expect(result.error?.description).toMatch(/choose a Payment Type/);
		expect(pendingRequests()).toEqual([]);
	});

	test('a missing invoice date is refused before any request', async () => {
		const result = await runTripletex(
			{ resource: 'order', operation: 'invoice', orderId: '1', invoiceDate: '={{ $json.paidAt }}' },
			{ input: [{ paidAt: '' }] },
		);

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Invoice Date in item 0 is missing');
	});
});
