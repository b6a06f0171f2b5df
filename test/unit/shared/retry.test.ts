import type { HttpFailure } from '../../../nodes/shared/retry';
import {
	backoffDelayMs,
	classifyFailure,
	DEFAULT_RETRY_POLICY,
	MAX_SERVER_WAIT_MS,
	rateLimitPauseMs,
	rateLimitResetMs,
	serverRequestedDelayMs,
	serverWaitTooLongMs,
} from '../../../nodes/shared/retry';

const failure = (partial: Partial<HttpFailure>): HttpFailure => ({ headers: {}, body: undefined, message: '', ...partial });

describe('classifyFailure', () => {
	it.each([
		[{ statusCode: 429 }, 'notProcessed'],
		[{ statusCode: 503 }, 'uncertain'],
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

describe('server-given waits are capped (issue 10: an X-Rate-Limit-Reset far ahead overflowed the timer)', () => {
	const now = Date.parse('2026-07-15T10:00:00Z');
	const policy = DEFAULT_RETRY_POLICY;
	const TIMER_MAX_MS = 2 ** 31 - 1;

	it.each([
		['x-rate-limit-reset', '1e12'],
		['x-rate-limit-reset', '99999999999999999999'],
		['x-rate-limit-reset', '3600'],
		['retry-after', '1000000000000'],
		['retry-after', '86400'],
		['retry-after', 'Thu, 15 Jul 2027 10:00:00 GMT'],
	])('%s: %s is waited at most MAX_SERVER_WAIT_MS, and reported as too long', (name, value) => {
		const asked = failure({ statusCode: 429, headers: { [name]: value } });
		const delay = backoffDelayMs(1, policy, asked);
		expect(delay).toBeLessThanOrEqual(MAX_SERVER_WAIT_MS);
		expect(delay).toBeLessThan(TIMER_MAX_MS);
		expect(serverWaitTooLongMs(asked, now)).toBeGreaterThan(MAX_SERVER_WAIT_MS);
		expect(rateLimitPauseMs({ [name]: value }, now)).toBeLessThanOrEqual(MAX_SERVER_WAIT_MS);
	});

	it('the cap is documented as 30 s and sits inside the back-off ceiling', () => {
		expect(MAX_SERVER_WAIT_MS).toBe(30_000);
		expect(MAX_SERVER_WAIT_MS).toBeLessThanOrEqual(policy.maxDelayMs);
	});

	it('a Unix timestamp in X-Rate-Limit-Reset is read as a time, not as seconds to wait', () => {
		const inFiveSeconds = String(now / 1000 + 5);
		expect(rateLimitResetMs(inFiveSeconds, now)).toBe(5000);
		expect(serverRequestedDelayMs(failure({ headers: { 'x-rate-limit-reset': inFiveSeconds } }), now)).toBe(5000);
		expect(serverWaitTooLongMs(failure({ headers: { 'x-rate-limit-reset': inFiveSeconds } }), now)).toBeUndefined();
		// One in the past: the period is over already.
		expect(rateLimitResetMs(String(now / 1000 - 60), now)).toBe(0);
		expect(rateLimitPauseMs({ 'x-rate-limit-reset': String(now / 1000 + 5) }, now)).toBe(5000);
	});

	it.each(['-5', 'NaN', 'Infinity', '-Infinity', '', '  ', 'soon'])('ignores an unusable value %p', (value) => {
		expect(serverRequestedDelayMs(failure({ headers: { 'x-rate-limit-reset': value } }), now)).toBeUndefined();
		expect(serverRequestedDelayMs(failure({ headers: { 'retry-after': value } }), now)).toBeUndefined();
		// Without a usable ask the node backs off on its own, within the policy.
		const delay = backoffDelayMs(2, policy, failure({ statusCode: 429, headers: { 'retry-after': value } }), () => 1);
		expect(delay).toBe(1000);
		// After Remaining: 0 with no readable reset, one second.
		expect(rateLimitPauseMs({ 'x-rate-limit-reset': value }, now)).toBe(1000);
	});

	it('a negative Retry-After falls back to X-Rate-Limit-Reset rather than to a date', () => {
		expect(serverRequestedDelayMs(failure({ headers: { 'retry-after': '-5', 'x-rate-limit-reset': '2' } }), now)).toBe(2000);
	});

	it('an HTTP date in the past means no wait; one shortly ahead is honoured exactly', () => {
		expect(serverRequestedDelayMs(failure({ headers: { 'retry-after': 'Wed, 15 Jul 2026 09:59:00 GMT' } }), now)).toBe(0);
		expect(serverRequestedDelayMs(failure({ headers: { 'retry-after': 'Wed, 15 Jul 2026 10:00:20 GMT' } }), now)).toBe(20_000);
		expect(serverWaitTooLongMs(failure({ headers: { 'retry-after': 'Wed, 15 Jul 2026 10:00:20 GMT' } }), now)).toBeUndefined();
		expect(serverWaitTooLongMs(failure({ headers: { 'retry-after': 'Wed, 15 Jul 2026 11:00:00 GMT' } }), now)).toBe(3_600_000);
	});

	it('a wait within the cap is honoured as asked', () => {
		expect(backoffDelayMs(1, policy, failure({ statusCode: 429, headers: { 'retry-after': '30' } }))).toBe(30_000);
		expect(serverWaitTooLongMs(failure({ statusCode: 429, headers: { 'retry-after': '30' } }))).toBeUndefined();
		expect(rateLimitPauseMs({ 'x-rate-limit-reset': '12' })).toBe(12_000);
	});
});
