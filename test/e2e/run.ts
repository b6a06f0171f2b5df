/**
 * `npm run test:e2e`: real n8n as the judge.
 *
 *   npm run test:e2e                         # n8n 2.41.1 on Node 24 (provisioned into .cache/)
 *   npm run test:e2e -- --n8n=1.123.0        # another n8n line (1.x runs on the host Node)
 *   npm run test:e2e -- --smoke              # load + credential test + one run of the first template
 *   npm run test:e2e -- --keep               # keep the n8n user folder and logs (printed)
 *   npm run test:e2e -- --queue              # queue mode instead: Postgres, Redis, main, webhook processor, two workers (test/e2e/queue-mode.ts)
 *
 * 1. provision n8n, build + pack this package, install the tarball into a fresh
 *    <userFolder>/.n8n/nodes (node types are n8n-nodes-nordic-commerce.*);
 * 2. start the sandbox; import the sandbox credentials (n8n import:credentials) and the
 *    templates (n8n import:workflow);
 * 3. start n8n: every node and credential of the package is loaded, no load errors in its log;
 *    each credential's test (POST /rest/credentials/test, as the editor's Test button) succeeds
 *    against the sandbox and fails for a wrong secret; the templates' store webhooks, published,
 *    refuse a POST without the right header (401/403, nothing booked) and book an authenticated
 *    one, also when it arrives twice at once (test/e2e/store-webhooks.ts);
 * 4. stop the server; for each template with an expectation (test/e2e/expectations/): run it
 *    with `n8n execute --id`, compare the sandbox state, run it again (nothing may be added),
 *    then each fault scenario from a clean sandbox, ending as its outcome says: `succeeds`,
 *    `failsThenRerunSucceeds` (the failure's message checked, nothing duplicated, a `commitLate`
 *    write landed before the re-run) or `failsThenRerunRefuses` (in one fresh `n8n start`,
 *    through the store webhook: a write without a lookup is not sent again by that process).
 *
 * Prints one line per check and ends with `e2e: N passed, N failed`; exit code 1 on failure.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { EMULATORS } from '../../sandbox/emulators';
import { SandboxControl } from '../../sandbox/client';
import {
	buildAndPack,
	cacheDir,
	DEFAULT_N8N_VERSION,
	executeWorkflow,
	freePort,
	type ExecuteResult,
	importCredentials,
	importTemplates,
	installPackage,
	listTemplates,
	login,
	n8nContext,
	PACKAGE_NAME,
	provision,
	rest,
	root,
	credentialFor,
	SANDBOX_CREDENTIAL_SPECS,
	shippedCredentialSpecs,
	sandboxCredentials,
	startServer,
	STORE_WEBHOOK_AUTH,
	storeWebhookCredential,
	type N8nContext,
	type RunningServer,
	type Template,
} from '../../scripts/n8n-local';
import {
	checkAdded,
	checkNoMoreThan,
	checkOutput,
	checkRecords,
	checkText,
	loadExpectations,
	serviceExpectations,
	stateTables,
	UNCERTAIN_WRITE_MESSAGE,
	type CompanyState,
	type Expectation,
	type FaultScenario,
	type OutputCheck,
	type RunExpectation,
	type ServiceExpectation,
	type TextMatch,
} from './expectations';
import { deliverAndWait, ensureActive, type RunOutcome } from './webhook-runs';
import { checkStoreWebhooks, sampleBody, webhookNodes } from './store-webhooks';
import { checkRedisCredential, REDIS_CREDENTIAL_TYPE } from './redis-credential';
import { checkTripletexTriggerTemplate } from './triggers-tripletex';
import { checkProcountorTrigger } from './triggers-procountor';
import { runQueueMode } from './queue-mode';

interface Options {
	n8nVersion: string;
	smoke: boolean;
	keep: boolean;
	only?: string;
	queue: boolean;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { n8nVersion: process.env.E2E_N8N_VERSION || DEFAULT_N8N_VERSION, smoke: false, keep: false, queue: false };
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		if (flag === '--n8n' && value) options.n8nVersion = value;
		else if (flag === '--smoke') options.smoke = true;
		else if (flag === '--keep') options.keep = true;
		else if (flag === '--only' && value) options.only = value;
		else if (flag === '--queue') options.queue = true;
		else throw new Error(`unknown option ${arg} (see test/e2e/run.ts)`);
	}
	return options;
}

// --- reporting ----------------------------------------------------------------------------------

const results: Array<{ name: string; ok: boolean }> = [];
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;

function report(name: string, problems: string[]): boolean {
	const ok = problems.length === 0;
	results.push({ name, ok });
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok ? '' : `\n${problems.map((p) => `     - ${p}`).join('\n')}`}`);
	return ok;
}

async function check(name: string, body: () => Promise<string[]>): Promise<boolean> {
	try {
		return report(name, await body());
	} catch (error) {
		return report(name, [`threw: ${(error as Error).stack ?? String(error)}`]);
	}
}

function step(message: string): void {
	console.log(`\n--- ${message} (${elapsed()})`);
}

// --- the package as n8n must see it -------------------------------------------------------------

interface PackageManifest {
	n8n: { nodes: string[]; credentials: string[] };
}

/** Node and credential type names, from the built classes (the same files the tarball ships). */
function packageTypes(): { nodes: string[]; credentials: string[] } {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest;
	const load = (file: string) => {
		const exports = require(join(root, file)) as Record<string, new () => { description?: { name: string }; name?: string }>;
		const instance = new (Object.values(exports)[0])();
		return instance.description?.name ?? instance.name ?? '';
	};
	return {
		nodes: manifest.n8n.nodes.map((file) => `${PACKAGE_NAME}.${load(file)}`),
		credentials: manifest.n8n.credentials.map(load),
	};
}

