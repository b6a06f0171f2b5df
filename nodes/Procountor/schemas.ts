/** zod pieces shared by the Procountor operations' input schemas. */
import { z } from 'zod';

import { compactIban, isValidIban, normalizeFinnishBusinessId } from '../shared/identifiers';
import { moneyAmountSchema } from '../shared/money';

/** n8n gives "" for a field left empty; treat it as "not set". */
export function blankToUndefined(value: unknown): unknown {
	return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

export const optionalText = z.preprocess(
	(value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)),
	z.string().trim().optional(),
);

export function limitedText(max: number) {
	return z.preprocess(
		(value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)),
		z.string().trim().max(max, `must be at most ${max} characters`).optional(),
	);
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const positiveId = z.coerce
	.number({ invalid_type_error: 'must be a Procountor ID' })
	.int('must be a whole number')
	.positive('must be a positive ID');

export const optionalId = z.preprocess(blankToUndefined, positiveId.optional());

export const optionalEmail = z.preprocess(blankToUndefined, z.string().trim().email('must be an email address').optional());

/** Finnish business ID (Y-tunnus), normalised to 1234567-8. */
export const optionalBusinessId = z.preprocess(
	blankToUndefined,
	z
		.string()
		.optional()
		.transform((value, context) => {
			if (value === undefined) return undefined;
			const normalized = normalizeFinnishBusinessId(value);
			if (!normalized) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `"${value}" is not a valid Finnish business ID (Y-tunnus): 7 digits, a dash and a check digit, e.g. 1234567-8`,
				});
				return z.NEVER;
			}
			return normalized;
		}),
);

export const optionalIban = z.preprocess(
	blankToUndefined,
	z
		.string()
		.optional()
		.transform((value, context) => {
			if (value === undefined) return undefined;
			if (!isValidIban(value)) {
				context.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" is not a valid IBAN (check digits or length)` });
				return z.NEVER;
			}
			return compactIban(value);
		}),
);

/** An amount as typed or mapped (12.5, "12,50", "1 250.50") to integer minor units; ambiguous text is rejected (Decimal Separator: Auto). */
export const moneyAmount = moneyAmountSchema();

export { moneyAmountSchema };

export const percentage = z.coerce
	.number({ invalid_type_error: 'must be a percentage' })
	.min(0, 'must be a percentage from 0 to 100')
	.max(100, 'must be a percentage from 0 to 100');

/** Procountor's country names for the ISO codes a Nordic store meets most. */
const COUNTRY_NAMES: Record<string, string> = {
	AT: 'AUSTRIA', BE: 'BELGIUM', CH: 'SWITZERLAND', DE: 'GERMANY', DK: 'DENMARK', EE: 'ESTONIA', ES: 'SPAIN', FI: 'FINLAND', FR: 'FRANCE',
	GB: 'UNITED_KINGDOM', IE: 'IRELAND', IS: 'ICELAND', IT: 'ITALY', LT: 'LITHUANIA', LV: 'LATVIA', NL: 'NETHERLANDS', NO: 'NORWAY', PL: 'POLAND', SE: 'SWEDEN',
	US: 'UNITED_STATES',
	AX: 'FINLAND',
};

/** "FI" or "Finland" to FINLAND; other two-letter codes must be written out. */
export const optionalCountry = z.preprocess(
	blankToUndefined,
	z
		.string()
		.optional()
		.transform((value, context) => {
			if (value === undefined) return undefined;
			const text = value.trim().toUpperCase();
			if (/^[A-Z]{2}$/.test(text)) {
				if (COUNTRY_NAMES[text]) return COUNTRY_NAMES[text];
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `"${value}": give the country as Procountor names it (e.g. FINLAND, SWEDEN, GERMANY)`,
				});
				return z.NEVER;
			}
			return text.replace(/[\s-]+/g, '_');
		}),
);
