import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { compactIdentifier, isNorwegianOrganizationNumber } from '../../../shared/identifiers';
import { sameEmail, textOf } from '../../../shared/lookup';
import type { LookupCache } from '../../../shared/lookupCache';
import { parseOrThrow, withoutUndefined } from '../../../shared/validation';
import { readNumericId } from '../../ids';
import { readTripletexList, resolveCountry } from '../../lookups';
import { blankToUndefined, optionalText } from '../../schemas';

export const INVOICE_SEND_METHODS = ['EMAIL', 'EHF', 'EFAKTURA', 'AVTALEGIRO', 'VIPPS', 'PAPER', 'MANUAL'] as const;

const ADDRESS_KEYS = ['addressLine1', 'addressLine2', 'postalCode', 'city', 'country'] as const;

/** Customer fields shared by Create, Update and Find or Create (sorted by display name). */
export const customerFieldOptions: INodeProperties[] = [
	{ displayName: 'Address Line 1', name: 'addressLine1', type: 'string', default: '', description: 'Postal address' },
	{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Oslo' },
	{
		displayName: 'Country Code',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. NO',
		description: 'Two-letter ISO code of the postal address country. Leave empty to let Tripletex use its default (normally Norway).',
	},
	{
		displayName: 'Customer Number',
		name: 'customerNumber',
		type: 'number',
		default: 0,
		description: 'Leave out (or 0) to let Tripletex assign the next number',
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{
		displayName: 'Invoice Email',
		name: 'invoiceEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Where invoices are emailed, if not the main email',
	},
	{
		displayName: 'Invoice Send Method',
		name: 'invoiceSendMethod',
		type: 'options',
		options: [
			{ name: 'AvtaleGiro', value: 'AVTALEGIRO' },
			{ name: 'EFaktura (Online Bank)', value: 'EFAKTURA' },
			{ name: 'EHF (Peppol)', value: 'EHF' },
			{ name: 'Email', value: 'EMAIL' },
			{ name: 'Manual', value: 'MANUAL', description: 'Tripletex does not send the invoice' },
			{ name: 'Paper', value: 'PAPER' },
			{ name: 'Vipps', value: 'VIPPS' },
		],
		default: 'EMAIL',
		description: 'How Tripletex sends this customer\'s invoices',
	},
	{
		displayName: 'Organization Number',
		name: 'organizationNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. 923609016',
		description:
			'Norwegian organisation number (9 digits, checked before sending). For a customer outside Norway, also set Country Code and the number is sent as given.',
	},
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
	{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '', placeholder: 'e.g. 0150' },
	{
		displayName: 'Private Individual',
		name: 'isPrivateIndividual',
		type: 'boolean',
		default: false,
		description: 'Whether the customer is a private person rather than a business',
	},
];

const optionalEmail = z.preprocess(blankToUndefined, z.string().trim().email('must be an email address').optional());

function customerInputSchema(nameRequired: boolean) {
	return z
		.object({
			name: nameRequired
				? z.string({ required_error: 'is required' }).trim().min(1, 'is required')
				: optionalText,
			email: optionalEmail,
			invoiceEmail: optionalEmail,
			organizationNumber: z.preprocess(
				blankToUndefined,
				z.coerce.string().transform(compactIdentifier).optional(),
			),
			// 0 is the collection's untouched default: "let Tripletex assign".
			customerNumber: z.preprocess(
				(value) => (value === 0 ? undefined : blankToUndefined(value)),
				z.coerce.number().int('must be a whole number').positive('must be positive').optional(),
			),
			isPrivateIndividual: z.boolean().optional(),
			phoneNumber: optionalText,
			invoiceSendMethod: z.preprocess(blankToUndefined, z.enum(INVOICE_SEND_METHODS).optional()),
			addressLine1: optionalText,
			addressLine2: optionalText,
			postalCode: z.preprocess(blankToUndefined, z.coerce.string().trim().optional()),
			city: optionalText,
			country: z.preprocess(
				blankToUndefined,
				z
					.string()
					.trim()
					.regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO country code such as NO')
					.transform((code) => code.toUpperCase())
					.optional(),
			),
			version: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
		})
		.strict()
		.superRefine((input, context) => {
			const norwegian = input.country === undefined || input.country === 'NO';
			if (norwegian && input.organizationNumber !== undefined && !isNorwegianOrganizationNumber(input.organizationNumber)) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['organizationNumber'],
					message: `"${input.organizationNumber}" is not a valid Norwegian organisation number (9 digits with a mod-11 check digit); for a customer outside Norway, set Country Code`,
				});
			}
		});
}

