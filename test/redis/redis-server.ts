/**
 * A real redis-server (Debian's package, installed by scripts/install-services.sh) on a free
 * loopback port, without persistence, for the coordination tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';

export interface RunningRedis {
	port: number;
	/** A new client (one per simulated worker). */
	client(): Redis;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export async function startRedis(): Promise<RunningRedis> {
	const port = await freePort();
	const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	const spawned = new Promise<void>((_resolve, reject) =>
		child.once('error', (error) => reject(new Error(`redis-server could not be started (${error.message}): run scripts/install-services.sh`))),
	);
	const clients: Redis[] = [];
	const client = () => {
		const c = new Redis({ host: '127.0.0.1', port, lazyConnect: false, maxRetriesPerRequest: 1 });
		c.on('error', () => undefined);
		clients.push(c);
		return c;
	};
	const probe = client();
	await Promise.race([spawned, (async () => {
		for (let i = 0; ; i++) {
			if (await probe.ping().then(() => true, () => false)) return;
			if (i > 100) throw new Error(`redis-server did not answer on port ${port}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})()]);
	return {
		port,
		client,
		stop: async () => {
			for (const c of clients) c.disconnect();
			child.kill('SIGKILL');
			await new Promise((resolve) => child.once('exit', resolve));
		},
	};
}
