/**
 * Issue 10: a server-given wait (Retry-After, X-Rate-Limit-Reset) is capped at
 * MAX_SERVER_WAIT_MS. Asked for longer, the item fails at once with the wait the server
 * asked for, instead of sleeping for it (or overflowing the timer and hammering the server).
 */
import { MAX_SERVER_WAIT_MS } from '../../../nodes/shared/retry';
import { expectSecretsAbsent } from '../helpers';
import { V2, mockTripletex, pendingRequests, runTripletex, setUpNock, tearDownNock } from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const getVoucher = { resource: 'voucher', operation: 'get', voucherId: '9001', fields: '' };

describe('Tripletex: a rate-limit wait longer than the cap', () => {
	test.each([
		['Retry-After in seconds', { 'Retry-After': '3600' }, 3600],
		['X-Rate-Limit-Reset of 1e12 seconds', { 'X-Rate-Limit-Reset': '1e12' }, 1e12],
		['Retry-After as an HTTP date a day ahead', { 'Retry-After': new Date(Date.now() + 86_400_000).toUTCString() }, 86_400],
	])('%s fails the item at once, after one request, saying how long the server asked', async (_name, headers, seconds) => {
		const { api } = mockTripletex();
		api.get(`${V2}/ledger/voucher/9001`).once().reply(429, { status: 429, message: 'Too many requests' }, headers);

		const began = Date.now();
		const result = await runTripletex(getVoucher);

		expect(Date.now() - began).toBeLessThan(MAX_SERVER_WAIT_MS / 3);
		const message = result.error?.message ?? '';
		expect(message).toMatch(/^Tripletex: rate limited; the server asked to wait (\d+) s \(HTTP 429\)$/);
		expect(Number(/wait (\d+) s/.exec(message)?.[1])).toBeGreaterThanOrEqual(seconds - 1);
		const description = (result.error as { description?: string }).description ?? '';
		expect(description).toContain('the node waits at most 30 s, so it stopped instead');
		expect(description).toContain('The request was not processed: run it again later');
		expect(pendingRequests()).toEqual([]);
		expectSecretsAbsent(result, ['test-consumer-token', 'test-employee-token', 'test-session-token']);
	});

	test('a wait within the cap is honoured and the request retried', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/voucher/9001`)
			.reply(429, { status: 429, message: 'Too many requests' }, { 'Retry-After': '1' })
			.get(`${V2}/ledger/voucher/9001`)
			.reply(200, { value: { id: 9001 } });

		const began = Date.now();
		const result = await runTripletex(getVoucher);

		expect(Date.now() - began).toBeGreaterThanOrEqual(950);
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001 }]);
		expect(pendingRequests()).toEqual([]);
	});
});
