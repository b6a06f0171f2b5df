/**
 * `npm run test:e2e -- --queue`: the package in n8n's queue mode, as self-hosters who outgrow
 * one process run it. Everything is started here, on free loopback ports in a temp folder:
 * PostgreSQL (initdb + pg_ctl; as root under the `postgres` user, which Postgres requires),
 * redis-server, the sandbox, and n8n 2.41.1 with EXECUTIONS_MODE=queue: one main (`n8n start`),
 * one webhook processor (`n8n webhook`) and two workers (`n8n worker --concurrency=5`), all
 * with the packed package and the same encryption key. Torn down at the end, also on failure.
 *
 * Scenarios (the workflows are the templates' nodes, changed here, never in templates/):
 * - the same order delivered twice at the same moment to the store webhook of
 *   procountor-order-to-invoice and of tripletex-order-to-invoice, every node of the package
 *   on Coordination = Redis: exactly one invoice (and shipment / order); which worker ran each
 *   execution is read from the workers' logs ("Worker started execution N"); then, for
 *   contrast, the same on Coordination = This Process (reported, not asserted: a race);
 * - Tripletex vouchers in many executions on both workers at once, with a credential that has
 *   no session yet: every voucher once; session exchanges counted from the sandbox's journal
 *   (first wave reported, a second wave must exchange none: the stored session is reused);
 * - 600 Procountor invoices in 30 executions that both workers run at once with one API
 *   client: no second over Procountor's 20 requests, no suspension, every invoice once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { request } from 'undici';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { EMULATORS } from '../../sandbox/emulators';
import { deliverWebhookConcurrently, SandboxControl } from '../../sandbox/client';
import type { JournalEntry } from '../../sandbox/framework/journal';
import {
	freePort,
	importCredentials,
	installPackage,
	listTemplates,
	login,
	n8nCli,
	n8nContext,
	PACKAGE_NAME,
	rest,
	sandboxCredentials,
	startServer,
	STORE_WEBHOOK_AUTH,
	storeWebhookCredential,
	templateForSandbox,
	type CredentialImport,
	type N8nContext,
	type Provisioned,
	type RunningServer,
} from '../../scripts/n8n-local';
import { startRedis, type RunningRedis } from '../redis/redis-server';
import { activate, executionIds, executionsEnded, firstAnswer, type RunOutcome } from './webhook-runs';
import { sampleBody, type WorkflowNode } from './store-webhooks';

type Check = (name: string, body: () => Promise<string[]>) => Promise<boolean>;

export interface QueueModeDeps {
	check: Check;
	step(message: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const WORKER_CONCURRENCY = 5;
const REDIS_CREDENTIAL = { id: 'NcQueueRedis0001', name: 'Coordination (queue e2e)', type: 'nordicCommerceRedisApi' };
/** A second Tripletex credential (same sandbox account), with no session yet when the voucher scenario starts. */
const TRIPLETEX_FRESH = { id: 'NcTlxQueueSbx02', name: 'Tripletex (queue e2e, fresh)' };

// --- PostgreSQL ------------------------------------------------------------------------------------

interface RunningPostgres {
	port: number;
	stop(): void;
}

function postgresBin(): string {
	const base = '/usr/lib/postgresql';
	const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres'))) : [];
	if (!versions.length) throw new Error('PostgreSQL is not installed (run scripts/install-services.sh)');
	return join(base, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** Postgres refuses to run as root: as root, its tools run as the `postgres` user (created when missing). */
function postgresUser(): string | undefined {
	if (process.getuid?.() !== 0) return undefined;
	if (spawnSync('id', ['-u', 'postgres']).status !== 0) {
		const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
		if (made.status !== 0) throw new Error(`useradd postgres failed: ${made.stderr}`);
	}
	return 'postgres';
}

function runAs(user: string | undefined, command: string, args: string[]): void {
	const [file, argv] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
	const result = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}): ${result.stdout}${result.stderr}`);
}

async function startPostgres(dir: string): Promise<RunningPostgres> {
	const bin = postgresBin();
	const user = postgresUser();
	mkdirSync(dir, { mode: 0o700 });
	if (user) {
		const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
		const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	const port = await freePort();
	runAs(user, join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`;
	runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
	return {
		port,
		stop: () => {
			try {
				runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} catch {
				/* already stopped */
			}
		},
	};
}

// --- n8n processes ---------------------------------------------------------------------------------

interface N8nProcess {
	name: string;
	child: ChildProcess;
	logFile: string;
	readLog(): string;
	/** SIGTERM to its process group (its task runner too), SIGKILL after 15 s. */
	stop(): Promise<void>;
	/** SIGKILL to the process group at once, as a crashed machine would. */
	kill(): Promise<void>;
}

