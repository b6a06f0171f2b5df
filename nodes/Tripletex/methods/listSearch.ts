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

/** Values are account numbers, the way accountants refer to accounts. */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = Number(paginationToken ?? 0);
	const isNumber = filter !== undefined && /^\d+$/.test(filter.trim());
	const page = await tripletexRequest.call(this, 'GET', '/ledger/account', {
		qs: { number: isNumber ? filter?.trim() : undefined, isInactive: false, from, count: PAGE, fields: 'id,number,name' },
	});
	const values = (page.values as IDataObject[] | undefined) ?? [];
	const needle = !isNumber && filter ? filter.toLowerCase() : '';
	return {
		results: values
			.filter((account) => !needle || String(account.name).toLowerCase().includes(needle))
			.map((account) => ({ name: `${String(account.number)} ${String(account.name)}`, value: String(account.number) })),
		paginationToken: nextToken(values, from),
	};
}
