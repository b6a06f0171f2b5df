/**
 * `npm run bench`: the package's nodes (a) against the same jobs built from n8n's HTTP Request
 * node (b) and a raw undici loop (c), in one run, in the real n8n of the end-to-end setup,
 * against the sandbox with simulated latency and the vendors' rate limits on.
 *
 *   npm run bench                        # full: 500 items, 100,000 vouchers; writes docs/benchmarks.md
 *   npm run bench -- --quick             # CI: 50 items, 10,000 vouchers (< 2 minutes)
 *   npm run bench -- --latency-ms=50     # simulated network latency per request (default 30)
 *   npm run bench -- --only=tripletex-vouchers,procountor-invoices
 *   npm run bench -- --concurrency=5     # Concurrency option of (a) and of the loop (c) (default 10)
 *   npm run bench -- --keep              # keep the n8n user folder (n8n.log)
 *
 * One n8n server for the whole run (started once, not timed). Each n8n run is a workflow
 * triggered by a webhook that answers when its last node has finished; the wall time is that
 * HTTP call. Requests by kind and the busiest second come from the sandbox journal; peak RSS
 * of n8n from /proc/<pid> (high-water mark reset before each run), of (c) from its own
 * process. Exits 1 when a target is missed by more than the noise margin.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

import { request } from 'undici';

import { startSandbox, type EmulatorHandle, type JournalEntry, type Sandbox } from '../../sandbox';
import {
	buildAndPack,
	cacheDir,
	credentialFor,
	DEFAULT_N8N_VERSION,
	freePort,
	importCredentials,
	installPackage,
	login,
	majorOf,
	n8nContext,
	PACKAGE_NAME,
	provision,
	rest,
	root,
	SANDBOX_CREDENTIAL_SPECS,
	startServer,
	type CredentialImport,
	type N8nContext,
	type RunningServer,
} from '../n8n-local';
import { analyzeJournal, cpuMsOf, PeakRss, rssOf } from './measure';
import { markdownTable, targetsTable, type TargetCheck } from './report';
import { postiShipments, POSTI_LIMIT } from './scenarios/postiShipments';
import { procountorInvoices, PROCOUNTOR_LIMIT } from './scenarios/procountorInvoices';
import { tripletexGetMany } from './scenarios/tripletexGetMany';
import { tripletexVouchers } from './scenarios/tripletexVouchers';
import { checkTargets, type Noise, type ScenarioRuns } from './targets';
import type { BenchEnv, CredentialRef, FloorResult, RunResult, RunSpec, Scenario, Vendor } from './types';
import type { Workflow } from './workflows';

interface Options {
	quick: boolean;
	latencyMs: number;
	concurrency: number;
	only?: string[];
	n8nVersion: string;
	keep: boolean;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { quick: false, latencyMs: 30, concurrency: 10, n8nVersion: DEFAULT_N8N_VERSION, keep: false };
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		const whole = () => {
			const n = Number(value);
			if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, e.g. ${flag}=30`);
			return n;
		};
		if (flag === '--quick') options.quick = true;
		else if (flag === '--latency-ms') options.latencyMs = whole();
		else if (flag === '--concurrency') options.concurrency = Math.max(1, whole());
		else if (flag === '--only' && value) options.only = value.split(',');
		else if (flag === '--n8n' && value) options.n8nVersion = value;
		else if (flag === '--keep') options.keep = true;
		else throw new Error(`unknown option ${arg} (see scripts/bench/run.ts)`);
	}
	return options;
}

const started = Date.now();
const log = (message: string) => console.log(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${message}`);

// --- n8n --------------------------------------------------------------------------------------

/** Creates the workflow through n8n's REST API and activates it (its webhook goes live). */
async function deploy(ctx: N8nContext, cookie: string, workflow: Workflow): Promise<void> {
	const { webhookPath: _path, ...body } = workflow;
	const created = await rest<{ data: { id: string; versionId: string } }>(ctx, cookie, 'POST', '/rest/workflows', { ...body, active: false });
	if (created.status !== 200) throw new Error(`creating workflow ${workflow.name}: HTTP ${created.status} ${JSON.stringify(created.body).slice(0, 500)}`);
	const { id, versionId } = created.body.data;
	const activated =
		majorOf(ctx.n8n.n8nVersion) >= 2
			? await rest(ctx, cookie, 'POST', `/rest/workflows/${id}/activate`, { versionId })
			: await rest(ctx, cookie, 'PATCH', `/rest/workflows/${id}`, { active: true, versionId });
	if (activated.status !== 200) throw new Error(`activating workflow ${workflow.name}: HTTP ${activated.status} ${JSON.stringify(activated.body).slice(0, 800)}`);
}

