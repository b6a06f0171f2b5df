/**
 * Checks on national identifiers, run before anything is sent so a typo is caught
 * in the workflow rather than stored in the books.
 */

const NORWEGIAN_ORGANIZATION_NUMBER_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Spaces, dots and dashes people type in "923 609 016" or "923.609.016". */
export function compactIdentifier(value: string): string {
	return value.replace(/[\s\u00a0.-]/g, '');
}

/**
 * Norwegian organisation number (Brønnøysund): 9 digits, the last a mod-11 check digit
 * over the first 8 with weights 3,2,7,6,5,4,3,2. A remainder giving 10 is never issued.
 */
export function isNorwegianOrganizationNumber(value: string): boolean {
	const digits = compactIdentifier(value);
	if (!/^\d{9}$/.test(digits)) return false;
	const sum = NORWEGIAN_ORGANIZATION_NUMBER_WEIGHTS.reduce(
		(total, weight, index) => total + weight * Number(digits[index]),
		0,
	);
	const remainder = sum % 11;
	const checkDigit = remainder === 0 ? 0 : 11 - remainder;
	return checkDigit !== 10 && checkDigit === Number(digits[8]);
}

const FINNISH_BUSINESS_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

/**
 * Finnish business ID (Y-tunnus) in its written form "1234567-8": 7 digits (older
 * 6-digit IDs get a leading 0), a dash and a mod-11 check digit with weights
 * 7,9,10,5,8,4,2. Returns undefined when the value is not one.
 */
export function normalizeFinnishBusinessId(value: string): string | undefined {
	const text = value.replace(/[\s\u00a0]/g, '').replace(/^FI/i, '');
	const match = /^(\d{6,7})-?(\d)$/.exec(text);
	if (!match) return undefined;
	const body = match[1].padStart(7, '0');
	const sum = FINNISH_BUSINESS_ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(body[index]), 0);
	const remainder = sum % 11;
	if (remainder === 1) return undefined;
	const checkDigit = remainder === 0 ? 0 : 11 - remainder;
	return checkDigit === Number(match[2]) ? `${body}-${checkDigit}` : undefined;
}

export function isFinnishBusinessId(value: string): boolean {
	return normalizeFinnishBusinessId(value) !== undefined;
}

/** IBAN lengths of the countries a Nordic web store meets most; others are checked by mod-97 only. */
const IBAN_LENGTHS: Record<string, number> = {
	AT: 20, BE: 16, CH: 21, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, IE: 22, IT: 27, LT: 20, LU: 20, LV: 21, NL: 18, NO: 15, PL: 28, SE: 24,
};

/** "FI21 1234 5600 0007 85" to "FI2112345600000785". */
export function compactIban(value: string): string {
	return value.replace(/[\s\u00a0-]/g, '').toUpperCase();
}

/** ISO 13616 IBAN: country code, two check digits, up to 30 letters/digits; mod 97 of the rearranged number is 1. */
export function isValidIban(value: string): boolean {
	const iban = compactIban(value);
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
	const expectedLength = IBAN_LENGTHS[iban.slice(0, 2)];
	if (expectedLength !== undefined && iban.length !== expectedLength) return false;
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	let remainder = 0;
	for (const character of rearranged) {
		const digits = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
		for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	}
	return remainder === 1;
}
