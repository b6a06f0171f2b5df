/**
 * What the benchmark measures besides wall time: requests by kind and the busiest second,
 * from the sandbox journal; peak RSS of a process, from /proc.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { JournalEntry } from '../../sandbox';

/** token: token or session request; lookup: any read; write: anything that changes records. */
export type RequestKind = 'token' | 'lookup' | 'write';

export interface RequestCounts {
	total: number;
	token: number;
	lookup: number;
	write: number;
	/** Of the lookups: reads by the caller's reference before a create (duplicate protection). */
	duplicateChecks: number;
	/** Of the lookups: reference data (accounts, VAT codes, products, bank accounts, VAT settings). */
	referenceLookups: number;
	/** Distinct reference-data lookups (method + path + query). */
	distinctReferenceLookups: number;
	/** Of the lookups: list pages (Get Many). */
	pages: number;
	/** Pages requested more than once (same path and paging parameters). */
	repeatedPages: number;
	/** Requests the vendor refused for its rate limit (over the limit, or while suspended). */
	rateLimited: number;
	/** Answers with status >= 400 (rate-limit refusals included). */
	failed: number;
}

export interface JournalAnalysis extends RequestCounts {
	/** Most requests that arrived within any 1000 ms. */
	busiestSecond: number;
	/** Requests per second from the first to the last arrival. */
	averageRate: number;
	firstAt?: number;
	lastAt?: number;
}

/** How one vendor's routes map to kinds; paths are without the base path. */
export interface VendorRoutes {
	token: RegExp;
	duplicateCheck: RegExp;
	referenceLookup: RegExp;
	page: RegExp;
}

export const TRIPLETEX_ROUTES: VendorRoutes = {
	token: /^\/token\/session\/:create$/,
	duplicateCheck: /^\/ledger\/voucher\/>externalVoucherNumber$/,
	referenceLookup: /^\/(ledger\/account|ledger\/vatType|product|country)$/,
	page: /^\/ledger\/voucher$/,
};

export const PROCOUNTOR_ROUTES: VendorRoutes = {
	token: /^\/oauth\/token$/,
	duplicateCheck: /^\/invoices$/,
	referenceLookup: /^\/(products|vats\/default|bankaccounts|businesspartners)$/,
	page: /^\/__none__$/,
};

function withoutBase(path: string, basePath: string): string {
	return basePath && path.startsWith(basePath) ? path.slice(basePath.length) || '/' : path;
}

export function kindOf(entry: Pick<JournalEntry, 'method' | 'path'>, routes: VendorRoutes, basePath: string): RequestKind {
	const path = withoutBase(entry.path, basePath);
	if (routes.token.test(path)) return 'token';
	return entry.method === 'GET' || entry.method === 'HEAD' ? 'lookup' : 'write';
}

/** Most entries within any window of `windowMs` (arrival times). */
export function busiestWindow(times: number[], windowMs = 1000): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}

export function analyzeJournal(entries: JournalEntry[], routes: VendorRoutes, basePath: string): JournalAnalysis {
	const counts: RequestCounts = {
		total: entries.length,
		token: 0,
		lookup: 0,
		write: 0,
		duplicateChecks: 0,
		referenceLookups: 0,
		distinctReferenceLookups: 0,
		pages: 0,
		repeatedPages: 0,
		rateLimited: 0,
		failed: 0,
	};
	const reference = new Set<string>();
	const pages = new Map<string, number>();
	for (const entry of entries) {
		const kind = kindOf(entry, routes, basePath);
		counts[kind]++;
		if (entry.rateLimited) counts.rateLimited++;
		if (entry.status === null || entry.status >= 400) counts.failed++;
		if (kind !== 'lookup') continue;
		const path = withoutBase(entry.path, basePath);
		const query = new URLSearchParams(
			Object.entries(entry.query).flatMap(([key, value]): Array<[string, string]> =>
				Array.isArray(value) ? value.map((v): [string, string] => [key, v]) : [[key, value]],
			),
		);
		query.sort();
		if (routes.duplicateCheck.test(path)) counts.duplicateChecks++;
		else if (routes.referenceLookup.test(path)) {
			counts.referenceLookups++;
			reference.add(`${path}?${query.toString()}`);
		} else if (routes.page.test(path)) {
			counts.pages++;
			const key = `${path}?${query.toString()}`;
			pages.set(key, (pages.get(key) ?? 0) + 1);
		}
	}
	counts.distinctReferenceLookups = reference.size;
	counts.repeatedPages = [...pages.values()].filter((n) => n > 1).length;
	const times = entries.map((entry) => entry.time);
	const firstAt = times.length ? Math.min(...times) : undefined;
	const lastAt = times.length ? Math.max(...times) : undefined;
	const span = firstAt !== undefined && lastAt !== undefined ? lastAt - firstAt : 0;
	return {
		...counts,
		busiestSecond: busiestWindow(times),
		averageRate: span > 0 ? ((entries.length - 1) * 1000) / span : 0,
		firstAt,
		lastAt,
	};
}

// --- memory --------------------------------------------------------------------------------------

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
	try {
		const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

export function rssOf(pid: number): number | undefined {
	return statusField(pid, 'VmRSS');
}

/**
 * Peak RSS of a running process over an interval: its high-water mark is reset at start
 * (`echo 5 > /proc/PID/clear_refs`, Linux), and VmRSS is sampled every `everyMs` in case
 * the reset is not allowed. Peak = max(VmHWM at stop, largest sample).
 */
export class PeakRss {
	private timer?: NodeJS.Timeout;
	private sampled = 0;
	readonly resetWorked: boolean;
	readonly atStart: number;

	constructor(
		private readonly pid: number,
		everyMs = 50,
	) {
		let reset = false;
		try {
			writeFileSync(`/proc/${pid}/clear_refs`, '5');
			reset = true;
		} catch {
			reset = false;
		}
		this.resetWorked = reset;
		this.atStart = rssOf(pid) ?? 0;
		this.sampled = this.atStart;
		this.timer = setInterval(() => {
			this.sampled = Math.max(this.sampled, rssOf(pid) ?? 0);
		}, everyMs);
		this.timer.unref();
	}

	stop(): number {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		this.sampled = Math.max(this.sampled, rssOf(this.pid) ?? 0);
		const hwm = this.resetWorked ? (statusField(this.pid, 'VmHWM') ?? 0) : 0;
		return Math.max(hwm, this.sampled);
	}
}

// --- CPU --------------------------------------------------------------------------------------

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time of a process so far, in ms (from /proc/<pid>/stat). */
export function cpuMsOf(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may contain spaces) start after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		return undefined;
	}
}