function spawnN8n(ctx: N8nContext, name: string, args: string[], logFile: string): N8nProcess {
	const log = createWriteStream(logFile);
	const child = spawn(ctx.n8n.nodeExe, [ctx.n8n.n8nBin, ...args], { cwd: ctx.userFolder, env: ctx.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => log.write(chunk));
	let exited = false;
	const killOnExit = () => signal('SIGKILL');
	const signal = (sig: NodeJS.Signals) => {
		try {
			if (!exited && child.pid !== undefined) process.kill(-child.pid, sig);
		} catch {
			/* already gone */
		}
	};
	process.once('exit', killOnExit);
	const gone = new Promise<void>((resolve) =>
		child.once('exit', () => {
			exited = true;
			process.removeListener('exit', killOnExit);
			log.end(() => resolve());
		}),
	);
	const stopWith = async (first: NodeJS.Signals) => {
		if (exited) return;
		signal(first);
		const timer = setTimeout(() => signal('SIGKILL'), 15_000);
		await gone;
		clearTimeout(timer);
	};
	return {
		name,
		child,
		logFile,
		readLog: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
		stop: async () => await stopWith('SIGTERM'),
		kill: async () => await stopWith('SIGKILL'),
	};
}

async function waitFor(what: string, proc: N8nProcess, ready: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (proc.child.exitCode !== null) throw new Error(`${what} exited (code ${proc.child.exitCode}); see ${proc.logFile}:\n${proc.readLog().slice(-3000)}`);
		if (await ready().catch(() => false)) return;
		await sleep(500);
	}
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s; see ${proc.logFile}`);
}

async function httpOk(url: string): Promise<boolean> {
	const res = await request(url);
	await res.body.dump();
	return res.statusCode === 200;
}

/** Execution id → worker, from each worker's log ("Worker started execution 12 (job 7)"). */
function executionWorkers(workers: N8nProcess[]): Map<string, string> {
	const map = new Map<string, string>();
	for (const worker of workers) {
		for (const match of worker.readLog().matchAll(/Worker started execution (\d+)/g)) map.set(match[1], worker.name);
	}
	return map;
}

// --- workflows -------------------------------------------------------------------------------------

interface Workflow {
	id: string;
	name: string;
	nodes: Array<WorkflowNode & { id?: string; webhookId?: string; typeVersion?: number; position?: number[] }>;
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	[key: string]: unknown;
}

function templateWorkflow(name: string): Workflow {
	const template = listTemplates().find((t) => t.name === name);
	if (!template) throw new Error(`templates/${name}.json not found`);
	return JSON.parse(JSON.stringify(template.workflow)) as Workflow;
}

/** Every node of this package on the given Coordination (with Redis: the test's Redis credential). */
function withCoordination(workflow: Workflow, mode: 'redis' | 'process'): Workflow {
	for (const node of workflow.nodes) {
		if (!node.type.startsWith(`${PACKAGE_NAME}.`)) continue;
		node.parameters = { ...node.parameters, coordination: mode };
		const credentials = { ...node.credentials };
		if (mode === 'redis') credentials[REDIS_CREDENTIAL.type] = { id: REDIS_CREDENTIAL.id, name: REDIS_CREDENTIAL.name };
		else delete credentials[REDIS_CREDENTIAL.type];
		node.credentials = credentials;
	}
	return workflow;
}

/** A copy under its own id, name and webhook path (the store webhook stays Header Auth). */
function copyOf(workflow: Workflow, id: string, path: string): Workflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as Workflow;
	copy.id = id;
	copy.name = `${workflow.name} [queue e2e ${id}]`;
	for (const node of copy.nodes) {
		if (node.type !== 'n8n-nodes-base.webhook') continue;
		node.webhookId = randomUUID();
		node.parameters = { ...node.parameters, path };
	}
	return copy;
}

function node(workflow: Workflow, name: string): Workflow['nodes'][number] {
	const found = workflow.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${workflow.name}: no node "${name}"`);
	return JSON.parse(JSON.stringify(found)) as Workflow['nodes'][number];
}

