import { API, mockProcountor, pendingRequests, runProcountor, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const REQUEST = {
	integrationId: 'int-1',
	expires: '2026-07-16T10:00:00',
	initiator: { email: 'owner@kahvila.fi', userFullName: 'Owner' },
	companiesToIntegrate: [
		{ companyId: 1001, extraInfo: { companyName: 'Kahvila Oy', country: 'FINLAND' } },
		{ companyId: 1002, extraInfo: { companyName: 'Leipomo Oy', country: 'FINLAND' } },
	],
};

describe('integration activation', () => {
	test('get activation request', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/integrations/req-123`).reply(200, REQUEST);
		const result = await runProcountor(
			{ resource: 'integration', operation: 'getActivationRequest', requestId: '={{ $json.query.requestId }}' },
			{ input: [{ query: { requestId: 'req-123' } }] },
		);
		expect(result.jsonOf('Procountor')).toEqual([REQUEST]);
	});

	test('approve all: every company of the request approved, API keys returned', async () => {
		const { api } = mockProcountor();
		const answer = { integrationId: 'int-1', companiesIntegrated: [{ companyId: 1001, apiKey: 'k1' }, { companyId: 1002, apiKey: 'k2' }] };
		api.get(`${API}/integrations/req-123`).reply(200, REQUEST).put(`${API}/integrations/req-123`, { approve: [1001, 1002], reject: [] }).reply(200, answer);
		const result = await runProcountor({ resource: 'integration', operation: 'respond', requestId: 'req-123', decision: 'approveAll' });
		expect(result.jsonOf('Procountor')).toEqual([answer]);
		expect(pendingRequests()).toEqual([]);
	});

	test('approve or reject each, with a reason', async () => {
		const { api } = mockProcountor();
		api
			.put(`${API}/integrations/req-123`, { approve: [1001], reject: [{ companyId: 1002, reason: 'Not our customer' }] })
			.reply(200, { integrationId: 'int-1', companiesIntegrated: [{ companyId: 1001, apiKey: 'k1' }] });
		const result = await runProcountor({
			resource: 'integration',
			operation: 'respond',
			requestId: 'req-123',
			decision: 'each',
			approveCompanyIds: '1001',
			rejectCompanyIds: ' 1002 ',
			reason: 'Not our customer',
		});
		expect(result.error).toBeUndefined();
	});

	test('an expired request (410) is explained', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/integrations/req-old`).reply(410, { errors: [{ status: 410, message: 'Activation request expired' }] });
		const result = await runProcountor({ resource: 'integration', operation: 'getActivationRequest', requestId: 'req-old' });
		expect(result.error?.message).toBe('Procountor: Activation request expired (HTTP 410)');
		expect((result.error as { description?: string }).description).toContain('open the activation link again');
	});
});
