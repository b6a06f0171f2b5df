/**
 * A real n8n with this package, as a self-hoster would run it: shared by `npm start`
 * (scripts/start.ts) and the e2e suite (test/e2e/).
 *
 *   const n8n = await provision();                          // pinned n8n + Node, cached
 *   const tarball = buildAndPack();                         // npm run build + npm pack
 *   installPackage(userFolder, tarball);                    // <userFolder>/.n8n/nodes, --omit=peer
 *   const ctx = n8nContext(n8n, userFolder, { port });
 *   await importCredentials(ctx, sandboxCredentials(sandbox.emulators));
 *   await importTemplates(ctx);
 *   const server = await startServer(ctx, logFile);         // resolves when /healthz/readiness is ok
 *   const cookie = await login(server.url);
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { request } from 'undici';

import { EMULATORS } from '../sandbox/emulators';
import { cacheDir, envWithNode, root, type Provisioned } from './provision.mjs';

export { provision, root, cacheDir, DEFAULT_N8N_VERSION, type Provisioned } from './provision.mjs';

export const PACKAGE_NAME = 'n8n-nodes-nordic-commerce';
export const TEMPLATES_DIR = join(root, 'templates');

/**
 * One sandbox credential per credential type of the package: imported by `npm start` and the
 * e2e suite, referenced by the templates (same id and name). Adding a service = one entry here
 * (the e2e suite fails while a credential type of the package has none).
 */
export interface SandboxCredentialSpec {
	type: string;
	/** The built credential file, as listed in package.json `n8n.credentials`. */
	file: string;
	id: string;
	name: string;
	/** The emulator (EmulatorHandle.name) the credential points at. */
	emulator: string;
	data(baseUrl: string): Record<string, unknown>;
	/** Fields that make the credential test fail (a wrong secret). */
	wrongSecret: Record<string, unknown>;
}

/**
 * The sandbox credentials' Timeout in Seconds. The look for a record after an uncertain write
 * (timeout, lost answer, 5xx) lasts as long as the timeout (default 60 s); 5 s keeps the fault
 * scenarios short against a local sandbox, which answers in milliseconds.
 */
export const SANDBOX_TIMEOUT_SECONDS = 5;

export const SANDBOX_CREDENTIAL_SPECS: SandboxCredentialSpec[] = [
	{
		type: 'tripletexApi',
		file: 'dist/credentials/TripletexApi.credentials.js',
		id: 'NcTripletexSbx01',
		name: 'Tripletex (sandbox)',
		emulator: 'tripletex',
		data: (baseUrl) => ({
			environment: 'test',
			consumerToken: 'sandbox-consumer-token',
			employeeToken: 'sandbox-employee-token',
			companyId: 0,
			baseUrlOverride: baseUrl,
			timeoutSeconds: SANDBOX_TIMEOUT_SECONDS,
		}),
		wrongSecret: { employeeToken: 'wrong-employee-token' },
	},
	{
		type: 'procountorApi',
		file: 'dist/credentials/ProcountorApi.credentials.js',
		id: 'NcProcountorSbx1',
		name: 'Procountor (sandbox)',
		emulator: 'procountor',
		data: (baseUrl) => ({
			environment: 'test',
			clientId: 'sandbox-client-id',
			clientSecret: 'sandbox-client-secret',
			apiKey: 'sandbox-api-key',
			baseUrlOverride: baseUrl,
			timeoutSeconds: SANDBOX_TIMEOUT_SECONDS,
		}),
		wrongSecret: { clientSecret: 'wrong-client-secret' },
	},
	{
		// The shop's self-service key (shipping API v1), on the production-like gateway.
		type: 'omaPostiProApi',
		file: 'dist/credentials/OmaPostiProApi.credentials.js',
		id: 'NcOmaPostiSbxKey',
		name: 'OmaPosti Pro (sandbox)',
		emulator: 'posti',
		data: (baseUrl) => ({
			authentication: 'apiKey',
			apiKey: 'sandbox-posti-api-key',
			environment: 'production',
			contractNumber: '654321',
			transportId: 'TR654321',
			baseUrlOverride: baseUrl,
			timeoutSeconds: SANDBOX_TIMEOUT_SECONDS,
		}),
		wrongSecret: { apiKey: 'wrong-posti-api-key' },
	},
	{
		// The integrator's OAuth client (shipping API v2 and pickup points), on the demo-like gateway.
		type: 'omaPostiProApi',
		file: 'dist/credentials/OmaPostiProApi.credentials.js',
		id: 'NcOmaPostiSbxOA1',
		name: 'OmaPosti Pro OAuth, Demo (sandbox)',
		emulator: 'posti',
		data: (baseUrl) => ({
			authentication: 'oAuthClient',
			clientId: 'sandbox-posti-client',
			clientSecret: 'sandbox-posti-secret',
			environment: 'demo',
			gatewaySecret: 'sandbox-gateway-secret',
			contractNumber: '654321',
			transportId: 'TR654321',
			baseUrlOverride: `${baseUrl}/demo`,
			timeoutSeconds: SANDBOX_TIMEOUT_SECONDS,
		}),
		wrongSecret: { clientSecret: 'wrong-posti-secret' },
	},
	{
		// A Posti service account for the Tracking API (Track, the OmaPosti Pro Trigger).
		type: 'postiTrackingApi',
		file: 'dist/credentials/PostiTrackingApi.credentials.js',
		id: 'NcPostiTrackSbx1',
		name: 'Posti Tracking (sandbox)',
		emulator: 'posti',
		data: (baseUrl) => ({
			accountName: 'sandbox-tracking-account',
			accountSecret: 'sandbox-tracking-secret',
			baseUrlOverride: baseUrl,
			timeoutSeconds: SANDBOX_TIMEOUT_SECONDS,
		}),
		wrongSecret: { accountSecret: 'wrong-tracking-secret' },
	},
];

