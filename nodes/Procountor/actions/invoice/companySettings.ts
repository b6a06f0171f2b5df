import type { IExecuteFunctions } from 'n8n-workflow';

import type { LookupCache } from '../../../shared/lookupCache';
import { fail } from '../../../shared/validation';
import { getVatDefaults } from '../../lookups';
import { procountorRequest, resultsOf } from '../../transport';
import type { Problem } from './problems';
import { failOnProblems } from './problems';
import type { InvoicePayload } from './shared';
import { textOf } from './shared';

/** The company's default (or first) bank account in Procountor, for a bank transfer without one; read once per execution. */
export async function defaultBankAccount(this: IExecuteFunctions, cache: LookupCache, itemIndex: number): Promise<string> {
	const accountNumber = await cache.get('bankAccount:default', async () => {
		const accounts = resultsOf(await procountorRequest.call(this, 'GET', '/bankaccounts', { itemIndex }));
		const usable = accounts.filter((account) => textOf(account.accountNumber));
		return textOf((usable.find((account) => account.defaultAccount === true) ?? usable[0])?.accountNumber);
	});
	if (!accountNumber) {
		fail(
			this.getNode(),
			`Item ${itemIndex} needs a bank account for a bank transfer, and the company has none in Procountor`,
			itemIndex,
			'Add a bank account in Procountor, or choose Bank Account in the node. Nothing was sent.',
		);
	}
	return accountNumber.replace(/\s/g, '');
}

/**
 * The rows' VAT rates must be ones Procountor offers in the company's VAT country (the node
 * sends no `vatCountry`), and the VAT status one it offers for sales. When the company's
 * country is not among those listed, the rates are left to Procountor to check.
 */
export async function checkVat(this: IExecuteFunctions, cache: LookupCache, invoice: InvoicePayload, itemIndex: number): Promise<void> {
	const { percentages, country, statuses } = await getVatDefaults.call(this, cache, itemIndex);
	const problems: Problem[] = [];
	invoice.invoiceRows.forEach((row, index) => {
		if (row.vatPercent !== undefined && percentages.length && !percentages.includes(row.vatPercent)) {
			problems.push({
				path: ['rows', index, 'vatPercent'],
				message: `${row.vatPercent} % is not a VAT rate Procountor offers${country ? ` in ${country}` : ''} (${percentages.join(', ')})`,
			});
		}
	});
	if (statuses.length && !statuses.some((status) => status.vatStatus === invoice.vatStatus)) {
		problems.push({
			path: ['vatStatus'],
			message: `${invoice.vatStatus} is not a sales VAT status Procountor offers (${statuses.map((status) => status.vatStatus).join(', ')})`,
		});
	}
	failOnProblems.call(this, problems, itemIndex);
}
