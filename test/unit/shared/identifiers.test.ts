import {
	compactIdentifier,
	isFinnishBusinessId,
	isNorwegianOrganizationNumber,
	isValidIban,
	normalizeFinnishBusinessId,
} from '../../../nodes/shared/identifiers';

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

describe('Finnish business ID (Y-tunnus)', () => {
	test.each([
		['1234567-1', '1234567-1'],
		['0112038-9', '0112038-9'],
		['01120389', '0112038-9'],
		['112038-9', '0112038-9'],
		['2345678-0', '2345678-0'],
		['FI12345671', '1234567-1'],
	])('accepts %s as %s', (value, normalized) => {
		expect(normalizeFinnishBusinessId(value)).toBe(normalized);
	});

	test.each(['1234567-8', '1234567', '12345678-1', 'ABCDEFG-1', '', '1234567-'])('refuses %p', (value) => {
		expect(isFinnishBusinessId(value)).toBe(false);
	});

	test('a remainder of 1 is never issued', () => {
		// 0000110: 8·1 + 4·1 = 12, remainder 1
		for (let digit = 0; digit <= 9; digit++) expect(isFinnishBusinessId(`0000110-${digit}`)).toBe(false);
	});
});

describe('IBAN', () => {
	test.each(['FI2112345600000785', 'FI21 1234 5600 0007 85', 'fi4950009420028730', 'NO9386011117947', 'DE89370400440532013000', 'GB82WEST12345698765432'])('accepts %s', (value) => {
		expect(isValidIban(value)).toBe(true);
	});

	test.each(['FI2112345600000786', 'FI211234560000078', 'XX', '', 'FI21-1234-5600-0007-8X'])('refuses %p', (value) => {
		expect(isValidIban(value)).toBe(false);
	});
});
