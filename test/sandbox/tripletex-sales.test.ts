import { resetHarness, SEED, startTripletex, type TripletexHarness } from './helpers';

let h: TripletexHarness;

beforeAll(async () => {
	h = await startTripletex();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetHarness(h);
});

describe('customers', () => {
	it('creates a customer with the next customer number and an address', async () => {
		const res = await h.call('POST', '/customer', {
			body: {
				name: 'Ny Kunde AS',
				organizationNumber: '923640193',
				email: 'post@nykunde.example',
				postalAddress: { addressLine1: 'Gate 1', postalCode: '0150', city: 'Oslo' },
				isCustomer: false, // readOnly: accepted and ignored
			},
		});
		expect(res.status).toBe(201);
		expect(res.json.value).toMatchObject({ name: 'Ny Kunde AS', customerNumber: 100004, isCustomer: true, postalAddress: { id: expect.any(Number) } });
		const address = await h.call('GET', `/customer/${res.json.value.id}?fields=postalAddress(city)`);
		expect(address.json.value).toEqual({ postalAddress: { city: 'Oslo' } });
	});

	it('validates name, organisation number (mod 11) and e-mail', async () => {
		const res = await h.call('POST', '/customer', { body: { organizationNumber: '923640194', email: 'not-an-email' } });
		expect(res.status).toBe(422);
		expect(res.json.validationMessages.map((m: any) => m.field).sort()).toEqual(['email', 'name', 'organizationNumber']);
		const taken = await h.call('POST', '/customer', { body: { name: 'X', customerNumber: 100000 } });
		expect(taken.json.validationMessages[0].field).toBe('customerNumber');
	});

	it('searches by organisation number, e-mail, name fragment and customer number; inactive ones only on request', async () => {
		const byOrg = await h.call('GET', '/customer?organizationNumber=987654325');
		expect(byOrg.json.values.map((c: any) => c.id)).toEqual([SEED.customer.fjordkaffe]);
		const byName = await h.call('GET', '/customer?customerName=SYKKEL');
		expect(byName.json.values.map((c: any) => c.name)).toEqual(['Nordlys Sykkel AS']);
		const byEmail = await h.call('GET', '/customer?email=kari.nordmann@example.com');
		expect(byEmail.json.values).toHaveLength(1);
		const byNumber = await h.call('GET', '/customer?customerAccountNumber=100000,100002');
		expect(byNumber.json.values).toHaveLength(2);
		expect((await h.call('GET', '/customer')).json.values.some((c: any) => c.isInactive)).toBe(false);
		const inactive = await h.call('GET', '/customer?isInactive=true');
		expect(inactive.json.values.map((c: any) => c.id)).toEqual([SEED.customer.inactive]);
	});

	it('PUT checks the version (optimistic locking) and bumps it', async () => {
		const id = SEED.customer.fjordkaffe;
		const current = (await h.call('GET', `/customer/${id}`)).json.value;
		const stale = await h.call('PUT', `/customer/${id}`, { body: { id, version: current.version + 5, name: 'X' } });
		expect(stale.status).toBe(409);
		expect(stale.json).toMatchObject({ status: 409, code: 8000 });
		const ok = await h.call('PUT', `/customer/${id}`, { body: { id, version: current.version, name: 'Fjordkaffe Bergen AS' } });
		expect(ok.status).toBe(200);
		expect(ok.json.value).toMatchObject({ name: 'Fjordkaffe Bergen AS', version: current.version + 1, email: current.email });
		const again = await h.call('PUT', `/customer/${id}`, { body: { id, version: current.version, name: 'Y' } });
		expect(again.status).toBe(409);
	});
});

describe('products', () => {
	it('creates a product, deriving the missing price from the VAT rate', async () => {
		const res = await h.call('POST', '/product', {
			body: { name: 'Kaffefilter', number: '1004', priceIncludingVatCurrency: 49, vatType: { id: SEED.vat[3] } },
		});
		expect(res.status).toBe(201);
		expect(res.json.value).toMatchObject({ priceIncludingVatCurrency: 49, priceExcludingVatCurrency: 39.2, number: '1004' });
		expect((await h.call('GET', '/product?productNumber=1004')).json.values).toHaveLength(1);
		expect((await h.call('GET', '/product?name=kaffe')).json.values).toHaveLength(3);
	});

	it('needs a unique name and number and a known VAT type', async () => {
		const name = await h.call('POST', '/product', { body: { name: 'kaffekvern' } });
		expect(name.json.validationMessages[0].field).toBe('name');
		const number = await h.call('POST', '/product', { body: { name: 'Ny', number: '1001' } });
		expect(number.json.validationMessages[0]).toMatchObject({ field: 'number', message: 'Produktnummeret 1001 er i bruk.' });
		const vat = await h.call('POST', '/product', { body: { name: 'Ny', vatType: { id: 3 } } });
		expect(vat.json.validationMessages[0].field).toBe('vatType.id');
	});
});

