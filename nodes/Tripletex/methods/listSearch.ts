import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { tripletexRequest } from '../transport';

const PAGE = 50;

function nextToken(values: unknown[], from: number): string | undefined {
	return values.length === PAGE ? String(from + PAGE) : undefined;
}

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = Number(paginationToken ?? 0);
	const page = await tripletexRequest.call(this, 'GET', '/customer', {
		qs: { customerName: filter || undefined, from, count: PAGE, fields: 'id,name,customerNumber,organizationNumber' },
	});
	const values = (page.values as IDataObject[] | undefined) ?? [];
	return {
		results: values.map((customer) => ({
			name: `${String(customer.name)}${customer.customerNumber ? ` (${String(customer.customerNumber)})` : ''}`,
			value: String(customer.id),
		})),
		paginationToken: nextToken(values, from),
	};
}

/**
 * Values are account numbers, the way accountants refer to accounts. Tripletex filters
 * accounts by number only, so a name search reads the whole chart (one page of 1000
 * covers any ordinary chart of accounts) and filters it here.
 */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ?? '';
	const byNumber = /^\d+$/.test(text);
	const byName = text !== '' && !byNumber;
	const from = byName ? 0 : Number(paginationToken ?? 0);
	const count = byName ? 1000 : PAGE;
	const page = await tripletexRequest.call(this, 'GET', '/ledger/account', {
		qs: { number: byNumber ? text : undefined, isInactive: false, from, count, fields: 'id,number,name' },
	});
	const values = (page.values as IDataObject[] | undefined) ?? [];
	const needle = text.toLowerCase();
	return {
		results: values
			.filter((account) => !byName || String(account.name).toLowerCase().includes(needle))
			.map((account) => ({ name: `${String(account.number)} ${String(account.name)}`, value: String(account.number) })),
		paginationToken: byName ? undefined : nextToken(values, from),
	};
}
