/**
 * Expected sandbox state per template: test/e2e/expectations/<template>.expect.json.
 * Adding a template = templates/<name>.json + expectations/<name>.expect.json.
 *
 * The state is the emulator's records (GET /__sandbox/state), per company and table.
 *
 * {
 *   "template": "<name>",                 // templates/<name>.json
 *   "service": "tripletex",               // which emulator's state is checked
 *   "company": 108000,
 *   "afterRun": {
 *     "added": { "Invoice": 1, ... },     // exact per-table growth; unlisted tables must not change
 *     "records": [{ "table", "where", "count", "expect", "postings", "balanced", "invoiceTotals" }],
 *     "output": { "node": "Invoice with payment", "items": 1, "expect": { ... }, "each": [{ ... }] }
 *   },
 *   "afterSecondRun": { "added": {}, "output": { ... } },   // relative to the first run
 *   "faults": [{ "name", "inject": FaultSpec[], "outcome": "succeeds" | "failsThenRerunSucceeds" | "failsThenRerunRefuses",
 *                "failureMessage"?, "rerunFailureMessage"?, "failedNode"?, "output"?, "afterFault"? }],
 *   "sharedState": ["activations"],       // optional: emulator-wide state sections compared as tables too
 *   "alsoServices": [{ "service": "posti", "afterRun": {...}, "afterSecondRun": {...} }]
 *                                         // optional: more emulators the template writes to, checked alike
 * }
 *
 * A value `{ "$match": "<regex>" }` in `where`/`expect` matches a string by regular expression
 * (for generated values such as API keys).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { FaultSpec } from '../../sandbox';

export type Row = Record<string, unknown>;
export type CompanyState = Record<string, Row[]>;

export interface RecordCheck {
	table: string;
	/** Subset match selecting the records (dotted paths allowed, e.g. "customer.id"). */
	where?: Row;
	count: number;
	/** Subset match every selected record must satisfy. */
	expect?: Row;
	/** Voucher only: these postings (subset match, account by number) exist on each selected voucher. */
	postings?: Array<Row & { accountNumber?: number }>;
	/** Voucher only: the postings of each selected voucher sum to exactly 0.00. */
	balanced?: boolean;
	/**
	 * Procountor invoices only: the totals of each selected invoice, in cents, computed here from
	 * its `invoiceRows` (quantity × unit price − discounts, rounded once per row; gross prices when
	 * `extraInfo.unitPricesIncludeVat`), as the invoice shows them.
	 */
	invoiceTotals?: { net: number; vat: number; gross: number };
}

export interface OutputCheck {
	node: string;
	items: number;
	/** Subset match every item must satisfy. */
	expect?: Row;
	/** Subset match per item, in output order (item i must match each[i]). */
	each?: Row[];
}

export interface RunExpectation {
	added: Record<string, number>;
	records?: RecordCheck[];
	output?: OutputCheck;
}

/** A regular expression a string must match: `{ "$match": "may or may not" }`. */
export interface TextMatch {
	$match: string;
}

/**
 * How a fault scenario must end (see test/e2e/README.md):
 * - `succeeds`: the run succeeds despite the fault (retried, or the record found by the lookup).
 * - `failsThenRerunSucceeds`: the run fails with `failureMessage` and duplicates nothing; once
 *   nothing is held by the emulator any more (a `commitLate` write has landed), a re-run
 *   succeeds and the records are `afterRun`'s.
 * - `failsThenRerunRefuses`: in one n8n process (`n8n start`, the template's store webhook
 *   delivered twice): the run fails with `failureMessage`, the re-run with
 *   `rerunFailureMessage` (the write is not sent again); the records are `afterFault`'s.
 */
export type FaultOutcome = 'succeeds' | 'failsThenRerunSucceeds' | 'failsThenRerunRefuses';

export interface FaultScenario {
	name: string;
	/** The emulator the faults go to; the expectation's own service when absent. */
	service?: string;
	inject: FaultSpec[];
	outcome: FaultOutcome;
	/**
	 * The failing run's error (its message and description) must match; default
	 * `{ "$match": "may or may not" }`. Only for the outcomes that fail.
	 */
	failureMessage?: TextMatch;
	/** `failsThenRerunRefuses`: the re-run's error must match (required). */
	rerunFailureMessage?: TextMatch;
	/** The node the failing run(s) failed in (the item is accounted for there). */
	failedNode?: string;
	/**
	 * The output of the run that succeeds (the re-run for `failsThenRerunSucceeds`), instead of
	 * the `afterRun` output checks of every service; `[]` checks none.
	 */
	output?: OutputCheck[];
	/**
	 * `failsThenRerunRefuses` (required): the records per service (by service name) after both
	 * runs, relative to a clean sandbox, instead of `afterRun`.
	 */
	afterFault?: Record<string, RunExpectation>;
}