function chain(id: string, name: string, nodes: Workflow['nodes']): Workflow {
	const connections: Workflow['connections'] = {};
	nodes.forEach((n, index) => {
		n.position = [index * 220, 0];
		n.id ??= randomUUID();
		if (index + 1 < nodes.length) connections[n.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}

function storeWebhook(path: string): Workflow['nodes'][number] {
	return {
		name: 'Store webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, authentication: 'headerAuth', options: {} },
		credentials: { httpHeaderAuth: { id: STORE_WEBHOOK_AUTH.id, name: STORE_WEBHOOK_AUTH.name } },
	};
}

function code(name: string, jsCode: string): Workflow['nodes'][number] {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } };
}

/** Webhook → one item per order of `body.orders` → the template's Normalize order → Create invoice. */
function invoiceBatchWorkflow(): Workflow {
	const template = templateWorkflow('procountor-order-to-invoice');
	return withCoordination(
		chain('NcQueueInvoices1', 'Queue e2e: Procountor invoices in batches', [
			storeWebhook('queue-e2e-invoices'),
			code('Orders', 'return $input.first().json.body.orders.map((order) => ({ json: order }));'),
			node(template, 'Normalize order'),
			node(template, 'Create invoice'),
		]),
		'redis',
	);
}

/** Webhook → one item per order of `body.orders` → the template's Normalize order → Book shipment (Posti). */
function shipmentBatchWorkflow(): Workflow {
	const template = templateWorkflow('procountor-order-to-invoice');
	return withCoordination(
		chain('NcQueueShipment1', 'Queue e2e: Posti shipments in a batch', [
			storeWebhook('queue-e2e-shipments'),
			code('Orders', 'return $input.first().json.body.orders.map((order) => ({ json: order }));'),
			node(template, 'Normalize order'),
			node(template, 'Book shipment'),
		]),
		'redis',
	);
}

/** Webhook → one item per date of `body.dates` → the template's sales summary, postings and voucher (fresh credential). */
function voucherWorkflow(): Workflow {
	const template = templateWorkflow('tripletex-daily-sales-voucher');
	const voucher = node(template, 'Post daily sales voucher');
	voucher.credentials = { tripletexApi: TRIPLETEX_FRESH };
	return withCoordination(
		chain('NcQueueVouchers1', 'Queue e2e: Tripletex daily vouchers', [
			storeWebhook('queue-e2e-vouchers'),
			code('Days', 'return $input.first().json.body.dates.map((date) => ({ json: { date } }));'),
			node(template, 'Sales summary (sample data)'),
			node(template, 'Build balanced postings'),
			voucher,
		]),
		'redis',
	);
}

// --- the sandbox's records ------------------------------------------------------------------------

type Row = Record<string, unknown>;

async function tables(control: SandboxControl, company?: number): Promise<Record<string, Row[]>> {
	const state = await control.state<{ companies?: Record<string, Record<string, Row[]>> } & Record<string, unknown>>();
	if (company === undefined) return Object.fromEntries(Object.entries(state).filter((e): e is [string, Row[]] => Array.isArray(e[1])));
	return state.companies?.[String(company)] ?? {};
}

const PROCOUNTOR_COMPANY = 2684459;
const TRIPLETEX_COMPANY = 108000;

/** The most requests that arrived within any `windowMs` (sliding, by arrival time). */
function busiestWindow(entries: JournalEntry[], windowMs = 1000): { count: number; at: number } {
	const times = entries.map((e) => e.time).sort((a, b) => a - b);
	let best = { count: 0, at: times[0] ?? 0 };
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		if (end - start + 1 > best.count) best = { count: end - start + 1, at: times[start] };
	}
	return best;
}

// --- the run ---------------------------------------------------------------------------------------

interface Cluster {
	main: N8nContext;
	webhookPort: number;
	cookie: string;
	workers: N8nProcess[];
	processes: N8nProcess[];
	storeSecret: string;
	sandbox: Sandbox;
	control(name: string): SandboxControl;
}

