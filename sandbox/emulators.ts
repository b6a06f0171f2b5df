/** The vendor emulators the sandbox can start. Procountor and Posti join this list. */
import type { EmulatorDefinition } from './framework/launcher';
import type { TripletexConfig } from './tripletex/config';
import { createTripletexEmulator, type TripletexEmulator } from './tripletex/emulator';

export const tripletexDefinition: EmulatorDefinition<TripletexEmulator, TripletexConfig> = {
	name: 'tripletex',
	defaultPort: 4010,
	portEnv: 'SANDBOX_TRIPLETEX_PORT',
	create: (config) => createTripletexEmulator(config),
};

export const EMULATORS = [tripletexDefinition] as const;