const order = (lines: unknown[], extra: Record<string, unknown> = {}) => ({
	customer: { id: SEED.customer.fjordkaffe },
	orderDate: '2026-07-15',
	deliveryDate: '2026-07-15',
	isPrioritizeAmountsIncludingVat: true,
	orderLines: lines,
	...extra,
});

const webshopLines = [
	{ product: { id: SEED.product.kaffe }, count: 2 },
	{ description: 'Frakt', count: 1, unitPriceIncludingVatCurrency: 99, vatType: { id: SEED.vat[3] } },
];

describe('orders, invoices and payments', () => {
	it('refuses lines whose price does not match isPrioritizeAmountsIncludingVat, or that give both', async () => {
		const both = await h.call('POST', '/order', { body: order([{ description: 'x', count: 1, unitPriceIncludingVatCurrency: 10, unitPriceExcludingVatCurrency: 8 }]) });
		expect(both.status).toBe(422);
		expect(both.json.validationMessages[0].path).toBe('orderLines[0].unitPriceIncludingVatCurrency');
		const wrong = await h.call('POST', '/order', { body: order([{ description: 'x', count: 1, unitPriceExcludingVatCurrency: 8 }]) });
		expect(wrong.json.validationMessages[0].field).toBe('orderLines.unitPriceExcludingVatCurrency');
		const missing = await h.call('POST', '/order', { body: { customer: { id: 1 }, orderDate: '2026-07-15' } });
		expect(missing.json.validationMessages.map((m: any) => m.field).sort()).toEqual(['customer.id', 'deliveryDate']);
	});

	it('invoices an order: sequential number, due in 14 days, amounts in øre, a voucher, prepayment', async () => {
		const created = await h.call('POST', '/order', { body: order(webshopLines) });
		expect(created.status).toBe(201);
		const orderId = created.json.value.id;
		const lines = (await h.call('GET', `/order/${orderId}?fields=orderLines(amountIncludingVatCurrency,amountExcludingVatCurrency)`)).json.value.orderLines;
		expect(lines).toEqual([
			{ amountIncludingVatCurrency: 198, amountExcludingVatCurrency: 172.17 },
			{ amountIncludingVatCurrency: 99, amountExcludingVatCurrency: 79.2 },
		]);

		const res = await h.call(
			'PUT',
			`/order/${orderId}/:invoice?invoiceDate=2026-07-15&sendToCustomer=false&paymentTypeId=${SEED.paymentType.vipps}&paidAmount=100`,
		);
		expect(res.status).toBe(200);
		const invoice = res.json.value;
		expect(invoice).toMatchObject({
			invoiceNumber: 10001,
			invoiceDate: '2026-07-15',
			invoiceDueDate: '2026-07-29',
			amount: 297,
			amountExcludingVat: 251.37,
			amountOutstanding: 197,
			orders: [{ id: orderId, url: expect.any(String) }],
			customer: { id: SEED.customer.fjordkaffe },
		});

		const voucher = await h.call('GET', `/ledger/voucher/${invoice.voucher.id}?fields=voucherType(name),postings(row,account(number),amountGross,amount)`);
		expect(voucher.json.value.voucherType.name).toBe('Utgående faktura');
		expect(voucher.json.value.postings).toEqual([
			{ row: 1, account: { number: 1500 }, amountGross: 297, amount: 297 },
			{ row: 2, account: { number: 3000 }, amountGross: -198, amount: -172.17 },
			{ row: 3, account: { number: 3000 }, amountGross: -99, amount: -79.2 },
			{ row: 0, account: { number: 2701 }, amountGross: -25.83, amount: -25.83 },
			{ row: 0, account: { number: 2700 }, amountGross: -19.8, amount: -19.8 },
		]);

		const twice = await h.call('PUT', `/order/${orderId}/:invoice?invoiceDate=2026-07-16`);
		expect(twice.status).toBe(422);
		const next = (await h.call('POST', '/order', { body: order(webshopLines) })).json.value.id;
		expect((await h.call('PUT', `/order/${next}/:invoice?invoiceDate=2026-07-16`)).json.value.invoiceNumber).toBe(10002);
	});

	it('registers payments; overpayment leaves a negative outstanding amount', async () => {
		const orderId = (await h.call('POST', '/order', { body: order(webshopLines) })).json.value.id;
		const invoice = (await h.call('PUT', `/order/${orderId}/:invoice?invoiceDate=2026-07-15`)).json.value;
		expect(invoice.amountOutstanding).toBe(297);
		const pay = (amount: number, type = SEED.paymentType.bank) =>
			h.call('PUT', `/invoice/${invoice.id}/:payment?paymentDate=2026-07-20&paymentTypeId=${type}&paidAmount=${amount}`);
		expect((await pay(200)).json.value.amountOutstanding).toBe(97);
		expect((await pay(107)).json.value.amountOutstanding).toBe(-10);
		const unknownType = await pay(1, 12345);
		expect(unknownType.status).toBe(422);
		expect(unknownType.json.validationMessages[0].field).toBe('paymentTypeId');
		const missing = await h.call('PUT', `/invoice/${invoice.id}/:payment?paymentDate=2026-07-20&paidAmount=5`);
		expect(missing.status).toBe(422);
		expect(missing.json.validationMessages[0].field).toBe('paymentTypeId');
	});

	it('lists invoices by date range (required), customer and number; serves the PDF', async () => {
		const orderId = (await h.call('POST', '/order', { body: order(webshopLines) })).json.value.id;
		const invoice = (await h.call('PUT', `/order/${orderId}/:invoice?invoiceDate=2026-07-15`)).json.value;
		expect((await h.call('GET', '/invoice')).status).toBe(422);
		const range = '/invoice?invoiceDateFrom=2026-07-01&invoiceDateTo=2026-08-01';
		expect((await h.call('GET', `${range}&customerId=${SEED.customer.fjordkaffe}`)).json.values).toHaveLength(1);
		expect((await h.call('GET', `${range}&customerId=${SEED.customer.nordlys}`)).json.values).toHaveLength(0);
		expect((await h.call('GET', `${range}&invoiceNumber=10001`)).json.values[0].id).toBe(invoice.id);
		const pdf = await h.call('GET', `/invoice/${invoice.id}/pdf`);
		expect(pdf.headers['content-type']).toBe('application/pdf');
		expect(pdf.buffer.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.buffer.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
	});

	it('lists payment types', async () => {
		const all = await h.call('GET', '/invoice/paymentType');
		expect(all.json.values.map((t: any) => t.description)).toEqual(['Kontant', 'Betalt til bank', 'Vipps', 'Klarna']);
		expect((await h.call('GET', '/invoice/paymentType?query=klarna')).json.values[0].id).toBe(SEED.paymentType.klarna);
	});
});

describe('reference data', () => {
	it('finds accounts by number list and VAT types by number and type', async () => {
		const accounts = await h.call('GET', '/ledger/account?number=1920,3000,1500&fields=id,number,ledgerType,vatType(number)');
		expect(accounts.json.values).toEqual([
			{ id: SEED.account[1500], number: 1500, ledgerType: 'CUSTOMER', vatType: { number: '0' } },
			{ id: SEED.account[1920], number: 1920, ledgerType: 'GENERAL', vatType: { number: '0' } },
			{ id: SEED.account[3000], number: 3000, ledgerType: 'GENERAL', vatType: { number: '3' } },
		]);
		const vat = await h.call('GET', '/ledger/vatType?number=3,33');
		expect(vat.json.values.map((v: any) => [v.id, v.number, v.percentage])).toEqual([
			[SEED.vat[3], '3', 25],
			[SEED.vat[33], '33', 12],
		]);
		const incoming = await h.call('GET', '/ledger/vatType?typeOfVat=INCOMING');
		expect(incoming.json.values.map((v: any) => v.number)).toEqual(['1', '11']);
		const memorial = await h.call('GET', '/ledger/voucherType?name=memorial');
		expect(memorial.json.values[0].id).toBe(SEED.voucherType.memorial);
	});

	it('sorts with `sorting` and creates accounts with unique numbers', async () => {
		const sorted = await h.call('GET', '/ledger/account?sorting=-number&count=2&fields=number');
		expect(sorted.json.values).toEqual([{ number: 8150 }, { number: 8050 }]);
		const created = await h.call('POST', '/ledger/account', { body: { number: 1940, name: 'Vipps-konto', isBankAccount: true } });
		expect(created.status).toBe(201);
		expect((await h.call('GET', '/ledger/account?isBankAccount=true&fields=number')).json.values).toEqual([{ number: 1920 }, { number: 1940 }]);
		const duplicate = await h.call('POST', '/ledger/account', { body: { number: 1940, name: 'Igjen' } });
		expect(duplicate.json.validationMessages[0].field).toBe('number');
	});

	it('answers 304 when If-None-Match carries the current versionDigest', async () => {
		const first = await h.call('GET', '/ledger/vatType', { headers: { 'if-none-match': 'x' } });
		expect(first.status).toBe(200);
		const again = await h.call('GET', '/ledger/vatType', { headers: { 'if-none-match': first.json.versionDigest } });
		expect(again.status).toBe(304);
	});
});
