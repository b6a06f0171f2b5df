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
