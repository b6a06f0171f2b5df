/** zod pieces shared by the Tripletex operations' input schemas. */
import { z } from 'zod';

import { MoneyFormatError, toMinorUnits } from '../shared/money';

/** n8n gives "" for a field left empty; treat it as "not set". */
export function blankToUndefined(value: unknown): unknown {
	return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

export const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const positiveId = z.coerce
	.number({ invalid_type_error: 'must be a Tripletex ID' })
	.int('must be a whole number')
	.positive('must be a positive ID');

export const optionalId = z.preprocess(blankToUndefined, positiveId.optional());

export const requiredId = z.preprocess(
	blankToUndefined,
	z.custom<unknown>((value) => value !== undefined, 'is required').pipe(positiveId),
);

/** VAT codes are the numbers Tripletex shows ("3", "31"), kept as text. */
export const optionalVatCode = z.preprocess(
	(value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)),
	z.string().trim().regex(/^\d+$/, 'must be a Tripletex VAT code such as 3').optional(),
);

/** An amount as typed or mapped (1250, "1250,50", "1 250.50") to integer minor units. */
export const moneyAmount = z.union([z.number(), z.string()]).transform((value, context) => {
	try {
		return toMinorUnits(value);
	} catch (error) {
		context.addIssue({ code: z.ZodIssueCode.custom, message: (error as MoneyFormatError).message });
		return z.NEVER;
	}
});

export const idRefSchema = z.object({ id: positiveId }).strict();
