import { API, byId, mockProcountor, pageOf, pendingRequests, runProcountor, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

describe('product', () => {
	test('get', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/products/12`).reply(200, { id: 12, code: 'CUP' });
		const result = await runProcountor({ resource: 'product', operation: 'get', product: byId(12) });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 12, code: 'CUP' }]);
	});

	test('get many with exact code: substring hits from Procountor are filtered out', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/products`)
			.query({ code: 'CUP', type: 'SALES', size: '200' })
			.reply(200, pageOf([{ id: 11, code: 'CUP-1' }, { id: 12, code: 'CUP' }, { id: 13, code: 'TEACUP' }]));
		const result = await runProcountor({ resource: 'product', operation: 'getMany', returnAll: true, filters: { code: 'CUP', exactCode: true, type: 'SALES' } });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 12, code: 'CUP' }]);
	});

	test('get many pages by previousId (keyset)', async () => {
		const { api } = mockProcountor();
		const full = Array.from({ length: 200 }, (_, index) => ({ id: index + 1 }));
		api
			.get(`${API}/products`)
			.query({ size: '200' })
			.reply(200, pageOf(full))
			.get(`${API}/products`)
			.query({ size: '200', previousId: '200' })
			.reply(200, pageOf([{ id: 201 }]));
		const result = await runProcountor({ resource: 'product', operation: 'getMany', returnAll: true });
		expect(result.jsonOf('Procountor')).toHaveLength(201);
		expect(pendingRequests()).toEqual([]);
	});
});
