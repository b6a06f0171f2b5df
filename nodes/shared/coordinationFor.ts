import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Coordination, Ledger, LedgerEntry, LockFence } from './coordination';
import { coordination } from './coordination';
import { fingerprint } from './fingerprint';
import type { RateLimit, ReleaseSlot, RequestLimiter } from './rateLimiter';
import type { RedisClient } from './redisCoordination';
import { CoordinationUnavailableError, DEFAULT_KEY_PREFIX, RedisCoordination } from './redisCoordination';

export const COORDINATION_CREDENTIAL = 'nordicCommerceRedisApi';

export type NodeContext = IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

/**
 * n8n's own copy of ioredis (5.x, which queue mode runs on), found through the module paths
 * n8n gives community packages, as it does for n8n-workflow and zod. Loaded only when a node
 * is set to Redis, so the package loads without it.
 */
function ioredis(): new (options: RedisOptions) => ConnectedRedis {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n ships ioredis for queue mode and resolves n8n's modules for community packages; a dependency of our own would be a second copy (docs/queue-mode.md)
	const loaded = require('ioredis') as { default?: unknown };
	return (loaded.default ?? loaded) as new (options: RedisOptions) => ConnectedRedis;
}

/** The ioredis options the coordination sets (a subset of ioredis 5's RedisOptions). */
interface RedisOptions {
	host: string;
	port: number;
	db: number;
	username?: string;
	password?: string;
	tls?: object;
	lazyConnect: boolean;
	connectTimeout: number;
	maxRetriesPerRequest: number;
	retryStrategy: (times: number) => number | null;
}

interface ConnectedRedis extends RedisClient {
	connect(): Promise<void>;
	disconnect(): void;
	ping(): Promise<string>;
	on(event: 'error', listener: (error: Error) => void): unknown;
}

interface RedisSettings {
	options: RedisOptions;
	keyPrefix: string;
	where: string;
	degrade: boolean;
}

function settingsOf(credentials: ICredentialDataDecryptedObject): RedisSettings {
	const host = String(credentials.host || 'localhost');
	const port = Number(credentials.port) || 6379;
	const db = Number(credentials.database) || 0;
	return {
		options: {
			host,
			port,
			db,
			username: credentials.user ? String(credentials.user) : undefined,
			password: credentials.password ? String(credentials.password) : undefined,
			tls: credentials.ssl === true ? {} : undefined,
			lazyConnect: true,
			connectTimeout: 5000,
			// A command fails after one reconnection attempt instead of waiting for Redis to come back.
			maxRetriesPerRequest: 1,
			retryStrategy: (times: number) => Math.min(times * 200, 2000),
		},
		keyPrefix: String(credentials.keyPrefix ?? DEFAULT_KEY_PREFIX),
		where: `${host}:${port}/${db}`,
		degrade: credentials.whenUnreachable === 'inProcess',
	};
}

/** One connection per Redis and key prefix for the whole n8n process, shared by every execution. */
const connections = new Map<string, Promise<RedisCoordination>>();

async function connect(settings: RedisSettings): Promise<RedisCoordination> {
	const id = fingerprint([settings.options.host, settings.options.port, settings.options.db, settings.options.username, settings.options.password, settings.keyPrefix]);
	let connection = connections.get(id);
	if (!connection) {
		connection = (async () => {
			const client = new (ioredis())(settings.options);
			// Without a listener, ioredis reports every failed reconnection on standard error. The
			// socket's error (e.g. ECONNREFUSED) says more than connect()'s "Connection is closed".
			let socketError: Error | undefined;
			client.on('error', (error) => (socketError = error));
			await client.connect().catch(async (error: unknown) => {
				client.disconnect();
				return await Promise.reject(new CoordinationUnavailableError(settings.where, socketError ?? error));
			});
			return new RedisCoordination(client, { keyPrefix: settings.keyPrefix, where: settings.where });
		})();
		connections.set(id, connection);
		connection.catch(() => connections.delete(id));
	}
	return await connection;
}

function wantsRedis(context: NodeContext): boolean {
	try {
		const value =
			'getInputData' in context
				? (context as IExecuteFunctions).getNodeParameter('coordination', 0, 'process')
				: (context as IPollFunctions).getNodeParameter('coordination', 'process');
		return value === 'redis';
	} catch {
		return false;
	}
}

const perRun = new WeakMap<object, Promise<Coordination>>();

/**
 * The coordination backend a node run uses: this process's, or the Redis of the node's
 * "Nordic Commerce Coordination (Redis)" credential when its Coordination is Redis. Fails
 * when Redis cannot be reached, unless the credential allows carrying on with this n8n alone.
 */
export async function coordinationFor(context: NodeContext): Promise<Coordination> {
	if (!wantsRedis(context)) return coordination();
	let resolved = perRun.get(context);
	if (!resolved) {
		resolved = (async () => {
			const settings = settingsOf(await context.getCredentials(COORDINATION_CREDENTIAL));
			if (!settings.degrade) return new ReportingCoordination(context, await connect(settings).catch(async (error: unknown) => await Promise.reject(nodeError(context, error))));
			const redis = await connect(settings).catch(() => undefined);
			return redis ? new ReportingCoordination(context, new DegradingCoordination(redis, coordination())) : coordination();
		})();
		perRun.set(context, resolved);
		resolved.catch(() => perRun.delete(context));
	}
	return await resolved;
}

