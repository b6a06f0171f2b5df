import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAllPages, sameText } from '../shared/lookup';
import type { LookupCache } from '../shared/lookupCache';
import { fail } from '../shared/validation';
import { tripletexRequest } from './transport';

export interface TripletexAccount {
	id: number;
	number: number;
	name: string;
	ledgerType?: 'GENERAL' | 'CUSTOMER' | 'VENDOR' | 'EMPLOYEE' | 'ASSET';
	vatLocked?: boolean;
	vatType?: { id: number; number?: string };
}

export interface TripletexVatType {
	id: number;
	number: string;
	name?: string;
	percentage?: number;
}

interface ListEnvelope<T> {
	values?: T[];
	fullResultSize?: number;
}

/** Tripletex's page size for lookups (its default and the `count` its list endpoints document). */
export const TRIPLETEX_LOOKUP_PAGE_SIZE = 1000;

/**
 * Every record of a Tripletex list endpoint for these filters: `from` advances by the
 * records received until a short page that `fullResultSize` does not contradict, bounded by
 * `LOOKUP_MAX_PAGES`. Callers compare the values themselves.
 */
export async function readTripletexList(
	this: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	itemIndex: number,
	what: string,
): Promise<IDataObject[]> {
	return await readAllPages(
		async (_pageIndex, offset) => {
			const page = (await tripletexRequest.call(this, 'GET', path, {
				qs: { ...qs, from: offset, count: TRIPLETEX_LOOKUP_PAGE_SIZE },
				itemIndex,
			})) as ListEnvelope<IDataObject>;
			return {
				values: page.values ?? [],
				total: typeof page.fullResultSize === 'number' ? page.fullResultSize : undefined,
			};
		},
		{ node: this.getNode(), itemIndex, pageSize: TRIPLETEX_LOOKUP_PAGE_SIZE, what },
	);
}

/**
 * Account numbers to ids, one request for all numbers this execution has not seen yet.
 * Unknown numbers resolve to undefined, for the caller to report with its own context.
 */
export async function resolveAccounts(
	this: IExecuteFunctions,
	cache: LookupCache,
	numbers: number[],
	itemIndex: number,
): Promise<Map<number, TripletexAccount | undefined>> {
	const missing = [...new Set(numbers)].filter((accountNumber) => !cache.has(`account:${accountNumber}`));
	if (missing.length) {
		const batch = tripletexRequest
			.call(this, 'GET', '/ledger/account', {
				qs: {
					number: missing.join(','),
					fields: 'id,number,name,ledgerType,vatLocked,vatType(id,number)',
					count: missing.length,
				},
				itemIndex,
			})
			.then((page) => (page as ListEnvelope<TripletexAccount>).values ?? []);
		for (const accountNumber of missing) {
			cache.set(
				`account:${accountNumber}`,
				batch.then((accounts) => accounts.find((account) => account.number === accountNumber)),
			);
		}
	}
	const resolved = new Map<number, TripletexAccount | undefined>();
	for (const accountNumber of new Set(numbers)) {
		resolved.set(
			accountNumber,
			await cache.get<TripletexAccount | undefined>(`account:${accountNumber}`, async () => undefined),
		);
	}
	return resolved;
}

/** A VAT code as the user knows it ("3" = 25 % output VAT) to Tripletex's id, once per execution. */
export async function resolveVatType(
	this: IExecuteFunctions,
	cache: LookupCache,
	vatCode: string,
	itemIndex: number,
	where: string,
): Promise<TripletexVatType> {
	const vatType = await cache.get(`vatType:${vatCode}`, async () => {
		const page = (await tripletexRequest.call(this, 'GET', '/ledger/vatType', {
			qs: { number: vatCode, fields: 'id,number,name,percentage' },
			itemIndex,
		})) as ListEnvelope<TripletexVatType>;
		return (page.values ?? []).find((entry) => String(entry.number) === vatCode);
	});
	if (!vatType) {
		return fail(
			this.getNode(),
			`VAT code ${vatCode} does not exist in Tripletex (${where})`,
			itemIndex,
			'Use a Norwegian VAT code as Tripletex numbers them, e.g. 3 (25 % output VAT), 31 (15 %), 33 (12 %), 5 (exempt), 0 (no VAT). Nothing was sent.',
		);
	}
	return vatType;
}

export interface TripletexCountry {
	id: number;
	isoAlpha2Code?: string;
	name?: string;
}

/** An ISO 3166-1 alpha-2 code ("NO") to Tripletex's country id, once per execution. */
export async function resolveCountry(
	this: IExecuteFunctions,
	cache: LookupCache,
	isoCode: string,
	itemIndex: number,
	where: string,
): Promise<TripletexCountry> {
	const code = isoCode.toUpperCase();
	const country = await cache.get(`country:${code}`, async () => {
		const page = (await tripletexRequest.call(this, 'GET', '/country', {
			qs: { code, fields: 'id,isoAlpha2Code,name' },
			itemIndex,
		})) as ListEnvelope<TripletexCountry>;
		return (page.values ?? []).find((entry) => String(entry.isoAlpha2Code ?? '').toUpperCase() === code);
	});
	if (!country) {
		return fail(
			this.getNode(),
			`Country code "${isoCode}" is not known to Tripletex (${where})`,
			itemIndex,
			'Use a two-letter ISO 3166-1 code such as NO, SE, DK or FI. Nothing was sent.',
		);
	}
	return country;
}

/**
 * Exact match on the product number (trimmed, case-sensitive), all pages read: Tripletex's
 * productNumber filter takes a list and is not documented as exact.
 */
export async function findProductByNumber(
	this: IExecuteFunctions,
	productNumber: string,
	itemIndex: number,
	fields?: string,
): Promise<IDataObject | undefined> {
	const products = await readTripletexList.call(
		this,
		'/product',
		{ productNumber, fields },
		itemIndex,
		`products with number "${productNumber}"`,
	);
	return products.find((product) => sameText(product.number, productNumber));
}

/** A product number to its id, once per execution. */
export async function resolveProductId(
	this: IExecuteFunctions,
	cache: LookupCache,
	productNumber: string,
	itemIndex: number,
	where: string,
): Promise<number> {
	const product = await cache.get(`product:${productNumber}`, async () =>
		await findProductByNumber.call(this, productNumber, itemIndex, 'id,number,name'),
	);
	if (!product) {
		return fail(
			this.getNode(),
			`No product has the number "${productNumber}" in Tripletex (${where})`,
			itemIndex,
			'Create the product first (Product → Create), or give its Product ID instead. Nothing was sent.',
		);
	}
	return Number(product.id);
}

export function idRef(id: number | undefined): IDataObject | undefined {
	return id === undefined ? undefined : { id };
}
