import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { BOUNDS, formatBound, tooLarge } from '../../../shared/bounds';
import type { InputFormat } from '../../../shared/inputFormat';
import { perFormat } from '../../../shared/inputFormat';
import { blankToUndefined, idRefSchema, isoDate, moneyAmountSchema, optionalId, optionalText, optionalVatCode } from '../../schemas';

/** One order line as the user gives it, in the fixed collection or the JSON array. */
export const lineInputSchemaFor = perFormat((format: InputFormat) =>
	z
		.object({
			description: optionalText,
			productId: optionalId,
			productNumber: z.preprocess(
				(value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)),
				z.string().trim().optional(),
			),
			count: z.preprocess(
				blankToUndefined,
				z.coerce
					.number({ invalid_type_error: 'must be a number' })
					.finite('must be a number')
					.refine((count) => count !== 0, 'must not be 0')
					.refine((count) => Math.abs(count) <= BOUNDS.quantity, tooLarge('quantity', formatBound(BOUNDS.quantity)))
					.default(1),
			),
			unitPrice: z.preprocess(blankToUndefined, moneyAmountSchema({ decimalSeparator: format.decimalSeparator, separatorOption: true }).optional()),
			vatCode: optionalVatCode,
			discount: z.preprocess(
				blankToUndefined,
				z.coerce
					.number({ invalid_type_error: 'must be a percentage' })
					.min(0, 'must be a percentage from 0 to 100')
					.max(100, 'must be a percentage from 0 to 100')
					.optional(),
			),
		})
		.strict()
		.superRefine((line, context) => {
			if (line.productId !== undefined && line.productNumber !== undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['productNumber'],
					message: 'give either productId or productNumber, not both',
				});
			}
			const hasProduct = line.productId !== undefined || line.productNumber !== undefined;
			if (!hasProduct && line.description === undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['description'],
					message: 'is required on a line without a product',
				});
			}
			if (!hasProduct && line.unitPrice === undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['unitPrice'],
					message: "is required on a line without a product (a product line may use the product's price)",
				});
			}
		}),
);

export type LineInput = z.output<ReturnType<typeof lineInputSchemaFor>>;

/** Wrapped in an object so messages name the path as "lines[1].discount". */
export const linesInputSchemaFor = perFormat((format: InputFormat) =>
	z.object({
		lines: z
			.array(lineInputSchemaFor(format), { invalid_type_error: 'must be an array of order lines' })
			.min(1, 'an order needs at least one line'),
	}),
);

/** The default reading (Decimal Separator Auto). */
export const lineInputSchema = lineInputSchemaFor({ decimalSeparator: 'auto', timeZone: 'UTC' });
export const linesInputSchema = linesInputSchemaFor({ decimalSeparator: 'auto', timeZone: 'UTC' });

const orderLineSchema = z
	.object({
		product: idRefSchema.optional(),
		description: z.string().optional(),
		count: z.number(),
		unitPriceExcludingVatCurrency: z.number().optional(),
		unitPriceIncludingVatCurrency: z.number().optional(),
		vatType: idRefSchema.optional(),
		discount: z.number().min(0).max(100).optional(),
	})
	.strict();

/** Tripletex's Order (the subset this node sends), checked before sending. */
export const orderPayloadSchema = z
	.object({
		customer: idRefSchema,
		orderDate: isoDate,
		deliveryDate: isoDate,
		isPrioritizeAmountsIncludingVat: z.boolean(),
		reference: z.string().optional(),
		invoiceComment: z.string().optional(),
		ourContactEmployee: idRefSchema.optional(),
		orderLines: z.array(orderLineSchema).min(1),
	})
	.strict()
	.superRefine((order, context) => {
		// Tripletex rejects a line carrying both prices, or the one that does not match the flag.
		const unwanted = order.isPrioritizeAmountsIncludingVat ? 'unitPriceExcludingVatCurrency' : 'unitPriceIncludingVatCurrency';
		order.orderLines.forEach((line, index) => {
			if (line[unwanted] !== undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['orderLines', index, unwanted],
					message: `must not be sent when isPrioritizeAmountsIncludingVat is ${order.isPrioritizeAmountsIncludingVat}`,
				});
			}
		});
	});

export type OrderPayload = z.output<typeof orderPayloadSchema>;

/** Fixed-collection rows use the same keys as the JSON form; empty values mean "not set". */
export function linesFromCollection(rows: IDataObject[]): IDataObject[] {
	return rows.map((row) => {
		const cleaned: IDataObject = {};
		for (const [key, value] of Object.entries(row)) {
			if (value === '' || value === undefined || value === null) continue;
			// The collection's untouched discount is 0: no discount.
			if (key === 'discount' && value === 0) continue;
			cleaned[key] = value;
		}
		return cleaned;
	});
}
