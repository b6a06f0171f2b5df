#!/usr/bin/env node
// Lint the build output the way n8n's verification scanner lints a published
// tarball (@n8n/scan-community-package `analyzePackage(packageDir, ['**/*.js',
// 'package.json'])`): the community-nodes `recommended` rules plus
// `no-console: error` on every compiled file. `npm run lint` covers the sources;
// this catches what only appears after compilation. Run after `npm run build`.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist'))) {
	console.error('lint-dist: dist/ does not exist; run `npm run build` first');
	process.exit(1);
}

const eslint = new ESLint({
	cwd: root,
	overrideConfigFile: true,
	allowInlineConfig: false,
	overrideConfig: [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
		{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
	],
});

const results = await eslint.lintFiles(['dist/**/*.js', 'package.json']);
const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results);
const errors = results.reduce((n, r) => n + r.errorCount, 0);
if (output) console.log(output);
console.log(`lint-dist: ${results.length} file(s) checked, ${errors} error(s)`);
process.exit(errors > 0 ? 1 : 0);
