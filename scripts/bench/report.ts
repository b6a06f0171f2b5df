/** The benchmark's table and target checks. */
import type { JournalEntry } from '../../sandbox';
import type { RunResult } from './types';

export interface TargetCheck {
	scenario: string;
	target: string;
	measured: string;
	pass: boolean;
	/** Informational lines (what (b) does to the limit) are printed but never fail the run. */
	info?: boolean;
	/**
	 * The target is out of the node's reach and the measurement shows what bounds it (e.g.
	 * n8n's own CPU): reported as "limited by …", not failed. Set only with the evidence.
	 */
	limitedBy?: string;
}

const MB = 1024 * 1024;
const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits));

export function wallSeconds(run: RunResult): string {
	return fmt(run.wallMs / 1000, 2);
}

/** Reference lookups per entity (account number, VAT code, product code, or the path itself). */
export function referenceEntityCounts(entries: JournalEntry[], basePath: string, pattern: RegExp): Map<string, number> {
	const counts = new Map<string, number>();
	for (const entry of entries) {
		if (entry.method !== 'GET') continue;
		const path = entry.path.startsWith(basePath) ? entry.path.slice(basePath.length) : entry.path;
		if (!pattern.test(path)) continue;
		const raw = entry.query.number ?? entry.query.code ?? entry.query.productNumber;
		const values = raw === undefined ? [''] : (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(','));
		for (const value of values) {
			// The journal redacts some parameters (Procountor's `code`): such lookups cannot be told
			// apart, so they count as distinct here and the total is checked against the scenario's.
			const key = value === 'REDACTED' ? `${path}:#${entry.seq}` : `${path}:${value}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	return counts;
}

export function markdownTable(runs: RunResult[], ratios: Map<RunResult, { ac?: number; ba?: number }>): string {
	const header =
		'| Scenario | Run | Wall (s) | CPU (s) | Items/s | Token | Lookup (dup. check + reference + page) | Write | Refused | Busiest second | Peak RSS (MB) | a/c | b/a |\n' +
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
	const rows = runs.map((run) => {
		const r = run.requests;
		const ratio = ratios.get(run) ?? {};
		const lookup = `${r.lookup} (${r.duplicateChecks} + ${r.referenceLookups} + ${r.pages})`;
		const wall = run.ok ? wallSeconds(run) : `${wallSeconds(run)} ✗`;
		const itemsPerSecond = run.ok ? fmt(run.spec.size / (run.wallMs / 1000), 0) : 'n/a';
		return `| ${run.scenario} | (${run.spec.variant}) ${run.spec.label} | ${wall} | ${fmt(run.cpuMs === undefined ? undefined : run.cpuMs / 1000, 2)} | ${itemsPerSecond} | ${r.token} | ${lookup} | ${r.write} | ${r.rateLimited} | ${r.busiestSecond} | ${fmt(run.peakRss === undefined ? undefined : run.peakRss / MB, 0)} | ${fmt(ratio.ac, 2)} | ${fmt(ratio.ba, 2)} |`;
	});
	return [header, ...rows].join('\n');
}

export function targetsTable(checks: TargetCheck[]): string {
	const header = '| Scenario | Target | Measured | Result |\n| --- | --- | --- | --- |';
	return [header, ...checks.map((c) => `| ${c.scenario} | ${c.target} | ${c.measured} | ${c.info ? 'info' : c.limitedBy ? `limited by ${c.limitedBy}` : c.pass ? 'pass' : '**MISSED**'} |`)].join('\n');
}