async function trigger(ctx: N8nContext, workflow: Workflow, items: unknown[]): Promise<{ status: number; body: unknown; ms: number }> {
	// n8n can answer the activation before the webhook is registered: a 404 "not registered"
	// runs nothing, so it is safe to ask again (timing starts with the call that runs).
	for (let attempt = 1; ; attempt++) {
		const at = performance.now();
		const res = await request(`http://127.0.0.1:${ctx.port}/webhook/${workflow.webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items }),
			headersTimeout: 0,
			bodyTimeout: 0,
		});
		const text = await res.body.text();
		const ms = performance.now() - at;
		if (res.statusCode === 404 && text.includes('not registered') && attempt < 50) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			continue;
		}
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.statusCode, body, ms };
	}
}

// --- the floor (c) ----------------------------------------------------------------------------

async function runFloor(job: RunSpec['floor'], dir: string): Promise<FloorResult> {
	const file = join(dir, `floor-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(job));
	return await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/floor.ts'), file], {
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			const line = out.trim().split('\n').pop() ?? '';
			try {
				resolve(JSON.parse(line) as FloorResult);
			} catch {
				reject(new Error(`floor exited ${code} without a result: ${out.slice(-500)}`));
			}
		});
	});
}

// --- one run ----------------------------------------------------------------------------------

function emulatorOf(sandbox: Sandbox, scenario: Scenario): EmulatorHandle {
	return scenario.vendor === 'tripletex' ? sandbox.tripletex : scenario.vendor === 'posti' ? sandbox.posti : sandbox.procountor;
}

