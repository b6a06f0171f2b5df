import { sleep } from 'n8n-workflow';

import { MAX_SERVER_WAIT_MS } from './retry';

export interface RateLimit {
	/** Requests allowed to start within any window. */
	limit: number;
	windowMs: number;
	/**
	 * Count a request until its answer arrives, not from when it was scheduled: a request
	 * occupies its slot while in flight and for a full window after its answer. Then no
	 * amount of delay between our scheduling and the vendor's clock can put more than
	 * `limit` arrivals into one window (throughput drops by the round-trip time). For APIs
	 * that suspend a client that exceeds the limit, such as Procountor.
	 */
	countUntilAnswered?: boolean;
}

/** Call when the request's answer (or failure) has arrived. */
export type ReleaseSlot = () => void;

export interface RequestLimiter {
	acquire(): Promise<ReleaseSlot>;
	pauseUntil(timestamp: number): void;
}

const NOTHING_TO_RELEASE: ReleaseSlot = () => {};

/**
 * A pause ends no later than MAX_SERVER_WAIT_MS from now, whatever a caller computed from a
 * server's header: a sleep past 2^31-1 ms would fire at once (a busy loop), and a pause
 * of hours would hold every run in this n8n instance. NaN means no pause.
 */
function boundedPause(timestamp: number): number {
	if (Number.isNaN(timestamp)) return 0;
	return Math.min(timestamp, Date.now() + MAX_SERVER_WAIT_MS);
}

/**
 * Sliding-window limiter: a request may start only if fewer than `limit` requests
 * started in the preceding window. Slots are reserved synchronously, so concurrent
 * items of one execution, and concurrent executions in one process, share it fairly.
 * A safety margin absorbs the network jitter between our start and the vendor's clock.
 */
export class SlidingWindowLimiter implements RequestLimiter {
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
	async acquire(): Promise<ReleaseSlot> {
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
		return NOTHING_TO_RELEASE;
	}

	/** The vendor said the budget is spent (e.g. X-Rate-Limit-Remaining: 0): hold everyone, at most MAX_SERVER_WAIT_MS. */
	pauseUntil(timestamp: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, boundedPause(timestamp));
	}
}

interface Slot {
	/** When the answer arrived; undefined while the request is in flight. */
	answeredAt?: number;
}

/**
 * A request may start only while fewer than `limit` requests are in flight or were
 * answered within the last window (see RateLimit.countUntilAnswered). Waiters are served
 * in order of arrival.
 */
export class AnsweredWindowLimiter implements RequestLimiter {
	private slots: Slot[] = [];
	private pausedUntil = 0;
	private queue: Array<() => void> = [];
	private pumping = false;

	constructor(private readonly rate: RateLimit) {}

	async acquire(): Promise<ReleaseSlot> {
		const slot: Slot = {};
		await new Promise<void>((resolve) => {
			this.queue.push(() => {
				this.slots.push(slot);
				resolve();
			});
			void this.pump();
		});
		return () => {
			if (slot.answeredAt === undefined) {
				slot.answeredAt = Date.now();
				void this.pump();
			}
		};
	}

	pauseUntil(timestamp: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, boundedPause(timestamp));
	}

	/** Lets waiters in while there is room; sleeps until the earliest slot frees up otherwise. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.queue.length) {
				const now = Date.now();
				this.slots = this.slots.filter((slot) => slot.answeredAt === undefined || slot.answeredAt + this.rate.windowMs > now);
				if (now < this.pausedUntil) {
					await sleep(this.pausedUntil - now);
					continue;
				}
				if (this.slots.length < this.rate.limit) {
					this.queue.shift()?.();
					continue;
				}
				const answered = this.slots.filter((slot) => slot.answeredAt !== undefined).map((slot) => slot.answeredAt as number);
				// All in flight: a release will pump again.
				if (!answered.length) return;
				await sleep(Math.min(...answered) + this.rate.windowMs - now + 1);
			}
		} finally {
			this.pumping = false;
		}
	}
}

/** A limiter for one vendor scope; `Coordination.limiter` keeps one per scope for everyone to share. */
export function createLimiter(rate: RateLimit): RequestLimiter {
	return rate.countUntilAnswered ? new AnsweredWindowLimiter(rate) : new SlidingWindowLimiter(rate);
}
