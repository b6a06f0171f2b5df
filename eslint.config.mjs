// ESLint flat config for n8n-nodes-nordic-commerce.
//
// Two worlds live in this repository:
//
//  * Shipped code: index.ts, nodes/**, credentials/** and package.json. These get
//    the same rules n8n's verification scanner applies
//    (packages/@n8n/scan-community-package/scanner/scanner.mjs `buildScanConfig`,
//    which mirrors packages/@n8n/node-cli/src/configs/eslint.ts):
//    @n8n/eslint-plugin-community-nodes `recommended` on every file, the
//    eslint-plugin-n8n-nodes-base `community` ruleset on package.json, its
//    `credentials` ruleset on credentials/**, its `nodes` ruleset on nodes/**,
//    and `no-console: error`; plus typescript-eslint `recommended`.
//
//  * Tooling that never ships: test/**, sandbox/**, scripts/** and config files.
//    Ordinary TypeScript/Node lint; process, timers, console and any HTTP client
//    are fine there.
//
// `n8n.strict` is false in package.json, so `n8n-node lint` does not demand that
// this file equal the node-cli template (the template would lint test/** with
// the community rules, which bans nock/n8n-core/setTimeout in tests).

import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { defineConfig, globalIgnores } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

/** Files that end up in the published package (compiled into dist/). */
const SHIPPED_TS = ['index.ts', 'nodes/**/*.ts', 'credentials/**/*.ts'];
/** JSON the n8n scanner lints: package.json and codex files beside the nodes. */
const SHIPPED_JSON = ['package.json', 'nodes/**/*.json', 'credentials/**/*.json'];

// Modules n8n provides to community packages at run time. Mirrors the allowlist
// of @n8n/community-nodes/no-restricted-imports (0.32.0).
const RUNTIME_PROVIDED = [
	'n8n-workflow',
	'ai-node-sdk',
	'@n8n/ai-node-sdk',
	'lodash',
	'moment',
	'p-limit',
	'luxon',
	'zod',
	'crypto',
	'node:crypto',
];

// @n8n/community-nodes/no-restricted-imports lets shipped code import anything
// listed in devDependencies (it assumes a bundler). We ship plain tsc output, so
// an import of undici, nock or n8n-core from nodes/ would fail with "Cannot find
// module" inside n8n (and undici would bypass n8n's proxy handling). The stricter
// rule below closes that gap: shipped code may import only relative paths and
// the modules n8n provides.
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALLOWED_IMPORT_REGEX = `^(?!(?:\\.{1,2}/|(?:${RUNTIME_PROVIDED.map(escapeRegex).join('|')})(?:/|$)))`;

const nodeGlobals = {
	console: 'readonly',
	process: 'readonly',
	Buffer: 'readonly',
	URL: 'readonly',
	URLSearchParams: 'readonly',
	setTimeout: 'readonly',
	clearTimeout: 'readonly',
	setInterval: 'readonly',
	clearInterval: 'readonly',
	setImmediate: 'readonly',
	clearImmediate: 'readonly',
	fetch: 'readonly',
	AbortController: 'readonly',
	TextEncoder: 'readonly',
	TextDecoder: 'readonly',
	structuredClone: 'readonly',
};
const commonJsGlobals = {
	module: 'writable',
	exports: 'writable',
	require: 'readonly',
	__dirname: 'readonly',
	__filename: 'readonly',
};

const unusedVarsOptions = {
	argsIgnorePattern: '^_',
	varsIgnorePattern: '^_',
	caughtErrorsIgnorePattern: '^_',
	destructuredArrayIgnorePattern: '^_',
};

export default defineConfig(
	globalIgnores(['dist/', 'node_modules/', '.cache/', 'coverage/', '.n8n-local/', '**/*.d.ts']),

	// ---------------------------------------------------------------------------
	// Every TypeScript file: eslint + typescript-eslint recommended (no type info).
	{
		files: ['**/*.ts', '**/*.mts', '**/*.cts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off', // as in the node-cli template
			'@typescript-eslint/no-unused-vars': ['error', unusedVarsOptions],
		},
	},

	// Plain JavaScript tooling: build script, jest config, jest reporter, CI helpers.
	{
		files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
		extends: [js.configs.recommended],
		languageOptions: { globals: nodeGlobals },
		rules: { 'no-unused-vars': ['error', unusedVarsOptions] },
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		languageOptions: { sourceType: 'commonjs', globals: commonJsGlobals },
	},

	// ---------------------------------------------------------------------------
	// Shipped code and package.json: n8n's community-node rules.
	{
		files: [...SHIPPED_TS, ...SHIPPED_JSON],
		extends: [n8nCommunityNodesPlugin.configs.recommended],
		rules: { 'no-console': 'error' },
	},
	// JSON is not parseable by espree; the package.json rules of both plugins walk
	// the TSESTree ObjectExpression that @typescript-eslint/parser produces.
	{
		files: SHIPPED_JSON,
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Not valid for community nodes (template and scanner turn these off).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// @n8n/community-nodes/credential-password-field is more accurate.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Inputs and outputs may be NodeConnectionTypes.Main instead of 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// Vendor APIs do have maximum page sizes.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// Our additions for shipped code (DESIGN.md decisions 1-2).
	{
		files: SHIPPED_TS,
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: ALLOWED_IMPORT_REGEX,
							message: `Shipped code may import only relative paths and modules n8n provides (${RUNTIME_PROVIDED.join(', ')}); devDependencies are not installed with the package.`,
						},
					],
				},
			],
			'no-restricted-globals': [
				'error',
				...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
					name,
					message: 'HTTP in nodes goes through this.helpers.httpRequestWithAuthentication (n8n applies proxy, SSL and credentials).',
				})),
			],
		},
	},

	// ---------------------------------------------------------------------------
	// Tooling: tests, sandbox, scripts. Node globals are fine; console is fine.
	{
		files: ['test/**/*.ts'],
		rules: {
			// Mocks of IExecuteFunctions and raw vendor payloads sometimes need `any`;
			// reviewers keep it sparing (a warning would fail `--max-warnings=0`).
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-non-null-assertion': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'sandbox/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'no-console': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