async function measure(
	env: BenchEnv,
	ctx: N8nContext,
	server: RunningServer,
	scenario: Scenario,
	spec: RunSpec,
	workDir: string,
	idleRss: number,
): Promise<{ result: RunResult; journal: JournalEntry[] }> {
	const handle = emulatorOf(env.sandbox, scenario);
	if (scenario.prepare) {
		// Read-only scenario: its seed stays; only the journal and rate windows start fresh.
		handle.server.journal.clear();
		handle.server.rateLimiter.reset();
	} else {
		handle.server.reset();
	}
	const { workflow: _w, items: _i, floor: _f, ...plainSpec } = spec;
	let ok = true;
	let problem: string | undefined;
	let wallMs = 0;
	let peakRss: number | undefined;
	let rssGrowth: number | undefined;
	let results: number | undefined;
	let cpuMs: number | undefined;
	if (spec.floor) {
		const floor = await runFloor(spec.floor, workDir);
		wallMs = floor.wallMs;
		peakRss = floor.peakRss;
		cpuMs = floor.cpuMs;
		results = floor.results;
		if (!floor.ok) {
			ok = false;
			problem = floor.error;
		}
	} else if (spec.workflow) {
		const pid = server.child.pid as number;
		const rss = new PeakRss(pid);
		const cpuBefore = cpuMsOf(pid);
		const answer = await trigger(ctx, spec.workflow, spec.items ?? []);
		const cpuAfter = cpuMsOf(pid);
		peakRss = rss.stop();
		cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
		rssGrowth = peakRss - idleRss;
		wallMs = answer.ms;
		const count = answer.body && typeof answer.body === 'object' ? Object.values(answer.body as Record<string, unknown>)[0] : undefined;
		results = typeof count === 'number' ? count : undefined;
		if (answer.status !== 200) {
			ok = false;
			problem = `webhook answered HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`;
		}
	}
	if (ok && results !== spec.expected) {
		ok = false;
		problem = `${results ?? 'no'} results, expected ${spec.expected}`;
	}
	const created = scenario.created?.(env);
	if (ok && created !== undefined && created !== spec.expected) {
		ok = false;
		problem = `${created} records in the sandbox, expected ${spec.expected}`;
	}
	const journal = handle.server.journal.list();
	if (process.env.BENCH_DUMP_JOURNAL) {
		mkdirSync(process.env.BENCH_DUMP_JOURNAL, { recursive: true });
		writeFileSync(join(process.env.BENCH_DUMP_JOURNAL, `${scenario.key}-${spec.variant}-${spec.size}-${spec.label.replace(/\W+/g, '_')}.json`), JSON.stringify(journal, null, 1));
	}
	const requests = analyzeJournal(journal, scenario.routes, scenario.basePath);
	if (!ok && requests.rateLimited > 0) problem = `${problem}; the vendor refused ${requests.rateLimited} requests for its rate limit`;
	const result: RunResult = { scenario: scenario.key, spec: plainSpec, ok, problem, wallMs, cpuMs, peakRss, rssGrowth, results, created, requests };
	log(
		`${scenario.key} (${spec.variant}) ${spec.label}: ${ok ? 'ok' : `FAILED (${problem})`}, ${(wallMs / 1000).toFixed(2)} s, ` +
			`${requests.total} requests (token ${requests.token}, lookup ${requests.lookup}, write ${requests.write}, refused ${requests.rateLimited}), ` +
			`busiest second ${requests.busiestSecond}, CPU ${cpuMs === undefined ? '?' : (cpuMs / 1000).toFixed(2)} s, peak RSS ${peakRss ? Math.round(peakRss / 1024 / 1024) : '?'} MB`,
	);
	return { result, journal };
}

// --- report -----------------------------------------------------------------------------------

