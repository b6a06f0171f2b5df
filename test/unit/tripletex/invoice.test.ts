import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { V2, listOf, mockTripletex, pendingRequests, runTripletex, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

describe('invoice: get and get many', () => {
	test('get by id, with order lines by default', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice/9001`)
			.query({ fields: '*,orderLines(*)' })
			.reply(200, { value: { id: 9001, invoiceNumber: 10042 } });

		const result = await runTripletex({ resource: 'invoice', operation: 'get', invoiceId: '9001' });

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([{ json: { id: 9001, invoiceNumber: 10042 }, pairedItem: { item: 0 } }]);
	});

	test("get many sends the inclusive range with Tripletex's exclusive end date, and the filters", async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice`)
			.query({
				invoiceDateFrom: '2026-07-01',
				invoiceDateTo: '2026-08-01',
				invoiceNumber: '10042',
				customerId: '501',
				kid: '0010042',
				from: '0',
				count: '10',
			})
			.reply(200, listOf([{ id: 9001 }]));

		const result = await runTripletex({
			resource: 'invoice',
			operation: 'getMany',
			invoiceDateFrom: '2026-07-01',
			invoiceDateTo: '2026-07-31',
			limit: 10,
			filters: { invoiceNumber: '10042', customerId: '501', kid: '0010042' },
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001 }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('get many across a year end', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice`)
			.query({ invoiceDateFrom: '2026-12-31', invoiceDateTo: '2027-01-01', from: '0', count: '1000' })
			.reply(200, listOf([]));

		const result = await runTripletex({
			resource: 'invoice',
			operation: 'getMany',
			invoiceDateFrom: '2026-12-31',
			invoiceDateTo: '2026-12-31',
			returnAll: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([]);
		expect(pendingRequests()).toEqual([]);
	});

	test('a reversed or missing date range is refused before any request', async () => {
		const reversed = await runTripletex({
			resource: 'invoice',
			operation: 'getMany',
			invoiceDateFrom: '2026-07-31',
			invoiceDateTo: '2026-07-01',
		});
		expect(reversed.error).toBeInstanceOf(NodeOperationError);
		expect(reversed.error?.message).toBe('Invoice Date To (2026-07-01) is before Invoice Date From (2026-07-31) in item 0');

		const missing = await runTripletex(
			{ resource: 'invoice', operation: 'getMany', invoiceDateFrom: '={{ $json.from }}', invoiceDateTo: '2026-07-01' },
			{ input: [{ from: 'last month' }] },
		);
		expect(missing.error?.message).toBe('Invoice Date From in item 0 is not a valid date: "last month" is not a date in a form the node accepts');
		expect(pendingRequests()).toEqual([]);
	});
});

describe('invoice: download PDF', () => {
	test('outputs the PDF as binary named after the invoice number', async () => {
		const pdf = Buffer.from('%PDF-1.7\n% invoice 10042\n%%EOF\n');
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice/9001`)
			.query({ fields: 'id,invoiceNumber' })
			.reply(200, { value: { id: 9001, invoiceNumber: 10042 } })
			.get(`${V2}/invoice/9001/pdf`)
			.reply(200, pdf, { 'Content-Type': 'application/pdf' });

		const result = await runTripletex(
			{ resource: 'invoice', operation: 'downloadPdf', invoiceId: '={{ $json.invoiceId }}', binaryPropertyName: 'invoice' },
			{ input: [{ invoiceId: 9001, order: 'store-6001' }] },
		);

		expect(result.error).toBeUndefined();
		const [item] = result.outputOf('Tripletex');
		expect(item.json).toEqual({ invoiceId: 9001, order: 'store-6001', invoiceNumber: 10042 });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.invoice).toMatchObject({ fileName: 'invoice-10042.pdf', mimeType: 'application/pdf' });
		expect(await result.binaryBuffer('Tripletex', 0, 'invoice')).toEqual(pdf);
		expect(pendingRequests()).toEqual([]);
	});

	test('falls back to the id when the invoice has no number yet', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice/9002`)
			.query({ fields: 'id,invoiceNumber' })
			.reply(200, { value: { id: 9002, invoiceNumber: 0 } })
			.get(`${V2}/invoice/9002/pdf`)
			.reply(200, Buffer.from('%PDF-1.7\n%%EOF\n'), { 'Content-Type': 'application/pdf' });

		const result = await runTripletex({ resource: 'invoice', operation: 'downloadPdf', invoiceId: '9002' });

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')[0].binary?.data.fileName).toBe('invoice-9002.pdf');
	});

	test('a missing invoice gives a NodeApiError with the Tripletex message', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice/404`)
			.query(true)
			.reply(404, { status: 404, code: 6000, message: 'Object not found', requestId: 'req-404' });

		const result = await runTripletex({ resource: 'invoice', operation: 'downloadPdf', invoiceId: '404' });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('Tripletex: Object not found (HTTP 404, code 6000)');
		expect(result.error?.description).toContain('req-404');
	});
});

