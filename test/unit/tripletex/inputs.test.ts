/**
 * Issue 10, part 5: correct inputs or a clear error before any request. Every bad input
 * below fails its item with a message naming the field and the item, and Tripletex is
 * not asked anything: not the session exchange, not the account, VAT or product lookups.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TRIPLETEX_ORIGIN, V2, byId, listOf, mockTripletex, runTripletex, setUpNock, tearDownNock } from './helpers';
import { recordStrayRequests } from '../helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

/** Runs the node and checks: one NodeOperationError with `message`, no request at all (not even the session). */
async function expectRefusedBeforeAnyRequest(parameters: INodeParameters, message: string | RegExp, input: IDataObject[] = [{}]) {
	const { session } = mockTripletex();
	const stray = recordStrayRequests(TRIPLETEX_ORIGIN);
	const result = await runTripletex(parameters, { input });
	expect(result.error).toBeInstanceOf(NodeOperationError);
	if (typeof message === 'string') expect(result.error?.message).toBe(message);
	else expect(result.error?.message).toMatch(message);
	expect((result.error as { description?: string }).description).toContain('Nothing was sent');
	expect(session.isDone()).toBe(false);
	expect(stray).toEqual([]);
	return result;
}

const VOUCHER: INodeParameters = {
	resource: 'voucher',
	operation: 'create',
	date: '2026-07-15',
	description: 'Web-store order 6001',
	externalVoucherNumber: 'store-6001',
	postingsSource: 'json',
	postingsJson: '={{ $json.postings }}',
};

const BALANCED = [
	{ account: 1920, amount: 1250 },
	{ account: 3000, amount: -1250, vatCode: '3' },
];

const ORDER: INodeParameters = {
	resource: 'order',
	operation: 'create',
	customer: byId(501),
	orderDate: '2026-07-15',
	linesSource: 'json',
	linesJson: '={{ $json.lines }}',
};

describe('Tripletex: dates', () => {
	test.each([
		['2026-02-30', 'Date in item 0 is not a valid date: "2026-02-30" is not a real date (2026-02 has no day 30)'],
		['2026-13-01', 'Date in item 0 is not a valid date: "2026-13-01" is not a real date (2026-13 has no day 1)'],
		['03/01/2026', 'Date in item 0 is not a valid date: "03/01/2026" is not a date in a form the node accepts'],
		['1 March', 'Date in item 0 is not a valid date: "1 March" is not a date in a form the node accepts'],
	])('voucher date %p is refused before the session and the account lookup', async (date, message) => {
		const result = await expectRefusedBeforeAnyRequest({ ...VOUCHER, date }, message, [{ postings: BALANCED }]);
		expect((result.error as { description?: string }).description).toContain('Give a date as YYYY-MM-DD');
	});

	test('a posting date that is not a real date names the posting and the item', async () => {
		await expectRefusedBeforeAnyRequest(
			VOUCHER,
			'Invalid [1].date in item 0: "2026-04-31" is not a real date (2026-04 has no day 31); give YYYY-MM-DD, an ISO date-time, or a DateTime',
			[{ postings: [BALANCED[0], { ...BALANCED[1], date: '2026-04-31' }] }],
		);
	});

	test('order, delivery, invoice, payment and reversal dates', async () => {
		await expectRefusedBeforeAnyRequest({ ...ORDER, orderDate: '2026-02-29' }, /^Order Date in item 0 is not a valid date/, [{ lines: [{ productId: 1 }] }]);
		await expectRefusedBeforeAnyRequest({ ...ORDER, deliveryDate: '15.07.2026' }, /^Delivery Date in item 0 is not a valid date/, [{ lines: [{ productId: 1 }] }]);
		await expectRefusedBeforeAnyRequest({ resource: 'order', operation: 'invoice', orderId: '42', invoiceDate: '2026-06-31' }, /^Invoice Date in item 0 is not a valid date/);
		await expectRefusedBeforeAnyRequest(
			{ resource: 'invoice', operation: 'registerPayment', invoiceId: '42', paymentDate: 'yesterday', paymentTypeId: 3, paidAmount: 100 },
			/^Payment Date in item 0 is not a valid date/,
		);
		await expectRefusedBeforeAnyRequest({ resource: 'voucher', operation: 'reverse', voucherId: '42', date: '2026-02-30' }, /^Reversal Date in item 0 is not a valid date/);
		await expectRefusedBeforeAnyRequest(
			{ resource: 'voucher', operation: 'getMany', dateFrom: '2026-07-01', dateTo: '2026-07-32' },
			/^Date To in item 0 is not a valid date/,
		);
	});

	test('a DateTime for 00:30 Oslo time is booked on that day, not the day before', async () => {
		const { api } = mockTripletex();
		let sent: IDataObject | undefined;
		api
			.get(`${V2}/ledger/account`)
			.query(true)
			.reply(200, listOf([{ id: 501, number: 1920, name: 'Bank', ledgerType: 'GENERAL' }, { id: 502, number: 3000, name: 'Sales', ledgerType: 'GENERAL' }]))
			.post(`${V2}/ledger/voucher`, (body: IDataObject) => {
				sent = body;
				return true;
			})
			.query(true)
			.reply(201, { value: { id: 9001 } });
		api.get(/.*/).query(true).reply(200, listOf([])).persist();

		const result = await runTripletex(
			{
				...VOUCHER,
				externalVoucherNumber: '',
				date: "={{ DateTime.fromISO('2026-03-01T00:30:00', { zone: 'Europe/Oslo' }) }}",
				postingsJson: '={{ [{ account: 1920, amount: "1.250,00" }, { account: 3000, amount: "-1.250,00", date: "2026-03-01T00:30:00+01:00" }] }}',
			},
		);
		expect(result.error).toBeUndefined();
		expect(sent?.date).toBe('2026-03-01');
		expect((sent?.postings as IDataObject[]).map((posting) => [posting.date, posting.amountGross])).toEqual([
			['2026-03-01', 1250],
			['2026-03-01', -1250],
		]);
	});
});

