/** zod pieces shared by the Tripletex operations' input schemas. */
import { z } from 'zod';

import { moneyAmountSchema } from '../shared/money';

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

/** An amount as typed or mapped (1250, "1250,50", "1 250.50") to integer minor units; ambiguous text is rejected (Decimal Separator: Auto). */
export const moneyAmount = moneyAmountSchema();

export { moneyAmountSchema };

export const idRefSchema = z.object({ id: positiveId }).strict();
