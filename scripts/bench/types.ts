/** Shapes shared by the benchmark's runner, scenarios, floor client and report. */
import type { Sandbox } from '../../sandbox';
import type { VendorRoutes } from './measure';
import type { Workflow } from './workflows';

export type Vendor = 'tripletex' | 'procountor' | 'posti';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface BenchEnv {
	sandbox: Sandbox;
	quick: boolean;
	latencyMs: number;
	/** Concurrency option of the package's nodes in (a) and of the raw loop (c). */
	concurrency: number;
	/** A credential nobody has used yet (so its token request is this run's). */
	freshCredential(vendor: Vendor): CredentialRef;
}

/** The raw client loop (c), run in a child process (scripts/bench/floor.ts). */
export type FloorJob =
	| { kind: 'procountorInvoices'; baseUrl: string; orders: unknown[]; concurrency: number; limit: number; windowMs: number }
	| { kind: 'tripletexVouchers'; baseUrl: string; items: unknown[]; concurrency: number }
	| { kind: 'postiShipments'; baseUrl: string; items: unknown[]; concurrency: number; limit: number; windowMs: number }
	| { kind: 'tripletexPages'; baseUrl: string; dateFrom: string; dateToExclusive: string; pageSize: number };

export interface FloorResult {
	ok: boolean;
	wallMs: number;
	/** Peak RSS of the floor process (process.resourceUsage().maxRSS). */
	peakRss: number;
	/** Records created or fetched. */
	results: number;
	/** User + system CPU time of the floor process during the loop. */
	cpuMs: number;
	error?: string;
}

/** One measured run: (a), (b), (c), or an extra (a) (another size or concurrency). */
export interface RunSpec {
	variant: 'a' | 'b' | 'c';
	label: string;
	/** n8n runs: the workflow and the webhook body's items. */
	workflow?: Workflow;
	items?: unknown[];
	floor?: FloorJob;
	/** Results the run must produce (output items / records). */
	expected: number;
	/** Items handled (for items/s and bytes per item). */
	size: number;
	/** Extra (a) runs are reported but are not what a/c and b/a compare. */
	extra?: boolean;
}

export interface Scenario {
	key: string;
	title: string;
	vendor: Vendor;
	routes: VendorRoutes;
	basePath: string;
	/** Distinct reference records (accounts, VAT codes, products, settings) the items need. */
	distinctReferences: number;
	/** Sandbox state each run starts from (after the reset). */
	prepare?(env: BenchEnv): void;
	/** Records the run left in the sandbox that it was meant to create (write scenarios). */
	created?(env: BenchEnv): number;
	runs(env: BenchEnv): RunSpec[];
}

export interface RunResult {
	scenario: string;
	spec: Omit<RunSpec, 'workflow' | 'items' | 'floor'>;
	ok: boolean;
	problem?: string;
	wallMs: number;
	/** CPU time of the process that did the work (n8n's main process, or the floor's) during the run. */
	cpuMs?: number;
	peakRss?: number;
	/** Peak RSS minus n8n's RSS when it was idle, before the first run (n8n runs). */
	rssGrowth?: number;
	results?: number;
	created?: number;
	requests: import('./measure').JournalAnalysis;
}