const LOAD_ERROR_PATTERNS = [
	/Unrecognized node type/i,
	/Unrecognized credential type/i,
	/error.{0,80}n8n-nodes-nordic-commerce/i,
	/n8n-nodes-nordic-commerce.{0,200}(error|failed)/i,
	/Failed to load (package|community)/i,
	/Cannot find module/i,
];

async function checkLoading(ctx: N8nContext, server: RunningServer, cookie: string): Promise<void> {
	const expected = packageTypes();
	await check(`n8n ${ctx.n8n.n8nVersion} loads every node of the package: ${expected.nodes.join(', ')}`, async () => {
		const res = await rest<Array<{ name: string }>>(ctx, cookie, 'GET', '/types/nodes.json');
		if (res.status !== 200 || !Array.isArray(res.body)) return [`GET /types/nodes.json: HTTP ${res.status}`];
		const names = new Set(res.body.map((type) => type.name));
		return expected.nodes.filter((name) => !names.has(name)).map((name) => `${name} is not among n8n's node types`);
	});
	await check(`n8n ${ctx.n8n.n8nVersion} loads every credential of the package: ${expected.credentials.join(', ')}`, async () => {
		const res = await rest<Array<{ name: string }>>(ctx, cookie, 'GET', '/types/credentials.json');
		if (res.status !== 200 || !Array.isArray(res.body)) return [`GET /types/credentials.json: HTTP ${res.status}`];
		const names = new Set(res.body.map((type) => type.name));
		return expected.credentials.filter((name) => !names.has(name)).map((name) => `${name} is not among n8n's credential types`);
	});
	await check('every node type the templates use is known to n8n, and each template is stored', async () => {
		const types = await rest<Array<{ name: string }>>(ctx, cookie, 'GET', '/types/nodes.json');
		const known = new Set((Array.isArray(types.body) ? types.body : []).map((type) => type.name));
		const problems: string[] = [];
		for (const template of listTemplates()) {
			for (const node of template.workflow.nodes) {
				if (!known.has(node.type)) problems.push(`${template.name}: node "${node.name}" has unknown type ${node.type}`);
			}
			const res = await rest(ctx, cookie, 'GET', `/rest/workflows/${template.id}`);
			if (res.status !== 200) problems.push(`${template.name}: GET /rest/workflows/${template.id} HTTP ${res.status}`);
		}
		return problems;
	});
	await check("n8n's log shows no load errors for the package", async () =>
		server
			.readLog()
			.split('\n')
			.filter((line) => LOAD_ERROR_PATTERNS.some((pattern) => pattern.test(line)))
			.map((line) => `log: ${line.slice(0, 300)}`),
	);
}

interface CredentialTestResponse {
	data?: { status?: string; message?: string };
}