function machine(): string {
	const cpu = cpus();
	return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Linux ${release()}`;
}

/** Other work on the machine skews wall times (not counts): the load average says how much. */
function load(): string {
	return loadavg()
		.map((n) => n.toFixed(1))
		.join(' / ');
}

function packageVersion(): string {
	return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}


// --- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const loadAtStart = load();
	const size = options.quick ? 50 : 500;
	const vouchers = options.quick ? 10_000 : 100_000;
	const noise: Noise = options.quick ? { ratio: 0.2, memory: 0.5, memoryFloor: 48 * 1024 * 1024 } : { ratio: 0.1, memory: 0.25, memoryFloor: 32 * 1024 * 1024 };
	const shipments = options.quick ? 40 : 200;
	// Get Many first: its memory is measured while n8n's heap has not yet been grown by the others.
	const scenarios = [tripletexGetMany(vouchers), procountorInvoices(size), tripletexVouchers(size, !options.quick), postiShipments(shipments)].filter(
		(s) => !options.only || options.only.includes(s.key),
	);
	log(`${options.quick ? 'quick' : 'full'}: ${size} items, ${vouchers} vouchers, latency ${options.latencyMs} ms, concurrency ${options.concurrency}`);

	const n8n = await provision({ n8nVersion: options.n8nVersion });
	log(`n8n ${n8n.n8nVersion} on Node ${n8n.nodeVersion}; building and packing the package`);
	const tarball = buildAndPack();
	mkdirSync(join(cacheDir(), 'bench'), { recursive: true });
	const userFolder = mkdtempSync(join(cacheDir(), 'bench', `n8n-${n8n.n8nVersion}-`));
	installPackage(userFolder, tarball);

	const sandbox = await startSandbox({
		tripletex: { port: 0, latencyMs: options.latencyMs },
		procountor: { port: 0, latencyMs: options.latencyMs },
		posti: { port: 0, latencyMs: options.latencyMs },
	});
	// One fresh credential per (a) run, so each run's token request is its own.
	const pool: Record<string, CredentialImport[]> = {};
	for (const spec of SANDBOX_CREDENTIAL_SPECS) {
		const emulator = sandbox.emulators.find((e) => e.name === spec.emulator);
		if (!emulator) continue;
		pool[spec.emulator] = Array.from({ length: 8 }, (_, index) =>
			({ ...credentialFor(spec, emulator.baseUrl), id: `NcBench${spec.emulator.slice(0, 5)}${String(index).padStart(4, '0')}`, name: `${spec.name} bench ${index}` }),
		);
	}
	{
		// OAuth client mode (shipping API v2) on the production-like gateway, as (b) and (c) use it,
		// so the run has a token request to count.
		pool.posti = Array.from({ length: 4 }, (_, index) => ({
			id: `NcBenchposti${String(index).padStart(4, '0')}`,
			name: `OmaPosti Pro (sandbox) bench ${index}`,
			type: 'omaPostiProApi',
			data: {
				authentication: 'oAuthClient',
				clientId: 'sandbox-posti-client',
				clientSecret: 'sandbox-posti-secret',
				environment: 'production',
				contractNumber: '654321',
				transportId: 'TR654321',
				baseUrlOverride: sandbox.posti.baseUrl,
			},
		}));
	}
	const used: Record<string, number> = {};
	const env: BenchEnv = {
		sandbox,
		quick: options.quick,
		latencyMs: options.latencyMs,
		concurrency: options.concurrency,
		freshCredential(vendor: Vendor): CredentialRef {
			const index = used[vendor] ?? 0;
			const credential = pool[vendor]?.[index];
			if (!credential) throw new Error(`no more bench credentials for ${vendor}`);
			used[vendor] = index + 1;
			return { id: credential.id, name: credential.name };
		},
	};

	const ctx = n8nContext(n8n, userFolder, {
		port: await freePort(),
		brokerPort: await freePort(),
		extraEnv: {
			// Successful executions are not stored: what a high-volume instance is set to, and it
			// keeps SQLite writes of 100,000 items out of the measurement. Failures are stored.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
			N8N_LOG_LEVEL: 'warn',
			// e.g. BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile n8n.
			...(process.env.BENCH_N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS } : {}),
		},
	});
	let server: RunningServer | undefined;
	const groups: ScenarioRuns[] = [];
	try {
		await importCredentials(ctx, Object.values(pool).flat());
		log('starting n8n (not timed)');
		server = await startServer(ctx, join(userFolder, 'n8n.log'));
		const cookie = await login(ctx);
		const idleRss = rssOf(server.child.pid as number) ?? 0;
		log(`n8n idle: ${Math.round(idleRss / 1024 / 1024)} MB RSS`);

		for (const scenario of scenarios) {
			const specs = scenario.runs(env);
			for (const spec of specs) if (spec.workflow) await deploy(ctx, cookie, spec.workflow);
			log(`scenario ${scenario.key}: ${scenario.title}`);
			const group: ScenarioRuns = { scenario, extras: [], journals: new Map() };
			if (scenario.prepare) {
				emulatorOf(sandbox, scenario).server.reset();
				scenario.prepare(env);
			}
			for (const spec of specs) {
				const { result, journal } = await measure(env, ctx, server, scenario, spec, userFolder, idleRss);
				group.journals.set(result, journal);
				if (spec.extra) group.extras.push(result);
				else group[spec.variant] = result;
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
			groups.push(group);
		}
	} finally {
		await server?.stop();
		await sandbox.stop();
		if (options.keep) console.log(`kept: ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}

	const runs: RunResult[] = [];
	const ratios = new Map<RunResult, { ac?: number; ba?: number }>();
	const checks: TargetCheck[] = [];
	for (const group of groups) {
		const { a, b, c } = group;
		if (a) ratios.set(a, { ac: a.ok && c?.ok ? a.wallMs / c.wallMs : undefined });
		if (b) ratios.set(b, { ba: a?.ok && b.ok ? b.wallMs / a.wallMs : undefined });
		runs.push(...group.extras, ...[a, b, c].filter((run): run is RunResult => !!run));
		const limit =
			group.scenario.vendor === 'procountor'
				? { perSecond: PROCOUNTOR_LIMIT.limit }
				: group.scenario.vendor === 'posti'
					? { perSecond: POSTI_LIMIT.limit }
					: undefined;
		checks.push(...checkTargets(group, noise, limit));
	}
	const command = `npm run bench${options.quick ? ' -- --quick' : ''}${options.latencyMs !== 30 ? ` --latency-ms=${options.latencyMs}` : ''}`;
	const versions = `${PACKAGE_NAME} ${packageVersion()}, n8n ${n8n.n8nVersion} on Node ${n8n.nodeVersion}; bench and raw loop on Node ${process.versions.node}`;
	const table = markdownTable(runs, ratios);
	const targets = targetsTable(checks);
	const report = [
		`Machine: ${machine()}; load average (1/5/15 min) at the start ${loadAtStart}, at the end ${load()}`,
		`Versions: ${versions}`,
		`Command: \`${command}\` (latency ${options.latencyMs} ms per request, Procountor 20 requests/s with suspension, Posti 50/s, concurrency ${options.concurrency}; ${new Date().toISOString().slice(0, 10)})`,
		'',
		table,
		'',
		targets,
	].join('\n');
	console.log(`\n${report}\n`);
	const missed = checks.filter((check) => !check.pass && !check.info && !check.limitedBy);
	const bounded = checks.filter((check) => check.limitedBy);
	writeFileSync(join(cacheDir(), 'bench', `last-${options.quick ? 'quick' : 'full'}.md`), `${report}\n`);
	if (!options.quick && !options.only) writeDocs(report);
	if (missed.length) {
		console.log(`bench: ${missed.length} target(s) missed:\n${missed.map((m) => `  - ${m.scenario}: ${m.target}: ${m.measured}`).join('\n')}`);
		process.exit(1);
	}
	const boundNote = bounded.length ? `; ${bounded.length} out of the node's reach, with the measurement that shows why: ${bounded.map((check) => `${check.scenario}: ${check.target} (limited by ${check.limitedBy})`).join('; ')}` : '';
	console.log(`bench: every target within the node's reach met (${Math.round((Date.now() - started) / 1000)} s)${boundNote}`);
}

const DOCS_BEGIN = '<!-- bench:begin -->';
const DOCS_END = '<!-- bench:end -->';

/** Replaces the measured part of docs/benchmarks.md (between the markers), keeping the prose. */
function writeDocs(report: string): void {
	const file = join(root, 'docs', 'benchmarks.md');
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		text = `# Benchmarks\n\n${DOCS_BEGIN}\n${DOCS_END}\n`;
	}
	const begin = text.indexOf(DOCS_BEGIN);
	const end = text.indexOf(DOCS_END);
	const block = `${DOCS_BEGIN}\n${report}\n${DOCS_END}`;
	text = begin >= 0 && end > begin ? `${text.slice(0, begin)}${block}${text.slice(end + DOCS_END.length)}` : `${text}\n${block}\n`;
	writeFileSync(file, text);
	log(`wrote ${file}`);
}

main().catch((error: unknown) => {
	console.error(`bench: ${(error as Error).stack ?? String(error)}`);
	process.exit(1);
});
