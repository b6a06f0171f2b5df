#!/usr/bin/env node
// Build the publishable package into dist/.
//
//   1. remove dist/
//   2. compile with the local TypeScript (tsconfig.json: index.ts, nodes/**, credentials/**)
//   3. copy icons (*.svg, *.png) and codex files (*.node.json) from nodes/ and
//      credentials/ to the same relative paths under dist/
//   4. check the result the way n8n's loader will see it: every path in
//      package.json `main`, `n8n.nodes` and `n8n.credentials` exists, each file
//      exports a class named after the file, and every `file:` icon it declares
//      exists in dist/.
//
// No dependencies beyond node:*; exits non-zero with a message on any failure.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);

const rel = (p) => relative(root, p).split(sep).join('/');
const fail = (message) => {
	console.error(`\nbuild: FAILED: ${message}`);
	process.exit(1);
};

// 1. clean ----------------------------------------------------------------------
rmSync(dist, { recursive: true, force: true });

// 2. compile --------------------------------------------------------------------
let tscBin;
try {
	tscBin = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
	fail('typescript is not installed (run `npm ci` first)');
}
console.log(`build: tsc -p tsconfig.json (${rel(tscBin)})`);
const tsc = spawnSync(process.execPath, [tscBin, '-p', join(root, 'tsconfig.json')], {
	cwd: root,
	stdio: 'inherit',
});
if (tsc.error) fail(`could not run tsc: ${tsc.error.message}`);
if (tsc.status !== 0) fail(`tsc exited with status ${tsc.status}`);

// 3. copy assets ----------------------------------------------------------------
const ASSET = /(\.svg|\.png|\.node\.json)$/;

function* walk(dir) {
	if (!existsSync(dir)) return;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name === 'node_modules' || entry.name === '__tests__') continue;
			yield* walk(full);
		} else if (entry.isFile()) {
			yield full;
		}
	}
}

let copied = 0;
for (const top of ['nodes', 'credentials']) {
	for (const file of walk(join(root, top))) {
		if (!ASSET.test(file)) continue;
		const target = join(dist, relative(root, file));
		mkdirSync(dirname(target), { recursive: true });
		copyFileSync(file, target);
		copied++;
	}
}
console.log(`build: copied ${copied} asset file(s) (icons, codex) into dist/`);

// 4. verify ---------------------------------------------------------------------
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const n8n = pkg.n8n ?? {};
const problems = [];

const declared = [
	...(n8n.nodes ?? []).map((p) => ({ kind: 'node', path: p })),
	...(n8n.credentials ?? []).map((p) => ({ kind: 'credential', path: p })),
];
if (!(n8n.nodes ?? []).length) problems.push('package.json n8n.nodes is empty');

for (const { path } of declared) {
	if (!path.startsWith('dist/')) problems.push(`package.json n8n path "${path}" does not start with dist/`);
}
if (pkg.main && !existsSync(join(root, pkg.main))) {
	problems.push(`package.json main "${pkg.main}" does not exist after the build`);
}

for (const { kind, path } of declared) {
	const file = join(root, path);
	if (!existsSync(file)) {
		problems.push(`package.json n8n ${kind} "${path}" does not exist after the build`);
		continue;
	}
	// n8n derives the class name from the file name (Foo.node.js -> Foo) and
	// reports any error while loading it as "Class could not be found".
	const className = basename(path).split('.')[0];
	let instance;
	try {
		const exported = require(file)[className];
		if (typeof exported !== 'function') {
			problems.push(`${path} does not export a class named "${className}"`);
			continue;
		}
		instance = new exported();
	} catch (error) {
		problems.push(`${path} failed to load: ${error instanceof Error ? error.message : String(error)}`);
		continue;
	}
	const icon = kind === 'node' ? instance.description?.icon : instance.icon;
	const icons = typeof icon === 'string' ? [icon] : icon && typeof icon === 'object' ? Object.values(icon) : [];
	for (const ref of icons) {
		if (typeof ref !== 'string' || !ref.startsWith('file:')) continue;
		const iconFile = resolve(dirname(file), ref.slice('file:'.length));
		if (!existsSync(iconFile)) problems.push(`${path}: icon "${ref}" -> ${rel(iconFile)} does not exist`);
	}
	if (kind === 'node') {
		const codex = file.replace(/\.js$/, '.json');
		if (!existsSync(codex)) problems.push(`${path}: codex file ${rel(codex)} is missing`);
	}
}

if (problems.length) {
	fail(`dist/ does not match package.json:\n  - ${problems.join('\n  - ')}`);
}
console.log(
	`build: OK (${(n8n.nodes ?? []).length} node(s), ${(n8n.credentials ?? []).length} credential(s) verified in dist/)`,
);
// Loading the classes may have started timers (limiters, caches); do not wait for them.
process.exit(0);
