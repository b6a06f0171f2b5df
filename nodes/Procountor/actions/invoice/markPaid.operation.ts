import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { readDateParameter } from '../../../shared/dates';
import { processItems } from '../../../shared/items';
import { fromMinorUnits, toMinorUnits } from '../../../shared/money';
import { parseOrThrow, withoutUndefined } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { getInvoice } from '../../lookups';
import { limitedText, moneyAmount } from '../../schemas';
import { PROCOUNTOR_PAGE_SIZE, procountorList, procountorRequest, procountorService } from '../../transport';
import { idParameter } from '../common.descriptions';
import { invoiceAfterWrite, readInvoiceId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Invoice ID', 'invoiceId', 'Procountor ID of an approved invoice'),
	{
		displayName: 'Payment Date',
		name: 'paymentDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-15',
		description: 'When the customer paid, e.g. at checkout: YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone)',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 30.90',
		description: 'Amount paid, in the invoice currency. Less than the total marks the invoice partly paid.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Up to 140 characters' },
			{
				displayName: 'Payment Method Type',
				name: 'paymentMethodType',
				type: 'options',
				options: [
					{ name: 'Adjustment', value: 'ADJUSTMENT' },
					{ name: 'Bank Statement', value: 'BANK_STATEMENT' },
					{ name: 'Cash', value: 'CASH' },
					{ name: 'Charge Card', value: 'CHARGE_CARD' },
					{ name: 'Correction', value: 'CORRECTION' },
					{ name: 'Credit Loss', value: 'CREDIT_LOSS' },
					{ name: 'Credit Note', value: 'CREDIT_NOTE' },
					{ name: 'External Bank Transfer', value: 'EXTERNAL_BANK_TRANSFER' },
					{ name: 'Set Off', value: 'SET_OFF' },
				],
				default: 'EXTERNAL_BANK_TRANSFER',
			},
		],
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['markPaid'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const paymentSchema = z
	.object({
		amount: moneyAmount.refine((cents) => cents > 0, 'must be more than 0'),
		description: limitedText(140),
		paymentMethodType: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
	})
	.strict();

/**
 * `PUT /invoices/{id}/paymentevents/markpaid` with the payment date, amount and the
 * invoice's currency; an invoice already marked paid is returned as it is.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		const paymentDate = readDateParameter.call(this, 'paymentDate', 'Payment Date', itemIndex, { required: true }) as string;
		const payment = parseOrThrow(
			this.getNode(),
			paymentSchema,
			{ amount: this.getNodeParameter('amount', itemIndex), ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) },
			itemIndex,
		);
		let currency = 'EUR';
		const result = await writeOnce<IDataObject>(this, {
			service: procountorService,
			itemIndex,
			kind: 'payment',
			reference: `${invoiceId} ${paymentDate} ${payment.amount}`,
			skipIfExists: true,
			// Paid already, or this payment (same date and amount) among the invoice's payment events.
			find: async () => {
				const invoice = await getInvoice.call(this, invoiceId, itemIndex);
				currency = String(((invoice.paymentInfo ?? {}) as IDataObject).currency ?? invoice.currency ?? 'EUR');
				if (invoice.status === 'PAID' || invoice.status === 'MARKED_PAID') return invoice;
				const events = await procountorList.call(this, `/invoices/${invoiceId}/paymentevents`, {}, { returnAll: true, limit: 0, pageSize: PROCOUNTOR_PAGE_SIZE }, itemIndex);
				const recorded = events.some((event) => event.paymentDate === paymentDate && toMinorUnits(event.amount) === payment.amount);
				return recorded ? invoice : undefined;
			},
			write: async () => {
				const body: IDataObject = withoutUndefined({
					paymentDate,
					amount: fromMinorUnits(payment.amount),
					currency,
					paymentMethodType: payment.paymentMethodType,
					description: payment.description,
				});
				await procountorRequest.call(this, 'PUT', `/invoices/${invoiceId}/paymentevents/markpaid`, { body, itemIndex });
				return await invoiceAfterWrite.call(this, invoiceId, itemIndex);
			},
			whereToCheck: `the payments of invoice ${invoiceId} in Procountor`,
		});
		return { ...result.record, alreadyPaid: result.existed };
	});
}
