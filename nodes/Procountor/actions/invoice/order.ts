import { z } from 'zod';

import { BOUNDS, formatBound } from '../../../shared/bounds';
import type { InputFormat } from '../../../shared/inputFormat';
import { perFormat } from '../../../shared/inputFormat';
import { fromMinorUnits } from '../../../shared/money';
import { withoutUndefined } from '../../../shared/validation';
import {
	blankToUndefined,
	limitedText,
	moneyAmountSchema,
	optionalBusinessId,
	optionalCountry,
	optionalEmail,
	optionalIban,
	optionalId,
	optionalText,
	percentage,
} from '../../schemas';
import { LANGUAGES, PAYMENT_METHODS } from '../businessPartner/shared';
import { channelFromData } from './channel';
import type { RowInput } from './rows';
import type { Address, InvoicePayload } from './shared';

/** The order as the user gives it in the node (everything but the rows and dates), checked before anything is sent. */
export const orderInputSchemaFor = perFormat((format: InputFormat) =>
	z
		.object({
			customerName: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
			customer: z
				.object({
					businessId: optionalBusinessId,
					contactPersonName: limitedText(70),
					customerNumber: limitedText(40),
					einvoiceAddress: optionalText,
					einvoiceOperator: optionalText,
					email: optionalEmail,
				})
				.strict(),
			// The lengths Procountor's Address allows, so a long street fails here and not after the lookups.
			billingAddress: z.object({ street: limitedText(80), zip: limitedText(20), city: limitedText(40), country: optionalCountry }).strict(),
			deliveryAddress: z
				.object({ name: limitedText(80), street: limitedText(80), zip: limitedText(20), city: limitedText(40), country: optionalCountry })
				.strict(),
			reference: limitedText(40),
			bankAccount: optionalIban,
			vatStatus: z.preprocess(blankToUndefined, z.coerce.number().int('must be a VAT status code such as 1').default(1)),
			additionalFields: z
				.object({
					additionalInformation: limitedText(10000),
					currency: z.preprocess(
						blankToUndefined,
						z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR').default('EUR'),
					),
					// 0 or empty: not given (1 for EUR; required for any other currency, see the refinement below).
					currencyRate: z.preprocess(
						(value) => (value === 0 || value === '0' ? undefined : blankToUndefined(value)),
						z.coerce
							.number({ invalid_type_error: 'must be a number' })
							.finite('must be a number')
							.positive('must be more than 0')
							.max(BOUNDS.currencyRate, `must be at most ${formatBound(BOUNDS.currencyRate)} (Procountor's maximum)`)
							.optional(),
					),
					generateBankReference: z.boolean().default(true),
					discountPercent: z.preprocess(blankToUndefined, percentage.default(0)),
					invoiceTemplateId: optionalId,
					language: z.preprocess(blankToUndefined, z.enum(LANGUAGES).default('FINNISH')),
					notes: limitedText(10000),
					orderTotal: z.preprocess(
						blankToUndefined,
						moneyAmountSchema({ decimalSeparator: format.decimalSeparator, separatorOption: true }).optional(),
					),
					paymentMethod: z.preprocess(blankToUndefined, z.enum(PAYMENT_METHODS).default('BANK_TRANSFER')),
				})
				.strict()
				.superRefine((fields, context) => {
					// Procountor has no exchange-rate lookup this node could use (none in its API description),
					// and a foreign-currency invoice booked at rate 1 is wrong by the whole exchange rate.
					if (fields.currency !== 'EUR' && fields.currencyRate === undefined) {
						context.addIssue({
							code: z.ZodIssueCode.custom,
							path: ['currencyRate'],
							message: `is required for an invoice in ${fields.currency}: give the exchange rate Procountor should book it with (Additional Fields → Currency Rate); the node does not assume 1`,
						});
					}
				})
				.transform((fields) => ({ ...fields, currencyRate: fields.currencyRate ?? 1 })),
		})
		.strict(),
);

/** The default reading (Decimal Separator Auto). */
export const orderInputSchema = orderInputSchemaFor({ decimalSeparator: 'auto', timeZone: 'UTC' });

export type OrderInput = z.output<ReturnType<typeof orderInputSchemaFor>>;

function nonEmptyAddress(address: Address): Address | undefined {
	const cleaned = withoutUndefined(address);
	return Object.values(cleaned).some((value) => value !== undefined && value !== '') ? cleaned : undefined;
}

/** The invoice as the order alone describes it; register data and product matches are merged in later. */
export function draftFromOrder(
	order: OrderInput,
	rows: RowInput[],
	dates: { date: string; dueDate: string },
	pricesIncludeVat: boolean,
	channel: string,
): InvoicePayload {
	const { customer, additionalFields } = order;
	const counterPartyAddress = withoutUndefined({ name: order.customerName, ...order.billingAddress });
	const billingAddress = nonEmptyAddress(order.billingAddress) ? counterPartyAddress : undefined;
	const delivery = nonEmptyAddress(order.deliveryAddress);
	const draft = {
		type: 'SALES_INVOICE' as const,
		date: dates.date,
		counterParty: withoutUndefined({
			counterPartyAddress,
			contactPersonName: customer.contactPersonName,
			identifier: customer.businessId,
			customerNumber: customer.customerNumber,
			email: customer.email,
			einvoiceAddress: customer.einvoiceAddress
				? withoutUndefined({ address: customer.einvoiceAddress, operator: customer.einvoiceOperator })
				: undefined,
		}),
		billingAddress,
		deliveryAddress: delivery ? { name: order.customerName, ...delivery } : undefined,
		paymentInfo: withoutUndefined({
			paymentMethod: additionalFields.paymentMethod,
			currency: additionalFields.currency,
			dueDate: dates.dueDate,
			currencyRate: additionalFields.currencyRate,
			bankAccount: order.bankAccount ? { accountNumber: order.bankAccount } : undefined,
			// "" asks Procountor to generate the reference; leaving it out means no reference.
			bankReferenceCode: additionalFields.generateBankReference ? '' : undefined,
		}),
		extraInfo: { accountingByRow: false, unitPricesIncludeVat: pricesIncludeVat },
		discountPercent: additionalFields.discountPercent,
		invoiceRows: rows.map((row) =>
			withoutUndefined({
				product: row.product ?? '',
				productCode: row.productCode,
				quantity: row.quantity,
				unit: row.unit,
				unitPrice: row.unitPrice === undefined ? undefined : fromMinorUnits(row.unitPrice),
				discountPercent: row.discountPercent,
				vatPercent: row.vatPercent as number,
				comment: row.comment,
			}),
		),
		vatStatus: order.vatStatus,
		invoiceChannel: 'NO_SENDING' as InvoicePayload['invoiceChannel'],
		language: additionalFields.language,
		originalInvoiceNumber: order.reference,
		orderReference: order.reference,
		additionalInformation: additionalFields.additionalInformation,
		notes: additionalFields.notes,
		invoiceTemplateId: additionalFields.invoiceTemplateId,
	};
	draft.invoiceChannel = channel === 'auto' ? channelFromData(draft) : (channel as InvoicePayload['invoiceChannel']);
	return withoutUndefined(draft) as InvoicePayload;
}
