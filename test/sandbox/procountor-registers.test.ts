import { request } from 'undici';

import { PC, resetProcountor, startProcountor, type ProcountorHarness } from './procountor-helpers';

let h: ProcountorHarness;

beforeAll(async () => {
	h = await startProcountor();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetProcountor(h);
});

const partnerBody = (overrides: Record<string, unknown> = {}) => ({
	name: 'Uusi Asiakas Oy',
	type: 'CUSTOMER',
	address: { name: 'Uusi Asiakas Oy', street: 'Esplanadi 2', zip: '00130', city: 'Helsinki', country: 'FINLAND' },
	paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
	invoicingInfo: { identifier: '1060155-5', identifierType: 'FI', email: 'uusi@example.fi', invoiceChannel: 'EMAIL' },
	...overrides,
});

describe('business partners', () => {
	it('searches by name and business ID given in HTTP headers; the same query parameters are ignored', async () => {
		const byName = await h.call('GET', '/businesspartners', { headers: { name: 'kahvila' } });
		expect(byName.status).toBe(200);
		expect(byName.json.results).toEqual([
			{
				id: PC.partner.kahvila,
				type: 'CUSTOMER',
				name: 'Kahvila Äijä Oy',
				billingAddress: expect.objectContaining({ street: 'Aleksanterinkatu 1' }),
				invoicingInfo: { customerNumber: '1001', identifier: '0112038-9', identifierType: 'FI' },
				registryInfo: { active: true },
				// BusinessPartnerBasicInfo carries the version (a date-time in Finnish time).
				version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/),
			},
		]);
		expect(byName.json.meta).toMatchObject({ pageNumber: 0, resultCount: 1 });
		// Latin-1 in a header value (what Node and undici send for ä)
		expect((await h.call('GET', '/businesspartners', { headers: { name: 'Äijä' } })).json.results).toHaveLength(1);
		const byId = await h.call('GET', '/businesspartners', { headers: { identifier: '0737546-2' } });
		expect(byId.json.results.map((p: any) => p.id)).toEqual([PC.partner.polku]);
		const ignored = await h.call('GET', '/businesspartners?name=kahvila&identifier=0737546-2');
		expect(ignored.json.results.length).toBe(3);
	});

	it('searches by customer number; inactive partners only with active=false', async () => {
		expect((await h.call('GET', '/businesspartners?customerNumber=1002')).json.results.map((p: any) => p.id)).toEqual([PC.partner.polku]);
		expect((await h.call('GET', '/businesspartners?customerNumber=1004')).json.results).toEqual([]);
		expect((await h.call('GET', '/businesspartners?customerNumber=1004&active=false')).json.results).toHaveLength(1);
	});

	it('GET /businesspartners/{id} returns the full partner; unknown is 404', async () => {
		const res = await h.call('GET', `/businesspartners/${PC.partner.polku}`);
		expect(res.json).toMatchObject({ id: PC.partner.polku, invoicingInfo: { einvoiceAddress: '003707375462', einvoiceOperator: 'E204503' } });
		expect((await h.call('GET', '/businesspartners/1')).status).toBe(404);
	});

	it('creates a customer with the next customer number; it is then found by business ID', async () => {
		const res = await h.call('POST', '/businesspartners', { body: partnerBody() });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ id: expect.any(Number), name: 'Uusi Asiakas Oy', invoicingInfo: { customerNumber: '1005' }, version: expect.any(String) });
		const found = await h.call('GET', '/businesspartners', { headers: { identifier: '1060155-5' } });
		expect(found.json.results.map((p: any) => p.id)).toEqual([res.json.id]);
	});

	it.each([
		['a wrong check digit', '1060155-4'],
		['a wrong format', '10601555'],
		['a check remainder of 1', '3141592-0'],
	])('refuses a business ID with %s (ERROR_BRN_CODE)', async (_label, identifier) => {
		const res = await h.call('POST', '/businesspartners', { body: partnerBody({ invoicingInfo: { identifier, identifierType: 'FI' } }) });
		expect(res.status).toBe(400);
		expect(res.json.errors).toEqual([{ status: 400, field: 'invoicingInfo.identifier', message: 'ERROR_BRN_CODE' }]);
	});

	it('requires name, type, payment method and (for customers) an address; refuses a taken customer number and non-Windows-1252 text', async () => {
		const res = await h.call('POST', '/businesspartners', { body: { type: 'CUSTOMER' } });
		expect(res.json.errors.map((e: any) => e.field)).toEqual(['name', 'paymentInfo.paymentMethod', 'address']);
		const dup = await h.call('POST', '/businesspartners', { body: partnerBody({ invoicingInfo: { customerNumber: '1001', identifier: '1060155-5' } }) });
		expect(dup.json.errors).toEqual([{ status: 400, field: 'invoicingInfo.customerNumber', message: expect.stringMatching(/different business ID/) }]);
		const emoji = await h.call('POST', '/businesspartners', { body: partnerBody({ name: 'Kauppa 🛒 Oy' }) });
		expect(emoji.json.errors).toEqual([{ status: 400, field: 'name', message: expect.stringContaining('Windows-1252') }]);
	});
});

