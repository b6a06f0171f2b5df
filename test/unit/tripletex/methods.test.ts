import { Tripletex } from '../../../nodes/Tripletex/Tripletex.node';
import { loadOptionsContextFor } from '../helpers';
import { tripletexCredential } from './helpers';

/** A load-options context whose HTTP helper answers from a table and records each request. */
const loadOptionsContext = loadOptionsContextFor(
	{ name: 'Tripletex', type: 'tripletex', credentialType: 'tripletexApi' },
	{ ...tripletexCredential.data, sessionToken: 'session' },
);

const node = new Tripletex();

describe('Tripletex dropdowns and list search', () => {
	test('VAT types are offered by their code, with name and rate', async () => {
		const { context, requests } = loadOptionsContext({
			'/ledger/vatType': { values: [{ id: 103, number: '3', name: 'Utgående mva, høy sats', percentage: 25 }, { id: 100, number: '0', name: 'Ingen mva', percentage: 0 }] },
		});
		const options = await node.methods.loadOptions.getVatTypes.call(context);
		expect(options).toEqual([
			{ name: '3: Utgående mva, høy sats (25 %)', value: '3' },
			{ name: '0: Ingen mva (0 %)', value: '0' },
		]);
		expect(requests[0]).toMatchObject({ method: 'GET', baseURL: 'https://tripletex.test/v2', qs: { fields: 'id,number,name,percentage', count: 1000 } });
	});

	test('voucher types and payment types are offered by id', async () => {
		const { context } = loadOptionsContext({
			'/ledger/voucherType': { values: [{ id: 8005, name: 'Memorialbilag' }] },
			'/invoice/paymentType': { values: [{ id: 9003, description: 'Vipps' }] },
		});
		expect(await node.methods.loadOptions.getVoucherTypes.call(context)).toEqual([{ name: 'Memorialbilag', value: 8005 }]);
		expect(await node.methods.loadOptions.getPaymentTypes.call(context)).toEqual([{ name: 'Vipps', value: 9003 }]);
	});

	test('customer search filters by name and pages by 50', async () => {
		const fifty = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, name: `Kunde ${i + 1}`, customerNumber: 100000 + i }));
		const { context, requests } = loadOptionsContext({ '/customer': { values: fifty } });
		const result = await node.methods.listSearch.searchCustomers.call(context, 'Kunde', '50');
		expect(requests[0].qs).toMatchObject({ customerName: 'Kunde', from: 50, count: 50 });
		expect(result.results[0]).toEqual({ name: 'Kunde 1 (100000)', value: '1' });
		expect(result.paginationToken).toBe('100');
	});

	test('account search by number asks Tripletex; by name reads the chart and filters it; values are account numbers', async () => {
		const accounts = { values: [{ id: 470003, number: 1920, name: 'Bankinnskudd' }, { id: 470012, number: 3000, name: 'Salgsinntekt' }] };
		const { context, requests } = loadOptionsContext({ '/ledger/account': accounts });
		await node.methods.listSearch.searchAccounts.call(context, '1920');
		expect(requests[0].qs).toMatchObject({ number: '1920', isInactive: false });
		const byName = await node.methods.listSearch.searchAccounts.call(context, 'bank');
		expect(requests[1].qs).toMatchObject({ from: 0, count: 1000 });
		expect(byName.results).toEqual([{ name: '1920 Bankinnskudd', value: '1920' }]);
		expect(byName.paginationToken).toBeUndefined();
	});
});
