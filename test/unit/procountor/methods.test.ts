import type { IDataObject } from 'n8n-workflow';

import { Procountor } from '../../../nodes/Procountor/Procountor.node';
import { loadOptionsContextFor } from '../helpers';
import { VAT_DEFAULTS, procountorCredential } from './helpers';

/** A load-options context whose HTTP helper answers from a table and records each request. */
const loadOptionsContext = loadOptionsContextFor(
	{ name: 'Procountor', type: 'procountor', credentialType: 'procountorApi' },
	{ ...procountorCredential.data, accessToken: 'token' },
);

const node = new Procountor();

describe('Procountor dropdowns and list search', () => {
	test('VAT percentages and statuses come from /vats/default', async () => {
		const { context, requests } = loadOptionsContext({ '/vats/default': VAT_DEFAULTS });
		expect(await node.methods.loadOptions.getVatPercentages.call(context)).toEqual([
			{ name: '25.5 %', value: 25.5 },
			{ name: '14 %', value: 14 },
			{ name: '10 %', value: 10 },
			{ name: '0 %', value: 0 },
		]);
		expect(await node.methods.loadOptions.getVatStatuses.call(context)).toEqual([
			{ name: '1: Domestic', value: 1 },
			{ name: '3: Outside EU', value: 3 },
			{ name: '12: No VAT handling', value: 12 },
		]);
		expect(requests[0]).toMatchObject({ method: 'GET', baseURL: 'https://procountor.test/api', url: '/vats/default' });
	});

	test('bank accounts by IBAN and invoice templates by id', async () => {
		const { context } = loadOptionsContext({
			'/bankaccounts': { results: [{ id: 1, accountNumber: 'FI2112345600000785', name: 'Nordea' }] },
			'/company/invoicetemplates': [{ id: 4, name: 'Default template' }],
		});
		expect(await node.methods.loadOptions.getBankAccounts.call(context)).toEqual([{ name: 'FI2112345600000785 (Nordea)', value: 'FI2112345600000785' }]);
		expect(await node.methods.loadOptions.getInvoiceTemplates.call(context)).toEqual([{ name: 'Default template', value: 4 }]);
	});

	test('business partner search sends the name as a header and pages by page number', async () => {
		const fifty = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, name: `Asiakas ${i + 1}`, invoicingInfo: { customerNumber: `C-${i}` } }));
		const { context, requests } = loadOptionsContext({ '/businesspartners': { results: fifty } });
		const result = await node.methods.listSearch.searchBusinessPartners.call(context, 'Asiakas', '1');
		expect(requests[0].qs).toMatchObject({ type: 'CUSTOMER', page: 1, size: 50 });
		expect(requests[0].headers).toMatchObject({ name: 'Asiakas' });
		expect(result.results[0]).toEqual({ name: 'Asiakas 1 (C-0)', value: '1' });
		expect(result.paginationToken).toBe('2');
	});

	test('product search pages by the last id', async () => {
		const products: IDataObject[] = Array.from({ length: 50 }, (_, i) => ({ id: 100 + i, name: `Tuote ${i}`, code: `P${i}` }));
		const { context, requests } = loadOptionsContext({ '/products': { results: products } });
		const result = await node.methods.listSearch.searchProducts.call(context, 'Tuote');
		expect(requests[0].qs).toMatchObject({ name: 'Tuote', size: 50 });
		expect(result.results[0]).toEqual({ name: 'Tuote 0 (P0)', value: '100' });
		expect(result.paginationToken).toBe('149');
	});
});
