import { matchPath, validateAgainstSchema, validateRequestBody } from '../../sandbox/tripletex/openapi-validator';

describe('matchPath', () => {
	it.each([
		['GET', '/v2/token/session/>whoAmI', '/token/session/>whoAmI'],
		['GET', '/v2/token/session/%3EwhoAmI', '/token/session/>whoAmI'],
		['PUT', '/ledger/voucher/123/%3Areverse?date=2026-01-01', '/ledger/voucher/{id}/:reverse'],
		['GET', 'https://tripletex.no/v2/ledger/voucher/%3EexternalVoucherNumber', '/ledger/voucher/>externalVoucherNumber'],
		['GET', '/ledger/voucher/42', '/ledger/voucher/{id}'],
		['POST', '/ledger/voucher/42/attachment', '/ledger/voucher/{voucherId}/attachment'],
	])('%s %s -> %s', (method, path, template) => {
		const match = matchPath(method, path);
		expect(match?.template).toBe(template);
		expect(match?.methodDefined).toBe(true);
	});

	it('returns path params and says when the method is not defined', () => {
		expect(matchPath('PUT', '/invoice/7/:payment')?.params).toEqual({ id: '7' });
		const wrongMethod = matchPath('GET', '/token/session/:create');
		expect(wrongMethod).toMatchObject({ methodDefined: false, methods: expect.arrayContaining(['PUT', 'POST']) });
		expect(matchPath('GET', '/no/such/path')).toBeNull();
	});
});

describe('validateRequestBody', () => {
	const voucher = {
		date: '2026-07-15',
		description: 'x',
		postings: [{ row: 1, account: { id: 1 }, amountGross: 10, amountGrossCurrency: 10 }],
	};

	it('accepts a valid voucher, nulls and readOnly properties', () => {
		expect(validateRequestBody('POST', '/ledger/voucher', voucher)).toEqual({ valid: true, errors: [] });
		expect(validateRequestBody('POST', '/ledger/voucher', { ...voucher, voucherType: null, number: 5 }).valid).toBe(true);
	});

	it('names the field path of a wrong type', () => {
		const result = validateRequestBody('POST', '/ledger/voucher', { ...voucher, postings: [{ row: 'first', account: { id: '7' } }] });
		expect(result.valid).toBe(false);
		expect(result.errors).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ field: 'postings.row', path: 'postings[0].row', kind: 'type' }),
				expect.objectContaining({ field: 'postings.account.id', path: 'postings[0].account.id', kind: 'type' }),
			]),
		);
	});

	it('reports unknown properties (the server refuses them) unless told not to', () => {
		const body = { ...voucher, postings: [{ ...voucher.postings[0], amountNet: 8 }] };
		const result = validateRequestBody('POST', '/ledger/voucher', body);
		expect(result.errors).toEqual([
			{ field: 'postings.amountNet', path: 'postings[0].amountNet', message: 'Feltet eksisterer ikke i objektet.', kind: 'unknown-field' },
		]);
		expect(validateRequestBody('POST', '/ledger/voucher', body, { rejectUnknownProperties: false }).valid).toBe(true);
	});

	it('checks enums and minimums', () => {
		const result = validateRequestBody('POST', '/customer', { name: 'X', invoiceSendMethod: 'PIGEON', invoicesDueIn: -1 });
		expect(result.errors.map((e) => [e.field, e.kind])).toEqual(
			expect.arrayContaining([
				['invoiceSendMethod', 'enum'],
				['invoicesDueIn', 'range'],
			]),
		);
	});

	it('treats operations without a JSON body as valid and unknown operations as a mistake', () => {
		expect(validateRequestBody('GET', '/ledger/account', undefined).valid).toBe(true);
		expect(() => validateRequestBody('PATCH', '/ledger/voucher', {})).toThrow(/not an operation/);
	});

	it('validates against a named component schema', () => {
		expect(validateAgainstSchema('OrderLine', { count: 'two' }).errors[0]).toMatchObject({ field: 'count', kind: 'type' });
	});
});
