/**
 * Money is carried in integer minor units (øre, cents) and rounded once, to two
 * decimals, at the edge: floating-point sums of decimal amounts drift.
 *
 * Amounts given as text must be unambiguous (see `toMinorUnits`); amounts of any
 * form must be within `BOUNDS.amountMinor` (999 999 999.99).
 */
import { z } from 'zod';

import { BOUNDS, formatBound } from './bounds';

export class MoneyFormatError extends Error {}

/**
 * How amounts given as text are read. `auto` takes the last of "." and "," as the
 * decimal separator when both occur, and rejects a single separator followed by
 * exactly three digits ("1,234", "1.234"): that could be 1234 or 1.234.
 */
export type DecimalSeparator = 'auto' | 'point' | 'comma';

export const DECIMAL_SEPARATORS: readonly DecimalSeparator[] = ['auto', 'point', 'comma'];

export interface MoneyOptions {
	decimalSeparator?: DecimalSeparator;
	/** Whether the operation has a Decimal Separator option the messages may point to (default false). */
	separatorOption?: boolean;
}

const SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;

function boundError(value: unknown): MoneyFormatError {
	return new MoneyFormatError(
		`${typeof value === 'string' ? `"${value}"` : String(value)} is more than ${formatBound(BOUNDS.amountMinor / 100)}, the largest amount the node sends. ` +
			'Check that the field maps an amount in the currency (not an ID, a timestamp or an amount in cents)',
	);
}

/** Integer part with optional thousands separators: 1-3 digits, then groups of exactly 3. */
function wholeDigits(whole: string, grouping: string[]): string | undefined {
	if (!whole) return undefined;
	const pattern = grouping.length ? new RegExp(`[${grouping.map((char) => `\\${char}`).join('')}]`) : undefined;
	const groups = pattern ? whole.split(pattern) : [whole];
	if (groups.some((group) => !/^\d+$/.test(group))) return undefined;
	if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((group) => group.length !== 3))) return undefined;
	return groups.join('');
}

/** Splits "1.234,50" into whole digits and fraction digits, or explains why it is not an amount. */
function splitAmount(text: string, original: string, options: Required<MoneyOptions>): { whole: string; fraction: string } {
	const how = options.separatorOption
		? 'write it without thousands separators, e.g. 1234.50, or choose the Decimal Separator under Options'
		: 'write it without thousands separators, e.g. 1234.50';
	const notAmount = () => new MoneyFormatError(`"${original}" is not an amount: ${how}`);
	const hasSpaceGroups = /[\s\u00a0\u2007\u2009\u202f]/.test(text);
	const body = text.replace(SPACES, ' ');
	if (!/^[\d., ]+$/.test(body)) throw new MoneyFormatError(`"${original}" is not an amount`);

	let decimal: '.' | ',' | undefined;
	if (options.decimalSeparator === 'point') decimal = body.includes('.') ? '.' : undefined;
	else if (options.decimalSeparator === 'comma') decimal = body.includes(',') ? ',' : undefined;
	else {
		const points = body.split('.').length - 1;
		const commas = body.split(',').length - 1;
		if (points && commas) decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
		else if (points === 1 || commas === 1) {
			const separator = points ? '.' : ',';
			const [whole, fraction] = body.split(separator);
			const wholeCompact = whole.replace(/ /g, '');
			const couldBeThousands =
				fraction.length === 3 && !hasSpaceGroups && /^[1-9]\d{0,2}$/.test(wholeCompact);
			if (couldBeThousands) {
				throw new MoneyFormatError(
					`"${original}" is ambiguous: it could be ${wholeCompact}${fraction} or ${wholeCompact}.${fraction}. ` +
						`Write ${wholeCompact}${fraction} or ${wholeCompact}${fraction}.00 for the larger amount, ${wholeCompact}.${fraction}0 for the smaller` +
						(options.separatorOption ? ', or choose the Decimal Separator under Options' : ''),
				);
			}
			decimal = separator;
		}
		// Several of one kind and none of the other ("1,234,567"): thousands separators only.
	}
	const grouping = [' ', '.', ','].filter((char) => char !== decimal);
	const parts = decimal ? body.split(decimal) : [body];
	if (parts.length > 2) throw notAmount();
	const whole = wholeDigits(parts[0], grouping);
	const fraction = parts[1] ?? '';
	if (whole === undefined || (decimal && !/^\d+$/.test(fraction))) {
		if (options.decimalSeparator !== 'auto' && /[.,]/.test(body)) {
			const name = options.decimalSeparator === 'point' ? 'Point (.)' : 'Comma (,)';
			const other = options.decimalSeparator === 'point' ? ',' : '.';
			throw new MoneyFormatError(
				`"${original}" is not an amount with Decimal Separator ${name}: "${other}" may only separate thousands (groups of three digits)`,
			);
		}
		throw notAmount();
	}
	return { whole, fraction };
}