export async function runQueueMode(deps: QueueModeDeps, n8n: Provisioned, tarball: string, { keep = false } = {}): Promise<void> {
	const { check, step } = deps;
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-e2e-'));
	chmodSync(dir, 0o711); // the postgres user reaches its folder inside
	const userFolder = join(dir, 'n8n');
	mkdirSync(userFolder);
	let postgres: RunningPostgres | undefined;
	let redis: RunningRedis | undefined;
	let sandbox: Sandbox | undefined;
	const processes: N8nProcess[] = [];
	let mainServer: RunningServer | undefined;
	try {
		step('queue mode: PostgreSQL, Redis, sandbox; n8n main, webhook processor, two workers');
		installPackage(userFolder, tarball);
		postgres = await startPostgres(join(dir, 'postgres'));
		redis = await startRedis();
		sandbox = await startSandbox(Object.fromEntries(EMULATORS.map((definition) => [definition.name, { port: 0 }])) as SandboxOptions);
		console.log(`PostgreSQL on ${postgres.port}, Redis on ${redis.port}, folder ${dir}`);
		const queueEnv: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			N8N_LOG_LEVEL: 'info',
		};
		const mainPort = await freePort();
		const main = n8nContext(n8n, userFolder, { port: mainPort, brokerPort: await freePort(), extraEnv: queueEnv });
		const webhookPort = await freePort();
		const webhookCtx = n8nContext(n8n, userFolder, { port: webhookPort, brokerPort: await freePort(), extraEnv: { ...queueEnv, N8N_WEBHOOK_URL: `http://localhost:${webhookPort}/` } });
		const storeSecret = randomBytes(24).toString('hex');
		const emulators = sandbox.emulators;

		await check('queue mode: n8n import:credentials and import:workflow into PostgreSQL (the workflows: templates with every node of the package on Coordination = Redis, or This Process for contrast)', async () => {
			const credentials: CredentialImport[] = [
				...sandboxCredentials(emulators),
				storeWebhookCredential(storeSecret),
				{ ...REDIS_CREDENTIAL, data: { host: '127.0.0.1', port: redis!.port, user: '', password: '', database: 0, ssl: false, keyPrefix: 'queue-e2e:', whenUnreachable: 'fail' } },
			];
			const tripletex = credentials.find((c) => c.type === 'tripletexApi');
			if (tripletex) credentials.push({ ...tripletex, ...TRIPLETEX_FRESH });
			await importCredentials(main, credentials);
			const workflows = [
				copyOf(withCoordination(templateWorkflow('procountor-order-to-invoice'), 'redis'), 'NcQueuePcRedis01', 'queue-e2e-procountor-redis'),
				copyOf(withCoordination(templateWorkflow('tripletex-order-to-invoice'), 'redis'), 'NcQueueTxRedis01', 'queue-e2e-tripletex-redis'),
				copyOf(withCoordination(templateWorkflow('procountor-order-to-invoice'), 'process'), 'NcQueuePcProc001', 'queue-e2e-procountor-process'),
				copyOf(withCoordination(templateWorkflow('tripletex-order-to-invoice'), 'process'), 'NcQueueTxProc001', 'queue-e2e-tripletex-process'),
				voucherWorkflow(),
				invoiceBatchWorkflow(),
				shipmentBatchWorkflow(),
			];
			const file = join(userFolder, 'queue-workflows.import.json');
			writeFileSync(file, templateForSandbox(JSON.stringify(workflows, null, 2), emulators));
			const imported = await n8nCli(main, ['import:workflow', `--input=${file}`]);
			return imported.code === 0 ? [] : [`n8n import:workflow failed (exit ${imported.code}): ${(imported.stdout + imported.stderr).slice(-2000)}`];
		});

		mainServer = await startServer(main, join(dir, 'main.log'));
		const cookie = await login(main);
		const hook = spawnN8n(webhookCtx, 'webhook', ['webhook'], join(dir, 'webhook.log'));
		processes.push(hook);
		const workers: N8nProcess[] = [];
		for (const index of [1, 2]) {
			const ctx = n8nContext(n8n, userFolder, { port: await freePort(), brokerPort: await freePort(), extraEnv: queueEnv });
			const worker = spawnN8n(ctx, `worker ${index}`, ['worker', `--concurrency=${WORKER_CONCURRENCY}`], join(dir, `worker-${index}.log`));
			workers.push(worker);
			processes.push(worker);
		}
		await check(`queue mode: main, webhook processor and two workers (concurrency ${WORKER_CONCURRENCY}) are up on PostgreSQL and Redis`, async () => {
			await waitFor('the webhook processor', hook, async () => await httpOk(`http://127.0.0.1:${webhookPort}/healthz`));
			for (const worker of workers) await waitFor(worker.name, worker, async () => /n8n worker is now ready/.test(worker.readLog()));
			return [];
		});
		const cluster: Cluster = {
			main,
			webhookPort,
			cookie,
			workers,
			processes,
			storeSecret,
			sandbox,
			control: (name) => new SandboxControl(emulators.find((e) => e.name === name)!.controlUrl),
		};
		for (const id of ['NcQueuePcRedis01', 'NcQueueTxRedis01', 'NcQueuePcProc001', 'NcQueueTxProc001', 'NcQueueVouchers1', 'NcQueueInvoices1', 'NcQueueShipment1']) {
			const problems = await activate(main, cookie, id);
			if (problems.length) await check(`queue mode: workflow ${id} is published`, async () => problems);
		}

		step('queue mode: the same order twice at the same moment, Coordination = Redis');
		await sameOrderTwice(deps, cluster, 'redis');
		step('queue mode: Tripletex vouchers on both workers (session exchanges)');
		await vouchersOnTwoWorkers(deps, cluster);
		step('queue mode: 600 Procountor invoices on both workers, one API client');
		await invoicesUnderOneLimit(deps, cluster);
		step('queue mode: the same order twice at the same moment, Coordination = This Process (contrast, reported)');
		await sameOrderTwice(deps, cluster, 'process');
		step('queue mode: a worker killed (SIGKILL) in the middle of a batch of Posti shipments, then the batch delivered again');
		await workerKilledMidBatch(deps, cluster);
	} finally {
		for (const proc of processes) await proc.stop();
		await mainServer?.stop();
		await sandbox?.stop();
		await redis?.stop();
		postgres?.stop();
		if (keep) console.log(`\nkept: ${dir}`);
		else rmSync(dir, { recursive: true, force: true });
	}
}

function webhookUrl(cluster: Cluster, path: string): string {
	return `http://127.0.0.1:${cluster.webhookPort}/webhook/${path}`;
}

function storeHeaders(cluster: Cluster): Record<string, string> {
	return { [STORE_WEBHOOK_AUTH.headerName]: cluster.storeSecret };
}

interface PairResult {
	problems: string[];
	runs: RunOutcome[];
	/** The worker of each execution, oldest first. */
	workers: string[];
}