async function checkCredentials(ctx: N8nContext, cookie: string, sandbox: Sandbox): Promise<void> {
	const types = packageTypes().credentials;
	report(
		'every credential type of the package has a sandbox credential (SANDBOX_CREDENTIAL_SPECS in scripts/n8n-local.ts)',
		types.filter((type) => type !== REDIS_CREDENTIAL_TYPE && !SANDBOX_CREDENTIAL_SPECS.some((spec) => spec.type === type)).map((type) => `${type} has none`),
	);
	// Coordination is not a vendor: its credential is tested against a real Redis instead.
	await checkRedisCredential(check, async (method, path, body) => await rest(ctx, cookie, method, path, body));
	for (const spec of shippedCredentialSpecs()) {
		const emulator = sandbox.emulators.find((e) => e.name.toLowerCase() === spec.emulator);
		if (!emulator) {
			report(`${spec.type} (${spec.name}): the ${spec.emulator} emulator runs`, ['not started']);
			continue;
		}
		const testCredential = async (overrides: Record<string, unknown>) => {
			const credential = credentialFor(spec, emulator.baseUrl, overrides);
			return await rest<CredentialTestResponse>(ctx, cookie, 'POST', '/rest/credentials/test', { credentials: credential });
		};
		await check(`${spec.type} (${spec.name}): credential test succeeds against the sandbox`, async () => {
			const res = await testCredential({});
			return res.status === 200 && res.body.data?.status === 'OK' ? [] : [`HTTP ${res.status}: ${JSON.stringify(res.body)}`];
		});
		await check(`${spec.type} (${spec.name}): credential test fails for a wrong secret (${Object.keys(spec.wrongSecret).join(', ')}), and its message shows no secret`, async () => {
			const res = await testCredential(spec.wrongSecret);
			const message = res.body.data?.message ?? '';
			const problems: string[] = [];
			if (res.status !== 200 || res.body.data?.status !== 'Error') problems.push(`expected status Error, got HTTP ${res.status}: ${JSON.stringify(res.body)}`);
			const secrets = [...Object.values(spec.wrongSecret), ...Object.values(spec.data(emulator.baseUrl))].filter(
				(value): value is string => typeof value === 'string' && /token|secret|key/i.test(value),
			);
			for (const secret of secrets) if (message.includes(secret)) problems.push(`message shows a secret: ${message}`);
			return problems;
		});
	}
}

// --- templates against the sandbox ---------------------------------------------------------------

/** The records of every emulator the template writes to, as tables per service. */
type ServicesState = Map<string, CompanyState>;

interface ServiceUnderTest {
	want: ServiceExpectation;
	control: SandboxControl;
}

async function servicesState(services: ServiceUnderTest[]): Promise<ServicesState> {
	const state: ServicesState = new Map();
	for (const { want, control } of services) {
		const records = (await control.state()) as Parameters<typeof stateTables>[0];
		state.set(want.service, stateTables(records, want.company, want.sharedState));
	}
	return state;
}

type Phase = 'afterRun' | 'afterSecondRun';

/**
 * Growth from `before` to `after` and the record checks, per service (`expected` per service;
 * after a second run, `afterRun`'s records too); the output checks when an output is given:
 * `outputChecks` when given, else each service's own for the phase.
 */
function compareWith(
	services: ServiceUnderTest[],
	before: ServicesState,
	after: ServicesState,
	expected: (want: ServiceExpectation) => RunExpectation,
	output?: Record<string, unknown[]>,
	outputChecks?: OutputCheck[],
): string[] {
	const problems: string[] = [];
	services.forEach(({ want }) => {
		const label = services.length > 1 ? `${want.service}: ` : '';
		const expectation = expected(want);
		problems.push(
			...[
				...checkAdded(before.get(want.service) ?? {}, after.get(want.service) ?? {}, expectation.added),
				...checkRecords(after.get(want.service) ?? {}, expectation.records),
			].map((problem) => `${label}${problem}`),
		);
	});
	if (!output) return problems;
	// The expectation's own service's output first, then the others' (labelled).
	const checks: Array<[string, OutputCheck | undefined]> = outputChecks
		? outputChecks.map((check) => ['', check])
		: services.map(({ want }, index) => [index === 0 || services.length === 1 ? '' : `${want.service}: `, expected(want).output]);
	const [first, ...rest] = checks;
	for (const [label, check] of [...rest, ...(first ? [first] : [])]) problems.push(...checkOutput(output, check).map((p) => `${label}${p}`));
	return problems;
}

