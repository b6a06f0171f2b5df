import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import nock from 'nock';

import {
	API,
	PROCOUNTOR_ORIGIN,
	VAT_DEFAULTS,
	expectNoSecrets,
	mockProcountor,
	pageOf,
	pendingRequests,
	runProcountor,
	setUpNock,
	tearDownNock,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const IBAN = 'FI2112345600000785';
const BUSINESS_ID = '1234567-1';

/** A web-store order as it arrives from the shop. */
const ORDER = {
	number: '1001',
	company: 'Kahvila Oy',
	businessId: '1234567-1',
	email: 'osto@kahvila.fi',
	street: 'Mannerheimintie 1',
	zip: '00100',
	city: 'Helsinki',
	rows: [
		{ product: 'Coffee cup', productCode: 'CUP-1', quantity: 2, unitPrice: 12.5, vatPercent: 25.5, total: 25 },
		{ product: 'Shipping', quantity: 1, unitPrice: '5,90', vatPercent: 25.5 },
	],
	total: '30.90',
};

/** Node parameters that map the order (expressions as a user writes them). */
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
	bankAccount: IBAN,
	additionalFields: { orderTotal: '={{ $json.total }}' },
};

const ADDRESS = { name: 'Kahvila Oy', street: 'Mannerheimintie 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' };

/** The body Procountor must receive for ORDER (partnerId added per test). */
const EXPECTED_INVOICE = {
	type: 'SALES_INVOICE',
	date: '2026-07-15',
	counterParty: { counterPartyAddress: ADDRESS, identifier: BUSINESS_ID, email: 'osto@kahvila.fi' },
	billingAddress: ADDRESS,
	paymentInfo: {
		paymentMethod: 'BANK_TRANSFER',
		currency: 'EUR',
		dueDate: '2026-07-29',
		currencyRate: 1,
		bankAccount: { accountNumber: IBAN },
		bankReferenceCode: '',
	},
	extraInfo: { accountingByRow: false, unitPricesIncludeVat: true },
	discountPercent: 0,
	invoiceRows: [
		{ product: 'Coffee cup', productCode: 'CUP-1', quantity: 2, unit: 'PIECE', unitPrice: 12.5, discountPercent: 0, vatPercent: 25.5 },
		{ product: 'Shipping', quantity: 1, unit: 'PIECE', unitPrice: 5.9, discountPercent: 0, vatPercent: 25.5 },
	],
	vatStatus: 1,
	invoiceChannel: 'EMAIL',
	language: 'FINNISH',
	originalInvoiceNumber: '1001',
	orderReference: '1001',
};

function expectLookups(api: nock.Scope, partners: IDataObject[], existing: IDataObject[] = []): void {
	api
		.get(`${API}/vats/default`)
		.reply(200, VAT_DEFAULTS)
		.get(`${API}/invoices`)
		.query({ types: 'SALES_INVOICE', originalInvoiceNumber: '1001', size: '200', page: '0' })
		.reply(200, pageOf(existing));
	nock(PROCOUNTOR_ORIGIN, { reqheaders: { identifier: BUSINESS_ID } })
		.get(`${API}/businesspartners`)
		.query({ type: 'CUSTOMER', size: '200', page: '0' })
		.reply(200, pageOf(partners));
}

