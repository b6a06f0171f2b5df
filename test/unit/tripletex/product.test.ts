import { NodeOperationError } from 'n8n-workflow';

import { V2, listOf, mockTripletex, pendingRequests, runTripletex, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const VAT_HIGH = { id: 3001, number: '3', name: 'Utgående mva, høy sats', percentage: 25 };

describe('product: create', () => {
	test('looks the number up (exact), then sends the price incl. VAT only, with the VAT type id', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/product`)
			.query({ productNumber: 'SKU-1', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 10, number: 'SKU-10', name: 'Not this one' }]))
			.get(`${V2}/ledger/vatType`)
			.query({ number: '3', fields: 'id,number,name,percentage' })
			.reply(200, listOf([VAT_HIGH]))
			.post(`${V2}/product`, {
				name: 'City Bike',
				number: 'SKU-1',
				description: 'Blue, 28"',
				ean: '7038010055720',
				priceIncludingVatCurrency: 1250.46,
				costExcludingVatCurrency: 600,
				vatType: { id: 3001 },
			})
			.reply(201, { value: { id: 77, number: 'SKU-1', name: 'City Bike' } });

		const result = await runTripletex({
			resource: 'product',
			operation: 'create',
			name: 'City Bike',
			number: 'SKU-1',
			price: 1250.455,
			priceIncludesVat: true,
			vatCode: '3',
			additionalFields: { description: 'Blue, 28"', ean: '7038010055720', costExcludingVatCurrency: 600 },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([
			{ json: { id: 77, number: 'SKU-1', name: 'City Bike', alreadyExisted: false }, pairedItem: { item: 0 } },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('returns the existing product with the same number instead of creating it again', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/product`)
			.query({ productNumber: 'SKU-1', from: '0', count: '1000' })
			.reply(200, listOf([{ id: 77, number: 'SKU-1', name: 'City Bike' }]));

		const result = await runTripletex({
			resource: 'product',
			operation: 'create',
			name: 'City Bike',
			number: 'SKU-1',
			price: 1000,
			vatCode: '3',
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 77, number: 'SKU-1', name: 'City Bike', alreadyExisted: true }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('without a number (or with Skip off) creates at once; the price excl. VAT is the only price sent', async () => {
		const { api } = mockTripletex();
		api
			.post(`${V2}/product`, { name: 'Gift wrap', priceExcludingVatCurrency: 40 })
			.reply(201, { value: { id: 78 } })
			.post(`${V2}/product`, { name: 'Helmet', number: 'SKU-2', priceExcludingVatCurrency: 399.9 })
			.reply(201, { value: { id: 79 } });

		const result = await runTripletex(
			{
				resource: 'product',
				operation: 'create',
				name: '={{ $json.name }}',
				number: '={{ $json.number }}',
				skipIfExists: false,
				price: '={{ $json.price }}',
			},
			{ input: [{ name: 'Gift wrap', number: '', price: 40 }, { name: 'Helmet', number: 'SKU-2', price: '399,90' }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([
			{ id: 78, alreadyExisted: false },
			{ id: 79, alreadyExisted: false },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('bad EAN, negative price and empty name are refused before any request', async () => {
		const result = await runTripletex({
			resource: 'product',
			operation: 'create',
			name: ' ',
			number: 'SKU-3',
			price: -5,
			additionalFields: { ean: '12345' },
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Invalid name in item 0: is required');
		expect(result.error?.description).toContain('• price: must not be negative');
		expect(result.error?.description).toContain('• ean: must be 8 or 12 to 14 digits');
		expect(pendingRequests()).toEqual([]);
	});

	test('an unknown VAT code is reported and nothing is created', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/vatType`)
			.query({ number: '99', fields: 'id,number,name,percentage' })
			.reply(200, listOf([]));

		const result = await runTripletex({ resource: 'product', operation: 'create', name: 'X', price: 1, vatCode: '99' });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('VAT code 99 does not exist in Tripletex (VAT Code of item 0)');
		expect(pendingRequests()).toEqual([]);
	});
});

describe('product: get and get many', () => {
	test('get by id', async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/product/77`).query({ fields: '*' }).reply(200, { value: { id: 77, name: 'City Bike' } });

		const result = await runTripletex({ resource: 'product', operation: 'get', productId: '77' });

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([{ json: { id: 77, name: 'City Bike' }, pairedItem: { item: 0 } }]);
	});

	test('get refuses an id that is not a number', async () => {
		const result = await runTripletex({ resource: 'product', operation: 'get', productId: 'SKU-1' });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Product ID in item 0 must be a Tripletex ID (a positive whole number), got "SKU-1"');
		expect(pendingRequests()).toEqual([]);
	});

	test('get many maps number to productNumber', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/product`)
			.query({ productNumber: 'SKU-1', ean: '7038010055720', name: 'Bike', from: '0', count: '50' })
			.reply(200, listOf([{ id: 77 }]));

		const result = await runTripletex({
			resource: 'product',
			operation: 'getMany',
			filters: { number: 'SKU-1', ean: '7038010055720', name: 'Bike' },
		});

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 77 }]);
	});
});
