/**
 * The contract check itself: every Tripletex unit test ends (tearDownNock) by validating
 * each JSON body the node sent against Tripletex's OpenAPI spec. These tests prove the
 * check sees the bodies and would fail on a body the spec rejects.
 */
import {
	V2,
	checkedBodyCount,
	contractViolations,
	listOf,
	mockTripletex,
	runTripletex,
	setUpNock,
	tearDownNock,
} from '../unit/tripletex/helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

test('the bodies a voucher create sends are seen and valid', async () => {
	const { api } = mockTripletex();
	api
		.get(`${V2}/ledger/account`)
		.query(true)
		.reply(200, listOf([{ id: 1, number: 1920, name: 'Bank' }, { id: 2, number: 3000, name: 'Salg' }]))
		.post(`${V2}/ledger/voucher`)
		.query(true)
		.reply(201, { value: { id: 9 } });

	const result = await runTripletex({
		resource: 'voucher',
		operation: 'create',
		date: '2026-07-15',
		description: 'Contract',
		postingsSource: 'json',
		postingsJson: JSON.stringify([
			{ account: 1920, amount: 10 },
			{ account: 3000, amount: -10 },
		]),
	});

	expect(result.error).toBeUndefined();
	expect(checkedBodyCount()).toBe(2); // session create + voucher
	expect(contractViolations()).toEqual([]);
});

test('a body the spec rejects is reported with its path', () => {
	const violations = contractViolations([
		{
			method: 'POST',
			path: '/v2/ledger/voucher',
			contentType: 'application/json',
			body: JSON.stringify({ date: '2026-07-15', postings: [{ row: 'one', account: { id: 1 } }], acount: 1 }),
		},
		{ method: 'POST', path: '/v2/no/such/endpoint', contentType: 'application/json', body: '{}' },
	]);
	expect(violations).toHaveLength(2);
	expect(violations[0]).toMatch(/^POST \/v2\/ledger\/voucher: .*row/);
	expect(violations[0]).toContain('acount');
	expect(violations[1]).toContain("not an operation in Tripletex's spec");
});