/** Growth and records for the phase, per service; the node output when given. */
function compare(services: ServiceUnderTest[], before: ServicesState, after: ServicesState, phase: Phase, output?: Record<string, unknown[]>, outputChecks?: OutputCheck[]): string[] {
	return compareWith(
		services,
		before,
		after,
		(want) => (phase === 'afterSecondRun' ? { ...want.afterSecondRun, records: [...(want.afterSecondRun.records ?? []), ...(want.afterRun.records ?? [])] } : want.afterRun),
		output,
		outputChecks,
	);
}

/** A run that was meant to fail: it failed, in `node` when given, with an error whose message and description match `message`. */
function failedAsExpected(label: string, run: RunOutcome, message: TextMatch, node?: string): string[] {
	if (run.ok) return [`${label} succeeded; expected it to fail`];
	if (!run.error) return [`${label} failed without an execution error to read: ${run.errors.join(' | ').slice(0, 1500)}`];
	const problems = checkText(`${label}'s error`, [run.error.message, run.error.description].filter(Boolean).join('\n'), message);
	if (node && run.error.node !== node) problems.push(`${label} failed in "${run.error.node ?? '?'}", expected "${node}"`);
	return problems;
}

/** A write an emulator holds (`commitLate`) lands before anything else is compared or run. */
async function nothingHeld(services: ServiceUnderTest[]): Promise<void> {
	for (const { control } of services) await control.waitUntilNothingHeld({ timeoutMs: 60_000 });
}

function runFailure(label: string, run: ExecuteResult): string {
	return `${label} failed (exit ${run.code}): ${run.errors.join(' | ') || (run.stdout + run.stderr).slice(-2000)}`;
}

interface TemplateUnderTest {
	ctx: N8nContext;
	template: Template;
	expectation: Expectation;
	services: ServiceUnderTest[];
	/** Resets every emulator; returns the clean state. */
	fresh(): Promise<ServicesState>;
	storeSecret: string;
}

/**
 * `succeeds` and `failsThenRerunSucceeds`, each run a new `n8n execute` process: the fault, the
 * run (and the re-run), the records as `afterRun` says with the output, then once more: nothing added.
 */
async function faultScenario(t: TemplateUnderTest, scenario: FaultScenario): Promise<string[]> {
	const { ctx, template, services } = t;
	const control = services.find((s) => s.want.service === (scenario.service ?? t.expectation.service))?.control;
	if (!control) return [`fault service ${scenario.service} is not among the expectation's services`];
	const before = await t.fresh();
	await control.injectFault(scenario.inject);
	const problems: string[] = [];
	let run = await executeWorkflow(ctx, template.id);
	if (scenario.outcome === 'failsThenRerunSucceeds') {
		problems.push(...failedAsExpected('the first run', run, scenario.failureMessage ?? UNCERTAIN_WRITE_MESSAGE, scenario.failedNode));
		await nothingHeld(services);
		const afterFailure = await servicesState(services);
		for (const { want } of services) {
			const label = services.length > 1 ? `${want.service}: ` : '';
			problems.push(
				...checkNoMoreThan(before.get(want.service) ?? {}, afterFailure.get(want.service) ?? {}, want.afterRun.added).map((p) => `after the failed run: ${label}${p}`),
			);
		}
		run = await executeWorkflow(ctx, template.id);
		if (!run.ok) return [...problems, runFailure('the re-run', run)];
	} else if (!run.ok) {
		return [...problems, runFailure('the run', run)];
	}
	await nothingHeld(services);
	const left = await control.listFaults();
	if (left.length) problems.push(`fault not triggered: ${JSON.stringify(left)}`);
	const after = await servicesState(services);
	problems.push(...compare(services, before, after, 'afterRun', run.output, scenario.output));
	const again = await executeWorkflow(ctx, template.id);
	if (!again.ok) problems.push(runFailure('the run after the fault scenario', again));
	problems.push(...compare(services, after, await servicesState(services), 'afterSecondRun', again.ok ? again.output : undefined).map((p) => `run again: ${p}`));
	return problems;
}

/**
 * `failsThenRerunRefuses`: in one fresh n8n process (its ledger empty), the template's store
 * webhook gets the sample order, then again; both executions fail (the second refusing to send
 * the uncertain write again), the records are `afterFault`'s and the second run added nothing.
 */
