/**
 * Issue 10, part 5: correct inputs or a clear error before any request. Each bad input
 * fails its item with the field and the item named, and Procountor is asked nothing: no
 * token exchange, no VAT, register or invoice lookup.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API, PROCOUNTOR_ORIGIN, VAT_DEFAULTS, mockProcountor, pageOf, runProcountor, setUpNock, tearDownNock } from './helpers';
import { recordStrayRequests } from '../helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

async function expectRefusedBeforeAnyRequest(parameters: INodeParameters, message: string | RegExp, input: IDataObject[] = [{}]) {
	const { token } = mockProcountor();
	const stray = recordStrayRequests(PROCOUNTOR_ORIGIN);
	const result = await runProcountor(parameters, { input });
	expect(result.error).toBeInstanceOf(NodeOperationError);
	if (typeof message === 'string') expect(result.error?.message).toBe(message);
	else expect(result.error?.message).toMatch(message);
	expect((result.error as { description?: string }).description).toContain('Nothing was sent');
	expect(token.isDone()).toBe(false);
	expect(stray).toEqual([]);
	return result;
}

const ROWS = [{ product: 'Coffee cup', quantity: 2, unitPrice: 12.5, vatPercent: 25.5 }];

const CREATE: INodeParameters = {
	resource: 'invoice',
	operation: 'create',
	customerName: 'Kahvila Oy',
	customer: { email: 'osto@kahvila.fi' },
	billingAddress: { street: 'Mannerheimintie 1', zip: '00100', city: 'Helsinki', country: 'FI' },
	invoiceDate: '2026-07-15',
	reference: '1001',
	customerRegister: 'none',
	rowsSource: 'json',
	rowsJson: '={{ $json.rows }}',
	bankAccount: 'FI2112345600000785',
};

describe('Procountor Invoice → Create: foreign currency', () => {
	test('an invoice in SEK without a currency rate is refused: the node never assumes rate 1', async () => {
		await expectRefusedBeforeAnyRequest(
			{ ...CREATE, additionalFields: { currency: 'SEK' } },
			'Invalid additionalFields.currencyRate in item 0: is required for an invoice in SEK: give the exchange rate Procountor should book it with (Additional Fields → Currency Rate); the node does not assume 1',
			[{ rows: ROWS }],
		);
		// The form's 0 ("not given") is no rate either.
		await expectRefusedBeforeAnyRequest({ ...CREATE, additionalFields: { currency: 'sek', currencyRate: 0 } }, /currencyRate in item 0: is required for an invoice in SEK/, [{ rows: ROWS }]);
	});

	test('a currency rate beyond Procountor’s maximum is refused', async () => {
		await expectRefusedBeforeAnyRequest(
			{ ...CREATE, additionalFields: { currency: 'SEK', currencyRate: 1e20 } },
			"Invalid additionalFields.currencyRate in item 0: must be at most 1 000 000 (Procountor's maximum)",
			[{ rows: ROWS }],
		);
	});

	test('with a rate, the SEK invoice is sent with it; EUR without one gets 1', async () => {
		const { api } = mockProcountor({ tokenTimes: 2 });
		const sent: IDataObject[] = [];
		api
			.get(`${API}/vats/default`)
			.times(2)
			.reply(200, VAT_DEFAULTS)
			.post(`${API}/invoices`, (body: IDataObject) => {
				sent.push(body);
				return true;
			})
			.times(2)
			.reply(200, { id: 9001 });
		api.get(/.*/).query(true).reply(200, pageOf([])).persist();

		const sek = await runProcountor({ ...CREATE, additionalFields: { currency: 'SEK', currencyRate: 11.2345 } }, { input: [{ rows: ROWS }] });
		expect(sek.error).toBeUndefined();
		const eur = await runProcountor({ ...CREATE, reference: '1002' }, { input: [{ rows: ROWS }] });
		expect(eur.error).toBeUndefined();
		expect(sent.map((body) => body.paymentInfo as IDataObject).map(({ currency, currencyRate }) => [currency, currencyRate])).toEqual([
			['SEK', 11.2345],
			['EUR', 1],
		]);
	});
});

