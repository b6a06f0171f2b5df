import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Requests allowed to start within any window. */
	limit: number;
	windowMs: number;
}

/**
 * Sliding-window limiter: a request may start only if fewer than `limit` requests
 * started in the preceding window. Slots are reserved synchronously, so concurrent
 * items of one execution, and concurrent executions in one process, share it fairly.
 * A safety margin absorbs the network jitter between our start and the vendor's clock.
 */
export class SlidingWindowLimiter {
	private starts: number[] = [];
	private pausedUntil = 0;
	private readonly windowMs: number;

	constructor(
		private readonly rate: RateLimit,
		safetyMargin = 0.05,
	) {
		this.windowMs = rate.windowMs * (1 + safetyMargin);
	}

	/** Resolves when the caller may send. */
	async acquire(): Promise<void> {
		const now = Date.now();
		const horizon = now - this.windowMs;
		let expired = 0;
		while (expired < this.starts.length && this.starts[expired] <= horizon) expired++;
		if (expired > 0) this.starts = this.starts.slice(expired);

		let at = Math.max(now, this.pausedUntil);
		if (this.starts.length >= this.rate.limit) {
			at = Math.max(at, this.starts[this.starts.length - this.rate.limit] + this.windowMs);
		}
		const last = this.starts[this.starts.length - 1];
		if (last !== undefined) at = Math.max(at, last);
		this.starts.push(at);
		if (at > now) await sleep(at - now);
	}

	/** The vendor said the budget is spent (e.g. X-Rate-Limit-Remaining: 0): hold everyone. */
	pauseUntil(timestamp: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, timestamp);
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/** One limiter per credential and process, shared by every execution that uses it. */
export function limiterFor(key: string, rate: RateLimit): SlidingWindowLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(rate);
		limiters.set(key, limiter);
	}
	return limiter;
}
