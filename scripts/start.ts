/**
 * `npm start`: a real n8n with this package, the sandbox, sandbox credentials and the templates.
 *
 *   npm start                 # editor on http://localhost:5678
 *   npm start -- --fresh      # forget the local n8n data (.n8n-local/) first
 *   N8N_PORT=5700 SANDBOX_TRIPLETEX_PORT=4011 npm start   # other ports (n8n's task broker: N8N_PORT + 1)
 *
 * 1. provisions (once, cached in .cache/) the pinned n8n and the Node it needs;
 * 2. builds and packs this package and installs the tarball into .n8n-local/.n8n/nodes with
 *    `npm install --omit=peer`, as a self-hoster would (node types n8n-nodes-nordic-commerce.*);
 * 3. starts the sandbox emulators, imports a credential per service pointing at them
 *    (n8n import:credentials), the "Store webhook (header auth)" credential the order templates'
 *    webhooks require (a demo secret made once and kept in .n8n-local/store-webhook-secret,
 *    printed) and the templates not imported yet (n8n import:workflow);
 * 4. starts n8n on localhost with an owner account, prints the URL, the login and what to try.
 * Ctrl-C stops n8n and the sandbox, and says so.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox } from '../sandbox';
import {
	buildAndPack,
	importCredentials,
	importTemplates,
	installPackage,
	listTemplates,
	n8nContext,
	OWNER,
	provision,
	root,
	startServer,
	sandboxCredentials,
	STORE_WEBHOOK_AUTH,
	storeWebhookCredential,
	type RunningServer,
} from './n8n-local';

const say = (message: string) => console.log(`[start] ${message}`);

function portFromEnv(name: string, fallback: number): number {
	const value = process.env[name];
	if (!value) return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${value} is not a port number`);
	return port;
}

async function main(): Promise<void> {
	const fresh = process.argv.includes('--fresh');
	const unknown = process.argv.slice(2).filter((arg) => arg !== '--fresh');
	if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')} (only --fresh)`);
	const port = portFromEnv('N8N_PORT', 5678);
	const userFolder = join(root, '.n8n-local');
	const started = Date.now();

	say('1/4 n8n and Node (downloaded from the npm registry once, then cached in .cache/)');
	const n8n = await provision();

	say('2/4 building and packing this package, installing it into the local n8n');
	if (fresh) rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	const tarball = buildAndPack();
	installPackage(userFolder, tarball);

	say('3/4 sandbox emulators (ports: SANDBOX_<SERVICE>_PORT); credentials and templates into n8n');
	const sandbox = await startSandbox();
	let server: RunningServer | undefined;
	let stopping = false;
	const stop = async (code: number, why: string) => {
		if (stopping) return;
		stopping = true;
		say(`${why}: stopping n8n and the sandbox`);
		if (server) {
			await server.stop();
			say(`stopped n8n ${n8n.n8nVersion} (its data stays in .n8n-local/; npm start -- --fresh forgets it)`);
		}
		await sandbox.stop();
		say(`stopped the sandbox emulators (${sandbox.emulators.map((e) => e.name).join(', ')}); their records are gone`);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0, 'Ctrl-C'));
	process.on('SIGTERM', () => void stop(0, 'SIGTERM'));
	try {
		const ctx = n8nContext(n8n, userFolder, { port, brokerPort: port + 1 });
		// The order templates' webhooks accept only requests with this header (n8n Header Auth).
		const secretFile = join(userFolder, 'store-webhook-secret');
		if (!existsSync(secretFile)) writeFileSync(secretFile, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
		const storeSecret = readFileSync(secretFile, 'utf8').trim();
		await importCredentials(ctx, [...sandboxCredentials(sandbox.emulators), storeWebhookCredential(storeSecret)]);
		// Templates once, so edits made in the editor survive a restart (--fresh re-imports them).
		const markerFile = join(userFolder, 'imported-templates.json');
		const imported = new Set<string>(existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as string[]) : []);
		const templates = listTemplates();
		const toImport = templates.filter((template) => !imported.has(template.id));
		await importTemplates(ctx, toImport, sandbox.emulators);
		writeFileSync(markerFile, `${JSON.stringify(templates.map((t) => t.id), null, 2)}\n`);

		say(`4/4 starting n8n ${n8n.n8nVersion} (Node ${n8n.nodeVersion}) on http://localhost:${port} (log: .n8n-local/n8n.log)`);
		server = await startServer(ctx, join(userFolder, 'n8n.log'));
		server.child.on('exit', (code) => {
			if (!stopping) {
				console.error(`[start] n8n exited (code ${code}); see .n8n-local/n8n.log`);
				void stop(1, 'n8n exited');
			}
		});
		const order = templates.find((t) => t.name === 'tripletex-order-to-invoice') ?? templates[0];
		const webhook = `${server.url}/webhook/store-order-tripletex`;
		console.log(
			[
				'',
				`  n8n ${n8n.n8nVersion} with n8n-nodes-nordic-commerce is ready (${Math.round((Date.now() - started) / 1000)}s)`,
				`  Editor:   ${server.url}   login ${OWNER.email} / ${OWNER.password}`,
				`  Sandbox:  ${sandbox.emulators.map((e) => `${e.name} ${e.baseUrl}`).join('  ')}  (records: <url>/__sandbox/state)`,
				`  Credentials ${sandboxCredentials(sandbox.emulators).map((c) => `"${c.name}"`).join(', ')} point at the sandbox.`,
				'',
				'  Try first:',
				`    1. Open ${server.url}/workflow/${order.id}  (${order.workflow.name})`,
				'    2. Open the menu (the arrow) beside "Execute workflow" at the bottom, choose "from Click to try: sample order",',
				'       then click "Execute workflow": a sample paid order becomes a customer, an order and a paid invoice.',
				'    3. Execute it again: every Tripletex step answers alreadyExisted: true; nothing is booked twice.',
				`  The store's webhook (once the workflow is published) wants ${STORE_WEBHOOK_AUTH.headerName} (demo secret in .n8n-local/store-webhook-secret):`,
				`    curl -X POST ${webhook} -H '${STORE_WEBHOOK_AUTH.headerName}: ${storeSecret}' -H 'content-type: application/json' -d @order.json`,
				'',
				'  Ctrl-C stops n8n and the sandbox (the sandbox forgets its records; n8n keeps its data in .n8n-local/).',
			].join('\n'),
		);
	} catch (error) {
		console.error(`[start] ${(error as Error).message}`);
		await stop(1, 'failed');
	}
}

main().catch((error: unknown) => {
	console.error(`[start] ${(error as Error).message}`);
	process.exit(1);
});
