/** The vendor emulators the sandbox can start. Posti joins this list. */
import type { EmulatorDefinition } from './framework/launcher';
import type { TripletexConfig } from './tripletex/config';
import { createTripletexEmulator, type TripletexEmulator } from './tripletex/emulator';
import type { ProcountorConfig } from './procountor/config';
import { createProcountorEmulator, type ProcountorEmulator } from './procountor/emulator';

export const tripletexDefinition: EmulatorDefinition<TripletexEmulator, TripletexConfig> = {
	name: 'tripletex',
	defaultPort: 4010,
	portEnv: 'SANDBOX_TRIPLETEX_PORT',
	create: (config) => createTripletexEmulator(config),
};

export const procountorDefinition: EmulatorDefinition<ProcountorEmulator, ProcountorConfig> = {
	name: 'procountor',
	defaultPort: 4020,
	portEnv: 'SANDBOX_PROCOUNTOR_PORT',
	create: (config) => createProcountorEmulator(config),
};

export const EMULATORS = [tripletexDefinition, procountorDefinition] as const;
