/**
 * Local emulators of the vendor APIs, for tests, the demo and benchmarks. Never shipped.
 *
 *   const sandbox = await startSandbox({ tripletex: { port: 0 } });
 *   sandbox.tripletex.baseUrl;   // http://127.0.0.1:PORT/v2
 *   await sandbox.stop();
 */
import { tripletexDefinition } from './emulators';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from './framework/launcher';
import type { TripletexConfig } from './tripletex/config';
import type { TripletexEmulator } from './tripletex/emulator';

export type { EmulatorHandle, EmulatorOptions } from './framework/launcher';
export type { FaultSpec, Fault } from './framework/faults';
export type { JournalEntry } from './framework/journal';
export type { TripletexConfig, EmployeeTokenGrant } from './tripletex/config';
export { TripletexEmulator } from './tripletex/emulator';
export * as tripletexSeed from './tripletex/seed';

export interface SandboxOptions {
	/** Options for the Tripletex emulator, or false to not start it. */
	tripletex?: EmulatorOptions<TripletexConfig> | false;
}

export interface Sandbox {
	/** Throws if the Tripletex emulator was not started. */
	readonly tripletex: EmulatorHandle<TripletexEmulator>;
	readonly emulators: EmulatorHandle[];
	stop(): Promise<void>;
}

/** Starts the emulators on 127.0.0.1 (port 0 = a free port). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const handles: EmulatorHandle[] = [];
	let tripletex: EmulatorHandle<TripletexEmulator> | undefined;
	try {
		if (options.tripletex !== false) {
			tripletex = await startEmulator(tripletexDefinition, options.tripletex ?? {});
			handles.push(tripletex);
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
		emulators: handles,
		async stop() {
			if (stopped) return;
			stopped = true;
			await Promise.all(handles.map((h) => h.server.close()));
		},
	};
}