describe('products', () => {
	it('the code filter matches substrings (so exact matching is the client’s job)', async () => {
		const res = await h.call('GET', '/products?code=KAHVI-250');
		expect(res.json.results.map((p: any) => p.code).sort()).toEqual(['KAHVI-250', 'KAHVI-250-LUOMU']);
		expect((await h.call('GET', '/products?code=kahvi-250-l')).json.results.map((p: any) => p.id)).toEqual([PC.product.luomu]);
		expect((await h.call('GET', '/products?name=muki')).json.results.map((p: any) => p.id)).toEqual([PC.product.muki]);
		expect((await h.call('GET', '/products?size=2')).json.meta).toEqual({ pageNumber: 0, pageSize: 2, resultCount: 2, totalCount: 5 });
	});

	it('GET /products/{id} returns the product', async () => {
		const res = await h.call('GET', `/products/${PC.product.kahvi}`);
		expect(res.json).toMatchObject({ id: PC.product.kahvi, code: 'KAHVI-250', price: 8.9, vat: 14, unit: 'PIECE', currency: 'EUR' });
		expect((await h.call('GET', `/products/${PC.product.kahvi},${PC.product.muki}`)).json).toHaveLength(2);
	});
});

describe('lookups', () => {
	it('GET /vats/default lists the Finnish rates and the sales VAT statuses', async () => {
		const res = await h.call('GET', '/vats/default');
		expect(res.json.vatInformation).toEqual([{ country: 'FINLAND', percentages: expect.any(Array) }]);
		expect(res.json.vatInformation[0].percentages.map((p: any) => p.vatPercent)).toEqual([25.5, 14, 10, 0]);
		expect(res.json.vatStatuses).toEqual(expect.arrayContaining([{ vatStatus: 1, description: 'Domestic', sales: true, purchase: true }]));
	});

	it('bank accounts, invoice templates and company', async () => {
		expect((await h.call('GET', '/bankaccounts')).json.bankAccounts.map((a: any) => a.accountNumber)).toEqual(['FI2799999900031563', 'FI2112345600000785']);
		expect((await h.call('GET', '/company/invoicetemplates')).json).toEqual([{ id: 9201, name: 'Oletuspohja' }, { id: 9202, name: 'Verkkokauppa' }]);
		expect((await h.call('GET', '/company')).json).toMatchObject({ id: PC.company, country: 'FINLAND', businessIdentifier: { brnType: 'FI', code: '2684459-4' }, companyCurrency: 'EUR' });
	});

	it('unknown paths and methods answer in the error shape', async () => {
		const res = await h.call('GET', '/nothing/here');
		expect(res.json).toEqual({ errors: [{ status: 404, field: null, message: expect.any(String) }] });
		expect((await h.call('DELETE', '/invoices')).status).toBe(405);
		const outside = await request(`${h.sandbox.procountor.origin}/v2/invoices`);
		expect(outside.statusCode).toBe(404);
		await outside.body.text();
	});
});

describe('gateway rules', () => {
	it('a GET with a JSON body is refused (400), as Procountor’s gateway does', async () => {
		const res = await h.call('GET', '/products', { body: {} });
		expect(res.status).toBe(400);
		expect(res.json.errors[0].message).toMatch(/body/);
	});
});
