import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { readNumericId } from '../../ids';
import { getInvoice } from '../../lookups';
import { isoDate } from '../../schemas';
import { INVOICE_CHANNELS, LANGUAGES, PAYMENT_METHODS } from '../businessPartner/shared';
import { channelProblems } from './channel';

export const INVOICE_STATUSES = [
	'UNFINISHED',
	'NOT_SENT',
	'SENT',
	'RECEIVED',
	'PAID',
	'PAYMENT_DENIED',
	'VERIFIED',
	'APPROVED',
	'INVALIDATED',
	'PAYMENT_QUEUED',
	'PARTLY_PAID',
	'PAYMENT_SENT_TO_BANK',
	'MARKED_PAID',
	'STARTED',
	'INVOICED',
	'OVERRIDDEN',
	'DELETED',
	'PAYMENT_TRANSACTION_REMOVED',
] as const;

export function readInvoiceId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'invoiceId', 'Invoice ID', itemIndex);
}

/**
 * The invoice as it stands after a write Procountor accepted. If reading it back fails, what the
 * write is known to have done: the write happened, so the item must neither fail nor be repeated.
 */
export async function invoiceAfterWrite(this: IExecuteFunctions, invoiceId: number, itemIndex: number, known: IDataObject = {}): Promise<IDataObject> {
	return await getInvoice.call(this, invoiceId, itemIndex).catch(() => ({ id: invoiceId, ...known }));
}

const address = z
	.object({
		name: z.string().max(80, 'must be at most 80 characters').optional(),
		specifier: z.string().optional(),
		street: z.string().max(80, 'must be at most 80 characters').optional(),
		zip: z.string().max(20, 'must be at most 20 characters').optional(),
		city: z.string().max(40, 'must be at most 40 characters').optional(),
		country: z.string().optional(),
	})
	.strict();

export type Address = z.output<typeof address>;

const invoiceRow = z
	.object({
		productId: z.number().int().positive().optional(),
		product: z.string({ required_error: 'is required (the row text)' }).min(1, 'is required (the row text)'),
		productCode: z.string().max(40).optional(),
		quantity: z.number(),
		unit: z.string(),
		unitPrice: z.number(),
		discountPercent: z.number().min(0).max(100),
		vatPercent: z.number({ required_error: 'is required' }).min(0).max(100),
		comment: z.string().max(512).optional(),
	})
	.strict();

/** Procountor's sales invoice (the subset this node sends), checked before sending. */
export const invoicePayloadSchema = z
	.object({
		type: z.literal('SALES_INVOICE'),
		partnerId: z.number().int().positive().optional(),
		date: isoDate,
		counterParty: z
			.object({
				counterPartyAddress: address.extend({ name: z.string().min(1, 'is required').max(80, 'must be at most 80 characters') }),
				contactPersonName: z.string().max(70, 'must be at most 70 characters').optional(),
				identifier: z.string().optional(),
				customerNumber: z.string().optional(),
				email: z.string().email('must be an email address').optional(),
				einvoiceAddress: z.object({ address: z.string(), operator: z.string().optional() }).strict().optional(),
			})
			.strict(),
		billingAddress: address.optional(),
		deliveryAddress: address.optional(),
		paymentInfo: z
			.object({
				paymentMethod: z.enum(PAYMENT_METHODS),
				currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR'),
				dueDate: isoDate,
				currencyRate: z.number().positive(),
				bankAccount: z.object({ accountNumber: z.string() }).strict().optional(),
				bankReferenceCode: z.string().optional(),
			})
			.strict(),
		extraInfo: z.object({ accountingByRow: z.boolean(), unitPricesIncludeVat: z.boolean() }).strict(),
		discountPercent: z.number().min(0).max(100),
		invoiceRows: z.array(invoiceRow).min(1, 'an invoice needs at least one row'),
		vatStatus: z.number().int(),
		invoiceChannel: z.enum(INVOICE_CHANNELS),
		language: z.enum(LANGUAGES),
		originalInvoiceNumber: z.string().max(40, 'must be at most 40 characters').optional(),
		orderReference: z.string().max(70, 'must be at most 70 characters').optional(),
		additionalInformation: z.string().max(10000).optional(),
		notes: z.string().max(10000).optional(),
		invoiceTemplateId: z.number().int().positive().optional(),
	})
	.strict()
	.superRefine((invoice, context) => {
		if (invoice.paymentInfo.paymentMethod === 'BANK_TRANSFER' && !invoice.paymentInfo.bankAccount) {
			context.addIssue({ code: z.ZodIssueCode.custom, path: ['paymentInfo', 'bankAccount'], message: 'is required for a bank transfer' });
		}
		if (invoice.paymentInfo.dueDate < invoice.date) {
			context.addIssue({ code: z.ZodIssueCode.custom, path: ['paymentInfo', 'dueDate'], message: 'is before the invoice date' });
		}
		for (const problem of channelProblems(invoice)) context.addIssue({ code: z.ZodIssueCode.custom, ...problem });
	});

export type InvoicePayload = z.output<typeof invoicePayloadSchema>;

/** A register value as text: a non-blank string (trimmed) or a number; anything else is "not set". */
export function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}