/** Delivers `body` twice at the same moment to the webhook; waits for both executions; whose worker ran each. */
async function deliverTwice(cluster: Cluster, workflowId: string, path: string, body: unknown): Promise<PairResult> {
	const known = await executionIds(cluster.main, cluster.cookie, workflowId);
	const url = webhookUrl(cluster, path);
	const probe = await firstAnswer(url, {}, {}); // registered? (refused without the header: nothing runs)
	if (probe.status === 404) return { problems: [`the webhook ${path} is not registered on the webhook processor`], runs: [], workers: [] };
	const answers = await deliverWebhookConcurrently(url, body, { copies: 2, headers: storeHeaders(cluster) });
	const problems = answers.filter((a) => a.status !== 200).map((a) => `a delivery got HTTP ${a.status} ${a.body.slice(0, 200)}`);
	const { runs, problems: waited } = await executionsEnded(cluster.main, cluster.cookie, workflowId, known, 2, { timeoutMs: 180_000 });
	problems.push(...waited);
	const ids = [...(await executionIds(cluster.main, cluster.cookie, workflowId))].filter((id) => !known.has(id)).sort((a, b) => Number(a) - Number(b));
	await sleep(300); // the worker's log line is written as it starts; a moment for the file
	const byExecution = executionWorkers(cluster.workers);
	return { problems, runs, workers: ids.map((id) => byExecution.get(id) ?? `? (execution ${id} in no worker's log)`) };
}

const ORDER_TEMPLATES = [
	{
		template: 'procountor-order-to-invoice',
		ids: { redis: 'NcQueuePcRedis01', process: 'NcQueuePcProc001' },
		paths: { redis: 'queue-e2e-procountor-redis', process: 'queue-e2e-procountor-process' },
		firstOrder: { redis: 7101, process: 7201 },
		what: 'one invoice (sent) and one Posti shipment',
		async records(cluster: Cluster, order: string): Promise<Record<string, number>> {
			const procountor = await tables(cluster.control('procountor'), PROCOUNTOR_COMPANY);
			const posti = await tables(cluster.control('posti'));
			return {
				invoices: (procountor.invoices ?? []).filter((i) => i.originalInvoiceNumber === order).length,
				'invoices sent': (procountor.invoices ?? []).filter((i) => i.originalInvoiceNumber === order && i.status === 'SENT').length,
				shipments: (posti.shipments ?? []).filter((s) => s.orderNo === order).length,
			};
		},
	},
	{
		template: 'tripletex-order-to-invoice',
		ids: { redis: 'NcQueueTxRedis01', process: 'NcQueueTxProc001' },
		paths: { redis: 'queue-e2e-tripletex-redis', process: 'queue-e2e-tripletex-process' },
		firstOrder: { redis: 8101, process: 8201 },
		what: 'one order and one paid invoice',
		async records(cluster: Cluster, order: string): Promise<Record<string, number>> {
			const tripletex = await tables(cluster.control('tripletex'), TRIPLETEX_COMPANY);
			return {
				orders: (tripletex.Order ?? []).filter((o) => o.reference === `store-${order}`).length,
				invoices: (tripletex.Invoice ?? []).filter((i) => i.invoiceComment === `Web-store order ${order}`).length,
			};
		},
	},
];

/**
 * With Redis: pairs of the same order (a new order number each time) until a pair runs on both
 * workers (at most 3); every pair must book exactly once. With This Process: one pair per
 * template, reported as it came out (a race; not asserted).
 */
async function sameOrderTwice(deps: QueueModeDeps, cluster: Cluster, mode: 'redis' | 'process'): Promise<void> {
	for (const spec of ORDER_TEMPLATES) {
		const template = listTemplates().find((t) => t.name === spec.template)!;
		const sample = sampleBody(template) as Record<string, unknown>;
		if (mode === 'process') {
			const order = String(spec.firstOrder.process);
			const pair = await deliverTwice(cluster, spec.ids.process, spec.paths.process, { ...sample, orderNumber: order });
			await sleep(2000);
			const records = await spec.records(cluster, order);
			const failed = pair.runs.filter((run) => !run.ok).map((run) => `failed${run.error?.node ? ` in "${run.error.node}"` : ''}: ${run.errors.join(' | ').slice(0, 200)}`);
			console.log(
				`INFO ${spec.template}, Coordination = This Process: order ${order} twice at once → executions on ${pair.workers.join(' and ')}; records ${JSON.stringify(records)}` +
					`${failed.length ? `; ${failed.join('; ')}` : '; both executions succeeded'}${pair.problems.length ? `; ${pair.problems.join('; ')}` : ''}`,
			);
			continue;
		}
		const seen: string[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			const order = String(spec.firstOrder.redis + attempt);
			let pair: PairResult = { problems: [], runs: [], workers: [] };
			await deps.check(`queue mode, ${spec.template}, Coordination = Redis: order ${order} delivered twice at the same moment to the webhook processor: both executions succeed, ${spec.what}`, async () => {
				pair = await deliverTwice(cluster, spec.ids.redis, spec.paths.redis, { ...sample, orderNumber: order });
				const problems = [...pair.problems];
				pair.runs.forEach((run, index) => {
					if (!run.ok) problems.push(`execution ${index + 1} (${pair.workers[index]}) failed${run.error?.node ? ` in "${run.error.node}"` : ''}: ${run.errors.join(' | ').slice(0, 600)}`);
				});
				const records = await spec.records(cluster, order);
				for (const [table, count] of Object.entries(records)) if (count !== 1) problems.push(`${count} ${table} for order ${order}, expected 1`);
				console.log(`     executions ran on: ${pair.workers.join(', ')}`);
				return problems;
			});
			seen.push(`order ${order}: ${pair.workers.join(' + ')}`);
			if (pair.workers.length === 2 && pair.workers[0] !== pair.workers[1] && !pair.workers.some((w) => w.startsWith('?'))) break;
		}
		await deps.check(`queue mode, ${spec.template}: one of those pairs ran on the two different workers (read from the workers' logs: "Worker started execution N")`, async () =>
			seen.some((line) => /worker 1 \+ worker 2|worker 2 \+ worker 1/.test(line)) ? [] : [`every pair ran on one worker: ${seen.join('; ')}`],
		);
	}
}