async function sameProcessScenario(t: TemplateUnderTest, scenario: FaultScenario): Promise<string[]> {
	const { ctx, template, services } = t;
	const hook = webhookNodes(t.template).find((node) => node.parameters?.authentication === 'headerAuth');
	if (!hook) return [`${scenario.outcome} runs in one n8n process through the template's store webhook, and ${template.name} has none`];
	if (!scenario.afterFault || !scenario.rerunFailureMessage) return [`${scenario.outcome} needs "afterFault" and "rerunFailureMessage"`];
	const afterFault = scenario.afterFault;
	const control = services.find((s) => s.want.service === (scenario.service ?? t.expectation.service))?.control;
	if (!control) return [`fault service ${scenario.service} is not among the expectation's services`];
	const url = `http://127.0.0.1:${ctx.port}/webhook/${String(hook.parameters?.path)}`;
	const headers = { [STORE_WEBHOOK_AUTH.headerName]: t.storeSecret };
	const body = sampleBody(template);
	const server = await startServer(ctx, join(ctx.userFolder, `n8n-${template.name}-same-process.log`));
	try {
		const cookie = await login(ctx);
		const problems = await ensureActive(ctx, cookie, template.id);
		if (problems.length) return problems;
		const before = await t.fresh();
		await control.injectFault(scenario.inject);
		const first = await deliverAndWait(ctx, cookie, template.id, url, headers, body);
		problems.push(...failedAsExpected('the first delivery', first, scenario.failureMessage ?? UNCERTAIN_WRITE_MESSAGE, scenario.failedNode));
		await nothingHeld(services);
		const afterFirst = await servicesState(services);
		const second = await deliverAndWait(ctx, cookie, template.id, url, headers, body);
		problems.push(...failedAsExpected('the second delivery', second, scenario.rerunFailureMessage, scenario.failedNode));
		await nothingHeld(services);
		const left = await control.listFaults();
		if (left.length) problems.push(`fault not triggered: ${JSON.stringify(left)}`);
		const after = await servicesState(services);
		problems.push(...compareWith(services, before, after, (want) => afterFault[want.service] ?? { added: {} }));
		problems.push(...compareWith(services, afterFirst, after, () => ({ added: {} })).map((p) => `the second delivery: ${p}`));
		return problems;
	} finally {
		await server.stop();
	}
}

async function runTemplate(ctx: N8nContext, sandbox: Sandbox, expectation: Expectation, smoke: boolean, storeSecret: string): Promise<void> {
	if (await checkTripletexTriggerTemplate({ check }, ctx, sandbox, expectation)) return;
	const template = listTemplates().find((t) => t.name === expectation.template);
	if (!template) {
		report(`${expectation.template}: template exists`, [`templates/${expectation.template}.json not found`]);
		return;
	}
	const services: ServiceUnderTest[] = [];
	for (const want of serviceExpectations(expectation)) {
		const emulator = sandbox.emulators.find((e) => e.name === want.service);
		if (!emulator) {
			report(`${expectation.template}: the ${want.service} emulator runs`, ['not started']);
			return;
		}
		services.push({ want, control: new SandboxControl(emulator.controlUrl) });
	}
	const fresh = async () => {
		for (const { control } of services) await control.reset();
		return await servicesState(services);
	};
	const initial = await fresh();
	let firstState: ServicesState = initial;
	await check(`${template.name}: runs to success and the sandbox shows exactly its records`, async () => {
		const run = await executeWorkflow(ctx, template.id);
		if (!run.ok) return [runFailure(`n8n execute --id=${template.id}`, run)];
		firstState = await servicesState(services);
		console.log(`     (n8n execute: ${run.seconds}s)`);
		return compare(services, initial, firstState, 'afterRun', run.output);
	});
	await check(`${template.name}: running it again adds nothing`, async () => {
		const run = await executeWorkflow(ctx, template.id);
		if (!run.ok) return [runFailure('second run', run)];
		return compare(services, firstState, await servicesState(services), 'afterSecondRun', run.output);
	});
	if (smoke) return;
	const t: TemplateUnderTest = { ctx, template, expectation, services, fresh, storeSecret };
	for (const scenario of expectation.faults ?? []) {
		const started = Date.now();
		const sameProcess = scenario.outcome === 'failsThenRerunRefuses';
		await check(`${template.name}: with ${scenario.name}: ${OUTCOME_WORDS[scenario.outcome]}`, async () =>
			sameProcess ? await sameProcessScenario(t, scenario) : await faultScenario(t, scenario),
		);
		console.log(`     (${Math.round((Date.now() - started) / 1000)}s)`);
	}
}

