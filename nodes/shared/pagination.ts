import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

export interface PageRequest {
	/** Zero-based index of the first record (Tripletex `from`). */
	offset: number;
	/** Zero-based page number (Procountor `page`). */
	pageIndex: number;
	size: number;
}

export interface PaginationOptions {
	returnAll: boolean;
	limit: number;
	pageSize: number;
}

/**
 * Return All / Limit over offset- or page-based lists. The page size is fixed for the
 * whole walk (so offset and page number agree), each page is fetched once, and a short
 * page ends it. With a small limit, the page size shrinks to the limit.
 */
export async function fetchPages<T>(
	fetchPage: (page: PageRequest) => Promise<T[]>,
	options: PaginationOptions,
): Promise<T[]> {
	const wanted = options.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(options.limit));
	const size = Math.max(1, Math.min(options.pageSize, wanted));
	const collected: T[] = [];
	for (let pageIndex = 0; collected.length < wanted; pageIndex++) {
		const values = await fetchPage({ offset: pageIndex * size, pageIndex, size });
		for (const value of values) collected.push(value);
		if (values.length < size) break;
	}
	return collected.length > wanted ? collected.slice(0, wanted) : collected;
}

/** The Return All / Limit parameters every Get Many operation has. */
export function readPagination(this: IExecuteFunctions, itemIndex: number, pageSize: number): PaginationOptions {
	return {
		returnAll: this.getNodeParameter('returnAll', itemIndex, false) as boolean,
		limit: this.getNodeParameter('limit', itemIndex, 50) as number,
		pageSize,
	};
}

/**
 * Filter parameters to query parameters, renamed where the API's name differs. Empty
 * values are left out, and so is 0, which n8n number fields hold when nobody set them.
 */
export function filtersToQuery(filters: IDataObject, queryNames: Record<string, string>): IDataObject {
	const query: IDataObject = {};
	for (const [filter, queryName] of Object.entries(queryNames)) {
		const value = filters[filter];
		if (value === undefined || value === null || value === '' || value === 0) continue;
		query[queryName] = typeof value === 'string' ? value.trim() : value;
	}
	return query;
}