/** The default for `failureMessage`: writeOnce's words for a write whose outcome is unknown. */
export const UNCERTAIN_WRITE_MESSAGE: TextMatch = { $match: 'may or may not' };

/** Problems when `text` does not match `want` (the text is shown, it carries no secret: an n8n error message). */
export function checkText(label: string, text: string | undefined, want: TextMatch): string[] {
	if (text !== undefined && new RegExp(want.$match).test(text)) return [];
	return [`${label}: expected a message matching /${want.$match}/, got ${text === undefined ? 'none' : JSON.stringify(text.slice(0, 600))}`];
}

/** One emulator's records before and after the template's runs. */
export interface ServiceExpectation {
	/** The emulator whose state is compared (EmulatorHandle.name). */
	service: string;
	/** The company whose tables are compared; without one, the state's top-level arrays are the tables. */
	company?: number;
	afterRun: RunExpectation;
	afterSecondRun: RunExpectation;
	/**
	 * Sections of the emulator's state outside the company (e.g. Procountor's `activations`), whose
	 * arrays are compared as tables named `<section>.<key>` (string entries become `{ value }` rows).
	 */
	sharedState?: string[];
}

export interface Expectation extends ServiceExpectation {
	template: string;
	faults?: FaultScenario[];
	/** Further emulators the template writes to (e.g. Posti after Procountor). */
	alsoServices?: ServiceExpectation[];
}

/** The expectation's own service first, then the others. */
export function serviceExpectations(expectation: Expectation): ServiceExpectation[] {
	return [expectation, ...(expectation.alsoServices ?? [])];
}

export const EXPECTATIONS_DIR = join(__dirname, 'expectations');

export function loadExpectations(): Expectation[] {
	return readdirSync(EXPECTATIONS_DIR)
		.filter((file) => file.endsWith('.expect.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(EXPECTATIONS_DIR, file), 'utf8')) as Expectation);
}

function get(record: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Row)[key] : undefined), record);
}

/** Differences between `record` and the subset `expected` (empty = match). */
export function mismatches(record: unknown, expected: Row, prefix = ''): string[] {
	const problems: string[] = [];
	for (const [path, want] of Object.entries(expected)) {
		const have = get(record, path);
		const pattern = want && typeof want === 'object' && !Array.isArray(want) ? (want as Row).$match : undefined;
		if (typeof pattern === 'string') {
			if (typeof have !== 'string' || !new RegExp(pattern).test(have)) {
				problems.push(`${prefix}${path}: expected a string matching /${pattern}/, got ${typeof have === 'string' ? 'a string that does not match (not shown)' : have === undefined ? 'undefined' : typeof have}`);
			}
		} else if (want && typeof want === 'object' && !Array.isArray(want)) {
			problems.push(...mismatches(have, want as Row, `${prefix}${path}.`));
		} else if (JSON.stringify(have) !== JSON.stringify(want)) {
			problems.push(`${prefix}${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(have)}`);
		}
	}
	return problems;
}

/**
 * The company's tables plus the named emulator-wide sections (see ServiceExpectation.sharedState).
 * Without a company (an emulator with no companies, such as Posti's), its top-level arrays.
 */
export function stateTables(state: { companies?: Record<string, CompanyState> } & Row, company: number | undefined, sharedState: string[] = []): CompanyState {
	const tables: CompanyState =
		company === undefined
			? Object.fromEntries(Object.entries(state).filter((entry): entry is [string, Row[]] => Array.isArray(entry[1])))
			: { ...(state.companies?.[String(company)] ?? {}) };
	for (const section of sharedState) {
		const value = state[section];
		if (!value || typeof value !== 'object') continue;
		for (const [key, rows] of Object.entries(value as Row)) {
			if (!Array.isArray(rows)) continue;
			tables[`${section}.${key}`] = rows.map((row): Row => (row && typeof row === 'object' ? (row as Row) : { value: row }));
		}
	}
	return tables;
}

export function tableCounts(state: CompanyState): Record<string, number> {
	return Object.fromEntries(Object.entries(state).map(([table, rows]) => [table, Array.isArray(rows) ? rows.length : 0]));
}

/**
 * Checks no table grew by more than `atMost` allows (unlisted tables: 0): after a failed run,
 * part of the records may be there, none twice.
 */
