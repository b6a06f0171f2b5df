import type { IDataObject } from 'n8n-workflow';

import type { RateLimit, RequestLimiter } from './rateLimiter';
import { createLimiter } from './rateLimiter';

/**
 * What this package wrote (or may have written), by vendor account and reference or
 * payload fingerprint.
 * - `written`: the vendor confirmed the write; `record` is what it answered.
 * - `uncertain`: the request went out and its outcome is unknown (timeout, lost answer,
 *   5xx) and no lookup found the record afterwards.
 */
export interface LedgerEntry {
	state: 'written' | 'uncertain';
	record?: IDataObject;
	/** Epoch ms of the write (or of the uncertain attempt). */
	at: number;
	/** The n8n execution that made an uncertain attempt: its Retry On Fail must not resend. */
	executionId?: string;
}

export interface Ledger {
	get(key: string): Promise<LedgerEntry | undefined>;
	set(key: string, entry: LedgerEntry): Promise<void>;
	delete(key: string): Promise<void>;
}

/** What a lock holder can ask of its lock. */
export interface LockFence {
	/** Grows with every lock taken: a later holder has a larger token. */
	readonly token: number;
	/** Fails if the lock is no longer the caller's (it expired); else keeps it for another TTL. Call right before a write. */
	check(): Promise<void>;
}

/**
 * The state that keeps writes exactly once and rate budgets honest across executions.
 * Operations use only this interface, so a shared backend (Redis, for n8n's queue mode)
 * can replace the in-process one without touching them.
 */
export interface Coordination {
	/** Which backend: shown in docs and messages. */
	readonly name: string;
	/** Runs `task` while holding the lock on `key`; other holders of the same key wait their turn. */
	withLock<T>(key: string, task: (fence: LockFence) => Promise<T>): Promise<T>;
	/** The request budget of one vendor scope (e.g. one Procountor API client), shared by all its users. */
	limiter(scope: string, rate: RateLimit): RequestLimiter;
	readonly ledger: Ledger;
}

/** How long the ledger remembers a write, and how many writes at most (oldest go first). */
export const LEDGER_TTL_MS = 24 * 60 * 60 * 1000;
export const LEDGER_MAX_ENTRIES = 10_000;

/** Bounded, expiring map in insertion order (a Map iterates oldest first). */
export class InProcessLedger implements Ledger {
	private readonly entries = new Map<string, LedgerEntry>();

	constructor(
		private readonly ttlMs = LEDGER_TTL_MS,
		private readonly maxEntries = LEDGER_MAX_ENTRIES,
		private readonly now: () => number = Date.now,
	) {}

	async get(key: string): Promise<LedgerEntry | undefined> {
		const entry = this.entries.get(key);
		if (entry && this.now() - entry.at >= this.ttlMs) {
			this.entries.delete(key);
			return undefined;
		}
		return entry;
	}

	async set(key: string, entry: LedgerEntry): Promise<void> {
		this.entries.delete(key);
		this.entries.set(key, entry);
		this.evict();
	}

	async delete(key: string): Promise<void> {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}

	private evict(): void {
		const horizon = this.now() - this.ttlMs;
		for (const [key, entry] of this.entries) {
			if (this.entries.size <= this.maxEntries && entry.at > horizon) break;
			this.entries.delete(key);
		}
	}
}

/** A lock of one process cannot expire under its holder. */
const IN_PROCESS_FENCE: LockFence = { token: 0, check: async () => {} };

/** Locks, limiters and the ledger of one n8n process (main, or each queue-mode worker on its own). */
export class InProcessCoordination implements Coordination {
	readonly name = 'in-process';
	readonly ledger: InProcessLedger;
	private readonly locks = new Map<string, Promise<void>>();

	constructor(
		ledger = new InProcessLedger(),
		/** Rate budgets by scope; pass another backend's to keep them (tests that start a fresh ledger). */
		readonly limiters = new Map<string, RequestLimiter>(),
	) {
		this.ledger = ledger;
	}

	async withLock<T>(key: string, task: (fence: LockFence) => Promise<T>): Promise<T> {
		const before = this.locks.get(key) ?? Promise.resolve();
		let release!: () => void;
		const mine = new Promise<void>((resolve) => (release = resolve));
		const tail = before.then(() => mine);
		this.locks.set(key, tail);
		await before;
		try {
			return await task(IN_PROCESS_FENCE);
		} finally {
			release();
			if (this.locks.get(key) === tail) this.locks.delete(key);
		}
	}

	limiter(scope: string, rate: RateLimit): RequestLimiter {
		const key = `${scope}|${rate.limit}/${rate.windowMs}`;
		let limiter = this.limiters.get(key);
		if (!limiter) {
			limiter = createLimiter(rate);
			this.limiters.set(key, limiter);
		}
		return limiter;
	}
}

let current: Coordination = new InProcessCoordination();

export function coordination(): Coordination {
	return current;
}

/** Swaps the backend (tests; a shared backend for queue mode). Returns the previous one. */
export function useCoordination(backend: Coordination): Coordination {
	const previous = current;
	current = backend;
	return previous;
}
