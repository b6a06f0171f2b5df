/**
 * Issue 13: the coordination layer on a real Redis, as two queue-mode workers would use it
 * (each "worker" here is its own RedisCoordination with its own connection).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { RedisCoordination } from '../../nodes/shared/redisCoordination';
import type { RunningRedis } from './redis-server';
import { startRedis } from './redis-server';

let redis: RunningRedis;

beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	await redis.stop();
});

let prefix = 0;
/** Two workers sharing one Redis and key prefix (a fresh prefix per test). */
function workers(options: { lockTtlMs?: number } = {}): [RedisCoordination, RedisCoordination] {
	const keyPrefix = `test${++prefix}:`;
	return [new RedisCoordination(redis.client(), { keyPrefix, ...options }), new RedisCoordination(redis.client(), { keyPrefix, ...options })];
}

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('locks across workers', () => {
	test('two workers holding the same key take turns; other keys run at once; fencing tokens grow', async () => {
		const [a, b] = workers();
		const events: string[] = [];
		const tokens: number[] = [];
		const hold = (who: RedisCoordination, name: string, key = 'order-1001') =>
			who.withLock(key, async (fence) => {
				tokens.push(fence.token);
				events.push(`${name} in`);
				await pause(150);
				await fence.check();
				events.push(`${name} out`);
			});
		const started = Date.now();
		await Promise.all([hold(a, 'a1'), hold(b, 'b1'), hold(a, 'a2'), hold(b, 'other', 'order-2002')]);
		const pairs = events.filter((event) => !event.startsWith('other'));
		for (let i = 0; i < pairs.length; i += 2) expect(pairs[i].replace(' in', '')).toBe(pairs[i + 1].replace(' out', ''));
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		expect(new Set(tokens).size).toBe(4);
	});

	test('a lock is kept while its task runs longer than the TTL (the holder renews it)', async () => {
		const [a, b] = workers({ lockTtlMs: 300 });
		let bIn = 0;
		const aDone = a.withLock('long', async (fence) => {
			await pause(1000);
			await fence.check();
			return Date.now();
		});
		await pause(50);
		const bDone = b.withLock('long', async () => (bIn = Date.now()));
		const aOut = await aDone;
		await bDone;
		expect(bIn).toBeGreaterThanOrEqual(aOut);
	});

	test('a lock held by a killed worker (SIGKILL) expires after its TTL, and the next holder proceeds', async () => {
		const [, b] = workers({ lockTtlMs: 1000 });
		const keyPrefix = `test${prefix}:`;
		const child = spawn(
			process.execPath,
			[join(__dirname, '../../node_modules/tsx/dist/cli.mjs'), join(__dirname, 'hold-lock.ts'), String(redis.port), keyPrefix, 'crash-key'],
			// Its own process group: tsx runs the script in a child process, and the whole worker must die.
			{ stdio: ['ignore', 'pipe', 'inherit'], detached: true },
		);
		await new Promise<void>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve());
			child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
		});
		process.kill(-child.pid!, 'SIGKILL');
		const killedAt = Date.now();
		const acquiredAfter = await b.withLock('crash-key', async () => Date.now() - killedAt);
		expect(acquiredAfter).toBeLessThan(2500);
	});

	test('a holder whose lock expired (it stalled) is refused before its write; the newer holder has a larger fencing token', async () => {
		const [a, b] = workers();
		const keyPrefix = `test${prefix}:`;
		const client = redis.client();
		const result = await a.withLock('stalled', async (fence) => {
			// What a stall beyond the TTL amounts to: the lock is gone and another worker takes it.
			await client.del(`${keyPrefix}lock:stalled`);
			let newerToken = 0;
			const newer = b.withLock('stalled', async (held) => {
				newerToken = held.token;
				await pause(200);
				return await client.get(`${keyPrefix}lock:stalled`);
			});
			await pause(50);
			const refused = await fence.check().then(
				() => undefined,
				(error: Error) => error,
			);
			return { refused, ownToken: fence.token, newerToken, newerStillHeld: await newer };
		});
		expect(result.refused).toMatchObject({ name: 'CoordinationUnavailableError', reason: 'lockLost' });
		expect(result.refused?.message).toMatch(/expired before the write \(fencing token \d+\); nothing was sent/);
		expect(result.newerToken).toBeGreaterThan(result.ownToken);
		expect(result.newerStillHeld).toBe(String(result.newerToken));
	});
});

