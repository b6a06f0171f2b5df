import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { BOUNDS, formatBound, tooLarge } from '../../../shared/bounds';
import type { InputFormat } from '../../../shared/inputFormat';
import { perFormat } from '../../../shared/inputFormat';
import { formatMinorUnits } from '../../../shared/money';
import { blankToUndefined, limitedText, moneyAmountSchema, percentage } from '../../schemas';
import type { Problem } from './problems';
import type { InvoicePayload } from './shared';

/** One invoice row as the user gives it, in the fixed collection or the JSON array. */
export const rowInputSchemaFor = perFormat((format: InputFormat) => {
	const money = moneyAmountSchema({ decimalSeparator: format.decimalSeparator, separatorOption: true });
	return z
		.object({
			product: limitedText(100),
			productCode: limitedText(40),
			quantity: z.preprocess(
				blankToUndefined,
				z.coerce
					.number({ invalid_type_error: 'must be a number' })
					.finite('must be a number')
					.refine((quantity) => quantity !== 0, 'must not be 0')
					.refine((quantity) => Math.abs(quantity) <= BOUNDS.quantity, tooLarge('quantity', formatBound(BOUNDS.quantity)))
					.default(1),
			),
			unit: z.preprocess(
				blankToUndefined,
				z
					.string()
					.trim()
					.toUpperCase()
					.regex(/^[A-Z_]+$/, 'must be a Procountor unit such as PIECE, HOUR, KILOGRAM or NO_UNIT')
					.default('PIECE'),
			),
			unitPrice: z.preprocess(blankToUndefined, money.optional()),
			vatPercent: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: 'must be a VAT percentage' }).min(0).max(100).optional()),
			discountPercent: z.preprocess(blankToUndefined, percentage.default(0)),
			comment: limitedText(512),
			/** The store's line total (same VAT basis as the unit price, after discount), to check the arithmetic. */
			total: z.preprocess(blankToUndefined, money.optional()),
		})
		.strict();
});

export type RowInput = z.output<ReturnType<typeof rowInputSchemaFor>>;

/** Wrapped in an object so messages name the path as "rows[1].unitPrice". */
export const rowsInputSchemaFor = perFormat((format: InputFormat) =>
	z.object({
		rows: z
			.array(rowInputSchemaFor(format), { invalid_type_error: 'must be an array of invoice rows' })
			.min(1, 'an invoice needs at least one row'),
	}),
);

/** The default reading (Decimal Separator Auto). */
export const rowInputSchema = rowInputSchemaFor({ decimalSeparator: 'auto', timeZone: 'UTC' });
export const rowsInputSchema = rowsInputSchemaFor({ decimalSeparator: 'auto', timeZone: 'UTC' });

/** Fixed-collection rows use the same keys as the JSON form; empty values mean "not set". */
export function rowsFromCollection(rows: IDataObject[]): IDataObject[] {
	return rows.map((row) => {
		const cleaned: IDataObject = {};
		for (const [key, value] of Object.entries(row)) {
			if (value === '' || value === undefined || value === null) continue;
			cleaned[key] = value;
		}
		return cleaned;
	});
}

/**
 * A row's total in cents, incl. VAT, rounded once per row, as an invoice shows it.
 * Net prices get the VAT added; gross prices are taken as they are.
 */
export function rowGrossCents(row: { unitPrice: number; quantity: number; discountPercent: number; vatPercent: number }, pricesIncludeVat: boolean, invoiceDiscountPercent = 0): number {
	const discounted = row.unitPrice * row.quantity * (1 - row.discountPercent / 100) * (1 - invoiceDiscountPercent / 100);
	return Math.round(pricesIncludeVat ? discounted : discounted * (1 + row.vatPercent / 100));
}

/** A row's total on the basis of its unit price (incl. or excl. VAT), after discount. */
export function rowAmountCents(row: { unitPrice: number; quantity: number; discountPercent: number }): number {
	return Math.round(row.unitPrice * row.quantity * (1 - row.discountPercent / 100));
}

/**
 * Row totals given by the store must match quantity × price − discount to the cent
 * (±1 cent for the store's own rounding); the order total must match the sum of the
 * rows incl. VAT, within half a cent per row.
 */
export function checkArithmetic(
	rows: Array<{ unitPrice: number; quantity: number; discountPercent: number; vatPercent: number; total?: number }>,
	pricesIncludeVat: boolean,
	invoiceDiscountPercent: number,
	expectedTotal?: number,
): Problem[] {
	const problems: Problem[] = [];
	rows.forEach((row, index) => {
		if (row.total === undefined) return;
		const computed = rowAmountCents(row);
		if (Math.abs(computed - row.total) > 1) {
			problems.push({
				path: ['rows', index, 'total'],
				message: `is ${formatMinorUnits(row.total)} but quantity × unit price − discount is ${formatMinorUnits(computed)}`,
			});
		}
	});
	if (expectedTotal !== undefined) {
		const sum = rows.reduce((total, row) => total + rowGrossCents(row, pricesIncludeVat, invoiceDiscountPercent), 0);
		if (Math.abs(sum - expectedTotal) > Math.ceil(rows.length / 2)) {
			problems.push({
				path: ['orderTotal'],
				message: `is ${formatMinorUnits(expectedTotal)} but the rows add up to ${formatMinorUnits(sum)} incl. VAT`,
			});
		}
	}
	return problems;
}

/** Rows need a text, a price and a VAT rate, unless a matched product supplies them. */
export function rowGaps(invoice: InvoicePayload): Problem[] {
	const gaps: Problem[] = [];
	invoice.invoiceRows.forEach((row, index) => {
		if (!row.product) gaps.push({ path: ['rows', index, 'product'], message: 'is required (the row text), or match the row to a product by code' });
		if (row.unitPrice === undefined) gaps.push({ path: ['rows', index, 'unitPrice'], message: 'is required' });
		if (row.vatPercent === undefined) gaps.push({ path: ['rows', index, 'vatPercent'], message: 'is required' });
	});
	return gaps;
}