describe('Procountor: dates', () => {
	test.each([
		[{ invoiceDate: '2026-02-30' }, 'Invoice Date in item 0 is not a valid date: "2026-02-30" is not a real date (2026-02 has no day 30)'],
		[{ invoiceDate: '07/15/2026' }, 'Invoice Date in item 0 is not a valid date: "07/15/2026" is not a date in a form the node accepts'],
		[{ dueDate: '2026-13-01' }, 'Due Date in item 0 is not a valid date: "2026-13-01" is not a real date (2026-13 has no day 1)'],
		[{ dueDate: '2026-07-01' }, 'Invalid dueDate in item 0: is before the invoice date'],
		[{ paymentTermDays: 1e9 }, 'Payment Term (Days) in item 0 must be a whole number of days from 0 to 3650'],
	])('%p is refused before the token and the VAT lookup', async (overrides, message) => {
		await expectRefusedBeforeAnyRequest({ ...CREATE, ...overrides }, message, [{ rows: ROWS }]);
	});

	test('Mark Paid and Get Many dates', async () => {
		await expectRefusedBeforeAnyRequest(
			{ resource: 'invoice', operation: 'markPaid', invoiceId: '9001', paymentDate: '2026-02-29', amount: '30.90' },
			/^Payment Date in item 0 is not a valid date: "2026-02-29" is not a real date/,
		);
		await expectRefusedBeforeAnyRequest(
			{ resource: 'invoice', operation: 'getMany', returnAll: true, filters: { startDate: '1.7.2026' } },
			/^Filter Invoice Date From in item 0 is not a valid date: "1\.7\.2026" is not a date in a form the node accepts/,
		);
	});
});

describe('Procountor: money and magnitudes', () => {
	test('an ambiguous unit price ("1,234") names the row and says how to write it', async () => {
		await expectRefusedBeforeAnyRequest(CREATE, /^Invalid rows\[1\]\.unitPrice in item 0: "1,234" is ambiguous: it could be 1234 or 1\.234\. Write 1234 or 1234\.00/, [
			{ rows: [...ROWS, { product: 'Tray', unitPrice: '1,234', vatPercent: 25.5 }] },
		]);
	});

	test('an ambiguous Mark Paid amount is refused before the invoice is read', async () => {
		await expectRefusedBeforeAnyRequest(
			{ resource: 'invoice', operation: 'markPaid', invoiceId: '9001', paymentDate: '2026-07-15', amount: '1.234' },
			/^Invalid amount in item 0: "1\.234" is ambiguous/,
		);
	});

	test.each([
		[{ quantity: 1e308 }, /^Invalid rows\[0\]\.quantity in item 0: is more than 1 000 000 000, the largest quantity the node sends/],
		[{ unitPrice: 1e20 }, /^Invalid rows\[0\]\.unitPrice in item 0: 100000000000000000000 is more than 999 999 999\.99/],
		[{ total: '1e20' }, /^Invalid rows\[0\]\.total in item 0: "1e20" is not an amount/],
	])('a row with %p is refused', async (overrides, message) => {
		await expectRefusedBeforeAnyRequest(CREATE, message, [{ rows: [{ ...ROWS[0], ...overrides }] }]);
	});

	test('with Decimal Separator Comma, "12,50" and "1.234,50" are read as written', async () => {
		// A wrong order total proves the rows were read (12.50 × 2 + 1234.50 = 1259.50) before any request.
		await expectRefusedBeforeAnyRequest(
			{ ...CREATE, additionalFields: { orderTotal: '1.259,00' }, options: { decimalSeparator: 'comma' } },
			'Invalid orderTotal in item 0: is 1259.00 but the rows add up to 1259.50 incl. VAT',
			[{ rows: [{ ...ROWS[0], unitPrice: '12,50' }, { product: 'Machine', unitPrice: '1.234,50', vatPercent: 25.5 }] }],
		);
	});
});

describe('Procountor: every check before the token and the lookups', () => {
	test('a billing street over 80 characters is refused before the VAT lookup (it used to be checked after)', async () => {
		await expectRefusedBeforeAnyRequest(
			{ ...CREATE, billingAddress: { street: 'x'.repeat(81), zip: '00100', city: 'Helsinki' } },
			'Invalid billingAddress.street in item 0: must be at most 80 characters',
			[{ rows: ROWS }],
		);
	});

	test('a contact person name over 70 characters (CounterParty.contactPersonName) is refused before anything is sent', async () => {
		await expectRefusedBeforeAnyRequest(
			{ ...CREATE, customer: { email: 'osto@kahvila.fi', contactPersonName: 'x'.repeat(71) } },
			'Invalid customer.contactPersonName in item 0: must be at most 70 characters',
			[{ rows: ROWS }],
		);
	});

	test('with Match Products and the register, only what they may supply waits for the lookups', async () => {
		await expectRefusedBeforeAnyRequest(
			{ ...CREATE, customerRegister: 'linkOrCreate', dataSource: 'register', options: { matchProducts: true }, dueDate: '2026-07-01' },
			'Invalid dueDate in item 0: is before the invoice date',
			[{ rows: [{ productCode: 'CUP-1' }] }],
		);
	});
});
