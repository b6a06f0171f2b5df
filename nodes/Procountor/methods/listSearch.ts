import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ProcountorPage } from '../transport';
import { procountorRequest } from '../transport';

const PAGE = 50;

/** Customers by name; Procountor takes the name filter as an HTTP header. */
export async function searchBusinessPartners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 0);
	const name = filter?.trim();
	const body = (await procountorRequest.call(this, 'GET', '/businesspartners', {
		qs: { type: 'CUSTOMER', page, size: PAGE },
		headers: name ? { name } : undefined,
	})) as ProcountorPage;
	const results = body.results ?? [];
	return {
		results: results.map((partner) => {
			const invoicingInfo = (partner.invoicingInfo ?? {}) as { customerNumber?: string; identifier?: string };
			const key = invoicingInfo.customerNumber ?? invoicingInfo.identifier;
			return { name: `${String(partner.name)}${key ? ` (${String(key)})` : ''}`, value: String(partner.id) };
		}),
		paginationToken: results.length === PAGE ? String(page + 1) : undefined,
	};
}

/** Products by name; the token is the last id seen (Procountor pages products by previousId). */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const name = filter?.trim();
	const body = (await procountorRequest.call(this, 'GET', '/products', {
		qs: { name: name || undefined, size: PAGE, previousId: paginationToken || undefined },
	})) as ProcountorPage;
	const results = body.results ?? [];
	return {
		results: results.map((product) => ({
			name: `${String(product.name)}${product.code ? ` (${String(product.code)})` : ''}`,
			value: String(product.id),
		})),
		paginationToken: results.length === PAGE ? String(results[results.length - 1].id) : undefined,
	};
}