export type CustomerInput = z.output<ReturnType<typeof customerInputSchema>>;

export function parseCustomerInput(
	this: IExecuteFunctions,
	raw: IDataObject,
	itemIndex: number,
	options: { nameRequired: boolean },
): CustomerInput {
	return parseOrThrow(this.getNode(), customerInputSchema(options.nameRequired), raw, itemIndex);
}

export function hasAddress(input: CustomerInput): boolean {
	return ADDRESS_KEYS.some((key) => input[key] !== undefined);
}

/** Tripletex's Customer body (without id/version); the country code becomes its country id. */
export async function buildCustomerBody(
	this: IExecuteFunctions,
	cache: LookupCache,
	input: CustomerInput,
	itemIndex: number,
): Promise<IDataObject> {
	const body: IDataObject = {
		name: input.name,
		email: input.email,
		invoiceEmail: input.invoiceEmail,
		organizationNumber: input.organizationNumber,
		customerNumber: input.customerNumber,
		isPrivateIndividual: input.isPrivateIndividual,
		phoneNumber: input.phoneNumber,
		invoiceSendMethod: input.invoiceSendMethod,
	};
	if (hasAddress(input)) {
		const country = input.country
			? await resolveCountry.call(this, cache, input.country, itemIndex, `Country Code of item ${itemIndex}`)
			: undefined;
		body.postalAddress = {
			addressLine1: input.addressLine1,
			addressLine2: input.addressLine2,
			postalCode: input.postalCode,
			city: input.city,
			country: country ? { id: country.id } : undefined,
		};
	}
	return withoutUndefined(body);
}

export function readCustomerId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'customer', 'Customer', itemIndex);
}

async function searchCustomers(this: IExecuteFunctions, qs: IDataObject, itemIndex: number, what: string): Promise<IDataObject[]> {
	return await readTripletexList.call(this, '/customer', qs, itemIndex, what);
}

/** Organisation numbers compared without spaces, dots and dashes; all pages read. */
export async function findCustomerByOrganizationNumber(
	this: IExecuteFunctions,
	organizationNumber: string,
	itemIndex: number,
	inactive = false,
): Promise<IDataObject | undefined> {
	const wanted = compactIdentifier(organizationNumber.trim());
	if (!wanted) return undefined;
	const customers = await searchCustomers.call(
		this,
		{ organizationNumber, ...(inactive ? { isInactive: true } : {}) },
		itemIndex,
		`${inactive ? 'inactive ' : ''}customers with organisation number ${organizationNumber}`,
	);
	return customers.find((customer) => compactIdentifier(textOf(customer.organizationNumber)) === wanted);
}

/** Emails compared trimmed and case-insensitive (the API filter is not guaranteed to be exact); all pages read. */
export async function findCustomerByEmail(
	this: IExecuteFunctions,
	email: string,
	itemIndex: number,
	inactive = false,
): Promise<IDataObject | undefined> {
	const customers = await searchCustomers.call(
		this,
		{ email: email.trim(), ...(inactive ? { isInactive: true } : {}) },
		itemIndex,
		`${inactive ? 'inactive ' : ''}customers with email ${email.trim()}`,
	);
	return customers.find((customer) => sameEmail(customer.email, email));
}
