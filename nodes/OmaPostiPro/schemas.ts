/** zod schemas for what the OmaPosti Pro operations send; checked before anything is sent. */
import { z } from 'zod';

import { BOUNDS, formatBound, tooLarge } from '../shared/bounds';
import { fromMinorUnits, moneyAmountSchema } from '../shared/money';

/** n8n gives "" for a field left empty; treat it as "not set". */
export function blankToUndefined(value: unknown): unknown {
	return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

/**
 * Posti prints labels in Western (Latin-1, Latin Extended) and Cyrillic characters only,
 * plus common typographic punctuation (dashes, quotes, ellipsis), € and №.
 */
const PRINTABLE = /^[\u0020-\u007E\u00A0-\u024F\u0400-\u052F\u2010-\u2044\u20AC\u2116]*$/u;

function firstUnprintable(text: string): string | undefined {
	for (const character of text) {
		if (!PRINTABLE.test(character)) return character;
	}
	return undefined;
}

function describeCharacter(character: string): string {
	const codePoint = character.codePointAt(0) ?? 0;
	const shown = codePoint < 0x20 ? '' : `"${character}" `;
	return `${shown}(U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Text printed on the label: trimmed, at most `max` characters, printable by Posti. */
export function labelText(max: number) {
	return z.preprocess(
		// Line breaks and tabs (e.g. from a multi-line address field) become spaces.
		(value) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? blankToUndefined(value.replace(/[\t\r\n]+/g, ' ')) : value),
		z
			.string()
			.trim()
			.max(max, `must be at most ${max} characters`)
			.superRefine((text, context) => {
				const bad = firstUnprintable(text);
				if (bad) {
					context.addIssue({
						code: z.ZodIssueCode.custom,
						message: `contains ${describeCharacter(bad)}, which Posti cannot print on a label (only Western and Cyrillic letters)`,
					});
				}
			})
			.optional(),
	);
}

function required<T extends z.ZodTypeAny>(schema: T, what: string) {
	return schema.refine((value: unknown) => value !== undefined, `is required: give the ${what}`);
}

export const countryCode = z.preprocess(
	(value) => blankToUndefined(value) ?? 'FI',
	z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as FI'),
);

const optionalEmail = z.preprocess(blankToUndefined, z.string().trim().email('must be an email address').optional());

const optionalPhone = z.preprocess(
	(value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)),
	z
		.string()
		.trim()
		.regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number such as +358401234567')
		.optional(),
);

/** A positive number of `unit`, at most `max` (see nodes/shared/bounds.ts). */
function positiveNumber(what: string, unit: string, max: number) {
	return z.coerce
		.number({ invalid_type_error: `must be a number (${unit})` })
		.finite(`must be a number (${unit})`)
		.positive(`must be more than 0 (${unit})`)
		.max(max, tooLarge(what, formatBound(max), ` ${unit}`));
}

/** The parcel's value in euros: a number, or unambiguous text (see toMinorUnits), at most 999 999 999.99. */
const parcelValue = moneyAmountSchema().pipe(
	z
		.number()
		.min(0, 'must not be negative')
		.transform((minor) => fromMinorUnits(minor)),
);

/** A party of the shipment as the node takes it. */
export function partySchema(role: 'receiver' | 'sender', requiredFields: boolean) {
	const need = <T extends z.ZodTypeAny>(schema: T, what: string) => (requiredFields ? required(schema, `${role}'s ${what}`) : schema);
	return z
		.object({
			name: need(labelText(60), 'name'),
			address: need(labelText(60), 'street address'),
			address2: labelText(60),
			postcode: need(
				z.preprocess((value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)), z.string().trim().optional()),
				'postcode',
			),
			city: need(labelText(40), 'city'),
			country: countryCode,
			phone: optionalPhone,
			email: optionalEmail,
		})
		.superRefine((party, context) => {
			if (party.postcode === undefined || party.postcode === null) return;
			const postcode = String(party.postcode);
			if (party.country === 'FI' && !/^\d{5}$/.test(postcode)) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['postcode'],
					message: `"${postcode}" is not a Finnish postcode: it must be 5 digits, e.g. 00100`,
				});
			} else if (!/^[A-Za-z0-9 -]{2,10}$/.test(postcode)) {
				context.addIssue({ code: z.ZodIssueCode.custom, path: ['postcode'], message: `"${postcode}" is not a postcode` });
			}
		});
}

