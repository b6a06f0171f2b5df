import type { ServerResponse } from 'node:http';

import { mediaType } from './body';
import type { EmulatorServer } from './emulator-server';
import { write } from './respond';
import type { SandboxResponse } from './types';

export const CONTROL_PREFIX = '/__sandbox';

class ControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

function jsonBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	const type = mediaType(contentType);
	if (type && type !== 'application/json') throw new ControlError(415, 'control requests take application/json');
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new ControlError(400, 'body is not valid JSON');
	}
}

function objectBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
	const body = jsonBody(raw, contentType) ?? {};
	if (typeof body !== 'object' || Array.isArray(body) || body === null) throw new ControlError(400, 'body must be a JSON object');
	return body as Record<string, unknown>;
}

/**
 * `/__sandbox/` on every emulator port. Never journaled, never faulted, never rate limited.
 *
 *   GET    /__sandbox              name, base path, emulated routes
 *   POST   /__sandbox/reset        {keepConfig?, keepJournal?, keepSessions?} -> back to start
 *   GET    /__sandbox/faults       {faults}
 *   POST   /__sandbox/faults       FaultSpec | FaultSpec[] | {faults: FaultSpec[]} -> 201 {faults}
 *   DELETE /__sandbox/faults       204
 *   GET    /__sandbox/held         {held: [{requestId, method, path, faultId, commitsAt}]}: commitLate requests not processed yet
 *   GET    /__sandbox/journal      ?method=&path=&since= -> {entries}
 *   DELETE /__sandbox/journal      204
 *   GET    /__sandbox/state        the emulator's records
 *   GET    /__sandbox/config       framework + vendor settings
 *   POST   /__sandbox/config       partial settings -> merged settings
 */
export async function handleControl(
	server: EmulatorServer,
	method: string,
	path: string,
	query: URLSearchParams,
	rawBody: Buffer,
	contentType: string | undefined,
	res: ServerResponse,
): Promise<void> {
	let response: SandboxResponse;
	try {
		response = dispatch(server, method.toUpperCase(), path.slice(CONTROL_PREFIX.length) || '/', query, rawBody, contentType);
	} catch (error) {
		// Anything else thrown here is a bad fault spec or config value: the caller's mistake.
		const status = error instanceof ControlError ? error.status : 400;
		response = { status, body: { error: (error as Error).message } };
	}
	write(res, response, false);
}

function dispatch(
	server: EmulatorServer,
	method: string,
	path: string,
	query: URLSearchParams,
	raw: Buffer,
	contentType: string | undefined,
): SandboxResponse {
	const route = `${method} ${path.replace(/\/$/, '') || '/'}`;
	switch (route) {
		case 'GET /':
			return {
				status: 200,
				body: { name: server.emulator.name, basePath: server.emulator.basePath, routes: server.emulator.router.templates() },
			};
		case 'POST /reset': {
			const body = objectBody(raw, contentType);
			server.reset({
				keepConfig: body.keepConfig === true,
				keepJournal: body.keepJournal === true,
				keepSessions: body.keepSessions === true,
			});
			return { status: 200, body: { ok: true } };
		}
		case 'GET /faults':
			return { status: 200, body: { faults: server.faults.list() } };
		case 'POST /faults': {
			const body = jsonBody(raw, contentType);
			const specs = Array.isArray(body)
				? body
				: body && typeof body === 'object' && Array.isArray((body as { faults?: unknown }).faults)
					? (body as { faults: unknown[] }).faults
					: [body];
			return { status: 201, body: { faults: server.faults.add(specs) } };
		}
		case 'DELETE /faults':
			server.faults.clear();
			return { status: 204 };
		case 'GET /held':
			return { status: 200, body: { held: server.heldRequests() } };
		case 'GET /journal': {
			const since = query.get('since');
			const entries = server.journal.list({
				method: query.get('method') ?? undefined,
				path: query.get('path') ?? undefined,
				sinceSeq: since === null ? undefined : Number(since),
			});
			return { status: 200, body: { entries } };
		}
		case 'DELETE /journal':
			server.journal.clear();
			return { status: 204 };
		case 'GET /state':
			return { status: 200, body: server.emulator.snapshot() };
		case 'GET /config':
			return { status: 200, body: server.describeConfig() };
		case 'POST /config':
			return { status: 200, body: server.configure(objectBody(raw, contentType)) };
		default:
			throw new ControlError(404, `no control route ${route}`);
	}
}