/**
 * The store's side of the order templates' webhooks: n8n's own Header Auth credential
 * (`httpHeaderAuth`), which the templates' *Store order webhook* nodes require
 * (`authentication: headerAuth`). Imported by `npm start` (with a generated demo secret it
 * prints) and the e2e suite; the templates reference it by this id and name.
 */
export const STORE_WEBHOOK_AUTH = {
	id: 'NcStoreWebhookAu',
	name: 'Store webhook (header auth)',
	type: 'httpHeaderAuth',
	headerName: 'X-Store-Token',
} as const;

export function storeWebhookCredential(secret: string): CredentialImport {
	if (secret.length < 16) throw new Error('the store webhook secret must have at least 16 characters');
	return {
		id: STORE_WEBHOOK_AUTH.id,
		name: STORE_WEBHOOK_AUTH.name,
		type: STORE_WEBHOOK_AUTH.type,
		data: { name: STORE_WEBHOOK_AUTH.headerName, value: secret },
	};
}

/** The specs of the credential types this package ships (package.json `n8n.credentials`). */
export function shippedCredentialSpecs(): SandboxCredentialSpec[] {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
	return SANDBOX_CREDENTIAL_SPECS.filter((spec) => manifest.n8n.credentials.includes(spec.file));
}

/** The local owner account `npm start` and the e2e suite create. Local use only. */
export const OWNER = {
	email: 'owner@sandbox.example',
	password: 'Sandbox-Owner-2026',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/** Fixed so that credentials imported into a user folder stay readable across restarts. */
const ENCRYPTION_KEY = 'nordic-commerce-local-sandbox-only';

export interface N8nContext {
	n8n: Provisioned;
	userFolder: string;
	port: number;
	env: NodeJS.ProcessEnv;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export function majorOf(version: string): number {
	return Number(version.split('.')[0]);
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function npmOnHost(args: string[], cwd: string, quiet = false): string {
	const result = spawnSync('npm', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'],
		env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
	});
	if (result.status !== 0) {
		throw new Error(`npm ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
	}
	return result.stdout;
}

/** `npm run build` then `npm pack` into <cache>/pack; returns the tarball's path. */
export function buildAndPack(): string {
	npmOnHost(['run', 'build', '--silent'], root);
	const destination = join(cacheDir(), 'pack');
	mkdirSync(destination, { recursive: true });
	const output = npmOnHost(['pack', '--json', '--pack-destination', destination], root, true);
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	return join(destination, packed.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` the way n8n's docs tell self-hosters to
 * ("npm install" in ~/.n8n/nodes), with peer dependencies (n8n-workflow) left to n8n.
 */
export function installPackage(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) {
		writeFileSync(join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	}
	npmOnHost(['install', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', tarball], nodesDir, true);
}

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, made with n8n's own bcryptjs. */
function bcryptHash(n8n: Provisioned, password: string): string {
	const requireFromN8n = createRequire(join(n8n.dir, 'node_modules', 'n8n', 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(value: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

/** Environment for every n8n process on this user folder (CLI commands and the server). */
export function n8nContext(
	n8n: Provisioned,
	userFolder: string,
	{ port, brokerPort, extraEnv = {} }: { port: number; brokerPort?: number; extraEnv?: Record<string, string> },
): N8nContext {
	const major = majorOf(n8n.n8nVersion);
	const env = envWithNode(n8n.nodeBin, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort ?? port + 1),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Offline and quiet: nothing asks n8n's online services (api.n8n.io, telemetry), which a
		// local sandbox cannot reach. (Without a license n8n never calls its license server, and
		// N8N_LICENSE_AUTO_RENEW_ENABLED=false would only add a warning.)
		N8N_DIAGNOSTICS_ENABLED: 'false', // telemetry (RudderStack, PostHog)
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false', // api.n8n.io/api/versions
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false', // api.n8n.io/api/whats-new
		N8N_DYNAMIC_BANNERS_ENABLED: 'false', // api.n8n.io/api/banners
		N8N_TEMPLATES_ENABLED: 'false', // the template gallery
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // the verified community-node list (api.n8n.io/api/community-nodes)
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DEPLOYMENT_TYPE: 'default',
		GENERIC_TIMEZONE: 'Europe/Oslo',
		DB_SQLITE_POOL_SIZE: '2',
		...(major >= 2
			? {
					N8N_WEBHOOK_URL: `http://localhost:${port}/`,
					// Set explicitly, as n8n 2.x asks because their defaults will change: the Code
					// node's time limit as today (the benchmark's big batches), the Compression
					// node's limits as n8n announces them (no template uses that node).
					N8N_RUNNERS_TASK_TIMEOUT: '300',
					N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
					N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
					// The MCP server registry is fetched from api.n8n.io: not reachable offline.
					N8N_DISABLED_MODULES: 'mcp-registry',
					// Owner account from the environment (n8n 2.x instance-settings loader).
					N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
					N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
					N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
					N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
					N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(n8n, OWNER.password),
				}
			: {
					// 1.x: WEBHOOK_URL (N8N_WEBHOOK_URL came with 2.x); Code nodes in task runners.
					WEBHOOK_URL: `http://localhost:${port}/`,
					N8N_RUNNERS_ENABLED: 'true',
					// 1.123 defaults to the "vm" expression engine, which needs isolated-vm 6, and
					// isolated-vm 6 has no build for Node 20: use the classic engine there.
					N8N_EXPRESSION_ENGINE: 'legacy',
				}),
		...extraEnv,
	});
	return { n8n, userFolder, port, env };
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	seconds: number;
}

/** Runs `n8n <args>` under the provisioned Node; never throws for a non-zero exit. */
export async function n8nCli(ctx: N8nContext, args: string[], { timeoutMs = 300_000 } = {}): Promise<CliResult> {
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		const child = spawn(ctx.n8n.nodeExe, [ctx.n8n.n8nBin, ...args], { cwd: ctx.userFolder, env: ctx.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, seconds: Math.round((Date.now() - started) / 100) / 10 });
		});
	});
}

async function mustSucceed(ctx: N8nContext, args: string[]): Promise<CliResult> {
	const result = await n8nCli(ctx, args);
	if (result.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
	}
	return result;
}

export function credentialFor(spec: SandboxCredentialSpec, baseUrl: string, overrides: Record<string, unknown> = {}): CredentialImport {
	return { id: spec.id, name: spec.name, type: spec.type, data: { ...spec.data(baseUrl), ...overrides } };
}

/** Credentials for every shipped credential type whose emulator is running. */
export function sandboxCredentials(emulators: Array<{ name: string; baseUrl: string }>): CredentialImport[] {
	return shippedCredentialSpecs().flatMap((spec) => {
		const emulator = emulators.find((e) => e.name.toLowerCase() === spec.emulator);
		return emulator ? [credentialFor(spec, emulator.baseUrl)] : [];
	});
}

/** `n8n import:credentials` (plain `data` is encrypted by n8n on import). */
export async function importCredentials(ctx: N8nContext, credentials: CredentialImport[]): Promise<void> {
	const file = join(ctx.userFolder, 'credentials.import.json');
	writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
	await mustSucceed(ctx, ['import:credentials', `--input=${file}`]);
}

export interface Template {
	file: string;
	name: string;
	id: string;
	workflow: { id: string; name: string; nodes: Array<{ type: string; name: string }> };
}

export function listTemplates(): Template[] {
	return readdirSync(TEMPLATES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')) as Template['workflow'];
			return { file: join(TEMPLATES_DIR, file), name: file.replace(/\.json$/, ''), id: workflow.id, workflow };
		});
}

/**
 * URLs in templates that point at an emulator on its default port (e.g. the demo web store at
 * `http://127.0.0.1:4020/store`), moved to where the running sandbox's emulators listen.
 */
export function templateForSandbox(text: string, emulators: Array<{ name: string; origin: string }>): string {
	let moved = text;
	for (const emulator of emulators) {
		const definition = EMULATORS.find((candidate) => candidate.name === emulator.name);
		if (!definition) continue;
		for (const host of ['127.0.0.1', 'localhost']) moved = moved.split(`http://${host}:${definition.defaultPort}/`).join(`${emulator.origin}/`);
	}
	return moved;
}

/**
 * `n8n import:workflow` for each template (ids kept, so they can be run with `execute --id`);
 * with `emulators`, URLs of the sandbox's default ports point at those emulators instead.
 */
export async function importTemplates(ctx: N8nContext, templates: Template[] = listTemplates(), emulators?: Array<{ name: string; origin: string }>): Promise<void> {
	for (const template of templates) {
		let file = template.file;
		if (emulators) {
			file = join(ctx.userFolder, `template-${template.name}.import.json`);
			writeFileSync(file, templateForSandbox(readFileSync(template.file, 'utf8'), emulators));
		}
		await mustSucceed(ctx, ['import:workflow', `--input=${file}`]);
	}
}

/** The error a failed execution ended with (n8n's `resultData.error`). */
export interface ExecutionError {
	message: string;
	description?: string;
	/** The node it failed in. */
	node?: string;
}

export interface ExecuteResult extends CliResult {
	ok: boolean;
	/** The error messages n8n printed for a failed run (deduplicated), for reports. */
	errors: string[];
	/** Output items per node name (last run of each node), when the run produced JSON. */
	output?: Record<string, unknown[]>;
	/** The execution's error, when it failed and n8n printed it ("Execution error:" and the run as JSON). */
	error?: ExecutionError;
}

interface RunJson {
	data?: {
		resultData?: {
			error?: { message?: unknown; description?: unknown; node?: { name?: unknown } };
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> } }>>;
		};
	};
}

/** Output items per node name (last run of each node) of an execution's run data. */
export function outputOf(runData: NonNullable<NonNullable<RunJson['data']>['resultData']>['runData'] = {}): Record<string, unknown[]> {
	return Object.fromEntries(
		Object.entries(runData).map(([node, runs]) => [node, (runs.at(-1)?.data?.main ?? []).flatMap((items) => (items ?? []).map((item) => item.json))]),
	);
}

/** n8n's `resultData.error`, as plain strings. */
export function errorOf(error: NonNullable<NonNullable<RunJson['data']>['resultData']>['error']): ExecutionError | undefined {
	if (!error) return undefined;
	return {
		message: String(error.message ?? ''),
		description: typeof error.description === 'string' ? error.description : undefined,
		node: typeof error.node?.name === 'string' ? error.node.name : undefined,
	};
}

/** The JSON document from `start` (to the end, or to the last closing brace when something follows it). */
function parseJsonFrom(text: string, start: number): RunJson | undefined {
	if (start < 0) return undefined;
	for (const end of [text.length, text.lastIndexOf('}') + 1]) {
		try {
			return JSON.parse(text.slice(start, end)) as RunJson;
		} catch {
			/* try the next end */
		}
	}
	return undefined;
}

/** `n8n execute --id=ID --rawOutput`; parses the run data when n8n printed it. */
export async function executeWorkflow(ctx: N8nContext, workflowId: string): Promise<ExecuteResult> {
	const result = await n8nCli(ctx, ['execute', `--id=${workflowId}`, '--rawOutput']);
	// A failed run: "Execution error:", a rule, then the run as JSON (2.x and 1.x alike).
	const failedAt = result.stdout.indexOf('Execution error:');
	const run = parseJsonFrom(result.stdout, result.stdout.indexOf('{', failedAt >= 0 ? failedAt : 0));
	const output = run ? outputOf(run.data?.resultData?.runData) : undefined;
	const error = failedAt >= 0 ? errorOf(run?.data?.resultData?.error) : undefined;
	const errors = [...new Set([...`${result.stdout}\n${result.stderr}`.matchAll(/"(?:message|description)":\s*"((?:[^"\\]|\\.){1,400})"/g)].map((m) => m[1]))]
		.filter((message) => !/^(Card|Cash|Sales|Gift)/.test(message))
		.slice(0, 8);
	return { ...result, ok: result.code === 0 && output !== undefined, output, errors, error };
}

export interface RunningServer {
	url: string;
	child: ChildProcess;
	logFile: string;
	readLog(): string;
	stop(): Promise<void>;
}

/** `n8n start`; output goes to logFile (and to the console when echo is set). */
export async function startServer(
	ctx: N8nContext,
	logFile: string,
	{ echo = false, timeoutMs = 180_000 }: { echo?: boolean; timeoutMs?: number } = {},
): Promise<RunningServer> {
	const log = createWriteStream(logFile);
	const child = spawn(ctx.n8n.nodeExe, [ctx.n8n.n8nBin, 'start'], {
		cwd: ctx.userFolder,
		env: ctx.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	for (const stream of [child.stdout, child.stderr]) {
		stream?.on('data', (chunk: Buffer) => {
			log.write(chunk);
			if (echo) process.stdout.write(chunk);
		});
	}
	let exited: number | null | undefined;
	// If this process ends without stop() (an uncaught error, process.exit), take n8n with it.
	const killOnExit = () => {
		try {
			if (exited === undefined && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	};
	process.once('exit', killOnExit);
	child.on('exit', (code) => {
		exited = code;
		process.removeListener('exit', killOnExit);
	});
	const url = `http://localhost:${ctx.port}`;
	const stop = async () => {
		if (exited !== undefined || child.pid === undefined) return;
		const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const timer = setTimeout(() => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		}, 15_000);
		await done;
		clearTimeout(timer);
		await new Promise<void>((resolve) => log.end(() => resolve()));
	};
	const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited !== undefined) throw new Error(`n8n exited during start (code ${exited}); see ${logFile}:\n${readLog().slice(-3000)}`);
		try {
			// Readiness comes before the REST routes on 1.x: wait for both.
			const res = await request(`http://127.0.0.1:${ctx.port}/healthz/readiness`);
			await res.body.dump();
			if (res.statusCode === 200) {
				const settings = await request(`http://127.0.0.1:${ctx.port}/rest/settings`);
				await settings.body.dump();
				if (settings.statusCode === 200) break;
			}
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not become ready within ${timeoutMs / 1000}s; see ${logFile}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return { url, child, logFile, readLog, stop };
}

/** Logs the owner in; returns the Cookie header for /rest calls. Sets the owner up first on 1.x. */
export async function login(ctx: N8nContext): Promise<string> {
	const base = `http://127.0.0.1:${ctx.port}`;
	if (majorOf(ctx.n8n.n8nVersion) < 2) {
		const setup = await request(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		await setup.body.dump(); // 400 when an owner exists already: fine
	}
	const res = await request(`${base}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password }),
	});
	const text = await res.body.text();
	if (res.statusCode !== 200) throw new Error(`login failed: HTTP ${res.statusCode} ${text}`);
	const setCookie = res.headers['set-cookie'];
	const cookies = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).map((c) => c.split(';')[0]).filter(Boolean);
	return cookies.join('; ');
}

/** A logged-in JSON call to n8n's internal REST API. */
export async function rest<T>(ctx: N8nContext, cookie: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; body: T }> {
	const res = await request(`http://127.0.0.1:${ctx.port}${path}`, {
		method,
		headers: { cookie, 'content-type': 'application/json', 'browser-id': 'nordic-commerce-e2e' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.body.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.statusCode, body: parsed as T };
}
