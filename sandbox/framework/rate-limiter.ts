import type { RateLimitConfig, RateLimitState } from './types';

interface Window {
	startedAt: number;
	count: number;
}

/**
 * Fixed windows per key. Once a key is over the limit every request is refused until
 * the window ends (Tripletex: "all requests will return 429 for the remainder of the
 * current period").
 */
export class RateLimiter {
	private windows = new Map<string, Window>();

	constructor(private readonly now: () => number) {}

	/** Counts a request; `allowed` false means answer 429. */
	hit(key: string, config: RateLimitConfig): { allowed: boolean; state: RateLimitState } {
		const now = this.now();
		let window = this.windows.get(key);
		if (!window || now - window.startedAt >= config.windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(key, window);
		}
		window.count++;
		const resetSeconds = Math.max(0, Math.ceil((window.startedAt + config.windowMs - now) / 1000));
		const state = { limit: config.limit, remaining: Math.max(0, config.limit - window.count), resetSeconds };
		return { allowed: window.count <= config.limit, state };
	}

	reset(): void {
		this.windows.clear();
	}
}
