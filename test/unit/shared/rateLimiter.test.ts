import { AnsweredWindowLimiter, SlidingWindowLimiter, createLimiter } from '../../../nodes/shared/rateLimiter';
import { MAX_SERVER_WAIT_MS } from '../../../nodes/shared/retry';

describe('SlidingWindowLimiter', () => {
	it('never lets more than the limit start within one window, even for concurrent callers', async () => {
		// Fake clock: the times seen are the limiter's own schedule, not the test's event-loop delays.
		jest.useFakeTimers({ now: 0 });
		try {
			const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 200 }, 0);
			const starts: number[] = [];
			const all = Promise.all(
				Array.from({ length: 15 }, async () => {
					await limiter.acquire();
					starts.push(Date.now());
				}),
			);
			await jest.advanceTimersByTimeAsync(1000);
			await all;
			starts.sort((a, b) => a - b);
			for (let i = 5; i < starts.length; i++) {
				// the 6th start is at least one window after the 1st, and so on
				expect(starts[i] - starts[i - 5]).toBeGreaterThanOrEqual(200);
			}
			// ...and the limiter does not idle: 15 requests at 5 per 200 ms start by 400 ms.
			expect(starts[14]).toBeLessThanOrEqual(400);
		} finally {
			jest.useRealTimers();
		}
	});

	it('holds everyone after the vendor says the budget is spent', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 1000 });
		const began = Date.now();
		limiter.pauseUntil(began + 150);
		await limiter.acquire();
		expect(Date.now() - began).toBeGreaterThanOrEqual(140);
	});
});

describe('AnsweredWindowLimiter (countUntilAnswered)', () => {
	test('a slot is held while in flight and for a full window after the answer', async () => {
		const limiter = new AnsweredWindowLimiter({ limit: 2, windowMs: 100, countUntilAnswered: true });
		const started = Date.now();
		const first = await limiter.acquire();
		const second = await limiter.acquire();
		let thirdAt = 0;
		const third = limiter.acquire().then((release) => {
			thirdAt = Date.now() - started;
			return release;
		});
		await new Promise((resolve) => setTimeout(resolve, 150));
		// Both still in flight: nobody else may start, however long it takes.
		expect(thirdAt).toBe(0);
		first();
		const answeredAt = Date.now() - started;
		(await third)();
		second();
		expect(thirdAt).toBeGreaterThanOrEqual(answeredAt + 95);
	});

	test('createLimiter picks it only when asked to', () => {
		expect(createLimiter({ limit: 1, windowMs: 10, countUntilAnswered: true })).toBeInstanceOf(AnsweredWindowLimiter);
		expect(createLimiter({ limit: 1, windowMs: 10 })).toBeInstanceOf(SlidingWindowLimiter);
	});
});

describe('pauses are bounded (issue 10: an X-Rate-Limit-Reset far ahead overflowed the timer)', () => {
	it.each([
		['SlidingWindowLimiter', () => new SlidingWindowLimiter({ limit: 100, windowMs: 1000 }, 0)],
		['AnsweredWindowLimiter', () => new AnsweredWindowLimiter({ limit: 100, windowMs: 1000 })],
	])('%s: a pause of 1e12 s ends after MAX_SERVER_WAIT_MS, neither at once nor never', async (_name, make) => {
		jest.useFakeTimers({ now: 0 });
		try {
			const limiter = make();
			limiter.pauseUntil(Date.now() + 1e12 * 1000);
			let startedAt: number | undefined;
			const acquired = limiter.acquire().then(() => (startedAt = Date.now()));
			await jest.advanceTimersByTimeAsync(MAX_SERVER_WAIT_MS - 1);
			expect(startedAt).toBeUndefined(); // the timer did not overflow and fire at once
			await jest.advanceTimersByTimeAsync(2);
			await acquired;
			expect(startedAt).toBeLessThanOrEqual(MAX_SERVER_WAIT_MS + 1);
		} finally {
			jest.useRealTimers();
		}
	});

	it('NaN does not pause', async () => {
		const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 1000 }, 0);
		limiter.pauseUntil(Number.NaN);
		const began = Date.now();
		await limiter.acquire();
		expect(Date.now() - began).toBeLessThan(50);
	});
});
