import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { toIsoDate } from '../../../shared/dates';
import { processItems } from '../../../shared/items';
import { fromMinorUnits } from '../../../shared/money';
import { fail, parseOrThrow } from '../../../shared/validation';
import { blankToUndefined, moneyAmount, requiredId } from '../../schemas';
import { tripletexRequest } from '../../transport';
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
		description: 'YYYY-MM-DD',
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
		const paymentDate = toIsoDate(this.getNodeParameter('paymentDate', itemIndex));
		if (!paymentDate) {
			fail(this.getNode(), `Payment Date in item ${itemIndex} is missing or not a date`, itemIndex, 'Use YYYY-MM-DD, e.g. 2026-07-20. Nothing was sent.');
		}
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
		const response = await tripletexRequest.call(this, 'PUT', `/invoice/${invoiceId}/:payment`, { qs, itemIndex });
		return response.value as IDataObject;
	});
}
