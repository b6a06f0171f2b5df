import { sleep } from 'n8n-workflow';

import type { Coordination, Ledger, LedgerEntry, LockFence } from './coordination';
import { LEDGER_TTL_MS } from './coordination';
import type { RateLimit, ReleaseSlot, RequestLimiter } from './rateLimiter';
import { MAX_SERVER_WAIT_MS } from './retry';

/** The commands the coordination sends, as ioredis 5 (n8n's copy) offers them. */
export interface RedisClient {
	incr(key: string): Promise<number>;
	get(key: string): Promise<string | null>;
	set(key: string, value: string, px: 'PX', ms: number): Promise<unknown>;
	set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<unknown>;
	del(key: string): Promise<number>;
	eval(script: string, keys: number, ...args: Array<string | number>): Promise<unknown>;
}

/**
 * Redis answered with an error, or could not be reached: the guarantees cannot be kept.
 * Internal: `coordinationFor` turns it into the node's error, with what to do.
 */
export class CoordinationUnavailableError extends Error {
	constructor(
		readonly where: string,
		cause: unknown,
		/** `lockLost`: Redis answered, but the lock had expired (its holder stalled longer than the TTL). */
		readonly reason: 'unreachable' | 'lockLost' = 'unreachable',
	) {
		super(`Redis (coordination) at ${where} could not be used: ${plainReason(cause)}`);
		this.name = 'CoordinationUnavailableError';
	}
}

const SOCKET_ERRORS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused (is Redis running on that host and port?)',
	ETIMEDOUT: 'the connection timed out',
	ENOTFOUND: 'the host was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	ECONNRESET: 'the connection was reset',
	EHOSTUNREACH: 'the host cannot be reached',
};

/**
 * The cause in words, without error codes such as ECONNREFUSED: n8n replaces a node error's
 * message that contains one with a generic sentence, which would hide that Redis is meant.
 */
function plainReason(cause: unknown): string {
	const code = (cause as { code?: unknown })?.code;
	if (typeof code === 'string' && SOCKET_ERRORS[code]) return SOCKET_ERRORS[code];
	const message = (cause as Error)?.message ?? String(cause);
	return message.replace(/\b(?:E[A-Z]{3,}|EAI_[A-Z]+)\b/g, '').replace(/\s{2,}/g, ' ').trim() || 'it did not answer';
}

export interface RedisCoordinationOptions {
	/** Prefix of every key this package writes (one Redis may serve several n8n instances). */
	keyPrefix?: string;
	/** How long a lock outlives its holder; the holder renews it while its task runs. */
	lockTtlMs?: number;
	/** Shown in messages: "host:port/db". */
	where?: string;
}

export const DEFAULT_KEY_PREFIX = 'n8n-nordic-commerce:';
export const DEFAULT_LOCK_TTL_MS = 30_000;

/** Redis's own clock in ms, so that every worker counts the same windows whatever its clock. */
const NOW = "local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

/**
 * KEYS: window set, pause key. ARGV: limit, window ms, member, hold ms (0: count from the
 * start; > 0: count while in flight, at most hold ms, see `release`). Returns 0 when the slot
 * is taken, else how long to wait before asking again.
 */