describe('rate budgets across workers', () => {
	test('two workers asking at once never start more than the limit in any window (20 per second)', async () => {
		const [a, b] = workers();
		const rate = { limit: 20, windowMs: 1000 };
		const starts: number[] = [];
		const burst = (who: RedisCoordination) =>
			Array.from({ length: 30 }, async () => {
				await who.limiter('procountor:client-1', rate).acquire();
				starts.push(Date.now());
			});
		const began = Date.now();
		await Promise.all([...burst(a), ...burst(b)]);
		starts.sort((x, y) => x - y);
		for (let i = 0; i + 20 < starts.length; i++) expect(starts[i + 20] - starts[i]).toBeGreaterThanOrEqual(1000);
		// 60 starts at 20 per (safety-widened) window: at least two full windows of waiting.
		expect(Date.now() - began).toBeGreaterThanOrEqual(2000);
	});

	test('count until answered: a request in flight holds its slot across workers until its answer, then one window more', async () => {
		const [a, b] = workers();
		const rate = { limit: 2, windowMs: 300, countUntilAnswered: true };
		const releaseA = await a.limiter('scope', rate).acquire();
		const releaseB = await b.limiter('scope', rate).acquire();
		let third = 0;
		const waiting = a
			.limiter('scope', rate)
			.acquire()
			.then(() => (third = Date.now()));
		await pause(600);
		expect(third).toBe(0);
		const answeredAt = Date.now();
		releaseA();
		releaseB();
		await waiting;
		expect(third - answeredAt).toBeGreaterThanOrEqual(250);
	});

	test('a pause one worker learns (the vendor said wait) holds the other worker too', async () => {
		const [a, b] = workers();
		const rate = { limit: 100, windowMs: 1000 };
		a.limiter('tripletex:token', rate).pauseUntil(Date.now() + 500);
		await pause(20);
		const asked = Date.now();
		await b.limiter('tripletex:token', rate).acquire();
		expect(Date.now() - asked).toBeGreaterThanOrEqual(400);
	});
});

describe('the ledger across workers', () => {
	test('what one worker recorded, the other reads; entries expire after 24 hours', async () => {
		const [a, b] = workers();
		await a.ledger.set('k1', { state: 'written', record: { id: 9001 }, at: Date.now() });
		expect(await b.ledger.get('k1')).toMatchObject({ state: 'written', record: { id: 9001 } });
		const ttl = await redis.client().pttl(`test${prefix}:ledger:k1`);
		expect(ttl).toBeGreaterThan(24 * 3600 * 1000 - 60_000);
		expect(ttl).toBeLessThanOrEqual(24 * 3600 * 1000);
		await b.ledger.delete('k1');
		expect(await a.ledger.get('k1')).toBeUndefined();
	});
});

describe('Redis unreachable', () => {
	test('every call fails with CoordinationUnavailableError naming where, never silently', async () => {
		const dead = new RedisCoordination(
			(() => {
				const Redis = jest.requireActual<typeof import('ioredis')>('ioredis').default;
				const client = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
				client.on('error', () => undefined);
				return client;
			})(),
			{ where: '127.0.0.1:1/0' },
		);
		let ran = false;
		await expect(dead.withLock('x', async () => (ran = true))).rejects.toMatchObject({ name: 'CoordinationUnavailableError', reason: 'unreachable', where: '127.0.0.1:1/0' });
		expect(ran).toBe(false);
		await expect(dead.ledger.get('x')).rejects.toMatchObject({ name: 'CoordinationUnavailableError' });
		await expect(dead.limiter('s', { limit: 1, windowMs: 1000 }).acquire()).rejects.toMatchObject({ name: 'CoordinationUnavailableError' });
	});
});
