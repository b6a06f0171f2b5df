import { EmulatorServer, type EmulatorServerOptions } from './emulator-server';
import { CONTROL_PREFIX } from './control';
import type { VendorEmulator } from './types';

/** How the sandbox starts one vendor: its factory, default port and port variable. */
export interface EmulatorDefinition<E extends VendorEmulator = VendorEmulator, Config = unknown> {
	name: string;
	defaultPort: number;
	/** Environment variable that overrides the default port, e.g. SANDBOX_TRIPLETEX_PORT. */
	portEnv: string;
	create(config?: Partial<Config>): E;
}

export interface EmulatorOptions<Config = unknown> extends Omit<EmulatorServerOptions, 'host'> {
	/** Vendor settings (tokens, session lifetime...). */
	config?: Partial<Config>;
}

export interface EmulatorHandle<E extends VendorEmulator = VendorEmulator> {
	name: string;
	port: number;
	/** `http://127.0.0.1:4010` */
	origin: string;
	/** Origin plus the vendor base path: what a client uses, e.g. `http://127.0.0.1:4010/v2`. */
	baseUrl: string;
	/** `http://127.0.0.1:4010/__sandbox` */
	controlUrl: string;
	emulator: E;
	server: EmulatorServer;
}

export function resolvePort(definition: EmulatorDefinition, explicit: number | undefined, env = process.env): number {
	if (explicit !== undefined) return explicit;
	const fromEnv = env[definition.portEnv];
	if (fromEnv !== undefined && fromEnv !== '') {
		const port = Number(fromEnv);
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${definition.portEnv} must be a port number, got "${fromEnv}"`);
		return port;
	}
	return definition.defaultPort;
}

export async function startEmulator<E extends VendorEmulator, Config>(
	definition: EmulatorDefinition<E, Config>,
	options: EmulatorOptions<Config> = {},
	host = '127.0.0.1',
): Promise<EmulatorHandle<E>> {
	const emulator = definition.create(options.config);
	const server = new EmulatorServer(emulator, { ...options, host, port: resolvePort(definition, options.port) });
	const { origin, port } = await server.listen();
	return {
		name: definition.name,
		port,
		origin,
		baseUrl: `${origin}${emulator.basePath}`,
		controlUrl: `${origin}${CONTROL_PREFIX}`,
		emulator,
		server,
	};
}
