import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { calendarDateSchema } from '../../../shared/dates';
import type { InputFormat } from '../../../shared/inputFormat';
import { perFormat } from '../../../shared/inputFormat';
import { idRefSchema, isoDate, moneyAmountSchema, optionalId, optionalVatCode } from '../../schemas';

/** One posting as the user gives it: account number, gross amount (+ debit, − credit), VAT code. */
export const postingInputSchemaFor = perFormat((format: InputFormat) =>
	z
		.object({
			account: z.coerce.number({ invalid_type_error: 'must be an account number' }).int().positive(),
			amount: moneyAmountSchema({ decimalSeparator: format.decimalSeparator, separatorOption: true }),
			description: z.string().optional(),
			vatCode: optionalVatCode,
			customerId: optionalId,
			supplierId: optionalId,
			employeeId: optionalId,
			departmentId: optionalId,
			projectId: optionalId,
			date: calendarDateSchema(format.timeZone),
		})
		.strict(),
);

export type PostingInput = z.output<ReturnType<typeof postingInputSchemaFor>>;

export const postingsInputSchemaFor = perFormat((format: InputFormat) =>
	z.array(postingInputSchemaFor(format)).min(1, 'a voucher needs at least one posting'),
);

/** The default reading (Decimal Separator Auto, dates without a zone in UTC). */
export const postingInputSchema = postingInputSchemaFor({ decimalSeparator: 'auto', timeZone: 'UTC' });
export const postingsInputSchema = postingsInputSchemaFor({ decimalSeparator: 'auto', timeZone: 'UTC' });

/** Tripletex's own voucher shape (the subset this node sends), checked before sending. */
const idRef = idRefSchema;

export const voucherPayloadSchema = z
	.object({
		date: isoDate,
		description: z.string().min(1, 'is required'),
		externalVoucherNumber: z.string().max(70, 'must be at most 70 characters').optional(),
		vendorInvoiceNumber: z.string().optional(),
		voucherType: idRef.optional(),
		postings: z
			.array(
				z
					.object({
						row: z.number().int().min(1, 'row 0 is reserved for postings Tripletex generates'),
						date: isoDate,
						description: z.string().optional(),
						account: idRef,
						amountGross: z.number(),
						amountGrossCurrency: z.number(),
						vatType: idRef.optional(),
						customer: idRef.optional(),
						supplier: idRef.optional(),
						employee: idRef.optional(),
						department: idRef.optional(),
						project: idRef.optional(),
					})
					.strict(),
			)
			.min(1),
	})
	.strict();

export type VoucherPayload = z.output<typeof voucherPayloadSchema>;

/** Fixed-collection rows use the same keys as the JSON form; empty strings mean "not set". */
export function postingsFromCollection(rows: IDataObject[]): IDataObject[] {
	return rows.map((row) => {
		const cleaned: IDataObject = {};
		for (const [key, value] of Object.entries(row)) {
			if (value === '' || value === undefined || value === null) continue;
			if (key === 'account' && typeof value === 'object' && value !== null && '__rl' in value) {
				cleaned.account = (value as IDataObject).value;
				continue;
			}
			cleaned[key] = value;
		}
		return cleaned;
	});
}
