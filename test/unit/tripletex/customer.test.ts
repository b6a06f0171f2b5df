import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	V2,
	byId,
	listOf,
	mockTripletex,
	pendingRequests,
	runTripletex,
	setUpNock,
	tearDownNock,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const ACME = { id: 501, version: 2, name: 'Acme AS', organizationNumber: '923609016', email: 'post@acme.no' };

describe('customer: create', () => {
	test('sends the customer with its postal address and the country resolved to an id', async () => {
		const { api, session } = mockTripletex();
		api
			.get(`${V2}/country`)
			.query({ code: 'SE', fields: 'id,isoAlpha2Code,name' })
			.reply(200, listOf([{ id: 205, isoAlpha2Code: 'SE', name: 'Sverige' }]))
			.post(`${V2}/customer`, {
				name: 'Acme AB',
				email: 'post@acme.se',
				invoiceEmail: 'invoice@acme.se',
				organizationNumber: '5560360793',
				customerNumber: 100001,
				isPrivateIndividual: false,
				phoneNumber: '+46 8 123 45',
				invoiceSendMethod: 'EHF',
				postalAddress: {
					addressLine1: 'Storgatan 1',
					addressLine2: 'Box 12',
					postalCode: '11122',
					city: 'Stockholm',
					country: { id: 205 },
				},
			})
			.reply(201, { value: { id: 900, name: 'Acme AB' } });

		const result = await runTripletex({
			resource: 'customer',
			operation: 'create',
			name: 'Acme AB',
			additionalFields: {
				email: 'post@acme.se',
				invoiceEmail: 'invoice@acme.se',
				organizationNumber: '556036-0793',
				customerNumber: 100001,
				isPrivateIndividual: false,
				phoneNumber: '+46 8 123 45',
				invoiceSendMethod: 'EHF',
				addressLine1: 'Storgatan 1',
				addressLine2: 'Box 12',
				postalCode: '11122',
				city: 'Stockholm',
				country: 'se',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([{ json: { id: 900, name: 'Acme AB', alreadyExisted: false }, pairedItem: { item: 0 } }]);
		expect(session.isDone()).toBe(true);
		expect(pendingRequests()).toEqual([]);
	});

	test('the country lookup is made once for many items', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/country`)
			.query({ code: 'NO', fields: 'id,isoAlpha2Code,name' })
			.once()
			.reply(200, listOf([{ id: 161, isoAlpha2Code: 'NO' }]))
			.post(`${V2}/customer`, (body) => body.postalAddress?.country?.id === 161)
			.times(2)
			.reply(201, (_uri, body) => ({ value: { id: 1, name: (body as { name: string }).name } }));

		const result = await runTripletex(
			{
				resource: 'customer',
				operation: 'create',
				name: '={{ $json.name }}',
				additionalFields: { city: 'Oslo', country: 'NO' },
			},
			{ input: [{ name: 'One' }, { name: 'Two' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex').map((customer) => customer.name)).toEqual(['One', 'Two']);
		expect(pendingRequests()).toEqual([]);
	});

	test('a Norwegian organisation number with a wrong check digit is refused before any request', async () => {
		const result = await runTripletex(
			{ resource: 'customer', operation: 'create', name: 'Acme AS', additionalFields: { organizationNumber: '923 609 017' } },
			{ input: [{}, {}] },
		);

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Invalid organizationNumber in item 0: "923609017" is not a valid Norwegian organisation number (9 digits with a mod-11 check digit); for a customer outside Norway, set Country Code');
		expect(result.error?.description).toMatch(/Country Code/);
		expect(result.error?.context.itemIndex).toBe(0);
		expect(pendingRequests()).toEqual([]);
	});

	test('a bad email and an unknown send method are reported together, naming the fields', async () => {
		const result = await runTripletex({
			resource: 'customer',
			operation: 'create',
			name: 'Acme AS',
			additionalFields: { email: 'not-an-email', invoiceSendMethod: 'FAX' },
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Invalid email in item 0: must be an email address');
		expect(result.error?.description).toContain('• email: must be an email address');
		expect(result.error?.description).toContain('• invoiceSendMethod:');
	});

	test('an unknown country code is reported with the item, and nothing is created', async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/country`).query({ code: 'XX', fields: 'id,isoAlpha2Code,name' }).reply(200, listOf([]));

		const result = await runTripletex({
			resource: 'customer',
			operation: 'create',
			name: 'Acme AS',
			additionalFields: { country: 'XX' },
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Country code "XX" is not known to Tripletex (Country Code of item 0)');
		expect(pendingRequests()).toEqual([]);
	});
});

describe('customer: get and get many', () => {
	test('get reads the id from the customer locator', async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/customer/501`).query({ fields: '*,postalAddress(*)' }).reply(200, { value: ACME });

		const result = await runTripletex({ resource: 'customer', operation: 'get', customer: byId(501) });

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([{ json: ACME, pairedItem: { item: 0 } }]);
	});

	test('get refuses a mapped locator value that is not an id', async () => {
		const result = await runTripletex(
			{ resource: 'customer', operation: 'get', customer: byId('={{ $json.customerId }}') },
			{ input: [{ customerId: '501/../1' }] },
		);

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Customer in item 0 must be a Tripletex ID (a positive whole number), got "501/../1"');
		expect(pendingRequests()).toEqual([]);
	});

	test('get many maps the filters to Tripletex query names and honours the limit', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer`)
			.query({
				customerName: 'Acme',
				email: 'post@acme.no',
				organizationNumber: '923609016',
				customerAccountNumber: '100001,100002',
				isInactive: 'true',
				from: '0',
				count: '2',
			})
			.reply(200, listOf([ACME, { id: 502 }]));

		const result = await runTripletex({
			resource: 'customer',
			operation: 'getMany',
			limit: 2,
			filters: {
				name: 'Acme',
				email: 'post@acme.no',
				organizationNumber: '923609016',
				customerNumber: '100001,100002',
				isInactive: true,
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([ACME, { id: 502 }]);
		expect(result.outputOf('Tripletex').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('get many with Return All walks the pages until a short page', async () => {
		const { api } = mockTripletex();
		const fullPage = Array.from({ length: 1000 }, (_, index) => ({ id: index + 1 }));
		api
			.get(`${V2}/customer`)
			.query({ from: '0', count: '1000' })
			.reply(200, listOf(fullPage))
			.get(`${V2}/customer`)
			.query({ from: '1000', count: '1000' })
			.reply(200, listOf([{ id: 1001 }], 1000));

		const result = await runTripletex({ resource: 'customer', operation: 'getMany', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toHaveLength(1001);
		expect(pendingRequests()).toEqual([]);
	});
});

describe('customer: update', () => {
	test('takes the current version and address id, then PUTs only the changed fields', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer/501`)
			.query({ fields: 'id,version,postalAddress(id)' })
			.reply(200, { value: { id: 501, version: 7, postalAddress: { id: 3001 } } })
			.put(`${V2}/customer/501`, {
				id: 501,
				version: 7,
				email: 'new@acme.no',
				postalAddress: { id: 3001, city: 'Bergen', postalCode: '5003' },
			})
			.reply(200, { value: { ...ACME, version: 8, email: 'new@acme.no' } });

		const result = await runTripletex({
			resource: 'customer',
			operation: 'update',
			customer: byId(501),
			updateFields: { email: 'new@acme.no', city: 'Bergen', postalCode: '5003' },
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ ...ACME, version: 8, email: 'new@acme.no' }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('with a version given, PUTs at once with that version (no read)', async () => {
		const { api } = mockTripletex();
		api
			.put(`${V2}/customer/501`, { id: 501, version: 0, name: 'Acme Norge AS' })
			.reply(200, { value: { id: 501, version: 1, name: 'Acme Norge AS' } });

		const result = await runTripletex({
			resource: 'customer',
			operation: 'update',
			customer: byId(501),
			updateFields: { name: 'Acme Norge AS', version: 0 },
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 501, version: 1, name: 'Acme Norge AS' }]);
	});

	test("a concurrent edit surfaces Tripletex's 409/8000 with what to do", async () => {
		const { api } = mockTripletex();
		api
			.put(`${V2}/customer/501`)
			.reply(409, {
				status: 409,
				code: 8000,
				message: 'Object has been modified by another user',
				requestId: 'req-409',
			});

		const result = await runTripletex({
			resource: 'customer',
			operation: 'update',
			customer: byId(501),
			updateFields: { phoneNumber: '22 22 22 22', version: 4 },
		});

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('Tripletex: Object has been modified by another user (HTTP 409, code 8000)');
		expect(result.error?.description).toContain('Get it again and send its current version');
		expect(result.error?.description).toContain('req-409');
	});

	test('nothing to update is an error before any request', async () => {
		const result = await runTripletex({ resource: 'customer', operation: 'update', customer: byId(501), updateFields: {} });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Nothing to update in item 0');
		expect(pendingRequests()).toEqual([]);
	});
});

describe('customer: find or create', () => {
	const parameters = {
		resource: 'customer',
		operation: 'findOrCreate',
		name: '={{ $json.name }}',
		organizationNumber: '={{ $json.orgNr }}',
		email: '={{ $json.email }}',
	};

	test('returns the customer with the same organisation number without creating', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer`)
			.query({ organizationNumber: '923609016', from: '0', count: '1000' })
			.reply(200, listOf([ACME]));

		const result = await runTripletex(parameters, {
			input: [{ name: 'Acme', orgNr: '923 609 016', email: 'someone@else.no' }],
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([
			{ json: { ...ACME, alreadyExisted: true, matchedBy: 'organizationNumber' }, pairedItem: { item: 0 } },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('falls back to the email, compared exactly and ignoring case on the returned values', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer`)
			.query({ organizationNumber: '923609016', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 7, organizationNumber: '923609024' }]))
			.get(`${V2}/customer`)
			.query({ email: 'Post@Acme.no', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 8, email: 'post@acme.no.evil' }, { ...ACME, email: 'POST@acme.no' }]));

		const result = await runTripletex(parameters, {
			input: [{ name: 'Acme', orgNr: '923609016', email: 'Post@Acme.no' }],
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([
			{ ...ACME, email: 'POST@acme.no', alreadyExisted: true, matchedBy: 'email' },
		]);
	});

	test('creates the customer when neither key matches', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer`)
			.query({ email: 'new@shop.no', from: '0', count: '1000' })
			.reply(200, listOf([]))
			.get(`${V2}/customer`)
			.query({ email: 'new@shop.no', isInactive: 'true', from: '0', count: '1000' })
			.reply(200, listOf([]))
			.post(`${V2}/customer`, { name: 'Kari Nordmann', email: 'new@shop.no', isPrivateIndividual: true })
			.reply(201, { value: { id: 950, name: 'Kari Nordmann', email: 'new@shop.no' } });

		const result = await runTripletex(
			{ ...parameters, additionalFields: { isPrivateIndividual: true } },
			{ input: [{ name: 'Kari Nordmann', orgNr: '', email: 'new@shop.no' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([
			{ id: 950, name: 'Kari Nordmann', email: 'new@shop.no', alreadyExisted: false, matchedBy: null },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('returns a deactivated customer rather than creating a second one', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer`)
			.query({ email: 'old@shop.no', from: '0', count: '1000' })
			.reply(200, listOf([]))
			.get(`${V2}/customer`)
			.query({ email: 'old@shop.no', isInactive: 'true', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 77, email: 'old@shop.no', isInactive: true }]));
		const post = api.post(`${V2}/customer`).reply(201, {});

		const result = await runTripletex(parameters, { input: [{ name: 'Old', orgNr: '', email: 'old@shop.no' }] });

		expect(result.jsonOf('Tripletex')).toEqual([
			{ id: 77, email: 'old@shop.no', isInactive: true, alreadyExisted: true, matchedBy: 'email' },
		]);
		expect(post.isDone()).toBe(false);
	});

	test('after an uncertain create failure, looks up again instead of creating twice', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer`)
			.query({ email: 'new@shop.no', from: '0', count: '1000' })
			.reply(200, listOf([]))
			.get(`${V2}/customer`)
			.query({ email: 'new@shop.no', isInactive: 'true', from: '0', count: '1000' })
			.reply(200, listOf([]))
			.post(`${V2}/customer`)
			.once()
			.reply(500, { status: 500, code: 1000, message: 'Internal error' })
			.get(`${V2}/customer`)
			.query({ email: 'new@shop.no', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 951, email: 'new@shop.no' }]));

		const result = await runTripletex(parameters, { input: [{ name: 'Kari', orgNr: '', email: 'new@shop.no' }] });

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([
			{ id: 951, email: 'new@shop.no', alreadyExisted: false, matchedBy: null },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('an item without organisation number and email fails before any request; continueOnFail keeps the others', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/customer`)
			.query({ email: 'a@shop.no', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 1, email: 'a@shop.no' }]));

		const result = await runTripletex(parameters, {
			input: [
				{ name: 'Nobody', orgNr: '', email: '' },
				{ name: 'A', orgNr: '', email: 'a@shop.no' },
			],
			settings: { onError: 'continueRegularOutput' },
		});

		expect(result.status).toBe('success');
		const [failed, found] = result.outputOf('Tripletex');
		expect(failed.json.error).toBe('Item 0 has neither an organization number nor an email to match the customer on');
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(found).toEqual({
			json: { id: 1, email: 'a@shop.no', alreadyExisted: true, matchedBy: 'email' },
			pairedItem: { item: 1 },
		});
		expect(pendingRequests()).toEqual([]);
	});
});