export const parcelSchema = z
	.object({
		count: z.preprocess(
			blankToUndefined,
			z.coerce
				.number({ invalid_type_error: 'must be a whole number of parcels' })
				.int('must be a whole number of parcels')
				.positive('must be at least 1')
				.max(BOUNDS.parcelCount, tooLarge('number of identical parcels', formatBound(BOUNDS.parcelCount)))
				.default(1),
		),
		weight: z.preprocess(blankToUndefined, required(positiveNumber('parcel weight', 'kg', BOUNDS.parcelWeightKg).optional(), 'weight in kg')),
		length: z.preprocess(blankToUndefined, positiveNumber('parcel length', 'm', BOUNDS.parcelDimensionM).optional()),
		width: z.preprocess(blankToUndefined, positiveNumber('parcel width', 'm', BOUNDS.parcelDimensionM).optional()),
		height: z.preprocess(blankToUndefined, positiveNumber('parcel height', 'm', BOUNDS.parcelDimensionM).optional()),
		packageCode: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.toUpperCase()
				.regex(/^[A-Z0-9]{1,10}$/, 'must be a Posti package code such as PKT')
				.default('PKT'),
		),
		contents: labelText(70),
		value: z.preprocess(blankToUndefined, parcelValue.optional()),
	})
	.strict();

export type ParcelInput = z.output<typeof parcelSchema>;

/** Services whose receiver Posti notifies by SMS or email. */
export const NOTIFYING_SERVICES = ['PO2103', 'PO2104', 'PO2461'];
/** Services delivered to a pickup point or parcel locker. */
export const PICKUP_POINT_SERVICES = ['PO2103', 'PO2461'];

export const shipmentInputSchema = z
	.object({
		service: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,12}$/, 'must be a Posti service code such as PO2103'),
		pickupPointId: z.preprocess(
			(value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)),
			z
				.string()
				.trim()
				.regex(/^[A-Za-z0-9-]{1,20}$/, 'must be a pickup point ID such as 001003200')
				.optional(),
		),
		receiver: partySchema('receiver', true),
		sender: partySchema('sender', true),
		parcels: z.array(parcelSchema, { invalid_type_error: 'must be an array of parcels' }).min(1, 'a shipment needs at least one parcel'),
		orderNo: labelText(35),
		senderReference: labelText(35),
	})
	.superRefine((shipment, context) => {
		if (PICKUP_POINT_SERVICES.includes(shipment.service) && !shipment.pickupPointId) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['pickupPointId'],
				message: `is required for ${shipment.service}, which is delivered to a pickup point: give its ID (Pickup Point → Search finds one)`,
			});
		}
		if (NOTIFYING_SERVICES.includes(shipment.service) && !shipment.receiver.phone && !shipment.receiver.email) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['receiver', 'phone'],
				message: `or receiver email is required: Posti notifies the receiver of ${shipment.service} by SMS or email`,
			});
		}
	});

export type ShipmentInput = z.output<typeof shipmentInputSchema>;

/** Pickup-point search (2025-04): exactly one way to locate. */
export const pickupPointSearchSchema = z.discriminatedUnion('searchBy', [
	z.object({
		searchBy: z.literal('postcode'),
		postcode: z.preprocess(
			(value) => (typeof value === 'number' ? String(value) : value),
			z.string({ required_error: 'is required' }).trim().regex(/^[A-Za-z0-9 -]{2,10}$/, 'must be a postcode such as 20100'),
		),
		countryCode,
		limit: z.coerce.number().int().min(1).max(100),
	}),
	z.object({
		searchBy: z.literal('address'),
		address: z.string({ required_error: 'is required' }).trim().min(3, 'must be a street address and city, e.g. Aurakatu 1, Turku'),
		countryCode,
		limit: z.coerce.number().int().min(1).max(100),
	}),
	z.object({
		searchBy: z.literal('coordinates'),
		latitude: z.coerce.number({ invalid_type_error: 'must be a number' }).min(-90).max(90),
		longitude: z.coerce.number({ invalid_type_error: 'must be a number' }).min(-180).max(180),
		countryCode,
		limit: z.coerce.number().int().min(1).max(100),
	}),
]);
