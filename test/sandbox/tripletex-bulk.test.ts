import { seedPostedVouchers } from '../../sandbox/tripletex/bulk';
import { resetHarness, startTripletex, type TripletexHarness } from './helpers';

let h: TripletexHarness;

beforeAll(async () => {
	h = await startTripletex();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetHarness(h);
});

describe('seedPostedVouchers (benchmark seeding)', () => {
	it('books posted, balanced vouchers that the API lists page by page, dated perDay to a day', async () => {
		const result = seedPostedVouchers(h.sandbox.tripletex.emulator, { count: 25, firstDate: '2025-01-30', perDay: 10 });
		expect(result).toEqual({ count: 25, firstDate: '2025-01-30', lastDate: '2025-02-01' });

		const all = await h.call('GET', '/ledger/voucher?dateFrom=2025-01-01&dateTo=2025-03-01&from=0&count=1000&fields=*,postings(*)');
		expect(all.status).toBe(200);
		expect(all.json.fullResultSize).toBe(25);
		const first = all.json.values[0];
		expect(first).toMatchObject({ date: '2025-01-30', number: 1, externalVoucherNumber: 'bulk-1' });
		expect(first.postings.reduce((sum: number, p: { amountGross: number }) => sum + p.amountGross, 0)).toBe(0);

		const secondDay = await h.call('GET', '/ledger/voucher?dateFrom=2025-01-31&dateTo=2025-02-01&from=5&count=10');
		expect(secondDay.json.fullResultSize).toBe(10);
		expect(secondDay.json.values.map((v: { externalVoucherNumber: string }) => v.externalVoucherNumber)).toEqual([
			'bulk-16', 'bulk-17', 'bulk-18', 'bulk-19', 'bulk-20',
		]);
	});

	it('refuses a count or perDay that is not a positive whole number', () => {
		expect(() => seedPostedVouchers(h.sandbox.tripletex.emulator, { count: -1, firstDate: '2025-01-01', perDay: 1 })).toThrow('count');
		expect(() => seedPostedVouchers(h.sandbox.tripletex.emulator, { count: 1, firstDate: '2025-01-01', perDay: 0 })).toThrow('perDay');
	});
});
