/**
 * Local emulators of the vendor APIs, for tests, the demo and benchmarks. Never shipped.
 *
 *   const sandbox = await startSandbox({ tripletex: { port: 0 }, procountor: { port: 0 }, posti: { port: 0 } });
 *   sandbox.tripletex.baseUrl;   // http://127.0.0.1:PORT/v2
 *   sandbox.procountor.baseUrl;  // http://127.0.0.1:PORT/api
 *   sandbox.posti.baseUrl;       // http://127.0.0.1:PORT (demo-like: `${baseUrl}/demo`)
 *   await sandbox.stop();
 */
import { postiDefinition, procountorDefinition, tripletexDefinition } from './emulators';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from './framework/launcher';
import type { TripletexConfig } from './tripletex/config';
import type { TripletexEmulator } from './tripletex/emulator';
import type { ProcountorConfig } from './procountor/config';
import type { ProcountorEmulator } from './procountor/emulator';
import type { PostiConfig } from './posti/config';
import type { PostiEmulator } from './posti/emulator';

export type { EmulatorHandle, EmulatorOptions } from './framework/launcher';
export type { FaultSpec, Fault } from './framework/faults';
export type { JournalEntry } from './framework/journal';
export type { TripletexConfig, EmployeeTokenGrant } from './tripletex/config';
export { TripletexEmulator } from './tripletex/emulator';
export * as tripletexSeed from './tripletex/seed';
export type { ProcountorConfig, ApiKeyGrant, ClientGrant, ActivationRequestConfig } from './procountor/config';
export { ProcountorEmulator } from './procountor/emulator';
export * as procountorSeed from './procountor/seed';
export type { PostiConfig, PostiApiKeyGrant, PostiClientGrant } from './posti/config';
export { PostiEmulator } from './posti/emulator';
export * as postiSeed from './posti/seed';

export interface SandboxOptions {
	/** Options for the Tripletex emulator, or false to not start it. */
	tripletex?: EmulatorOptions<TripletexConfig> | false;
	/** Options for the Procountor emulator, or false to not start it. */
	procountor?: EmulatorOptions<ProcountorConfig> | false;
	/** Options for the Posti emulator, or false to not start it. */
	posti?: EmulatorOptions<PostiConfig> | false;
}

export interface Sandbox {
	/** Throws if the Tripletex emulator was not started. */
	readonly tripletex: EmulatorHandle<TripletexEmulator>;
	/** Throws if the Procountor emulator was not started. */
	readonly procountor: EmulatorHandle<ProcountorEmulator>;
	/** Throws if the Posti emulator was not started. */
	readonly posti: EmulatorHandle<PostiEmulator>;
	readonly emulators: EmulatorHandle[];
	stop(): Promise<void>;
}

/**
 * Starts the emulators on 127.0.0.1 (port 0 = a free port). `startSandbox()` starts all
 * of them; once options name an emulator, only the named ones start (so
 * `startSandbox({ tripletex: { port: 0 } })` does not also claim Procountor's port 4020 or Posti's 4030).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const named = options.tripletex !== undefined || options.procountor !== undefined || options.posti !== undefined;
	const wanted = (o: unknown) => (named ? o !== undefined && o !== false : true);
	const handles: EmulatorHandle[] = [];
	let tripletex: EmulatorHandle<TripletexEmulator> | undefined;
	let procountor: EmulatorHandle<ProcountorEmulator> | undefined;
	let posti: EmulatorHandle<PostiEmulator> | undefined;
	try {
		if (wanted(options.tripletex)) {
			tripletex = await startEmulator(tripletexDefinition, options.tripletex || {});
			handles.push(tripletex);
		}
		if (wanted(options.procountor)) {
			procountor = await startEmulator(procountorDefinition, options.procountor || {});
			handles.push(procountor);
		}
		if (wanted(options.posti)) {
			posti = await startEmulator(postiDefinition, options.posti || {});
			handles.push(posti);
		}
	} catch (error) {
		await Promise.all(handles.map((h) => h.server.close()));
		throw error;
	}
	let stopped = false;
	return {
		get tripletex() {
			if (!tripletex) throw new Error('the Tripletex emulator was not started');
			return tripletex;
		},
		get procountor() {
			if (!procountor) throw new Error('the Procountor emulator was not started');
			return procountor;
		},
		get posti() {
			if (!posti) throw new Error('the Posti emulator was not started');
			return posti;
		},
		emulators: handles,
		async stop() {
			if (stopped) return;
			stopped = true;
			await Promise.all(handles.map((h) => h.server.close()));
		},
	};
}