/**
 * Tripletex vouchers, a credential with no session yet: two waves of 10 executions (one day each)
 * at once on both workers. Every voucher once; the session exchanges (POST /token/session/:create)
 * of each wave counted from the journal: the first is reported (the "one exchange at a time" turn is
 * per process: up to one per worker), the second must have none (the stored session is reused).
 */
async function vouchersOnTwoWorkers(deps: QueueModeDeps, cluster: Cluster): Promise<void> {
	const control = cluster.control('tripletex');
	const url = webhookUrl(cluster, 'queue-e2e-vouchers');
	const workflowId = 'NcQueueVouchers1';
	const exchanges = async (since: number) => (await control.journal({ since })).filter((e) => e.path.includes('/token/session/:create')).length;
	const wave = async (month: string) => {
		const since = (await control.journal()).at(-1)?.seq ?? 0;
		const known = await executionIds(cluster.main, cluster.cookie, workflowId);
		const dates = Array.from({ length: 10 }, (_, i) => `2026-${month}-${String(i + 1).padStart(2, '0')}`);
		const answers = await Promise.all(dates.map(async (date) => await firstAnswer(url, storeHeaders(cluster), { dates: [date] })));
		const problems = answers.filter((a) => a.status !== 200).map((a) => `a delivery got HTTP ${a.status}`);
		const { runs, problems: waited } = await executionsEnded(cluster.main, cluster.cookie, workflowId, known, dates.length, { timeoutMs: 180_000 });
		problems.push(...waited);
		runs.forEach((run, index) => {
			if (!run.ok) problems.push(`execution ${index + 1} failed: ${run.errors.join(' | ').slice(0, 400)}`);
		});
		const vouchers = (await tables(control, TRIPLETEX_COMPANY)).Voucher ?? [];
		for (const date of dates) {
			const count = vouchers.filter((v) => v.externalVoucherNumber === `sales-${date}`).length;
			if (count !== 1) problems.push(`${count} vouchers for ${date}, expected 1`);
		}
		const ids = [...(await executionIds(cluster.main, cluster.cookie, workflowId))].filter((id) => !known.has(id));
		const byExecution = executionWorkers(cluster.workers);
		const perWorker = cluster.workers.map((w) => `${w.name}: ${ids.filter((id) => byExecution.get(id) === w.name).length}`).join(', ');
		return { problems, exchanges: await exchanges(since), perWorker, workersUsed: new Set(ids.map((id) => byExecution.get(id))).size };
	};
	let first = { problems: [] as string[], exchanges: 0, perWorker: '', workersUsed: 0 };
	await deps.check('queue mode, Tripletex vouchers (Coordination = Redis, a credential without a session): 10 days delivered at once, run on both workers, one voucher per day', async () => {
		first = await wave('10');
		console.log(`     executions per worker: ${first.perWorker}; session exchanges: ${first.exchanges}`);
		return [...first.problems, ...(first.workersUsed < 2 ? [`the executions ran on ${first.workersUsed} worker(s), expected both`] : [])];
	});
	await deps.check(`queue mode, Tripletex vouchers: the first wave, on both workers at once, exchanged exactly one session (measured: ${first.exchanges}; the first exchange takes a Redis lock per credential)`, async () =>
		first.exchanges === 1 ? [] : [`${first.exchanges} session exchanges`],
	);
	await deps.check('queue mode, Tripletex vouchers: 10 more days at once on both workers reuse the stored session (no exchange), one voucher per day', async () => {
		const second = await wave('11');
		console.log(`     executions per worker: ${second.perWorker}; session exchanges: ${second.exchanges}`);
		return [...second.problems, ...(second.exchanges ? [`${second.exchanges} session exchange(s) while the stored session was valid`] : [])];
	});
}

/**
 * 600 Procountor invoices: 30 deliveries of 20 orders, at once; both workers (concurrency 5 each)
 * run the executions with one API client. The sandbox's journal: never more than 20 requests in
 * any second (sliding, by arrival), none refused or suspended; every invoice exactly once.
 */
