import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

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

/** Exact match on the product number; Tripletex's productNumber filter is not documented as exact. */
export async function findProductByNumber(
	this: IExecuteFunctions,
	productNumber: string,
	itemIndex: number,
	fields?: string,
): Promise<IDataObject | undefined> {
	const page = (await tripletexRequest.call(this, 'GET', '/product', {
		qs: { productNumber, fields, count: 100 },
		itemIndex,
	})) as ListEnvelope<IDataObject>;
	return (page.values ?? []).find((product) => String(product.number ?? '') === productNumber);
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
