import { randomUUID } from 'node:crypto';

import { pathMatchesPattern } from './router';
import type { SandboxRequest } from './types';

/**
 * - `status`: answer with `status` and `body` (the vendor's error envelope when no body is given).
 * - `delay`: wait `delayMs`, then handle the request normally.
 * - `malformed`: answer 200 with a JSON content type and a body that is not valid JSON.
 * - `drop`: destroy the socket without processing the request.
 * - `dropAfterProcessing`: process the request (state changes), then destroy the socket
 *   instead of answering: a timeout after the server did the write.
 * - `expireSession`: expire the session the request presents (all sessions if none), then
 *   handle it normally, so it fails the auth check like a session that ran out.
 * - `commitLate`: hold the request without answering, process it (state changes) after
 *   `delayMs` whether or not the client is still connected, then close the connection without
 *   an answer: a server that commits after the client gave up. A reset (or stopping the
 *   emulator) cancels a held request that has not been processed yet.
 * - `statusAfterProcessing`: process the request (state changes), then answer `status`
 *   (default 503) with the vendor's error envelope (or `body`): a proxy that fails after the
 *   backend acted.
 */
export const FAULT_KINDS = [
	'status',
	'delay',
	'malformed',
	'drop',
	'dropAfterProcessing',
	'expireSession',
	'commitLate',
	'statusAfterProcessing',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
	kind: FaultKind;
	/** Any method when absent. */
	method?: string;
	/** Path glob (`{id}`/`*` one segment, `**` many), with or without the base path. Any path when absent. */
	path?: string;
	/** Query parameters that must be present with these values. */
	query?: Record<string, string>;
	/** How many matching requests the fault hits; 0 = every one until cleared. Default 1. */
	times?: number;
	/** Let this many matching requests through first. Default 0. */
	after?: number;
	/** For `status` (required) and `statusAfterProcessing` (default 503). */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** For `delay` and `commitLate` (required: how long the request is held before it is processed); for other kinds a wait before the fault acts. */
	delayMs?: number;
}

export interface Fault extends Required<Pick<FaultSpec, 'kind' | 'times' | 'after'>> {
	id: string;
	method: string | null;
	path: string | null;
	query: Record<string, string> | null;
	status: number | null;
	body: unknown;
	headers: Record<string, string> | null;
	delayMs: number;
	/** Matching requests seen so far (including the ones let through by `after`). */
	seen: number;
	/** Requests the fault acted on. */
	fired: number;
}

export class FaultSpecError extends Error {}

export function normalizeFault(spec: unknown): Fault {
	if (!spec || typeof spec !== 'object') throw new FaultSpecError('a fault must be an object');
	const s = spec as Record<string, unknown>;
	const known = new Set(['kind', 'method', 'path', 'query', 'times', 'after', 'status', 'body', 'headers', 'delayMs']);
	const unknown = Object.keys(s).filter((k) => !known.has(k));
	if (unknown.length) throw new FaultSpecError(`unknown fault field(s): ${unknown.join(', ')}`);
	if (!FAULT_KINDS.includes(s.kind as FaultKind)) {
		throw new FaultSpecError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
	}
	const kind = s.kind as FaultKind;
	const count = (name: string, fallback: number): number => {
		const v = s[name] ?? fallback;
		if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new FaultSpecError(`${name} must be an integer >= 0`);
		return v;
	};
	if (kind === 'status' && (typeof s.status !== 'number' || s.status < 100 || s.status > 599)) {
		throw new FaultSpecError('a status fault needs status (100-599)');
	}
	if (kind === 'statusAfterProcessing' && s.status !== undefined && (typeof s.status !== 'number' || s.status < 100 || s.status > 599)) {
		throw new FaultSpecError('status must be 100-599');
	}
	if (kind === 'delay' && s.delayMs === undefined) throw new FaultSpecError('a delay fault needs delayMs');
	if (kind === 'commitLate' && (typeof s.delayMs !== 'number' || s.delayMs <= 0)) {
		throw new FaultSpecError('a commitLate fault needs delayMs > 0 (longer than the client waits)');
	}
	const optionalString = (name: string): string | null => {
		const v = s[name];
		if (v === undefined || v === null) return null;
		if (typeof v !== 'string') throw new FaultSpecError(`${name} must be a string`);
		return v;
	};
	const stringMap = (name: string): Record<string, string> | null => {
		const v = s[name];
		if (v === undefined || v === null) return null;
		if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
			throw new FaultSpecError(`${name} must map names to strings`);
		}
		return v as Record<string, string>;
	};
	return {
		id: randomUUID(),
		kind,
		method: optionalString('method')?.toUpperCase() ?? null,
		path: optionalString('path'),
		query: stringMap('query'),
		times: count('times', 1),
		after: count('after', 0),
		status: typeof s.status === 'number' ? s.status : kind === 'statusAfterProcessing' ? 503 : null,
		body: s.body,
		headers: stringMap('headers'),
		delayMs: count('delayMs', 0),
		seen: 0,
		fired: 0,
	};
}

export class FaultQueue {
	private faults: Fault[] = [];

	add(specs: unknown[]): Fault[] {
		const added = specs.map(normalizeFault);
		this.faults.push(...added);
		return added;
	}

	list(): Fault[] {
		return [...this.faults];
	}

	clear(): void {
		this.faults = [];
	}

	/** The first active fault matching the request, counted as used; exhausted faults are removed. */
	take(req: SandboxRequest): Fault | undefined {
		for (const fault of this.faults) {
			if (!this.matches(fault, req)) continue;
			fault.seen++;
			if (fault.seen <= fault.after) continue;
			fault.fired++;
			if (fault.times > 0 && fault.fired >= fault.times) this.faults = this.faults.filter((f) => f !== fault);
			return fault;
		}
		return undefined;
	}

	private matches(fault: Fault, req: SandboxRequest): boolean {
		if (fault.method && fault.method !== req.method) return false;
		if (fault.path && !pathMatchesPattern(fault.path, req.path) && !pathMatchesPattern(fault.path, req.routePath)) {
			return false;
		}
		if (fault.query) {
			for (const [k, v] of Object.entries(fault.query)) if (req.query.get(k) !== v) return false;
		}
		return true;
	}
}

/** The path relative to the base path, for patterns written without it. */
export function stripBasePath(path: string, basePath: string): string | undefined {
	if (!basePath) return path;
	if (path === basePath) return '/';
	return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : undefined;
}
