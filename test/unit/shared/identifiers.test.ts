import { compactIdentifier, isNorwegianOrganizationNumber } from '../../../nodes/shared/identifiers';

describe('isNorwegianOrganizationNumber', () => {
	test.each(['923609016', '974760673', '923 609 016', '923.609.016'])('accepts %s', (value) => {
		expect(isNorwegianOrganizationNumber(value)).toBe(true);
	});

	test('a remainder of 0 gives check digit 0', () => {
		// 1*3 + 4*2 = 11
		expect(isNorwegianOrganizationNumber('100000040')).toBe(true);
		expect(isNorwegianOrganizationNumber('100000041')).toBe(false);
	});

	test('a remainder of 1 (check digit 10) is never valid', () => {
		// 6*2 = 12, remainder 1
		for (let digit = 0; digit <= 9; digit++) {
			expect(isNorwegianOrganizationNumber(`00000006${digit}`)).toBe(false);
		}
	});

	test.each(['923609017', '92360901', '9236090160', 'NO923609016', '', '92360901a'])('refuses %p', (value) => {
		expect(isNorwegianOrganizationNumber(value)).toBe(false);
	});
});

describe('compactIdentifier', () => {
	test('drops spaces, no-break spaces, dots and dashes', () => {
		expect(compactIdentifier(' 923\u00a0609.016-')).toBe('923609016');
	});
});
