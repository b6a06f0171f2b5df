// n8n's own ruleset for community packages, exactly as `n8n-node lint` applies it in a package
// made with `n8n-node new` (@n8n/node-cli/eslint: @n8n/eslint-plugin-community-nodes,
// eslint-plugin-n8n-nodes-base, typescript-eslint and import-x), on the files this package ships.
//
//   npm run lint:n8n-node
//
// Beside eslint.config.mjs (`npm run lint`), which applies the same community rules to shipped
// code, ordinary rules to the sandbox, tests and scripts, and this repository's stricter import
// allowlist. `n8n-node lint` itself runs `eslint .` with eslint.config.mjs; the node-cli's
// default config would lint test/, sandbox/ and scripts/ as node code (no console, process or
// undici), which is why this repository keeps its own file and `n8n.strict` stays false.
import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [
	globalIgnores(['**/*', '!index.ts', '!package.json', '!nodes/', '!nodes/**', '!credentials/', '!credentials/**', '**/*.d.ts', '**/*.json', '!package.json']),
	...config,
];
