import type { RateLimitConfig, RateLimitState } from './types';

interface Window {
	startedAt: number;
	count: number;
	/** Arrival times within the last window (sliding mode only). */
	hits: number[];
	suspendedUntil: number | null;
}

/**
 * Per-key limits. Fixed windows by default: once a key is over the limit every request is
 * refused until the window ends (Tripletex: "all requests will return 429 for the
 * remainder of the current period"). With `sliding`, the limit holds for any span of
 * `windowMs`; with `suspendMs`, a key that goes over it is refused for that long
 * (Procountor: exceeding 20 requests/second "may result in suspending the service").
 */
export class RateLimiter {
	private windows = new Map<string, Window>();

	constructor(private readonly now: () => number) {}

	/** Counts a request; `allowed` false means refuse it. */
	hit(key: string, config: RateLimitConfig): { allowed: boolean; state: RateLimitState } {
		const now = this.now();
		let window = this.windows.get(key);
		if (!window) {
			window = { startedAt: now, count: 0, hits: [], suspendedUntil: null };
			this.windows.set(key, window);
		}
		if (window.suspendedUntil !== null && now >= window.suspendedUntil) window.suspendedUntil = null;
		const suspendMs = config.suspendMs ?? 0;
		if (window.suspendedUntil !== null) {
			return {
				allowed: false,
				state: {
					limit: config.limit,
					remaining: 0,
					resetSeconds: Math.max(0, Math.ceil((window.suspendedUntil - now) / 1000)),
					suspendedUntil: window.suspendedUntil,
					reason: 'suspended',
				},
			};
		}
		let count: number;
		let resetAt: number;
		if (config.sliding) {
			window.hits = window.hits.filter((t) => now - t < config.windowMs);
			window.hits.push(now);
			count = window.hits.length;
			resetAt = window.hits[0] + config.windowMs;
		} else {
			if (now - window.startedAt >= config.windowMs) {
				window.startedAt = now;
				window.count = 0;
			}
			window.count++;
			count = window.count;
			resetAt = window.startedAt + config.windowMs;
		}
		const allowed = count <= config.limit;
		if (!allowed && suspendMs > 0) {
			window.suspendedUntil = now + suspendMs;
			window.hits = [];
			resetAt = window.suspendedUntil;
		}
		const state: RateLimitState = {
			limit: config.limit,
			remaining: Math.max(0, config.limit - count),
			resetSeconds: Math.max(0, Math.ceil((resetAt - now) / 1000)),
			suspendedUntil: window.suspendedUntil,
			reason: allowed ? null : 'exceeded',
		};
		return { allowed, state };
	}

	/** Keys currently suspended, with the epoch ms their suspension ends. */
	suspensions(): Record<string, number> {
		const now = this.now();
		const out: Record<string, number> = {};
		for (const [key, w] of this.windows) if (w.suspendedUntil !== null && w.suspendedUntil > now) out[key] = w.suspendedUntil;
		return out;
	}

	reset(): void {
		this.windows.clear();
	}
}
