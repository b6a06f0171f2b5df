import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { readDateParameter } from '../../../shared/dates';
import { processItems } from '../../../shared/items';
import { fromMinorUnits, toMinorUnits } from '../../../shared/money';
import { parseOrThrow } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { blankToUndefined, moneyAmount, requiredId } from '../../schemas';
import { tripletexRequest, tripletexService } from '../../transport';
import { idParameter } from '../common.descriptions';
import { readInvoiceId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Invoice ID', 'invoiceId', 'Internal ID of the invoice that was paid (not its invoice number)'),
	{
		displayName: 'Payment Date',
		name: 'paymentDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-20',
		description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone)',
	},
	{
		displayName: 'Payment Type Name or ID',
		name: 'paymentTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPaymentTypes' },
		default: '',
		required: true,
		description:
			'How it was paid; decides the bank or cash account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Paid Amount',
		name: 'paidAmount',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Amount received, in the currency of the payment type\'s account (usually NOK)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Paid Amount in Invoice Currency',
				name: 'paidAmountCurrency',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'Required by Tripletex for invoices in a foreign currency: the amount in that currency',
			},
		],
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['registerPayment'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const positiveAmount = moneyAmount.refine((minor) => minor > 0, 'must be more than 0');

const paymentSchema = z
	.object({
		paymentTypeId: requiredId,
		paidAmount: positiveAmount,
		paidAmountCurrency: z.preprocess(blankToUndefined, positiveAmount.optional()),
	})
	.strict();

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		const paymentDate = readDateParameter.call(this, 'paymentDate', 'Payment Date', itemIndex, { required: true }) as string;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const payment = parseOrThrow(
			this.getNode(),
			paymentSchema,
			{
				paymentTypeId: this.getNodeParameter('paymentTypeId', itemIndex, ''),
				paidAmount: this.getNodeParameter('paidAmount', itemIndex),
				paidAmountCurrency: options.paidAmountCurrency,
			},
			itemIndex,
			'Choose a Payment Type and give the amount received (more than 0). Nothing was sent.',
		);
		const qs: IDataObject = {
			paymentDate,
			paymentTypeId: payment.paymentTypeId,
			paidAmount: fromMinorUnits(payment.paidAmount),
		};
		if (payment.paidAmountCurrency !== undefined) qs.paidAmountCurrency = fromMinorUnits(payment.paidAmountCurrency);
		// The invoice's postings include one per payment, with a negative amount (Tripletex's spec):
		// this payment is there when one has its date and amount. Nothing left to pay also means a
		// repeat (say, a re-run a day later with today's date).
		const findPayment = async () => {
			const response = await tripletexRequest.call(this, 'GET', `/invoice/${invoiceId}`, {
				qs: { fields: '*,postings(id,date,amount)' },
				itemIndex,
			});
			const { postings, ...invoice } = response.value as IDataObject & { postings?: IDataObject[] };
			const paid = (postings ?? []).some(
				(posting) => posting.date === paymentDate && toMinorUnits(posting.amount ?? 0) === -payment.paidAmount,
			);
			return paid || toMinorUnits(invoice.amountOutstanding ?? 0) <= 0 ? invoice : undefined;
		};
		const result = await writeOnce<IDataObject>(this, {
			service: tripletexService,
			itemIndex,
			kind: 'payment',
			reference: `${invoiceId} ${paymentDate} ${payment.paidAmount} ${payment.paymentTypeId}`,
			skipIfExists: true,
			find: findPayment,
			write: async () => {
				const response = await tripletexRequest.call(this, 'PUT', `/invoice/${invoiceId}/:payment`, { qs, itemIndex });
				return response.value as IDataObject;
			},
			whereToCheck: `the payments on invoice ${invoiceId} in Tripletex`,
		});
		return { ...result.record, alreadyPaid: result.existed };
	});
}
