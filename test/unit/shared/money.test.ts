import { formatMinorUnits, fromMinorUnits, moneyAmountSchema, MoneyFormatError, sumMinorUnits, toMinorUnits } from '../../../nodes/shared/money';

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
		['-99.9999', -10000],
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

describe('amounts given as text must be unambiguous (Decimal Separator: Auto)', () => {
	it.each([
		['1250', 125000],
		['1250.5', 125050],
		['1250,50', 125050],
		['1 234,50', 123450],
		['1 234.50', 123450],
		['1\u00a0234,50', 123450],
		['1,234.50', 123450],
		['1.234,50', 123450],
		['1,234,567', 123456700],
		['1.234.567', 123456700],
		['1,234,567.89', 123456789],
		['1.234.567,89', 123456789],
		['0.125', 13],
		['0,125', 13],
		['1234.567', 123457],
		['1 234,567', 123457],
		['12.3456', 1235],
		['-12.5', -1250],
		['+12,5', 1250],
		['  42  ', 4200],
		['-0.001', 0],
	])('%p becomes %p minor units', (input, expected) => {
		expect(toMinorUnits(input)).toBe(expected);
	});

	it.each([['1,234'], ['1.234'], ['-12.500'], ['999,999']])('rejects %p as ambiguous, saying how to write it', (input) => {
		expect(() => toMinorUnits(input)).toThrow(MoneyFormatError);
		expect(() => toMinorUnits(input)).toThrow(/is ambiguous: it could be \d+ or \d+\.\d{3}\. Write \d+ or \d+\.00 for the larger amount/);
	});

	it('points to the Decimal Separator option only where the operation has one', () => {
		expect(() => toMinorUnits('1,234')).not.toThrow(/Decimal Separator/);
		expect(() => toMinorUnits('1,234', { separatorOption: true })).toThrow(/or choose the Decimal Separator under Options/);
	});

	it.each([['12.3.4'], ['1,2.5'], ['12 34'], ['1.2345,6'], ['12.'], ['.5'], ['1e5'], ['12 €'], ['0x10'], ['-'], ['1,23,456.00']])(
		'rejects %p as not an amount',
		(input) => {
			expect(() => toMinorUnits(input)).toThrow(MoneyFormatError);
		},
	);
});

describe('Decimal Separator: Point or Comma', () => {
	it.each([
		['1,234', 'point', 123400],
		['1.234', 'point', 123],
		['1,234.5', 'point', 123450],
		['1 234.5', 'point', 123450],
		['1.234', 'comma', 123400],
		['1,234', 'comma', 123],
		['1.234,5', 'comma', 123450],
		['1 234,5', 'comma', 123450],
		['1250', 'comma', 125000],
	] as const)('%p with %p becomes %p', (input, decimalSeparator, expected) => {
		expect(toMinorUnits(input, { decimalSeparator })).toBe(expected);
	});

	it.each([
		['12,5', 'point'],
		['1.234,5', 'point'],
		['12.5', 'comma'],
		['1,234.5', 'comma'],
	] as const)('rejects %p with %p, naming the separator', (input, decimalSeparator) => {
		expect(() => toMinorUnits(input, { decimalSeparator })).toThrow(/is not an amount with Decimal Separator (Point|Comma)/);
	});

	it('does not change how numbers are read', () => {
		expect(toMinorUnits(1.234, { decimalSeparator: 'comma' })).toBe(123);
		expect(toMinorUnits(1234, { decimalSeparator: 'point' })).toBe(123400);
	});
});

describe('magnitudes', () => {
	it.each([[999_999_999.99, 99_999_999_999], ['999 999 999,99', 99_999_999_999], [-999_999_999.99, -99_999_999_999]])(
		'%p is the largest amount',
		(input, expected) => {
			expect(toMinorUnits(input)).toBe(expected);
		},
	);

	it.each([[1e9], [1e20], [1e308], [-1e20], ['1000000000'], ['100000000000000000000000'], [999_999_999.996]])(
		'rejects %p, naming the bound and what to check',
		(input) => {
			expect(() => toMinorUnits(input)).toThrow(
				/is more than 999 999 999\.99, the largest amount the node sends\. Check that the field maps an amount/,
			);
		},
	);

	it.each([[Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY], [Number.NaN]])('rejects %p', (input) => {
		expect(() => toMinorUnits(input)).toThrow(MoneyFormatError);
	});

	it('the zod schema reports the message as an issue', () => {
		const result = moneyAmountSchema().safeParse('1,234');
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toContain('is ambiguous');
	});
});
