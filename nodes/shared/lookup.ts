import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Lookups by an external reference decide whether a create is sent, so they are exact and
 * complete:
 * - every candidate the vendor returns is compared with the wanted value here (the
 *   vendor's filter only narrows the list; a row without the value never matches);
 * - every page is read, up to a safety maximum that fails loudly instead of cutting;
 * - a record that was undone (reversed, credited, invalidated) is returned with its state,
 *   so the caller reports it instead of calling it "already exists".
 *
 * Normalisation: references, order numbers, product codes and customer numbers are
 * compared trimmed and case-sensitive (`sameText`); emails trimmed and case-insensitive
 * (`sameEmail`); organisation numbers and business IDs by their own normalisers.
 */

/** `active`: the record stands. The others: the record exists but was undone in the books. */
export type LookupState = 'active' | 'reversed' | 'credited' | 'invalidated';

export interface LookupMatch<T = IDataObject> {
	record: T;
	state: LookupState;
	/** For an undone record: what undid it, in words ("reversed by voucher 18-2026 dated 2026-07-20"). */
	detail?: string;
}

/** At most this many pages per lookup; more means the filter did not narrow anything. */
export const LOOKUP_MAX_PAGES = 50;

export function textOf(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Trimmed, case-sensitive equality; an empty value never matches. */
export function sameText(found: unknown, wanted: string): boolean {
	const expected = wanted.trim();
	return expected !== '' && textOf(found) === expected;
}

/** Trimmed, case-insensitive equality for email addresses; an empty value never matches. */
export function sameEmail(found: unknown, wanted: string): boolean {
	const expected = wanted.trim().toLowerCase();
	return expected !== '' && textOf(found).toLowerCase() === expected;
}

/** The first active match, else the first undone one: an active record always wins. */
export function pickMatch<T>(matches: Array<LookupMatch<T>>): LookupMatch<T> | undefined {
	return matches.find((match) => match.state === 'active') ?? matches[0];
}

export interface PageResult<T> {
	values: T[];
	/** The vendor's total, when it gives one (Tripletex `fullResultSize`, Procountor `meta.totalCount`). */
	total?: number;
}

export interface ReadAllOptions {
	node: INode;
	itemIndex?: number;
	/** Records per page asked for. */
	pageSize: number;
	/** What is being looked up, for the error: 'vouchers with External Voucher Number "X"'. */
	what: string;
	maxPages?: number;
}

/**
 * Reads pages until one is short and the vendor's total (if any) says nothing is left;
 * `fetchPage` gets the page index and the number of records read so far (the next offset).
 */
export async function readAllPages<T>(
	fetchPage: (pageIndex: number, offset: number) => Promise<PageResult<T>>,
	options: ReadAllOptions,
): Promise<T[]> {
	const maxPages = options.maxPages ?? LOOKUP_MAX_PAGES;
	const collected: T[] = [];
	for (let pageIndex = 0; ; pageIndex++) {
		if (pageIndex >= maxPages) {
			throw new NodeOperationError(
				options.node,
				`Looking up ${options.what} read ${maxPages} pages (${collected.length} records) without reaching the end`,
				{
					itemIndex: options.itemIndex,
					description:
						'The lookup stops here instead of deciding on a partial list, so nothing was written. Narrow the search (e.g. a customer or date per order) or contact the maintainers with this message.',
				},
			);
		}
		const page = await fetchPage(pageIndex, collected.length);
		collected.push(...page.values);
		if (page.values.length === 0) break;
		const more = page.values.length >= options.pageSize || (page.total !== undefined && collected.length < page.total);
		if (!more) break;
	}
	return collected;
}

/**
 * In a `find` callback: an active match is the existing record; an undone one fails the
 * item, so it neither creates a second record silently nor claims the first one stands.
 */
export function activeOrFail<T>(
	node: INode,
	match: LookupMatch<T> | undefined,
	itemIndex: number,
	message: (match: LookupMatch<T>) => { message: string; description: string },
): T | undefined {
	if (!match) return undefined;
	if (match.state === 'active') return match.record;
	const text = message(match);
	throw new NodeOperationError(node, text.message, { itemIndex, description: text.description });
}
