import { formatMinorUnits, fromMinorUnits, MoneyFormatError, sumMinorUnits, toMinorUnits } from '../../../nodes/shared/money';

describe('money in minor units', () => {
	it.each([
		[1250, 125000],
		[1250.5, 125050],
		['1250,50', 125050],
		['1 250.50', 125050],
		[-0.01, -1],
		[1.005, 101],
		[-1.005, -101],
		[0.1 + 0.2, 30],
		['-99.999', -10000],
	])('%p becomes %p minor units', (input, expected) => {
		expect(toMinorUnits(input)).toBe(expected);
	});

	it('sums without floating-point drift', () => {
		const amounts = Array.from({ length: 1000 }, () => toMinorUnits(0.1));
		expect(sumMinorUnits(amounts)).toBe(10000);
		expect(fromMinorUnits(sumMinorUnits(amounts))).toBe(100);
	});

	it.each([['abc'], [''], [Number.NaN], [null], ['12.3.4']])('rejects %p', (input) => {
		expect(() => toMinorUnits(input)).toThrow(MoneyFormatError);
	});

	it('formats for messages', () => {
		expect(formatMinorUnits(-1250)).toBe('-12.50');
		expect(formatMinorUnits(5)).toBe('0.05');
	});
});