describe('invoice: register payment', () => {
	test('sends date, payment type and amount (rounded once to øre) as query parameters', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice/9001`)
			.query({ fields: '*,postings(id,date,amount)' })
			.reply(200, { value: { id: 9001, amountOutstanding: 1249.99, postings: [{ id: 1, date: '2026-07-01', amount: 1249.99 }] } })
			.put(`${V2}/invoice/9001/:payment`)
			.query({ paymentDate: '2026-07-20', paymentTypeId: '4', paidAmount: '1249.99', paidAmountCurrency: '115.5' })
			.reply(200, { value: { id: 9001, amountOutstanding: 0 } });

		const result = await runTripletex({
			resource: 'invoice',
			operation: 'registerPayment',
			invoiceId: '9001',
			paymentDate: '2026-07-20',
			paymentTypeId: 4,
			paidAmount: 1249.985,
			options: { paidAmountCurrency: 115.5 },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([{ json: { id: 9001, amountOutstanding: 0, alreadyPaid: false }, pairedItem: { item: 0 } }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('after a lost answer the invoice\'s payment postings tell: the payment landed, it is not registered twice', async () => {
		const { api } = mockTripletex();
		const invoice = { id: 9001, amountOutstanding: 1000, postings: [{ id: 1, date: '2026-07-01', amount: 1000 }] };
		api
			.get(`${V2}/invoice/9001`)
			.query({ fields: '*,postings(id,date,amount)' })
			.reply(200, { value: invoice })
			.put(`${V2}/invoice/9001/:payment`)
			.query(true)
			.reply(502, 'Bad Gateway')
			.get(`${V2}/invoice/9001`)
			.query({ fields: '*,postings(id,date,amount)' })
			.reply(200, { value: { ...invoice, amountOutstanding: 600, postings: [...invoice.postings, { id: 2, date: '2026-07-20', amount: -400 }] } });
		const result = await runTripletex({ resource: 'invoice', operation: 'registerPayment', invoiceId: '9001', paymentDate: '2026-07-20', paymentTypeId: 4, paidAmount: 400 });
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001, amountOutstanding: 600, alreadyPaid: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('a partial payment already among the invoice\'s postings (same date and amount) is not registered again', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/invoice/9001`)
			.query({ fields: '*,postings(id,date,amount)' })
			.reply(200, { value: { id: 9001, amountOutstanding: 600, postings: [{ id: 1, date: '2026-07-01', amount: 1000 }, { id: 2, date: '2026-07-20', amount: -400 }] } });
		const result = await runTripletex({ resource: 'invoice', operation: 'registerPayment', invoiceId: '9001', paymentDate: '2026-07-20', paymentTypeId: 4, paidAmount: 400 });
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001, amountOutstanding: 600, alreadyPaid: true }]);
		expect(pendingRequests()).toEqual([]);
	});

	test.each([
		['a zero amount', { paidAmount: 0, paymentTypeId: 4 }, 'Invalid paidAmount in item 0: must be more than 0'],
		['no payment type', { paidAmount: 100, paymentTypeId: '={{ $json.none }}' }, 'Invalid paymentTypeId in item 0: is required'],
		['a payment type that is not an id', { paidAmount: 100, paymentTypeId: '={{ "Vipps" }}' }, 'Invalid paymentTypeId in item 0: must be a Tripletex ID'],
		['a text amount', { paidAmount: '={{ "a lot" }}', paymentTypeId: 4 }, 'Invalid paidAmount in item 0: "a lot" is not an amount'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		const result = await runTripletex({
			resource: 'invoice',
			operation: 'registerPayment',
			invoiceId: '9001',
			paymentDate: '2026-07-20',
			...parameters,
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('Nothing was sent');
		expect(pendingRequests()).toEqual([]);
	});
});
