/** A worker that takes a lock and hangs until killed: `tsx hold-lock.ts <port> <keyPrefix> <key>`. */
import Redis from 'ioredis';

import { RedisCoordination } from '../../nodes/shared/redisCoordination';

const [port, keyPrefix, key] = process.argv.slice(2);
const coordination = new RedisCoordination(new Redis({ host: '127.0.0.1', port: Number(port) }), { keyPrefix, lockTtlMs: 1000 });
void coordination.withLock(key, async () => {
	process.stdout.write('holding\n');
	await new Promise(() => undefined);
});
