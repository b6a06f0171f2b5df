import type { HttpFailure } from '../../../nodes/shared/retry';
import { backoffDelayMs, classifyFailure, DEFAULT_RETRY_POLICY, serverRequestedDelayMs } from '../../../nodes/shared/retry';

const failure = (partial: Partial<HttpFailure>): HttpFailure => ({ headers: {}, body: undefined, message: '', ...partial });

describe('classifyFailure', () => {
	it.each([
		[{ statusCode: 429 }, 'notProcessed'],
		[{ statusCode: 503 }, 'notProcessed'],
		[{ code: 'ECONNREFUSED' }, 'notProcessed'],
		[{ statusCode: 500 }, 'uncertain'],
		[{ statusCode: 502 }, 'uncertain'],
		[{ code: 'ECONNRESET' }, 'uncertain'],
		[{ code: 'ECONNABORTED' }, 'uncertain'],
		[{ statusCode: 422 }, 'rejected'],
		[{ statusCode: 401 }, 'rejected'],
		[{}, 'rejected'],
	])('%p is %s', (partial, outcome) => {
		expect(classifyFailure(failure(partial as Partial<HttpFailure>))).toBe(outcome);
	});
});

describe('delays', () => {
	it('honours Retry-After in seconds and as an HTTP date', () => {
		expect(serverRequestedDelayMs(failure({ headers: { 'retry-after': '3' } }))).toBe(3000);
		const now = Date.parse('2026-07-15T10:00:00Z');
		expect(serverRequestedDelayMs(failure({ headers: { 'retry-after': 'Wed, 15 Jul 2026 10:00:05 GMT' } }), now)).toBe(5000);
	});

	it('falls back to X-Rate-Limit-Reset', () => {
		expect(serverRequestedDelayMs(failure({ headers: { 'x-rate-limit-reset': '2' } }))).toBe(2000);
	});

	it('backs off exponentially with jitter inside the ceiling', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelayMs(1, policy, undefined, () => 0)).toBe(50);
		expect(backoffDelayMs(1, policy, undefined, () => 1)).toBe(100);
		expect(backoffDelayMs(3, policy, undefined, () => 1)).toBe(400);
		expect(backoffDelayMs(10, policy, undefined, () => 1)).toBe(1000);
	});

	it('caps a server-requested delay', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, maxDelayMs: 1000 };
		expect(backoffDelayMs(1, policy, failure({ headers: { 'retry-after': '60' } }))).toBe(1000);
	});
});
