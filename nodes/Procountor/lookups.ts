import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { normalizeFinnishBusinessId } from '../shared/identifiers';
import type { LookupMatch } from '../shared/lookup';
import { activeOrFail, pickMatch, readAllPages, sameText, textOf } from '../shared/lookup';
import type { LookupCache } from '../shared/lookupCache';
import type { RequestContext } from '../shared/request';
import type { ProcountorPage } from './transport';
import { procountorRequest } from './transport';

export interface VatDefaults {
	/**
	 * The sales VAT percentages of the company's own VAT country (the country an invoice
	 * without `vatCountry` is taxed in; the node sends none). Empty when the company's
	 * country is not among the countries Procountor lists.
	 */
	percentages: number[];
	/** That country as Procountor names it, when known. */
	country?: string;
	/** Sales VAT percentages per country, for every country Procountor lists. */
	byCountry: Map<string, number[]>;
	statuses: Array<{ vatStatus: number; description?: string; sales?: boolean }>;
}

interface VatDefaultsBody {
	vatInformation?: Array<{ country?: string; percentages?: Array<{ vatPercent?: number; sales?: boolean }> }>;
	vatStatuses?: Array<{ vatStatus: number; description?: string; sales?: boolean; purchase?: boolean }>;
}

/**
 * `GET /vats/default`: the VAT rates per country and the statuses the API offers, read once
 * per execution. Rates are never pooled across countries: when several countries are listed,
 * `GET /company` tells which one is the company's.
 */
export async function getVatDefaults(this: RequestContext, cache?: LookupCache, itemIndex?: number): Promise<VatDefaults> {
	const load = async (): Promise<VatDefaults> => {
		const defaults = (await procountorRequest.call(this, 'GET', '/vats/default', { itemIndex })) as VatDefaultsBody;
		const byCountry = new Map<string, number[]>();
		for (const entry of defaults.vatInformation ?? []) {
			const rates = (entry.percentages ?? [])
				.filter((rate) => typeof rate.vatPercent === 'number' && rate.sales !== false)
				.map((rate) => rate.vatPercent as number);
			byCountry.set(textOf(entry.country), [...new Set([...(byCountry.get(textOf(entry.country)) ?? []), ...rates])].sort((a, b) => b - a));
		}
		let country = byCountry.size === 1 ? [...byCountry.keys()][0] : undefined;
		if (byCountry.size > 1) {
			const company = (await procountorRequest.call(this, 'GET', '/company', { itemIndex })) as IDataObject;
			country = [...byCountry.keys()].find((listed) => listed !== '' && listed.toUpperCase() === textOf(company.country).toUpperCase());
		}
		return {
			percentages: country === undefined ? [] : (byCountry.get(country) ?? []),
			country: country || undefined,
			byCountry,
			statuses: (defaults.vatStatuses ?? []).filter((status) => status.sales !== false),
		};
	};
	return cache ? await cache.get('vats:default', load) : await load();
}

/** Procountor's largest page (`size` maximum 200 in its API description). */
export const PROCOUNTOR_LOOKUP_PAGE_SIZE = 200;

/**
 * Every result of a Procountor search for these filters: `page` 0, 1, … with `size` 200
 * until a short page that `meta.totalCount` does not contradict, bounded by
 * `LOOKUP_MAX_PAGES`. Callers compare the values themselves.
 */
export async function readProcountorSearch(
	this: RequestContext,
	path: string,
	qs: IDataObject,
	headers: IDataObject | undefined,
	itemIndex: number | undefined,
	what: string,
): Promise<IDataObject[]> {
	return await readAllPages(
		async (pageIndex) => {
			const page = (await procountorRequest.call(this, 'GET', path, {
				qs: { ...qs, size: PROCOUNTOR_LOOKUP_PAGE_SIZE, page: pageIndex },
				headers,
				itemIndex,
			})) as ProcountorPage;
			const total = page.meta?.totalCount;
			return { values: page.results ?? [], total: typeof total === 'number' ? total : undefined };
		},
		{ node: this.getNode(), itemIndex, pageSize: PROCOUNTOR_LOOKUP_PAGE_SIZE, what },
	);
}

/** Exact match on the product code (trimmed, case-sensitive): Procountor's `code` filter matches substrings. */
export async function findProductByCode(
	this: RequestContext,
	code: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const products = await readProcountorSearch.call(this, '/products', { code }, undefined, itemIndex, `products with code "${code}"`);
	return products.find((product) => sameText(product.code, code));
}

/** A product code to the product, once per execution. */
export async function resolveProduct(
	this: IExecuteFunctions,
	cache: LookupCache,
	code: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	return await cache.get(`product:${code}`, async () => await findProductByCode.call(this, code, itemIndex));
}

