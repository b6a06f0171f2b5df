import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { normalizeFinnishBusinessId } from '../shared/identifiers';
import type { LookupCache } from '../shared/lookupCache';
import type { RequestContext } from '../shared/request';
import type { ProcountorPage } from './transport';
import { procountorRequest } from './transport';

export interface VatDefaults {
	/** Sales VAT percentages the company can use. */
	percentages: number[];
	statuses: Array<{ vatStatus: number; description?: string; sales?: boolean }>;
}

interface VatDefaultsBody {
	vatInformation?: Array<{ country?: string; percentages?: Array<{ vatPercent?: number; sales?: boolean }> }>;
	vatStatuses?: Array<{ vatStatus: number; description?: string; sales?: boolean; purchase?: boolean }>;
}

/** `GET /vats/default`: the VAT rates and statuses the API offers, read once per execution. */
export async function getVatDefaults(this: RequestContext, cache?: LookupCache, itemIndex?: number): Promise<VatDefaults> {
	const load = async () => {
		const body = await procountorRequest.call(this, 'GET', '/vats/default', { itemIndex });
		const defaults = body as VatDefaultsBody;
		const percentages = new Set<number>();
		for (const country of defaults.vatInformation ?? []) {
			for (const rate of country.percentages ?? []) {
				if (typeof rate.vatPercent === 'number' && rate.sales !== false) percentages.add(rate.vatPercent);
			}
		}
		return {
			percentages: [...percentages].sort((a, b) => b - a),
			statuses: (defaults.vatStatuses ?? []).filter((status) => status.sales !== false),
		};
	};
	return cache ? await cache.get('vats:default', load) : await load();
}

/** Exact match on the product code: Procountor's `code` filter matches substrings. */
export async function findProductByCode(
	this: RequestContext,
	code: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const page = (await procountorRequest.call(this, 'GET', '/products', {
		qs: { code, size: 200 },
		itemIndex,
	})) as ProcountorPage;
	return (page.results ?? []).find((product) => String(product.code ?? '') === code);
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

/** The sales invoice with this external number (the store's order number), if there is one. */
export async function findInvoiceByOriginalNumber(
	this: IExecuteFunctions,
	originalInvoiceNumber: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const page = (await procountorRequest.call(this, 'GET', '/invoices', {
		qs: { types: 'SALES_INVOICE', originalInvoiceNumber, size: 50 },
		itemIndex,
	})) as ProcountorPage;
	// Rows that carry the number are compared exactly; rows without it trust the filter.
	const match = (page.results ?? []).find(
		(invoice) =>
			invoice.originalInvoiceNumber === undefined || String(invoice.originalInvoiceNumber) === originalInvoiceNumber,
	);
	if (!match) return undefined;
	return await procountorRequest.call(this, 'GET', `/invoices/${String(match.id)}`, { itemIndex });
}

function partnerField(partner: IDataObject, field: 'customerNumber' | 'identifier'): string {
	const invoicingInfo = (partner.invoicingInfo ?? {}) as IDataObject;
	return String(invoicingInfo[field] ?? partner[field] ?? '').trim();
}

async function searchPartners(
	this: RequestContext,
	qs: IDataObject,
	headers: IDataObject | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const page = (await procountorRequest.call(this, 'GET', '/businesspartners', {
		qs: { type: 'CUSTOMER', ...qs, size: 200 },
		headers,
		itemIndex,
	})) as ProcountorPage;
	return page.results ?? [];
}

export async function findPartnerByCustomerNumber(
	this: RequestContext,
	customerNumber: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const partners = await searchPartners.call(this, { customerNumber }, undefined, itemIndex);
	return partners.find((partner) => partnerField(partner, 'customerNumber') === customerNumber);
}

/** Procountor takes the business ID as an HTTP header named `identifier`, not as a query parameter. */
export async function findPartnerByBusinessId(
	this: RequestContext,
	businessId: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const partners = await searchPartners.call(this, {}, { identifier: businessId }, itemIndex);
	return partners.find((partner) => {
		const identifier = partnerField(partner, 'identifier');
		return identifier === businessId || normalizeFinnishBusinessId(identifier) === businessId;
	});
}

export async function getPartner(this: RequestContext, partnerId: number | string, itemIndex?: number): Promise<IDataObject> {
	return await procountorRequest.call(this, 'GET', `/businesspartners/${String(partnerId)}`, { itemIndex });
}

export async function getInvoice(this: RequestContext, invoiceId: number, itemIndex?: number): Promise<IDataObject> {
	return await procountorRequest.call(this, 'GET', `/invoices/${invoiceId}`, { itemIndex });
}
