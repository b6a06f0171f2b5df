/**
 * `npm run sandbox` — starts every emulator and prints its base URL.
 *
 *   --tripletex-port=N   (or SANDBOX_TRIPLETEX_PORT; default 4010; 0 = any free port)
 *   --no-tripletex       do not start the Tripletex emulator
 *   --procountor-port=N  (or SANDBOX_PROCOUNTOR_PORT; default 4020; 0 = any free port)
 *   --no-procountor      do not start the Procountor emulator
 *   --posti-port=N       (or SANDBOX_POSTI_PORT; default 4030; 0 = any free port)
 *   --no-posti           do not start the Posti emulator
 *   --latency-ms=N       added to every vendor request
 */
import { startSandbox, type SandboxOptions } from './index';

function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = {};
	let latencyMs: number | undefined;
	let tripletexPort: number | undefined;
	let tripletex = true;
	let procountorPort: number | undefined;
	let procountor = true;
	let postiPort: number | undefined;
	let posti = true;
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		const number = () => {
			const n = Number(value);
			if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, e.g. ${flag}=4010`);
			return n;
		};
		if (flag === '--tripletex-port') tripletexPort = number();
		else if (flag === '--no-tripletex') tripletex = false;
		else if (flag === '--procountor-port') procountorPort = number();
		else if (flag === '--no-procountor') procountor = false;
		else if (flag === '--posti-port') postiPort = number();
		else if (flag === '--no-posti') posti = false;
		else if (flag === '--latency-ms') latencyMs = number();
		else if (flag === '--help' || flag === '-h') {
			console.log('Usage: npm run sandbox -- [--tripletex-port=N] [--no-tripletex] [--procountor-port=N] [--no-procountor] [--posti-port=N] [--no-posti] [--latency-ms=N]');
			process.exit(0);
		} else throw new Error(`unknown option ${arg} (try --help)`);
	}
	options.tripletex = tripletex
		? { ...(tripletexPort !== undefined ? { port: tripletexPort } : {}), ...(latencyMs ? { latencyMs } : {}) }
		: false;
	options.procountor = procountor
		? { ...(procountorPort !== undefined ? { port: procountorPort } : {}), ...(latencyMs ? { latencyMs } : {}) }
		: false;
	options.posti = posti ? { ...(postiPort !== undefined ? { port: postiPort } : {}), ...(latencyMs ? { latencyMs } : {}) } : false;
	return options;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
	for (const handle of sandbox.emulators) {
		console.log(`${handle.name.padEnd(10)} ${handle.baseUrl}   (control: ${handle.controlUrl})`);
		if (handle.name === 'posti') console.log(`${'posti demo'.padEnd(10)} ${handle.baseUrl}/demo   (x-gateway-secret: sandbox-gateway-secret)`);
	}
	console.log('Sandbox running. Ctrl+C to stop.');
	const shutdown = (signal: string) => {
		console.log(`\n${signal}: stopping sandbox`);
		sandbox.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => shutdown('SIGINT'));
	process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(`sandbox: ${(error as Error).message}`);
	process.exit(1);
});
