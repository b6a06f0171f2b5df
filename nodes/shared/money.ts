/**
 * Money is carried in integer minor units (øre, cents) and rounded once, to two
 * decimals, at the edge: floating-point sums of decimal amounts drift.
 */

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

export class MoneyFormatError extends Error {}

/** Parses 1250, 1250.5, "1250,50" or "1 250.50" into minor units, rounding half away from zero. */
export function toMinorUnits(value: unknown): number {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new MoneyFormatError(`${value} is not an amount`);
		text = value.toFixed(6);
	} else if (typeof value === 'string') {
		text = value.replace(/[\s\u00a0]/g, '');
	} else {
		throw new MoneyFormatError(`${JSON.stringify(value)} is not an amount`);
	}
	if (!DECIMAL.test(text)) throw new MoneyFormatError(`"${String(value)}" is not an amount`);
	const negative = text.startsWith('-');
	const [whole, fraction = ''] = text.replace(/^[+-]/, '').split(/[.,]/);
	const cents = Number(whole) * 100 + Number((fraction + '000').slice(0, 2));
	const roundsUp = Number(fraction.charAt(2) || '0') >= 5;
	const minor = cents + (roundsUp ? 1 : 0);
	return negative ? -minor : minor;
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
