/**
 * Process-level set-up of the n8n-core services a workflow run needs.
 *
 * n8n-core 2.41 resolves a handful of services from the `@n8n/di` container while a
 * workflow runs (see `Container.get(...)` in node_modules/n8n-core/dist). In the real
 * CLI they are built from env-driven config at start-up; here we register small,
 * explicit instances once per process (= once per jest worker / test file):
 *
 * - `Logger` (@n8n/backend-common): a silent logger (set N8N_HARNESS_LOG=1 to print).
 *   The real one needs GlobalConfig + winston and prints to stdout.
 * - `ErrorReporter`: a no-op stub (the real one is Sentry; WorkflowExecute calls
 *   `.error()` for unexpected node errors).
 * - `InstanceSettings`: a plain stub. The real constructor reads/writes
 *   `~/.n8n/config` (encryption key) at construction, which a test must not do.
 * - `BinaryDataService` in **filesystem** mode rooted in a temp dir. n8n 2.x removed
 *   the in-memory ("default") mode for executions; filesystem is what a self-hosted
 *   n8n uses unless configured for s3/database. The temp dir is removed by an
 *   `afterAll` hook (`cleanupHarness()`), or at process exit outside Jest.
 * - SSRF protection (`SsrfProtectionConfig.enabled`) is **off**, which is also n8n
 *   2.41's default (`N8N_SSRF_PROTECTION_ENABLED=false`). We set it explicitly so an
 *   env var on a CI machine cannot make requests to the 127.0.0.1 sandbox fail
 *   ("blocked IP"); a run can opt back in with `ssrfProtection: true`.
 *
 * Expressions: n8n-workflow 2.41's `Expression` class defaults to the `legacy`
 * engine (the @n8n/tournament evaluator, in-process). The n8n 2.41 CLI instead
 * defaults to `N8N_EXPRESSION_ENGINE=vm` and calls `Expression.initExpressionEngine`
 * at start-up, which needs the native `isolated-vm` module; it ships prebuilt
 * binaries only for Node ABI 137/147 (Node 24+) and cannot compile on Node 20.
 * The harness therefore pins the `legacy` engine (what a self-hoster gets with
 * `N8N_EXPRESSION_ENGINE=legacy`). Both engines run the same expression syntax and
 * extensions (`$json`, `$credentials`, `.toFixed()`, luxon `DateTime`, ...); the VM
 * engine adds isolation and time/memory limits. n8n's third engine, `quickjs`
 * (the same sandboxed runtime as `vm`, in WebAssembly), does start on Node 20 in
 * plain node, but not under Jest: `Expression.initExpressionEngine` loads the
 * runtime with a dynamic `import()`, which Jest only allows with
 * --experimental-vm-modules. The real-n8n e2e tests cover the `vm` engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { SsrfProtectionConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, ErrorReporter, InstanceSettings } from 'n8n-core';
import { Expression, setSafeRegexEngine } from 'n8n-workflow';

export interface HarnessEnvironment {
	/** Temp dir holding binary data (and nothing else) for this process. */
	rootDir: string;
	binaryDataService: BinaryDataService;
}

let environment: Promise<HarnessEnvironment> | undefined;
let rootDirToClean: string | undefined;

type LogFn = (message: string, metadata?: unknown) => void;

function createLogger(): Logger {
	const print = process.env.N8N_HARNESS_LOG === '1';
	const make =
		(level: string): LogFn =>
		(message, metadata) => {
			if (print) console.log(`[n8n ${level}] ${message}`, metadata ?? '');
		};
	const logger = {
		error: make('error'),
		warn: make('warn'),
		info: make('info'),
		debug: make('debug'),
		scoped: () => logger,
	};
	return logger as unknown as Logger;
}

async function bootstrap(): Promise<HarnessEnvironment> {
	const rootDir = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	rootDirToClean = rootDir;
	// Under Jest the afterAll hook registered below removes it; elsewhere, at exit.
	if (typeof afterAll !== 'function') process.once('exit', () => removeRootDir());

	const logger = createLogger();
	Container.set(Logger, logger);

	const errorReporter = {
		error: () => {},
		warn: () => {},
		info: () => {},
	} as unknown as ErrorReporter;
	Container.set(ErrorReporter, errorReporter);

	Container.set(InstanceSettings, {
		n8nFolder: join(rootDir, '.n8n'),
		staticCacheDir: join(rootDir, 'cache'),
		instanceId: 'n8n-harness',
		hmacSignatureSecret: 'n8n-harness-hmac',
		encryptionKey: 'n8n-harness-encryption-key',
		instanceType: 'main',
		instanceRole: 'leader',
		isLeader: true,
		isMultiMain: false,
		isSingleMain: true,
		isWorker: false,
	} as unknown as InstanceSettings);

	const binaryDataConfig = {
		mode: 'filesystem',
		availableModes: ['filesystem'],
		localStoragePath: join(rootDir, 'binaryData'),
		signingSecret: 'n8n-harness-signing-secret',
		dbMaxFileSize: 512,
	} as unknown as BinaryDataConfig;
	Container.set(BinaryDataConfig, binaryDataConfig);
	const binaryDataService = new BinaryDataService(binaryDataConfig, errorReporter, logger);
	await binaryDataService.init();
	Container.set(BinaryDataService, binaryDataService);

	Container.get(SsrfProtectionConfig).enabled = false;

	// See the header comment: the in-process `legacy` (tournament) evaluator.
	Expression.setExpressionEngine('legacy');
	// n8n runs parameter-validation regexes in a vm with a 250 ms budget against ReDoS.
	// Creating that vm context while jest compiles on a loaded 2-core machine can take
	// longer, failing a simple '^\d+$' at random; tests use plain RegExp with the same patterns.
	setSafeRegexEngine({
		exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
		test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
		replace: (pattern, input, flags, replacement) => input.replace(new RegExp(pattern, flags), replacement),
		matchAll: (pattern, input, flags) => Array.from(input.matchAll(new RegExp(pattern, flags?.includes('g') ? flags : `${flags ?? ''}g`))),
		split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
	});

	return { rootDir, binaryDataService };
}

/** Idempotent; every `runWorkflow` awaits it. */
export async function ensureHarnessEnvironment(): Promise<HarnessEnvironment> {
	environment ??= bootstrap();
	return await environment;
}

/** Turn n8n's SSRF protection on or off (process-wide; default off). */
export function setSsrfProtection(enabled: boolean): void {
	Container.get(SsrfProtectionConfig).enabled = enabled;
}

function removeRootDir(): void {
	if (rootDirToClean) rmSync(rootDirToClean, { recursive: true, force: true });
	rootDirToClean = undefined;
}

/**
 * Delete this test file's binary-data temp dir. Registered as a Jest `afterAll` hook
 * when this module is imported at a test file's top level, so tests need not call it.
 * Binary buffers of earlier results can no longer be read afterwards; the next
 * `runWorkflow` sets everything up again.
 */
export async function cleanupHarness(): Promise<void> {
	if (!environment) return;
	await environment.catch(() => undefined);
	environment = undefined;
	removeRootDir();
}

// Jest gives every test file its own module registry, hence its own environment:
// clean it up when the file is done. (process 'exit' handlers registered inside a
// Jest sandbox are not reliable.)
if (typeof afterAll === 'function') {
	afterAll(async () => await cleanupHarness());
}
