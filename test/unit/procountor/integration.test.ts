import { API_KEY_NOT_IN_OUTPUT } from '../../../nodes/Procountor/actions/integration/respond.operation';
import { API, expectNoSecrets, mockProcountor, pendingRequests, runProcountor, setUpNock, tearDownNock } from './helpers';

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

	const NEW_KEYS = ['new-api-key-for-1001-0f3e9a', 'new-api-key-for-1002-77c1d2'];
	const APPROVED = {
		integrationId: 'int-1',
		companiesIntegrated: [
			{ companyId: 1001, apiKey: NEW_KEYS[0] },
			{ companyId: 1002, apiKey: NEW_KEYS[1] },
		],
	};

	test('approve all: every company approved; by default the new API keys stay out of the output', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/integrations/req-123`).reply(200, REQUEST).put(`${API}/integrations/req-123`, { approve: [1001, 1002], reject: [] }).reply(200, APPROVED);
		const result = await runProcountor({ resource: 'integration', operation: 'respond', requestId: 'req-123', decision: 'approveAll' });
		expect(result.jsonOf('Procountor')).toEqual([
			{
				integrationId: 'int-1',
				companiesIntegrated: [
					{ companyId: 1001, apiKeyIssued: true },
					{ companyId: 1002, apiKeyIssued: true },
				],
				apiKeyNote: API_KEY_NOT_IN_OUTPUT,
			},
		]);
		expect(API_KEY_NOT_IN_OUTPUT).toContain('open the activation link again');
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result, NEW_KEYS);
	});

	test('approve all with Include API Key in Output: the keys are handed over as Procountor sent them', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/integrations/req-123`).reply(200, REQUEST).put(`${API}/integrations/req-123`, { approve: [1001, 1002], reject: [] }).reply(200, APPROVED);
		const result = await runProcountor({ resource: 'integration', operation: 'respond', requestId: 'req-123', decision: 'approveAll', includeApiKey: true });
		expect(result.jsonOf('Procountor')).toEqual([APPROVED]);
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result); // the credential's own secrets are still never shown
	});

	test('the option warns that execution data is stored and visible, and is off by default', async () => {
		const { description } = await import('../../../nodes/Procountor/actions/integration/respond.operation');
		const option = description.find((property) => property.name === 'includeApiKey');
		expect(option).toMatchObject({ type: 'boolean', default: false, displayName: 'Include API Key in Output' });
		expect(option?.description).toContain("execution data is stored in n8n's database and visible to everyone with access to this workflow");
	});

	test('a failed approval never shows an API key, even when Procountor echoes one in the error', async () => {
		const { api } = mockProcountor();
		api.put(`${API}/integrations/req-123`).reply(500, {
			errors: [{ status: 500, message: `Internal error after issuing "apiKey":"${NEW_KEYS[0]}"` }],
			companiesIntegrated: [{ companyId: 1001, apiKey: NEW_KEYS[0] }],
		});
		const result = await runProcountor(
			{ resource: 'integration', operation: 'respond', requestId: 'req-123', decision: 'each', approveCompanyIds: '1001', includeApiKey: true },
			{ settings: { onError: 'continueRegularOutput' } },
		);
		const [failed] = result.jsonOf('Procountor');
		expect(String(failed.error)).toContain('HTTP 500');
		expectNoSecrets(result, NEW_KEYS);
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
