/** The vendor emulators the sandbox can start. */
import type { EmulatorDefinition } from './framework/launcher';
import type { TripletexConfig } from './tripletex/config';
import { createTripletexEmulator, type TripletexEmulator } from './tripletex/emulator';
import type { ProcountorConfig } from './procountor/config';
import { createProcountorEmulator, type ProcountorEmulator } from './procountor/emulator';
import type { PostiConfig } from './posti/config';
import { createPostiEmulator, type PostiEmulator } from './posti/emulator';

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

export const postiDefinition: EmulatorDefinition<PostiEmulator, PostiConfig> = {
	name: 'posti',
	defaultPort: 4030,
	portEnv: 'SANDBOX_POSTI_PORT',
	create: (config) => createPostiEmulator(config),
};

export const EMULATORS = [tripletexDefinition, procountorDefinition, postiDefinition] as const;
