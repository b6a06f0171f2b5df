/**
 * Amounts are handled in integer øre. Rounding is half away from zero, like Java's
 * BigDecimal HALF_UP on the server; toPrecision strips float noise (1.005 * 100).
 */
export function roundHalfUp(value: number): number {
	const clean = Number(value.toPrecision(12));
	return Math.sign(clean) * Math.round(Math.abs(clean));
}

export function toOre(amount: number): number {
	return roundHalfUp(amount * 100);
}

export function fromOre(ore: number): number {
	return ore / 100;
}

/** Net part of a VAT-inclusive amount: gross / (1 + rate). */
export function netOfGross(grossOre: number, percentage: number): number {
	return roundHalfUp((grossOre * 100) / (100 + percentage));
}

/** VAT-inclusive amount from a net one: net * (1 + rate). */
export function grossOfNet(netOre: number, percentage: number): number {
	return roundHalfUp((netOre * (100 + percentage)) / 100);
}