/**
 * Reads an amount into minor units.
 *
 * - Numbers: any finite number; more than two decimals round half away from zero (1.005 → 1.01).
 * - Text: an integer ("1250"), or one decimal separator followed by digits ("1250.5", "1250,50");
 *   thousands separators (space, "." or ",") when unambiguous: "1 234,50", "1,234.50", "1.234,50",
 *   "1,234,567". More than two decimals round half away from zero, as for numbers.
 *   Rejected as ambiguous under `auto`: one "." or "," followed by exactly three digits after
 *   1-3 digits ("1,234", "1.234", "-12.500"); give 1234, 1234.00 or 1.2340, or set the separator.
 * - At most 999 999 999.99 either way (`BOUNDS.amountMinor`).
 */
export function toMinorUnits(value: unknown, options: MoneyOptions = {}): number {
	const settings: Required<MoneyOptions> = { decimalSeparator: 'auto', separatorOption: false, ...options };
	let negative = false;
	let whole: string;
	let fraction: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new MoneyFormatError(`${value} is not an amount`);
		if (Math.abs(value) > BOUNDS.amountMinor / 100 + 0.005) throw boundError(value);
		negative = value < 0;
		[whole, fraction] = Math.abs(value).toFixed(6).split('.');
	} else if (typeof value === 'string') {
		let text = value.trim();
		if (/^[+-]/.test(text)) {
			negative = text.startsWith('-');
			text = text.slice(1).trim();
		}
		if (!text) throw new MoneyFormatError(`"${value}" is not an amount`);
		({ whole, fraction } = splitAmount(text, value, settings));
	} else {
		throw new MoneyFormatError(`${JSON.stringify(value) ?? String(value)} is not an amount`);
	}
	const wholeNumber = Number(whole);
	if (!Number.isSafeInteger(wholeNumber) || wholeNumber > BOUNDS.amountMinor / 100) throw boundError(value);
	const cents = wholeNumber * 100 + Number((fraction + '00').slice(0, 2));
	const roundsUp = Number(fraction.charAt(2) || '0') >= 5;
	const minor = cents + (roundsUp ? 1 : 0);
	if (minor > BOUNDS.amountMinor) throw boundError(value);
	return negative && minor !== 0 ? -minor : minor;
}

/** zod: an amount as typed or mapped (1250, "1250,50", "1 250.50") to integer minor units. */
export function moneyAmountSchema(options: MoneyOptions = {}) {
	return z.union([z.number(), z.string()]).transform((value, context) => {
		try {
			return toMinorUnits(value, options);
		} catch (error) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: (error as MoneyFormatError).message });
			return z.NEVER;
		}
	});
}

/** Minor units back to a number with at most two decimals, for the request body. */
export function fromMinorUnits(minor: number): number {
	return Math.round(minor) / 100;
}

export function sumMinorUnits(amounts: number[]): number {
	return amounts.reduce((total, amount) => total + amount, 0);
}

/** "1 250.00"-style text for messages. */
export function formatMinorUnits(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