/** Statuses of an invoice that no longer stands (the API description has no "credited" status). */
const UNDONE_INVOICE_STATUSES = new Set(['INVALIDATED', 'DELETED']);

/**
 * Every sales invoice whose originalInvoiceNumber equals the reference (trimmed,
 * case-sensitive; a result without one never matches), all pages read. An INVALIDATED (or
 * DELETED) invoice has the state `invalidated`; a standing invoice wins over it.
 */
export async function lookupInvoiceByOriginalNumber(
	this: IExecuteFunctions,
	originalInvoiceNumber: string,
	itemIndex: number,
): Promise<LookupMatch | undefined> {
	const invoices = await readProcountorSearch.call(
		this,
		'/invoices',
		{ types: 'SALES_INVOICE', originalInvoiceNumber },
		undefined,
		itemIndex,
		`sales invoices with original invoice number "${originalInvoiceNumber}"`,
	);
	return pickMatch(
		invoices
			.filter((invoice) => sameText(invoice.originalInvoiceNumber, originalInvoiceNumber))
			.map((invoice): LookupMatch =>
				UNDONE_INVOICE_STATUSES.has(textOf(invoice.status))
					? { record: invoice, state: 'invalidated', detail: textOf(invoice.status) }
					: { record: invoice, state: 'active' },
			),
	);
}

/**
 * The `find` of Invoice → Create: the full standing invoice with this reference, or
 * undefined. An invalidated one fails the item: invoicing again silently could bill what was
 * cancelled, and "already exists" would claim the invoice still stands.
 */
export async function findInvoiceByOriginalNumber(
	this: IExecuteFunctions,
	originalInvoiceNumber: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const match = await lookupInvoiceByOriginalNumber.call(this, originalInvoiceNumber, itemIndex);
	const standing = activeOrFail(this.getNode(), match, itemIndex, ({ record, detail }) => ({
		message: `Invoice ${textOf(record.invoiceNumber)} (id ${textOf(record.id)}) with original invoice number "${originalInvoiceNumber}" is ${detail ?? 'INVALIDATED'} in Procountor; nothing was created`,
		description:
			'An invalidated invoice is not created again under the same original invoice number, and it does not count as existing. To invoice this again, give it a new original invoice number (order number).',
	}));
	if (!standing) return undefined;
	return await procountorRequest.call(this, 'GET', `/invoices/${String(standing.id)}`, { itemIndex });
}

function partnerField(partner: IDataObject, field: 'customerNumber' | 'identifier'): string {
	const invoicingInfo = (partner.invoicingInfo ?? {}) as IDataObject;
	return String(invoicingInfo[field] ?? partner[field] ?? '').trim();
}

async function searchPartners(
	this: RequestContext,
	qs: IDataObject,
	headers: IDataObject | undefined,
	itemIndex: number | undefined,
	what: string,
): Promise<IDataObject[]> {
	return await readProcountorSearch.call(this, '/businesspartners', { type: 'CUSTOMER', ...qs }, headers, itemIndex, what);
}

export async function findPartnerByCustomerNumber(
	this: RequestContext,
	customerNumber: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const partners = await searchPartners.call(this, { customerNumber }, undefined, itemIndex, `customers with customer number "${customerNumber}"`);
	return partners.find((partner) => sameText(partnerField(partner, 'customerNumber'), customerNumber));
}

/**
 * Business IDs compared as written or, when both are valid Finnish Y-tunnus, normalised
 * (1234567-8); all pages read. Procountor takes the business ID as an HTTP header
 * named `identifier`, not as a query parameter.
 */
export async function findPartnerByBusinessId(
	this: RequestContext,
	businessId: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const wanted = businessId.trim();
	const normalized = normalizeFinnishBusinessId(wanted);
	const partners = await searchPartners.call(this, {}, { identifier: wanted }, itemIndex, `customers with business ID ${wanted}`);
	return partners.find((partner) => {
		const identifier = partnerField(partner, 'identifier');
		if (!identifier) return false;
		if (identifier === wanted) return true;
		return normalized !== undefined && normalizeFinnishBusinessId(identifier) === normalized;
	});
}

export async function getPartner(this: RequestContext, partnerId: number | string, itemIndex?: number): Promise<IDataObject> {
	return await procountorRequest.call(this, 'GET', `/businesspartners/${String(partnerId)}`, { itemIndex });
}

export async function getInvoice(this: RequestContext, invoiceId: number, itemIndex?: number): Promise<IDataObject> {
	return await procountorRequest.call(this, 'GET', `/invoices/${invoiceId}`, { itemIndex });
}