describe('invoice: create', () => {
	test('an order with an email: customer matched by business ID, channel EMAIL, exact body', async () => {
		const { api } = mockProcountor();
		expectLookups(api, [{ id: 77, name: 'Kahvila', invoicingInfo: { identifier: '1234567-12' } }, { id: 501, name: 'Kahvila Oy', invoicingInfo: { identifier: BUSINESS_ID } }]);
		api.post(`${API}/invoices`, { ...EXPECTED_INVOICE, partnerId: 501 }).reply(200, { id: 9001, invoiceNumber: 17, status: 'UNFINISHED' });

		const result = await runProcountor(CREATE, { input: [ORDER] });

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Procountor')).toEqual([
			{
				json: {
					id: 9001,
					invoiceNumber: 17,
					status: 'UNFINISHED',
					alreadyExisted: false,
					businessPartner: { id: 501, matchedBy: 'businessId', created: false },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result);
	});

	test('an unknown customer is created in the register first, then linked', async () => {
		const { api } = mockProcountor();
		expectLookups(api, []);
		api
			.post(`${API}/businesspartners`, {
				type: 'CUSTOMER',
				name: 'Kahvila Oy',
				address: ADDRESS,
				paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
				invoicingInfo: { identifier: BUSINESS_ID, identifierType: 'FI', email: 'osto@kahvila.fi', invoiceChannel: 'EMAIL', language: 'FINNISH' },
			})
			.reply(200, { id: 602, name: 'Kahvila Oy' })
			.post(`${API}/invoices`, { ...EXPECTED_INVOICE, partnerId: 602 })
			.reply(200, { id: 9002 });

		const result = await runProcountor(CREATE, { input: [ORDER] });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9002, alreadyExisted: false, businessPartner: { id: 602, matchedBy: null, created: true } }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('the same order again returns the existing invoice and creates nothing', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/vats/default`)
			.reply(200, VAT_DEFAULTS)
			.get(`${API}/invoices`)
			.query(true)
			.reply(200, pageOf([{ id: 9001, originalInvoiceNumber: '1001' }]))
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'UNFINISHED', originalInvoiceNumber: '1001' });

		const result = await runProcountor(CREATE, { input: [ORDER] });
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 9001, status: 'UNFINISHED', originalInvoiceNumber: '1001', alreadyExisted: true, businessPartner: null },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('the same order twice in one batch (Concurrency 2) creates one invoice', async () => {
		const { api } = mockProcountor();
		expectLookups(api, [{ id: 501, name: 'Kahvila Oy', invoicingInfo: { identifier: BUSINESS_ID } }]);
		api.post(`${API}/invoices`).once().reply(200, { id: 9001 });
		// The second item waits for the first (one lock per order number), then looks up: Procountor's
		// search does not show the new invoice yet, and the ledger of this node's writes answers.
		api
			.get(`${API}/invoices`)
			.query({ types: 'SALES_INVOICE', originalInvoiceNumber: '1001', size: '200', page: '0' })
			.reply(200, pageOf([]));
		const result = await runProcountor({ ...CREATE, options: { concurrency: 2 } }, { input: [ORDER, ORDER] });
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 9001, alreadyExisted: false, businessPartner: { id: 501, matchedBy: 'businessId', created: false } },
			{ id: 9001, alreadyExisted: true, businessPartner: { id: 501, matchedBy: 'businessId', created: false } },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('register data, fixed channel, due date, excl. VAT, product matched by exact code, default bank account', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/vats/default`)
			.reply(200, VAT_DEFAULTS)
			.get(`${API}/businesspartners`)
			.query({ type: 'CUSTOMER', customerNumber: 'C-1', size: '200', page: '0' })
			.reply(200, pageOf([{ id: 700, name: 'Old name', invoicingInfo: { customerNumber: 'C-1' } }]))
			.get(`${API}/businesspartners/700`)
			.reply(200, {
				id: 700,
				name: 'Register Oy',
				address: { street: 'Registerikatu 2', zip: '33100', city: 'Tampere', country: 'FINLAND' },
				invoicingInfo: { customerNumber: 'C-1', identifier: '7654321-2', email: 'laskut@register.fi' },
			})
			.get(`${API}/products`)
			.query({ code: 'CUP', size: '200', page: '0' })
			.reply(200, pageOf([{ id: 11, code: 'CUP-1', name: 'Cup large' }, { id: 12, code: 'CUP', name: 'Coffee cup', vat: 25.5 }]))
			.get(`${API}/bankaccounts`)
			.reply(200, [{ id: 1, accountNumber: 'FI49 5000 9420 0287 30', name: 'Main' }])
			.post(`${API}/invoices`, {
				type: 'SALES_INVOICE',
				partnerId: 700,
				date: '2026-07-15',
				counterParty: {
					counterPartyAddress: { name: 'Register Oy', street: 'Registerikatu 2', zip: '33100', city: 'Tampere', country: 'FINLAND' },
					identifier: '7654321-2',
					customerNumber: 'C-1',
					email: 'laskut@register.fi',
				},
				billingAddress: { name: 'Register Oy', street: 'Registerikatu 2', zip: '33100', city: 'Tampere', country: 'FINLAND' },
				paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', dueDate: '2026-08-01', currencyRate: 1, bankAccount: { accountNumber: 'FI4950009420028730' } },
				extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
				discountPercent: 0,
				invoiceRows: [{ productId: 12, product: 'Coffee cup', productCode: 'CUP', quantity: 3, unit: 'PIECE', unitPrice: 10, discountPercent: 10, vatPercent: 25.5, comment: 'Gift wrap' }],
				vatStatus: 1,
				invoiceChannel: 'MAIL',
				language: 'ENGLISH',
				notes: 'Web order',
			})
			.reply(200, { id: 9003 });

		const result = await runProcountor({
			resource: 'invoice',
			operation: 'create',
			customerName: 'Shop name for the order',
			customer: { customerNumber: 'C-1' },
			invoiceDate: '2026-07-15',
			dueDate: '2026-08-01',
			customerRegister: 'link',
			dataSource: 'register',
			invoiceChannel: 'MAIL',
			pricesIncludeVat: false,
			rowsSource: 'fields',
			rows: { row: [{ productCode: 'CUP', quantity: 3, unitPrice: '10', discountPercent: 10, vatPercent: '', comment: 'Gift wrap', unit: 'PIECE' }] },
			additionalFields: { language: 'ENGLISH', notes: 'Web order', generateBankReference: false },
			options: { matchProducts: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9003, alreadyExisted: false, businessPartner: { id: 700, matchedBy: 'customerNumber', created: false } }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('Procountor field errors are mapped and carry no secret', async () => {
		const { api } = mockProcountor();
		expectLookups(api, [{ id: 501, invoicingInfo: { identifier: BUSINESS_ID } }]);
		api.post(`${API}/invoices`).reply(400, {
			errors: [
				{ status: 400, field: 'invoiceRows[0].vatPercent', message: 'VAT_PERCENT_NOT_ACTIVE' },
				{ status: 400, field: 'date', message: 'CLOSED_FISCAL_PERIOD' },
			],
		});
		const result = await runProcountor(CREATE, { input: [ORDER] });
		expect(result.error?.message).toBe('Procountor: invoiceRows[0].vatPercent: VAT_PERCENT_NOT_ACTIVE (HTTP 400)');
		const description = (result.error as { description?: string }).description ?? '';
		expect(description).toContain('• date: CLOSED_FISCAL_PERIOD');
		expect(description).toContain('closed fiscal period');
		expectNoSecrets(result);
	});
});

describe('invoice: create refuses bad data before sending anything', () => {
	async function expectRefused(parameters: INodeParameters, input: IDataObject, message: string | RegExp) {
		// No interceptors: any request, even the token exchange, would fail the test differently.
		const result = await runProcountor(parameters, { input: [input] });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(message);
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result);
		return result;
	}

	test('a bad business ID (check digit)', async () => {
		await expectRefused(CREATE, { ...ORDER, businessId: '1234567-8' }, /customer\.businessId in item 0: "1234567-8" is not a valid Finnish business ID/);
	});

	test('an emoji in a row text, named by field (reject mode, the default)', async () => {
		const result = await expectRefused(
			CREATE,
			{ ...ORDER, rows: [{ ...ORDER.rows[0], product: 'Coffee cup ☕' }, ORDER.rows[1]] },
			'invoiceRows[0].product in item 0 has characters Procountor cannot store: "☕" (U+2615)',
		);
		expect((result.error as { description?: string }).description).toContain('Windows-1252');
	});

	test('an invalid IBAN', async () => {
		await expectRefused({ ...CREATE, bankAccount: 'FI2112345600000786' }, ORDER, /bankAccount in item 0: "FI2112345600000786" is not a valid IBAN/);
	});

	test('mail without a postal address', async () => {
		await expectRefused(
			{ ...CREATE, invoiceChannel: 'MAIL', billingAddress: { city: 'Helsinki' } },
			ORDER,
			'billingAddress in item 0 needs street, postcode and city to send the invoice by mail (invoice channel MAIL)',
		);
	});

	test('e-invoice without the operator', async () => {
		await expectRefused(
			{ ...CREATE, customer: { einvoiceAddress: '003712345671' } },
			ORDER,
			'counterParty.einvoiceAddress.operator in item 0 is required for an e-invoice to a Finnish address (invoice channel ELECTRONIC_INVOICE)',
		);
	});

	test('email channel without an email', async () => {
		await expectRefused({ ...CREATE, invoiceChannel: 'EMAIL', customer: {} }, ORDER, 'counterParty.email in item 0 is required to send the invoice by email');
	});

	test('a row total that does not match quantity × price', async () => {
		await expectRefused(CREATE, { ...ORDER, rows: [{ ...ORDER.rows[0], total: 24.5 }, ORDER.rows[1]] }, 'rows[0].total in item 0: is 24.50 but quantity × unit price − discount is 25.00');
	});

	test('an order total that does not match the rows', async () => {
		await expectRefused(CREATE, { ...ORDER, total: '31.90' }, 'orderTotal in item 0: is 31.90 but the rows add up to 30.90 incl. VAT');
	});

	test('a row without a price', async () => {
		await expectRefused(CREATE, { ...ORDER, rows: [{ product: 'Cup', quantity: 1, vatPercent: 25.5 }] }, 'rows[0].unitPrice in item 0: is required');
	});

	test('a VAT rate Procountor does not offer (checked against /vats/default, no invoice sent)', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/vats/default`).reply(200, VAT_DEFAULTS);
		const result = await runProcountor(CREATE, { input: [{ ...ORDER, total: undefined, rows: [{ ...ORDER.rows[0], vatPercent: 24 }] }] });
		expect(result.error?.message).toBe('Invalid rows[0].vatPercent in item 0: 24 % is not a VAT rate Procountor offers in FINLAND (25.5, 14, 10, 0)');
		expect(pendingRequests()).toEqual([]);
	});

	test.each([
		['FINLAND', 25, '25 % is not a VAT rate Procountor offers in FINLAND (25.5, 14, 10, 0)'],
		['SWEDEN', 25.5, '25.5 % is not a VAT rate Procountor offers in SWEDEN (25, 12, 6, 0)'],
	])('with several VAT countries, only the rates of the company’s country (%s, from GET /company) count', async (country, vatPercent, message) => {
		const { api } = mockProcountor();
		const rates = (list: number[]) => list.map((percent) => ({ vatPercent: percent, sales: true, purchase: true }));
		api
			.get(`${API}/vats/default`)
			.reply(200, {
				...VAT_DEFAULTS,
				vatInformation: [
					{ country: 'FINLAND', percentages: rates([25.5, 14, 10, 0]) },
					{ country: 'SWEDEN', percentages: rates([25, 12, 6, 0]) },
				],
			})
			.get(`${API}/company`)
			.reply(200, { id: 1, name: 'Kahvila Oy', country });
		const result = await runProcountor(CREATE, { input: [{ ...ORDER, total: undefined, rows: [{ ...ORDER.rows[0], vatPercent }] }] });
		expect(result.error?.message).toBe(`Invalid rows[0].vatPercent in item 0: ${message}`);
		expect(pendingRequests()).toEqual([]);
	});
});

describe('invoice: create with Windows-1252 replacement', () => {
	test('emoji dropped, foreign accents stripped, other letters as "?"; partner created with the cleaned name', async () => {
		const { api } = mockProcountor();
		expectLookups(api, []);
		let partnerBody: IDataObject = {};
		let invoiceBody: IDataObject = {};
		api
			.post(`${API}/businesspartners`, (body: IDataObject) => {
				partnerBody = body;
				return true;
			})
			.reply(200, { id: 603 })
			.post(`${API}/invoices`, (body: IDataObject) => {
				invoiceBody = body;
				return true;
			})
			.reply(200, { id: 9004 });

		const result = await runProcountor(
			{ ...CREATE, options: { characterSet: 'replace' } },
			{
				input: [
					{
						...ORDER,
						company: 'Kahvila Őrs Oy 🎉',
						rows: [{ ...ORDER.rows[0], product: 'Coffee cup ☕ “Москва”' }, ORDER.rows[1]],
					},
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(partnerBody.name).toBe('Kahvila Ors Oy');
		const rows = invoiceBody.invoiceRows as IDataObject[];
		expect(rows[0].product).toBe('Coffee cup “??????”');
		expect((invoiceBody.counterParty as { counterPartyAddress: IDataObject }).counterPartyAddress.name).toBe('Kahvila Ors Oy');
	});
});
