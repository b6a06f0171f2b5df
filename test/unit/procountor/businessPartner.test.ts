import type { IDataObject } from 'n8n-workflow';

import nock from 'nock';

import { API, PROCOUNTOR_ORIGIN, ACCESS_TOKEN, byId, mockProcountor, pageOf, pendingRequests, runProcountor, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

function withHeaders(headers: Record<string, string>): nock.Scope {
	return nock(PROCOUNTOR_ORIGIN, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}`, ...headers } });
}

describe('business partner', () => {
	test('create: exact body, country code to Procountor name, business ID normalised and typed FI', async () => {
		const { api } = mockProcountor();
		api
			.post(`${API}/businesspartners`, {
				type: 'CUSTOMER',
				name: 'Kahvila Oy',
				address: { name: 'Kahvila Oy', street: 'Kauppakatu 3', zip: '40100', city: 'Jyväskylä', country: 'FINLAND' },
				paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
				invoicingInfo: { customerNumber: 'C-9', identifier: '0112038-9', identifierType: 'FI', email: 'a@b.fi', einvoiceAddress: '003701120389', einvoiceOperator: '003721291126', invoiceChannel: 'ELECTRONIC_INVOICE' },
			})
			.reply(200, { id: 801, name: 'Kahvila Oy' });
		const result = await runProcountor({
			resource: 'businessPartner',
			operation: 'create',
			name: 'Kahvila Oy',
			partnerType: 'CUSTOMER',
			additionalFields: {
				businessId: '0112038 9',
				customerNumber: 'C-9',
				email: 'a@b.fi',
				street: 'Kauppakatu 3',
				zip: '40100',
				city: 'Jyväskylä',
				country: 'fi',
				einvoiceAddress: '003701120389',
				einvoiceOperator: '003721291126',
				invoiceChannel: 'ELECTRONIC_INVOICE',
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Procountor')).toEqual([{ id: 801, name: 'Kahvila Oy', alreadyExisted: false }]);
	});

	test('get by resource locator', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/businesspartners/801`).reply(200, { id: 801 });
		const result = await runProcountor({ resource: 'businessPartner', operation: 'get', businessPartner: byId(801) });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 801 }]);
	});

	test('get many: customer number as query, name and business ID as HTTP headers', async () => {
		mockProcountor();
		withHeaders({ name: 'Kahvila', identifier: '1234567-1' })
			.get(`${API}/businesspartners`)
			.query({ customerNumber: 'C-1', type: 'CUSTOMER', page: '0', size: '10' })
			.reply(200, pageOf([{ id: 1 }]));
		const result = await runProcountor({
			resource: 'businessPartner',
			operation: 'getMany',
			returnAll: false,
			limit: 10,
			filters: { customerNumber: 'C-1', type: 'CUSTOMER', name: 'Kahvila', businessId: '12345671' },
		});
		expect(result.jsonOf('Procountor')).toEqual([{ id: 1 }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('find or create: matched by customer number first (exactly), then by business ID', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/businesspartners`)
			.query({ type: 'CUSTOMER', customerNumber: 'C-1', size: '200', page: '0' })
			.reply(200, pageOf([{ id: 5, invoicingInfo: { customerNumber: 'C-10' } }]));
		withHeaders({ identifier: '1234567-1' })
			.get(`${API}/businesspartners`)
			.query({ type: 'CUSTOMER', size: '200', page: '0' })
			.reply(200, pageOf([{ id: 6, name: 'Kahvila Oy', invoicingInfo: { identifier: '1234567-1' } }]));
		const result = await runProcountor({
			resource: 'businessPartner',
			operation: 'findOrCreate',
			name: 'Kahvila Oy',
			customerNumber: 'C-1',
			businessId: '1234567-1',
		});
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 6, name: 'Kahvila Oy', invoicingInfo: { identifier: '1234567-1' }, alreadyExisted: true, matchedBy: 'businessId' },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('find or create: creates when nothing matches', async () => {
		const { api } = mockProcountor();
		let created: IDataObject = {};
		api
			.get(`${API}/businesspartners`)
			.query({ type: 'CUSTOMER', customerNumber: 'C-2', size: '200', page: '0' })
			.reply(200, pageOf([]))
			.post(`${API}/businesspartners`, (body: IDataObject) => {
				created = body;
				return true;
			})
			.reply(200, { id: 7 });
		const result = await runProcountor({ resource: 'businessPartner', operation: 'findOrCreate', name: 'Uusi Oy', customerNumber: 'C-2', businessId: '' });
		expect(created).toEqual({ type: 'CUSTOMER', name: 'Uusi Oy', address: { name: 'Uusi Oy' }, paymentInfo: { paymentMethod: 'BANK_TRANSFER' }, invoicingInfo: { customerNumber: 'C-2' } });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 7, alreadyExisted: false, matchedBy: null }]);
	});

	test('find or create refuses a bad business ID and a missing key', async () => {
		const bad = await runProcountor({ resource: 'businessPartner', operation: 'findOrCreate', name: 'X', customerNumber: '', businessId: '1234567-2' });
		expect(bad.error?.message).toContain('Invalid businessId in item 0: "1234567-2" is not a valid Finnish business ID');
		const none = await runProcountor({ resource: 'businessPartner', operation: 'findOrCreate', name: 'X', customerNumber: '', businessId: '' });
		expect(none.error?.message).toBe('Item 0 has neither a customer number nor a business ID to match the customer on');
	});
});
