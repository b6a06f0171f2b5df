import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getVatDefaults } from '../lookups';
import { procountorRequest, resultsOf } from '../transport';

/**
 * Sales VAT rates of the company's VAT country (`GET /vats/default`), highest first; when
 * that country cannot be told, every listed country's rates, each named with its country.
 */
export async function getVatPercentages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { percentages, country, byCountry } = await getVatDefaults.call(this);
	if (country !== undefined || byCountry.size <= 1) return percentages.map((percentage) => ({ name: `${percentage} %`, value: percentage }));
	return [...byCountry].flatMap(([listed, rates]) => rates.map((percentage) => ({ name: `${percentage} % (${listed})`, value: percentage })));
}

export async function getVatStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { statuses } = await getVatDefaults.call(this);
	return statuses.map((status) => ({
		name: `${status.vatStatus}: ${status.description ?? ''}`.replace(/: $/, ''),
		value: status.vatStatus,
	}));
}

/** The company's bank accounts; values are the IBANs the invoice's payment info carries. */
export async function getBankAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accounts = resultsOf(await procountorRequest.call(this, 'GET', '/bankaccounts'));
	return accounts
		.filter((account) => account.accountNumber)
		.map((account) => ({
			name: `${String(account.accountNumber)}${account.name ? ` (${String(account.name)})` : ''}`,
			value: String(account.accountNumber),
		}));
}

export async function getInvoiceTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body: IDataObject = await procountorRequest.call(this, 'GET', '/company/invoicetemplates');
	return resultsOf(body).map((template) => ({
		name: String(template.name ?? template.id),
		value: Number(template.id),
	}));
}