/** A CoordinationUnavailableError as the node's error, saying what to do; other errors as they are. */
function nodeError(context: NodeContext, error: unknown): unknown {
	if (!(error instanceof CoordinationUnavailableError)) return error;
	if (error.reason === 'lockLost') {
		return new NodeOperationError(context.getNode(), error.message, {
			description:
				'This n8n process held the lock on the write longer than Redis kept it (it stalled for more than the lock time), so another execution may have taken over. Nothing was sent. Run the item again: it looks the record up first.',
		});
	}
	return new NodeOperationError(context.getNode(), error.message, {
		description:
			'Nothing was sent to the vendor: without Redis the node cannot keep writes exactly once and rate limits shared across n8n processes. ' +
			'Check that Redis is running and reachable from every n8n process, and the "Nordic Commerce Coordination (Redis)" credential. ' +
			'To carry on without it (two workers may then book the same order twice), set the credential\'s "If Redis Is Unreachable" to "Continue Within This Process Only".',
	});
}

async function reported<T>(context: NodeContext, promise: Promise<T>): Promise<T> {
	return await promise.catch(async (error: unknown) => await Promise.reject(nodeError(context, error)));
}

/** Passes every call through, turning Redis failures into the node's error. */
class ReportingCoordination implements Coordination {
	readonly name: string;
	readonly ledger: Ledger;

	constructor(
		private readonly context: NodeContext,
		private readonly backend: Coordination,
	) {
		this.name = backend.name;
		this.ledger = {
			get: async (key: string) => await reported(context, backend.ledger.get(key)),
			set: async (key: string, entry: LedgerEntry) => await reported(context, backend.ledger.set(key, entry)),
			delete: async (key: string) => await reported(context, backend.ledger.delete(key)),
		};
	}

	async withLock<T>(key: string, task: (fence: LockFence) => Promise<T>): Promise<T> {
		return await reported(this.context, this.backend.withLock(key, task));
	}

	limiter(scope: string, rate: RateLimit): RequestLimiter {
		const limiter = this.backend.limiter(scope, rate);
		return {
			acquire: async () => await reported(this.context, limiter.acquire()),
			pauseUntil: (timestamp: number) => limiter.pauseUntil(timestamp),
		};
	}
}

function unreachable(error: unknown): boolean {
	return error instanceof CoordinationUnavailableError && error.reason === 'unreachable';
}

/** Redis while it answers; this process's locks, budgets and ledger when it does not. */
class DegradingCoordination implements Coordination {
	readonly name = 'redis (in-process when unreachable)';
	readonly ledger: Ledger;

	constructor(
		private readonly primary: Coordination,
		private readonly fallback: Coordination,
	) {
		this.ledger = {
			get: async (key: string) => await primary.ledger.get(key).catch((error: unknown) => (unreachable(error) ? fallback.ledger.get(key) : Promise.reject(error))),
			set: async (key: string, entry: LedgerEntry) =>
				await primary.ledger.set(key, entry).catch((error: unknown) => (unreachable(error) ? fallback.ledger.set(key, entry) : Promise.reject(error))),
			delete: async (key: string) => await primary.ledger.delete(key).catch((error: unknown) => (unreachable(error) ? fallback.ledger.delete(key) : Promise.reject(error))),
		};
	}

	async withLock<T>(key: string, task: (fence: LockFence) => Promise<T>): Promise<T> {
		let started = false;
		try {
			return await this.primary.withLock(key, async (fence) => {
				started = true;
				return await task({ token: fence.token, check: async () => await fence.check().catch((error: unknown) => (unreachable(error) ? undefined : Promise.reject(error))) });
			});
		} catch (error) {
			if (started || !unreachable(error)) return await Promise.reject(error);
			return await this.fallback.withLock(key, task);
		}
	}

	limiter(scope: string, rate: RateLimit): RequestLimiter {
		const primary = this.primary.limiter(scope, rate);
		const fallback = this.fallback.limiter(scope, rate);
		return {
			acquire: async (): Promise<ReleaseSlot> => await primary.acquire().catch(async (error: unknown) => (unreachable(error) ? await fallback.acquire() : await Promise.reject(error))),
			pauseUntil: (timestamp: number) => {
				primary.pauseUntil(timestamp);
				fallback.pauseUntil(timestamp);
			},
		};
	}
}

/** The credential's Test button: connects, PINGs and runs one script with Redis's clock (scripting and TIME are needed). */
export async function redisCoordinationTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const settings = settingsOf(credential.data ?? {});
	const client = new (ioredis())({ ...settings.options, retryStrategy: () => null });
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.ping();
		await client.eval("return redis.call('TIME')", 0);
		return { status: 'OK', message: `Connected to Redis at ${settings.where}` };
	} catch (error) {
		return { status: 'Error', message: `Redis at ${settings.where} could not be used: ${(error as Error).message}` };
	} finally {
		client.disconnect();
	}
}