describe('Tripletex: money', () => {
	test('an ambiguous posting amount ("1,234") is refused, saying how to write it', async () => {
		const result = await expectRefusedBeforeAnyRequest(
			VOUCHER,
			'Invalid [0].amount in item 0: "1,234" is ambiguous: it could be 1234 or 1.234. Write 1234 or 1234.00 for the larger amount, 1.2340 for the smaller, or choose the Decimal Separator under Options',
			[{ postings: [{ account: 1920, amount: '1,234' }, { account: 3000, amount: '-1,234' }] }],
		);
		expect(result).toBeDefined();
	});

	test('with Decimal Separator Comma, "1.234" is 1234 and the voucher is checked for balance before any request', async () => {
		await expectRefusedBeforeAnyRequest(
			{ ...VOUCHER, options: { decimalSeparator: 'comma' } },
			'The voucher in item 0 does not balance: its postings on 2026-07-15 sum to 1232.77 instead of 0',
			[{ postings: [{ account: 1920, amount: '1.234' }, { account: 3000, amount: '-1,23' }] }],
		);
	});

	test('an ambiguous unit price on an order line names the line', async () => {
		await expectRefusedBeforeAnyRequest(ORDER, /^Invalid lines\[1\]\.unitPrice in item 0: "2\.500" is ambiguous/, [
			{ lines: [{ productId: 1 }, { description: 'Gift wrap', unitPrice: '2.500' }] },
		]);
	});
});

describe('Tripletex: magnitudes', () => {
	test.each([[1e20], [1e308], ['1000000000']])('a posting amount of %p is refused with the bound', async (amount) => {
		await expectRefusedBeforeAnyRequest(
			VOUCHER,
			/^Invalid \[0\]\.amount in item 0: .* is more than 999 999 999\.99, the largest amount the node sends/,
			[{ postings: [{ account: 1920, amount }, { account: 3000, amount: -1 }] }],
		);
	});

	test.each([[1e20], [1e308], [2e9]])('an order line count of %p is refused with the bound', async (count) => {
		await expectRefusedBeforeAnyRequest(ORDER, /^Invalid lines\[0\]\.count in item 0: is more than 1 000 000 000, the largest quantity the node sends/, [
			{ lines: [{ productId: 1, count }] },
		]);
	});

	test('a unit price of 1e20 is refused with the bound', async () => {
		await expectRefusedBeforeAnyRequest(ORDER, /^Invalid lines\[0\]\.unitPrice in item 0: 100000000000000000000 is more than 999 999 999\.99/, [
			{ lines: [{ description: 'x', unitPrice: 1e20 }] },
		]);
	});

	test('a paid amount of 1e20 on Register Payment is refused with the bound', async () => {
		await expectRefusedBeforeAnyRequest(
			{ resource: 'invoice', operation: 'registerPayment', invoiceId: '42', paymentDate: '2026-07-20', paymentTypeId: 3, paidAmount: 1e20 },
			/^Invalid paidAmount in item 0: 100000000000000000000 is more than 999 999 999\.99/,
		);
	});
});

describe('Tripletex: every check before the session and the lookups', () => {
	test('an external voucher number over 70 characters is refused before the account lookup (it used to be checked after)', async () => {
		await expectRefusedBeforeAnyRequest(
			{ ...VOUCHER, externalVoucherNumber: 'x'.repeat(71) },
			'Invalid externalVoucherNumber in item 0: must be at most 70 characters',
			[{ postings: BALANCED }],
		);
	});

	test('an empty description (mapped from the item) is refused before the account lookup', async () => {
		await expectRefusedBeforeAnyRequest({ ...VOUCHER, description: '={{ $json.text }}' }, 'Invalid description in item 0: is required', [
			{ postings: BALANCED, text: '' },
		]);
	});

	test('the second item is named when it is the bad one (Continue On Fail keeps the first)', async () => {
		const { session } = mockTripletex();
		const stray = recordStrayRequests(TRIPLETEX_ORIGIN);
		const result = await runTripletex(
			{ ...VOUCHER, date: '={{ $json.date }}' },
			{ input: [{ date: '2026-02-31', postings: BALANCED }, { date: '2026-02-30', postings: BALANCED }], settings: { onError: 'continueRegularOutput' } },
		);
		expect(result.jsonOf('Tripletex').map((json) => json.error)).toEqual([
			'Date in item 0 is not a valid date: "2026-02-31" is not a real date (2026-02 has no day 31)',
			'Date in item 1 is not a valid date: "2026-02-30" is not a real date (2026-02 has no day 30)',
		]);
		expect(session.isDone()).toBe(false);
		expect(stray).toEqual([]);
	});
});