async function invoicesUnderOneLimit(deps: QueueModeDeps, cluster: Cluster): Promise<void> {
	const control = cluster.control('procountor');
	const url = webhookUrl(cluster, 'queue-e2e-invoices');
	const workflowId = 'NcQueueInvoices1';
	const template = listTemplates().find((t) => t.name === 'procountor-order-to-invoice')!;
	const sample = sampleBody(template) as Record<string, unknown>;
	const batches = 30;
	const perBatch = 20;
	await deps.check(`queue mode, Procountor (Coordination = Redis): ${batches * perBatch} invoices in ${batches} executions on both workers with one API client: never more than 20 requests in any second, no suspension, every invoice once`, async () => {
		await control.clearJournal();
		const known = await executionIds(cluster.main, cluster.cookie, workflowId);
		const started = Date.now();
		const orders = (batch: number) => Array.from({ length: perBatch }, (_, i) => ({ ...sample, orderNumber: `Q${String(batch * perBatch + i + 1).padStart(4, '0')}` }));
		const answers = await Promise.all(Array.from({ length: batches }, async (_, batch) => await firstAnswer(url, storeHeaders(cluster), { orders: orders(batch) })));
		const problems = answers.filter((a) => a.status !== 200).map((a) => `a delivery got HTTP ${a.status}`);
		const { runs, problems: waited } = await executionsEnded(cluster.main, cluster.cookie, workflowId, known, batches, { timeoutMs: 600_000 });
		const seconds = (Date.now() - started) / 1000;
		problems.push(...waited);
		runs.forEach((run, index) => {
			if (!run.ok) problems.push(`execution ${index + 1} failed${run.error?.node ? ` in "${run.error.node}"` : ''}: ${run.errors.join(' | ').slice(0, 400)}`);
		});
		const journal = await control.journal();
		const refused = journal.filter((e) => e.rateLimited);
		if (refused.length) problems.push(`${refused.length} request(s) refused by the rate limit (${refused[0].rateLimited}: ${refused[0].method} ${refused[0].path})`);
		const byClient = new Map<string, JournalEntry[]>();
		for (const entry of journal) byClient.set(entry.rateLimitKey ?? 'none', [...(byClient.get(entry.rateLimitKey ?? 'none') ?? []), entry]);
		for (const [client, entries] of byClient) {
			const busiest = busiestWindow(entries);
			console.log(`     ${client}: ${entries.length} requests, busiest second ${busiest.count}`);
			if (busiest.count > 20) problems.push(`${client}: ${busiest.count} requests within one second (from ${new Date(busiest.at).toISOString()})`);
		}
		const invoices = ((await tables(control, PROCOUNTOR_COMPANY)).invoices ?? []).filter((i) => String(i.originalInvoiceNumber).startsWith('Q'));
		const perOrder = new Map<string, number>();
		for (const invoice of invoices) perOrder.set(String(invoice.originalInvoiceNumber), (perOrder.get(String(invoice.originalInvoiceNumber)) ?? 0) + 1);
		const twice = [...perOrder].filter(([, count]) => count > 1);
		if (twice.length) problems.push(`${twice.length} orders invoiced more than once, e.g. ${twice[0][0]} × ${twice[0][1]}`);
		if (perOrder.size !== batches * perBatch) problems.push(`${perOrder.size} orders invoiced, expected ${batches * perBatch}`);
		const ids = [...(await executionIds(cluster.main, cluster.cookie, workflowId))].filter((id) => !known.has(id));
		const byExecution = executionWorkers(cluster.workers);
		const counts = cluster.workers.map((w) => ids.filter((id) => byExecution.get(id) === w.name).length);
		if (counts.some((count) => count === 0)) problems.push(`executions per worker: ${counts.join(' / ')}: not both workers ran them`);
		console.log(`     ${invoices.length} invoices in ${seconds.toFixed(1)} s (${(invoices.length / seconds).toFixed(1)} per second); ${journal.length} requests (${(journal.length / seconds).toFixed(1)} per second); executions per worker ${counts.join(' / ')}`);
		return problems;
	});
}

/**
 * A batch of 20 Posti shipments (the emulator answers after 300 ms, so the batch takes seconds);
 * once 5 are booked, the worker running it is SIGKILLed (its process group: the worker and its
 * task runner). The same batch is then delivered again and runs on the surviving worker.
 * Asserted: no order ever has two shipments. The dead worker's confirmed writes are in the
 * ledger in Redis (the re-run returns them); an order whose request was in flight when the worker
 * died was recorded as sent-with-unknown-outcome before the send, so the re-run refuses it
 * ("already sent … outcome unknown, not sent again") instead of booking it again. The user then
 * checks Posti for it and delivers the rest again: every other order ends with exactly one.
 */
