import nock from 'nock';

import { TripletexApi } from '../../../credentials/TripletexApi.credentials';
import { CredentialStore } from '../../harness';
import { expectSecretsAbsent } from '../helpers';
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

	test.each([404, 405])('a server without POST :create (HTTP %s) gets a clear error, never the query-string PUT', async (status) => {
		nock(TRIPLETEX_ORIGIN).post(`${V2}/token/session/:create`).reply(status, {});
		// The deprecated PUT carries both tokens in the query string: it must not be sent.
		const legacy = nock(TRIPLETEX_ORIGIN).put(`${V2}/token/session/:create`).query(true).reply(200, { value: { token: 'legacy' } });

		const result = await runTripletex(getVoucher);

		expect(result.error?.message).toContain(
			`Tripletex could not create a session: this server does not offer POST /token/session/:create (HTTP ${status}).`,
		);
		expect(result.error?.message).toContain('Base URL override');
		expect(legacy.isDone()).toBe(false);
		expectSecretsAbsent(result, ['test-consumer-token', 'test-employee-token']);
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

	test('a session error quoting the tokens (as the credential test in the editor shows it) masks them', async () => {
		const tokens = { consumerToken: 'consumer-token-7c1e', employeeToken: 'employee-token-93ab' };
		const refusal = Object.assign(new Error(`Request failed: PUT ?consumerToken=${tokens.consumerToken}`), {
			response: { status: 500, data: { message: `Session failed for consumerToken=${tokens.consumerToken} employee ${tokens.employeeToken}` } },
		});
		const httpRequest = jest.fn().mockRejectedValue(refusal);
		const credential = new TripletexApi();

		const error = await credential
			.preAuthentication.call({ helpers: { httpRequest } } as never, { environment: 'test', companyId: 0, ...tokens })
			.then(() => undefined, (thrown: Error) => thrown);

		expect(error?.message).toMatch(/^Tripletex could not create a session \(HTTP 500: Session failed for consumerToken=\[redacted\] employee \[redacted\]\)\.$/);
		for (const token of Object.values(tokens)) expect(JSON.stringify({ message: error?.message, stack: error?.stack })).not.toContain(token);
		// The tokens travel in the JSON body, never in the URL.
		const [options] = httpRequest.mock.calls[0] as [{ method: string; url: string; qs?: unknown; body: Record<string, string> }];
		expect(options).toMatchObject({ method: 'POST', url: '/token/session/:create', body: tokens });
		expect(options.qs).toBeUndefined();
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
