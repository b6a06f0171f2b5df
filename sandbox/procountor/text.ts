import { wallClockDateTime } from '../framework/wall-clock';

/** Checks Procountor applies to values: Windows-1252 text, Finnish business IDs, IBANs, reference numbers. */

/** Characters Windows-1252 maps into 0x80-0x9F (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned). */
const CP1252_HIGH = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** The first character of `text` that Windows-1252 cannot encode, or undefined. */
export function firstNonCp1252(text: string): string | undefined {
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code <= 0x7f || (code >= 0xa0 && code <= 0xff)) continue;
		if (CP1252_HIGH.has(ch)) continue;
		return ch;
	}
	return undefined;
}

export interface EncodingProblem {
	field: string;
	char: string;
}

/** Every string in a JSON value (keys included) with a character outside Windows-1252, by field path. */
export function findNonCp1252(value: unknown, path = ''): EncodingProblem[] {
	if (typeof value === 'string') {
		const char = firstNonCp1252(value);
		return char === undefined ? [] : [{ field: path, char }];
	}
	if (Array.isArray(value)) return value.flatMap((v, i) => findNonCp1252(v, `${path}[${i}]`));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => {
			const field = path ? `${path}.${k}` : k;
			const keyChar = firstNonCp1252(k);
			return [...(keyChar ? [{ field, char: keyChar }] : []), ...findNonCp1252(v, field)];
		});
	}
	return [];
}

export function codePointLabel(ch: string): string {
	return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Finnish business ID (Y-tunnus) `1234567-8`: weights 7,9,10,5,8,4,2; mod 11; remainder 1 is never issued. */
export function isValidBusinessId(value: string): boolean {
	const match = /^(\d{7})-(\d)$/.exec(value);
	if (!match) return false;
	const weights = [7, 9, 10, 5, 8, 4, 2];
	const sum = [...match[1]].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
	const remainder = sum % 11;
	if (remainder === 1) return false;
	return (remainder === 0 ? 0 : 11 - remainder) === Number(match[2]);
}

/** ISO 13616 IBAN (mod 97 = 1); spaces are not allowed, as Procountor requires. */
export function isValidIban(value: string): boolean {
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return false;
	if (value.startsWith('FI') && value.length !== 18) return false;
	const rearranged = value.slice(4) + value.slice(0, 4);
	let remainder = 0;
	for (const ch of rearranged) {
		const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
		for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
	}
	return remainder === 1;
}

/** Check digit of a Finnish reference number (viitenumero): weights 7,3,1 from the right. */
export function finnishReferenceCheckDigit(base: string): number {
	const weights = [7, 3, 1];
	let sum = 0;
	[...base].reverse().forEach((d, i) => {
		sum += Number(d) * weights[i % 3];
	});
	return (10 - (sum % 10)) % 10;
}

/** A Finnish reference number for a base (at least 3 digits, padded with a leading 1 if shorter). */
export function finnishReference(base: number | string): string {
	let digits = String(base);
	while (digits.length < 3) digits = `1${digits}`;
	return `${digits}${finnishReferenceCheckDigit(digits)}`;
}

/** 4-20 digits (spaces allowed) whose last digit is the 7-3-1 check digit. */
export function isValidFinnishReference(value: string): boolean {
	const digits = value.replace(/ /g, '');
	if (!/^\d{4,20}$/.test(digits) || /^0/.test(digits)) return false;
	return finnishReferenceCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** ISO 11649 creditor reference `RFkk<ref>` built from a Finnish reference. */
export function rfReference(reference: string): string {
	const numeric = `${reference}RF00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
	let remainder = 0;
	for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
	return `RF${String(98 - remainder).padStart(2, '0')}${reference}`;
}

export function isValidRfReference(value: string): boolean {
	const compact = value.replace(/ /g, '').toUpperCase();
	if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
	const numeric = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
	let remainder = 0;
	for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
	return remainder === 1;
}

export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Helsinki calendar date of an instant. */
export function helsinkiDate(epochMs: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date(epochMs));
}

/** Helsinki local date-time `2017-01-30T15:20:00` (Procountor's datetime format). */
export function helsinkiDateTime(epochMs: number): string {
	return wallClockDateTime(epochMs, 'Europe/Helsinki');
}

/** `yyyy-MM-ddTHH:mm:ss[.fff]` padded to milliseconds, so strings compare as times. */
export function localTime(value: string): string {
	const [whole, fraction = ''] = value.split('.');
	return `${whole}.${fraction.padEnd(3, '0').slice(0, 3)}`;
}