async function workerKilledMidBatch(deps: QueueModeDeps, cluster: Cluster): Promise<void> {
	const control = cluster.control('posti');
	const url = webhookUrl(cluster, 'queue-e2e-shipments');
	const workflowId = 'NcQueueShipment1';
	const template = listTemplates().find((t) => t.name === 'procountor-order-to-invoice')!;
	const sample = sampleBody(template) as Record<string, unknown>;
	const orderNumbers = Array.from({ length: 20 }, (_, i) => `K${String(i + 1).padStart(3, '0')}`);
	const body = { orders: orderNumbers.map((orderNumber) => ({ ...sample, orderNumber })) };
	const shipmentsPer = async () => {
		const shipments = (await tables(control)).shipments ?? [];
		return new Map(orderNumbers.map((order) => [order, shipments.filter((s) => s.orderNo === order).length]));
	};
	await deps.check('queue mode, Posti (Coordination = Redis): a worker SIGKILLed after 5 of 20 shipments; the batch delivered again runs on the other worker: no order is booked twice; an order in flight at the kill is refused as "outcome unknown"; delivered once more without it, every other order has exactly one shipment', async () => {
		await control.configure({ latencyMs: 300 });
		const problems: string[] = [];
		try {
			const known = await executionIds(cluster.main, cluster.cookie, workflowId);
			const answer = await firstAnswer(url, storeHeaders(cluster), body);
			if (answer.status !== 200) return [`the delivery got HTTP ${answer.status}`];
			const deadline = Date.now() + 120_000;
			while ([...(await shipmentsPer()).values()].filter(Boolean).length < 5) {
				if (Date.now() > deadline) return ['fewer than 5 shipments within 120 s'];
				await sleep(100);
			}
			const ids = [...(await executionIds(cluster.main, cluster.cookie, workflowId))].filter((id) => !known.has(id));
			const victimName = executionWorkers(cluster.workers).get(ids[0] ?? '');
			const victim = cluster.workers.find((w) => w.name === victimName);
			if (!victim || ids.length !== 1) return [`the batch's execution (${ids.join(', ')}) is in no worker's log`];
			const beforeKill = await shipmentsPer();
			await victim.kill();
			const killedAt = Date.now();
			const atKill = await shipmentsPer();
			await sleep(1000); // a request the emulator was holding (latency) is processed now
			// In flight: a shipment request that arrived before the kill for an order without a shipment then.
			const inFlight = (await control.journal({ method: 'POST' }))
				.filter((e) => e.time <= killedAt)
				.map((e) => orderNumbers.find((o) => JSON.stringify(e.body).includes(`"${o}"`)))
				.filter((order): order is string => order !== undefined && beforeKill.get(order) === 0);
			console.log(`     killed ${victim.name} with ${[...atKill.values()].filter(Boolean).length} shipments booked; requests cut off by the kill: ${inFlight.join(', ') || 'none'}`);
			cluster.workers = cluster.workers.filter((w) => w !== victim);
			const knownAfter = await executionIds(cluster.main, cluster.cookie, workflowId);
			const again = await firstAnswer(url, storeHeaders(cluster), body);
			if (again.status !== 200) return [`the second delivery got HTTP ${again.status}`];
			const { runs, problems: waited } = await executionsEnded(cluster.main, cluster.cookie, workflowId, knownAfter, 1, { timeoutMs: 180_000 });
			problems.push(...waited);
			// The refusal names the order's reference: "The shipment for reference K006 was already sent at … outcome is unknown …".
			const refusedInFlight = runs
				.filter((run) => !run.ok)
				.flatMap((run) => [...run.errors.join(' ').matchAll(/for reference (\S+) was already sent at .*? and its outcome is unknown, so it was not sent again/g)].map((m) => m[1]))
				.filter((order) => orderNumbers.includes(order));
			for (const run of runs) {
				if (!run.ok && !refusedInFlight.length) problems.push(`the re-run failed${run.error?.node ? ` in "${run.error.node}"` : ''}: ${run.errors.join(' | ').slice(0, 600)}`);
			}
			console.log(`     re-run done ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill; refused as outcome unknown: ${refusedInFlight.join(', ') || 'none'}`);
			// As the user would after checking Posti for the refused order(s): the rest delivered once more.
			if (refusedInFlight.length) {
				const rest_ = { orders: body.orders.filter((order) => !refusedInFlight.includes(order.orderNumber)) };
				const knownBeforeThird = await executionIds(cluster.main, cluster.cookie, workflowId);
				const third = await firstAnswer(url, storeHeaders(cluster), rest_);
				if (third.status !== 200) return [...problems, `the third delivery got HTTP ${third.status}`];
				const ended = await executionsEnded(cluster.main, cluster.cookie, workflowId, knownBeforeThird, 1, { timeoutMs: 180_000 });
				problems.push(...ended.problems);
				for (const run of ended.runs) if (!run.ok) problems.push(`the delivery without the refused order failed: ${run.errors.join(' | ').slice(0, 600)}`);
			}
			const after = await shipmentsPer();
			for (const [order, count] of after) {
				if (count > 1) problems.push(`order ${order} has ${count} shipments`);
				else if (count === 0 && !refusedInFlight.includes(order)) problems.push(`order ${order} has no shipment`);
				else if (refusedInFlight.includes(order)) console.log(`INFO order ${order} (in flight at the kill, refused on the re-run): ${count} shipment(s), as Posti booked it`);
			}
			const killed = await rest<{ data?: { status?: string } }>(cluster.main, cluster.cookie, 'GET', `/rest/executions/${ids[0]}`);
			console.log(`INFO the killed worker's execution ${ids[0]} is "${killed.body.data?.status ?? `HTTP ${killed.status}`}" in n8n ${((Date.now() - killedAt) / 1000).toFixed(0)} s after the kill`);
			return problems;
		} finally {
			await control.configure({ latencyMs: 0 });
		}
	});
}
