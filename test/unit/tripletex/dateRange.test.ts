import { dayAfter } from '../../../nodes/Tripletex/dateRange';

describe('dayAfter (inclusive end date to Tripletex exclusive one)', () => {
	test.each([
		['2026-07-15', '2026-07-16'],
		['2026-07-31', '2026-08-01'],
		['2026-12-31', '2027-01-01'],
		['2028-02-28', '2028-02-29'],
		['2026-02-28', '2026-03-01'],
		['2026-03-28', '2026-03-29'],
		['2026-10-25', '2026-10-26'],
	])('%s → %s', (date, next) => {
		expect(dayAfter(date)).toBe(next);
	});
});
