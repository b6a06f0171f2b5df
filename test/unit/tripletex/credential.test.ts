import nock from 'nock';

import { TripletexApi } from '../../../credentials/TripletexApi.credentials';
import { CredentialStore } from '../../harness';
import {
	TRIPLETEX_ORIGIN,
	V2,
	credentialsFor,
	listOf,
	misbehavingTripletex,
	runTripletex,
	setUpNock,
	tearDownNock,
	tripletexCredential,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const osloToday = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

function daysBetween(from: string, to: string): number {
	return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

const getVoucher = { resource: 'voucher', operation: 'get', voucherId: '1', fields: '' };

describe('Tripletex credential', () => {
	test('creates a session with the JSON form, seven days ahead in Oslo time, and uses Basic companyId:token', async () => {
		let sent: Record<string, string> = {};
		nock(TRIPLETEX_ORIGIN)
			.post(`${V2}/token/session/:create`, (body: Record<string, string>) => {
				sent = body;
				return true;
			})
			.reply(201, { value: { token: 'fresh' } });
		nock(TRIPLETEX_ORIGIN, { reqheaders: { authorization: `Basic ${Buffer.from('5:fresh').toString('base64')}` } })
			.get(`${V2}/ledger/voucher/1`)
			.reply(200, { value: { id: 1 } });

		const store = new CredentialStore({
			tripletexApi: { ...tripletexCredential, data: { ...tripletexCredential.data, companyId: 5 } },
		});
		const result = await runTripletex(getVoucher, { credentials: store });

		expect(result.error).toBeUndefined();
		expect(sent.consumerToken).toBe('test-consumer-token');
		expect(sent.employeeToken).toBe('test-employee-token');
		expect(daysBetween(osloToday(), sent.expirationDate)).toBe(7);
		expect(store.data('tripletexApi').sessionToken).toBe('fresh');
	});

	test('falls back to the legacy PUT form where POST :create does not exist', async () => {
		nock(TRIPLETEX_ORIGIN).post(`${V2}/token/session/:create`).reply(405, {});
		nock(TRIPLETEX_ORIGIN)
			.put(`${V2}/token/session/:create`)
			.query((query) => query.consumerToken === 'test-consumer-token' && query.employeeToken === 'test-employee-token' && /^\d{4}-\d{2}-\d{2}$/.test(String(query.expirationDate)))
			.reply(200, { value: { token: 'legacy' } });
		nock(TRIPLETEX_ORIGIN, { reqheaders: { authorization: `Basic ${Buffer.from('0:legacy').toString('base64')}` } })
			.get(`${V2}/ledger/voucher/1`)
			.reply(200, { value: { id: 1 } });

		const result = await runTripletex(getVoucher);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 1 }]);
	});

	test('an unknown token (Tripletex answers 422 on the token field) gives the clear credential error', async () => {
		nock(TRIPLETEX_ORIGIN)
			.post(`${V2}/token/session/:create`)
			.reply(422, {
				status: 422,
				code: 18000,
				message: 'Validering feilet.',
				validationMessages: [{ field: 'employeeToken', message: 'Ugyldig token.' }],
			});

		const result = await runTripletex(getVoucher);
		expect(result.error?.message).toContain('Tripletex did not accept the consumer token or the employee token (HTTP 422)');
		expect(JSON.stringify(result.run.data.resultData.error)).not.toContain('test-employee-token');
	});

	test('an unreachable host is named as such', async () => {
		const closed = await misbehavingTripletex('refuse');
		const result = await runTripletex(getVoucher, { credentials: credentialsFor(closed.baseUrl) });
		expect(result.error?.message).toContain('Tripletex could not be reached to create a session. Check the environment or the Base URL override.');
	});

	test('declares the test request, the environments and a hidden expirable session field', () => {
		const credential = new TripletexApi();
		expect(credential.test.request.url).toBe('/token/session/%3EwhoAmI');
		expect(credential.test.request.baseURL).toContain('https://api-test.tripletex.tech/v2');
		expect(credential.test.request.baseURL).toContain('https://tripletex.no/v2');
		const session = credential.properties.find((property) => property.name === 'sessionToken');
		expect(session).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		for (const secret of ['consumerToken', 'employeeToken']) {
			expect(credential.properties.find((property) => property.name === secret)?.typeOptions?.password).toBe(true);
		}
	});

	test('the session is reused across executions until Tripletex refuses it', async () => {
		const session = nock(TRIPLETEX_ORIGIN).post(`${V2}/token/session/:create`).once().reply(201, { value: { token: 'kept' } });
		nock(TRIPLETEX_ORIGIN).get(`${V2}/ledger/voucher`).query(true).times(2).reply(200, listOf([]));
		const store = new CredentialStore({ tripletexApi: tripletexCredential });
		const parameters = { resource: 'voucher', operation: 'getMany', dateFrom: '2026-07-01', dateTo: '2026-07-02', returnAll: true };

		await runTripletex(parameters, { credentials: store });
		await runTripletex(parameters, { credentials: store });

		expect(session.isDone()).toBe(true);
		expect(store.preAuthenticationCount('tripletexApi')).toBe(1);
	});
});