const OUTCOME_WORDS: Record<FaultScenario['outcome'], string> = {
	succeeds: 'succeeds, right records, no duplicates',
	failsThenRerunSucceeds: 'fails saying what to check, duplicates nothing; the re-run succeeds, right records',
	failsThenRerunRefuses: 'fails, and the order delivered again to the same n8n fails without sending it again; right records',
};

// --- main ----------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	console.log(`e2e: n8n ${options.n8nVersion}, package ${PACKAGE_NAME}`);
	step('provision n8n');
	const n8n = await provision({ n8nVersion: options.n8nVersion });
	console.log(`n8n ${n8n.n8nVersion} on Node ${n8n.nodeVersion} (${n8n.dir})`);

	step('build, pack and install the package into a fresh n8n user folder');
	const tarball = buildAndPack();
	if (options.queue) {
		await runQueueMode({ check, step }, n8n, tarball, { keep: options.keep });
		finish(n8n, 'queue');
		return;
	}
	mkdirSync(join(cacheDir(), 'e2e'), { recursive: true });
	const userFolder = mkdtempSync(join(cacheDir(), 'e2e', `n8n-${n8n.n8nVersion}-`));
	installPackage(userFolder, tarball);
	console.log(`installed ${tarball} into ${userFolder}/.n8n/nodes`);

	// Every emulator the sandbox has, on free ports (a running `npm start` keeps the default ones).
	const sandbox = await startSandbox(Object.fromEntries(EMULATORS.map((definition) => [definition.name, { port: 0 }])) as SandboxOptions);
	const ctx = n8nContext(n8n, userFolder, { port: await freePort(), brokerPort: await freePort() });
	// The order templates' store webhooks require this header (credential "Store webhook (header auth)").
	const storeSecret = randomBytes(24).toString('hex');
	let server: RunningServer | undefined;
	try {
		step('import sandbox credentials and templates with n8n CLI');
		await check('n8n import:credentials and import:workflow accept the sandbox credentials and every template', async () => {
			await importCredentials(ctx, [...sandboxCredentials(sandbox.emulators), storeWebhookCredential(storeSecret)]);
			await importTemplates(ctx, undefined, sandbox.emulators);
			return [];
		});

		step('start n8n');
		server = await startServer(ctx, join(userFolder, 'n8n.log'));
		console.log(`n8n ready at ${server.url} (${elapsed()})`);
		const cookie = await login(ctx);
		await checkLoading(ctx, server, cookie);
		await checkCredentials(ctx, cookie, sandbox);
		if (!options.smoke) {
			step("store webhooks: n8n's Header Auth refuses a POST without the store's secret header, books one with it");
			const hookExpectations = loadExpectations().filter((e) => !options.only || e.template === options.only);
			await checkStoreWebhooks({ check, servicesState, compare }, ctx, cookie, sandbox, hookExpectations, storeSecret);
			await checkProcountorTrigger(check, ctx, cookie, sandbox, options.only);
		}
		await server.stop();
		server = undefined;

		const expectations = loadExpectations().filter((e) => !options.only || e.template === options.only);
		const missing = listTemplates().filter((t) => !expectations.some((e) => e.template === t.name) && !options.only);
		report('every template has an expectation file (test/e2e/expectations/<template>.expect.json)', missing.map((t) => `${t.name} has none`));
		for (const expectation of options.smoke ? expectations.slice(0, 1) : expectations) {
			step(`template ${expectation.template}`);
			await runTemplate(ctx, sandbox, expectation, options.smoke, storeSecret);
		}
	} finally {
		await server?.stop();
		await sandbox.stop();
		if (options.keep) console.log(`\nkept: ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	}
	finish(n8n);
}

function finish(n8n: { n8nVersion: string; nodeVersion: string }, mode?: 'queue'): void {
	const failed = results.filter((r) => !r.ok).length;
	const summary = `e2e${mode ? ` (${mode} mode)` : ''}: ${results.length - failed} passed, ${failed} failed (n8n ${n8n.n8nVersion}, Node ${n8n.nodeVersion}, ${elapsed()})`;
	console.log(`\n${summary}`);
	mkdirSync(join(cacheDir(), 'e2e'), { recursive: true });
	writeFileSync(join(cacheDir(), 'e2e', `last-${n8n.n8nVersion}${mode ? `-${mode}` : ''}.txt`), `${summary}\n`);
	if (failed) process.exit(1);
}

main().catch((error: unknown) => {
	console.error(`e2e: ${(error as Error).stack ?? String(error)}`);
	process.exit(1);
});
