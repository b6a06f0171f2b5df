/**
 * Sane bounds for the magnitudes the nodes send, checked before any request.
 *
 * A value outside them is almost always a mapping mistake (an ID, a timestamp or
 * an amount in cents mapped into a field that takes euros or kilograms, or a
 * 1e308 from a broken expression); no store order needs it. Vendors reject some
 * of these only after the session and lookups have run, others they accept and
 * book. The error names the field, the item and the bound, and says what to check.
 *
 * | Kind                                   | Bound                                |
 * | -------------------------------------- | ------------------------------------ |
 * | Money (amounts, unit prices, totals)   | \|amount\| ≤ 999 999 999.99          |
 * | Quantities (order line count, row qty) | 0 < \|quantity\| ≤ 1 000 000 000     |
 * | Posti parcel weight                    | ≤ 1 000 kg per parcel                |
 * | Posti parcel length, width, height     | ≤ 20 m                               |
 * | Posti parcel count (identical parcels) | ≤ 999 per parcel row                 |
 * | Procountor currency rate               | 0 < rate ≤ 1 000 000 (Procountor's own maximum) |
 * | Procountor payment term                | 0 to 3 650 days (ten years)          |
 *
 * Money is also limited to what fits exactly in a double as minor units; the bound
 * above is far inside that.
 */
export const BOUNDS = {
	/** Largest amount, in minor units (cents, øre): 999 999 999.99. */
	amountMinor: 99_999_999_999,
	quantity: 1_000_000_000,
	parcelWeightKg: 1_000,
	parcelDimensionM: 20,
	parcelCount: 999,
	/** Procountor PaymentInfo.currencyRate: minimum 0, maximum 1 000 000 (OpenAPI 25.12). */
	currencyRate: 1_000_000,
	paymentTermDays: 3_650,
} as const;

/** "1 000 000" for messages (a space between thousands, as in Finnish and Norwegian). */
export function formatBound(value: number): string {
	const [whole, fraction] = String(value).split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
	return fraction ? `${grouped}.${fraction}` : grouped;
}

/** The message (after "Invalid <field> in item N:") for a value over `bound`. */
export function tooLarge(what: string, bound: string, unit = ''): string {
	return `is more than ${bound}${unit}, the largest ${what} the node sends. Check that the field maps the ${what} (not an ID, a timestamp or a value in another unit); nothing was sent`;
}