const ACQUIRE_SCRIPT = `${NOW}
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
local limit = tonumber(ARGV[1]); local window = tonumber(ARGV[2]); local hold = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window + hold + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;

/** KEYS: window set. ARGV: member. The answer is in: the slot counts for one window from now. */
const RELEASE_SCRIPT = `${NOW}
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0`;

/** KEYS: pause key. ARGV: ms from now. Extends a pause, never shortens it. */
const PAUSE_SCRIPT = `${NOW}
local untilMs = now + tonumber(ARGV[1])
if untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1])) end
return 0`;

/** KEYS: lock. ARGV: token, ttl ms. 1 when the lock is still the caller's (and now lasts ttl more). */
const EXTEND_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** KEYS: lock. ARGV: token. Deletes the lock only if it is still the caller's. */
const UNLOCK_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Locks, rate budgets and the ledger in Redis, shared by every n8n process (main, webhook
 * processors, queue-mode workers) that uses the same Redis and key prefix.
 */
export class RedisCoordination implements Coordination {
	readonly name = 'redis';
	readonly ledger: Ledger;
	private readonly prefix: string;
	private readonly lockTtlMs: number;
	private readonly where: string;
	private readonly limiters = new Map<string, RequestLimiter>();

	constructor(
		private readonly client: RedisClient,
		options: RedisCoordinationOptions = {},
	) {
		this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
		this.lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
		this.where = options.where ?? 'redis';
		this.ledger = new RedisLedger(this);
	}

	/** Runs a Redis command; any failure becomes a CoordinationUnavailableError. */
	async run<T>(command: (client: RedisClient) => Promise<T>): Promise<T> {
		return await command(this.client).catch(async (error: unknown) => await Promise.reject(new CoordinationUnavailableError(this.where, error)));
	}

	key(kind: string, name: string): string {
		return `${this.prefix}${kind}:${name}`;
	}

	/**
	 * Waits for the lock (SET NX with a TTL), renews it while `task` runs, and releases it only
	 * if it is still ours. A holder that dies stops renewing, so its lock expires after the TTL.
	 * Each lock carries a fencing token (an ever-growing number): `fence.check()` confirms, and
	 * extends, that the lock is still the caller's before a write leaves.
	 */
	async withLock<T>(name: string, task: (fence: LockFence) => Promise<T>): Promise<T> {
		const key = this.key('lock', name);
		const token = String(await this.run((client) => client.incr(this.key('fence', 'counter'))));
		for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
			const taken = await this.run((client) => client.set(key, token, 'PX', this.lockTtlMs, 'NX'));
			if (taken === 'OK') break;
			await sleep(wait + Math.floor(Math.random() * wait));
		}
		let held = true;
		const extend = async (): Promise<boolean> => {
			const still = await this.run((client) => client.eval(EXTEND_SCRIPT, 1, key, token, this.lockTtlMs));
			held = held && still === 1;
			return held;
		};
		let running = true;
		const renewEvery = Math.max(Math.floor(this.lockTtlMs / 3), 10);
		const tick = Math.min(renewEvery, 200);
		const renewing = (async () => {
			for (let since = 0; running; ) {
				await sleep(tick);
				since += tick;
				if (running && since >= renewEvery) {
					since = 0;
					await extend().catch(() => (held = false));
				}
			}
		})();
		const fence: LockFence = {
			token: Number(token),
			check: async () => {
				if (!(await extend())) {
					// Internal, turned into the node's error by coordinationFor.
					throw new CoordinationUnavailableError(
						this.where,
						new Error(`the lock ${name.slice(0, 12)}… expired before the write (fencing token ${token}); nothing was sent`),
						'lockLost',
					);
				}
			},
		};
		try {
			return await task(fence);
		} finally {
			running = false;
			await renewing;
			await this.run((client) => client.eval(UNLOCK_SCRIPT, 1, key, token)).catch(() => undefined);
		}
	}

	limiter(scope: string, rate: RateLimit): RequestLimiter {
		const id = `${scope}|${rate.limit}/${rate.windowMs}${rate.countUntilAnswered ? '|answered' : ''}`;
		let limiter = this.limiters.get(id);
		if (!limiter) {
			limiter = new RedisLimiter(this, this.key('rate', id), this.key('pause', scope), rate);
			this.limiters.set(id, limiter);
		}
		return limiter;
	}
}

/** How long a request in flight may hold its slot if its holder never reports the answer (a killed worker). */
const MAX_IN_FLIGHT_MS = 10 * 60 * 1000;

/** The sliding-window limiter of rateLimiter.ts, counted in one Redis sorted set per scope. */
class RedisLimiter implements RequestLimiter {
	private sequence = 0;
	private readonly windowMs: number;
	private readonly id = Math.random().toString(36).slice(2);

	constructor(
		private readonly coordination: RedisCoordination,
		private readonly setKey: string,
		private readonly pauseKey: string,
		private readonly rate: RateLimit,
	) {
		// The same safety margin as the in-process limiter: network jitter between us and the vendor.
		this.windowMs = rate.countUntilAnswered ? rate.windowMs : Math.ceil(rate.windowMs * 1.05);
	}

	async acquire(): Promise<ReleaseSlot> {
		const member = `${this.id}:${++this.sequence}`;
		const hold = this.rate.countUntilAnswered ? MAX_IN_FLIGHT_MS : 0;
		for (;;) {
			const wait = Number(
				await this.coordination.run((client) => client.eval(ACQUIRE_SCRIPT, 2, this.setKey, this.pauseKey, this.rate.limit, this.windowMs, member, hold)),
			);
			if (wait <= 0) break;
			await sleep(Math.min(wait, 1000) + Math.floor(Math.random() * 5));
		}
		if (!hold) return () => {};
		let released = false;
		return () => {
			if (released) return;
			released = true;
			// If Redis cannot be told, the slot still frees itself after MAX_IN_FLIGHT_MS.
			void this.coordination.run((client) => client.eval(RELEASE_SCRIPT, 1, this.setKey, member)).catch(() => undefined);
		};
	}

	pauseUntil(timestamp: number): void {
		const ms = Math.min(timestamp - Date.now(), MAX_SERVER_WAIT_MS);
		if (!(ms > 0)) return;
		void this.coordination.run((client) => client.eval(PAUSE_SCRIPT, 1, this.pauseKey, Math.ceil(ms))).catch(() => undefined);
	}
}

/** Entries expire after the ledger's TTL (24 h); Redis, not a count, bounds their number. */
class RedisLedger implements Ledger {
	constructor(private readonly coordination: RedisCoordination) {}

	async get(key: string): Promise<LedgerEntry | undefined> {
		const raw = await this.coordination.run((client) => client.get(this.coordination.key('ledger', key)));
		return raw ? (JSON.parse(raw) as LedgerEntry) : undefined;
	}

	async set(key: string, entry: LedgerEntry): Promise<void> {
		const ttl = Math.max(1, LEDGER_TTL_MS - Math.max(0, Date.now() - entry.at));
		await this.coordination.run((client) => client.set(this.coordination.key('ledger', key), JSON.stringify(entry), 'PX', ttl));
	}

	async delete(key: string): Promise<void> {
		await this.coordination.run((client) => client.del(this.coordination.key('ledger', key)));
	}
}