export function checkNoMoreThan(before: CompanyState, after: CompanyState, atMost: Record<string, number>): string[] {
	const a = tableCounts(before);
	const b = tableCounts(after);
	const problems: string[] = [];
	for (const table of new Set([...Object.keys(a), ...Object.keys(b)])) {
		const growth = (b[table] ?? 0) - (a[table] ?? 0);
		const most = atMost[table] ?? 0;
		if (growth > most || growth < 0) problems.push(`${table}: expected at most ${most} new, got ${growth}`);
	}
	return problems;
}

/** Checks growth from `before` to `after` is exactly `added` (unlisted tables: 0). */
export function checkAdded(before: CompanyState, after: CompanyState, added: Record<string, number>): string[] {
	const a = tableCounts(before);
	const b = tableCounts(after);
	const problems: string[] = [];
	for (const table of new Set([...Object.keys(a), ...Object.keys(b), ...Object.keys(added)])) {
		const growth = (b[table] ?? 0) - (a[table] ?? 0);
		const want = added[table] ?? 0;
		if (growth !== want) problems.push(`${table}: expected ${want} new, got ${growth}`);
	}
	return problems;
}

/** Net, VAT and gross of a Procountor invoice in cents, rounded once per row. */
export function invoiceTotalsCents(invoice: Row): { net: number; vat: number; gross: number } {
	const rows = Array.isArray(invoice.invoiceRows) ? (invoice.invoiceRows as Row[]) : [];
	const includeVat = get(invoice, 'extraInfo.unitPricesIncludeVat') === true;
	const headerDiscount = Number(invoice.discountPercent ?? 0);
	let net = 0;
	let vat = 0;
	for (const row of rows) {
		const cents = Math.round(
			Number(row.quantity) * Number(row.unitPrice) * 100 * (1 - Number(row.discountPercent ?? 0) / 100) * (1 - headerDiscount / 100),
		);
		const rate = Number(row.vatPercent) / 100;
		const rowNet = includeVat ? Math.round(cents / (1 + rate)) : cents;
		const rowVat = includeVat ? cents - rowNet : Math.round(cents * rate);
		net += rowNet;
		vat += rowVat;
	}
	return { net, vat, gross: net + vat };
}

export function checkRecords(state: CompanyState, checks: RecordCheck[] = []): string[] {
	const problems: string[] = [];
	const accountNumber = new Map((state.Account ?? []).map((account) => [account.id as number, account.number as number]));
	for (const check of checks) {
		const label = `${check.table}${check.where ? ` where ${JSON.stringify(check.where)}` : ''}`;
		const selected = (state[check.table] ?? []).filter((row) => !check.where || mismatches(row, check.where).length === 0);
		if (selected.length !== check.count) {
			problems.push(`${label}: expected ${check.count} record(s), found ${selected.length}`);
			continue;
		}
		for (const row of selected) {
			if (check.expect) problems.push(...mismatches(row, check.expect).map((p) => `${label}: ${p}`));
			if (check.invoiceTotals) {
				problems.push(...mismatches(invoiceTotalsCents(row), check.invoiceTotals, 'totals in cents: ').map((p) => `${label}: ${p}`));
			}
			if (check.postings || check.balanced) {
				const postings = (state.Posting ?? [])
					.filter((posting) => get(posting, 'voucher.id') === row.id)
					.map((posting): Row => ({ ...posting, accountNumber: accountNumber.get(get(posting, 'account.id') as number) }));
				if (check.balanced) {
					const sumOre = postings.reduce((sum, posting) => sum + Math.round(Number(posting.amount) * 100), 0);
					if (sumOre !== 0) problems.push(`${label}: postings sum to ${sumOre / 100}, not 0`);
				}
				for (const want of check.postings ?? []) {
					if (!postings.some((posting) => mismatches(posting, want).length === 0)) {
						problems.push(`${label}: no posting matching ${JSON.stringify(want)}`);
					}
				}
			}
		}
	}
	return problems;
}

export function checkOutput(output: Record<string, unknown[]> | undefined, check?: OutputCheck): string[] {
	if (!check) return [];
	const items = output?.[check.node];
	if (!items) return [`node "${check.node}" did not run`];
	const problems: string[] = [];
	if (items.length !== check.items) problems.push(`node "${check.node}": expected ${check.items} item(s), got ${items.length}`);
	if (check.expect) {
		for (const item of items) problems.push(...mismatches(item, check.expect).map((p) => `node "${check.node}": ${p}`));
	}
	(check.each ?? []).forEach((want, index) => {
		problems.push(...mismatches(items[index], want).map((p) => `node "${check.node}" item ${index}: ${p}`));
	});
	return problems;
}
