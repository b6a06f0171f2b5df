import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parseOrThrow, withoutUndefined } from '../../../shared/validation';
import { readNumericId } from '../../ids';
import { findPartnerByBusinessId, findPartnerByCustomerNumber } from '../../lookups';
import { limitedText, optionalBusinessId, optionalCountry, optionalEmail, optionalText } from '../../schemas';

export const INVOICE_CHANNELS = ['EMAIL', 'MAIL', 'ELECTRONIC_INVOICE', 'NO_SENDING'] as const;
export const LANGUAGES = ['FINNISH', 'SWEDISH', 'ENGLISH', 'DANISH', 'NORWEGIAN', 'ESTONIAN'] as const;
/** The payment methods a sales invoice or partner may carry (DIRECT_DEBIT is not allowed). */
export const PAYMENT_METHODS = ['BANK_TRANSFER', 'CASH', 'CLEARING', 'CREDIT_CARD_CHARGE', 'DIRECT_PAYMENT', 'FOREIGN_PAYMENT', 'OTHER'] as const;

export const languageOptions = [
	{ name: 'Danish', value: 'DANISH' },
	{ name: 'English', value: 'ENGLISH' },
	{ name: 'Estonian', value: 'ESTONIAN' },
	{ name: 'Finnish', value: 'FINNISH' },
	{ name: 'Norwegian', value: 'NORWEGIAN' },
	{ name: 'Swedish', value: 'SWEDISH' },
];

export const paymentMethodOptions = [
	{ name: 'Bank Transfer', value: 'BANK_TRANSFER' },
	{ name: 'Cash', value: 'CASH' },
	{ name: 'Clearing', value: 'CLEARING' },
	{ name: 'Credit Card Charge', value: 'CREDIT_CARD_CHARGE' },
	{ name: 'Direct Payment', value: 'DIRECT_PAYMENT' },
	{ name: 'Foreign Payment', value: 'FOREIGN_PAYMENT' },
	{ name: 'Other', value: 'OTHER' },
];

/** Business partner fields shared by Create and Find or Create (sorted by display name). */
export const partnerFieldOptions: INodeProperties[] = [
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1234567-8',
		description: 'Finnish business ID (Y-tunnus), checked before anything is sent',
	},
	{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Helsinki' },
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. FINLAND',
		description: 'As Procountor names it (FINLAND, SWEDEN...), or a common two-letter code such as FI or SE',
	},
	{ displayName: 'Customer Number', name: 'customerNumber', type: 'string', default: '' },
	{ displayName: 'E-Invoice Address', name: 'einvoiceAddress', type: 'string', default: '', placeholder: 'e.g. 003712345678' },
	{
		displayName: 'E-Invoice Operator',
		name: 'einvoiceOperator',
		type: 'string',
		default: '',
		placeholder: 'e.g. 003721291126',
		description: 'Operator (intermediator) code of the e-invoice address',
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{
		displayName: 'Invoice Channel',
		name: 'invoiceChannel',
		type: 'options',
		options: [
			{ name: 'E-Invoice', value: 'ELECTRONIC_INVOICE' },
			{ name: 'Email', value: 'EMAIL' },
			{ name: 'Mail', value: 'MAIL' },
			{ name: 'No Sending', value: 'NO_SENDING' },
		],
		default: 'EMAIL',
		description: "How this partner's invoices are sent by default",
	},
	{ displayName: 'Language', name: 'language', type: 'options', options: languageOptions, default: 'FINNISH' },
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		options: paymentMethodOptions,
		default: 'BANK_TRANSFER',
	},
	{ displayName: 'Postcode', name: 'zip', type: 'string', default: '', placeholder: 'e.g. 00100' },
	{ displayName: 'Street', name: 'street', type: 'string', default: '', placeholder: 'e.g. Mannerheimintie 1' },
];

export const partnerInputSchema = z
	.object({
		name: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
		type: z.enum(['CUSTOMER', 'SUPPLIER']).default('CUSTOMER'),
		businessId: optionalBusinessId,
		customerNumber: limitedText(40),
		email: optionalEmail,
		einvoiceAddress: optionalText,
		einvoiceOperator: optionalText,
		invoiceChannel: z.preprocess((value) => (value === '' ? undefined : value), z.enum(INVOICE_CHANNELS).optional()),
		language: z.preprocess((value) => (value === '' ? undefined : value), z.enum(LANGUAGES).optional()),
		paymentMethod: z.preprocess((value) => (value === '' ? undefined : value), z.enum(PAYMENT_METHODS).default('BANK_TRANSFER')),
		street: optionalText,
		zip: optionalText,
		city: optionalText,
		country: optionalCountry,
	})
	.strict();

export type PartnerInput = z.output<typeof partnerInputSchema>;

export function parsePartnerInput(this: IExecuteFunctions, raw: IDataObject, itemIndex: number): PartnerInput {
	return parseOrThrow(this.getNode(), partnerInputSchema, raw, itemIndex);
}

/**
 * The identifier type sent with a Finnish business ID. The API description types
 * `invoicingInfo.identifierType` as free text; its one list of identifier kinds is
 * `BusinessIdentifier.brnType` (ASSN, DK, FI, HETU, NO, PN, SE, SSN, YHD), where FI is the
 * Finnish business ID. Using that value here is an inference (docs/procountor.md).
 */
export const FINNISH_BUSINESS_ID_TYPE = 'FI';

/** Procountor's BusinessPartner body (name, type, address and payment method are required for a customer). */
export function buildPartnerBody(input: PartnerInput): IDataObject {
	return withoutUndefined({
		type: input.type,
		name: input.name,
		address: { name: input.name, street: input.street, zip: input.zip, city: input.city, country: input.country },
		paymentInfo: { paymentMethod: input.paymentMethod },
		invoicingInfo: {
			customerNumber: input.customerNumber,
			identifier: input.businessId,
			identifierType: input.businessId ? FINNISH_BUSINESS_ID_TYPE : undefined,
			email: input.email,
			einvoiceAddress: input.einvoiceAddress,
			einvoiceOperator: input.einvoiceOperator,
			invoiceChannel: input.invoiceChannel,
			language: input.language,
		},
	});
}

export type PartnerMatchedBy = 'customerNumber' | 'businessId';

export interface PartnerMatch {
	partner: IDataObject;
	matchedBy: PartnerMatchedBy | null;
}

/** Customer number first (the store's own key), then business ID. */
export async function findExistingPartner(
	this: IExecuteFunctions,
	keys: { customerNumber?: string; businessId?: string },
	itemIndex: number,
): Promise<PartnerMatch | undefined> {
	if (keys.customerNumber) {
		const partner = await findPartnerByCustomerNumber.call(this, keys.customerNumber, itemIndex);
		if (partner) return { partner, matchedBy: 'customerNumber' };
	}
	if (keys.businessId) {
		const partner = await findPartnerByBusinessId.call(this, keys.businessId, itemIndex);
		if (partner) return { partner, matchedBy: 'businessId' };
	}
	return undefined;
}

export function readPartnerId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'businessPartner', 'Business Partner', itemIndex);
}
