import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { readDateParameter } from '../../../shared/dates';
import { processItems } from '../../../shared/items';
import { fromMinorUnits } from '../../../shared/money';
import { fail, parseOrThrow } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { blankToUndefined, moneyAmount, optionalId } from '../../schemas';
import { tripletexRequest, tripletexService } from '../../transport';
import { idParameter } from '../common.descriptions';
import { findInvoiceForOrder, getOrder } from './lookups';
import { readOrderId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Order ID', 'orderId', 'Internal ID of the order to invoice, e.g. {{ $json.id }} after Order → Create'),
	{
		displayName: 'Invoice Date',
		name: 'invoiceDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-15',
		description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone). The due date follows from it and the customer\'s payment terms.',
	},
	{
		displayName: 'Send to Customer',
		name: 'sendToCustomer',
		type: 'boolean',
		default: false,
		description: 'Whether Tripletex sends the invoice to the customer by their invoice send method',
	},
	{
		displayName: 'Paid Amount',
		name: 'paidAmount',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0 },
		default: 0,
		description:
			'Amount the customer already paid (incl. VAT, in the invoice currency), e.g. at checkout. Registered as a payment on the new invoice. 0 registers no payment.',
	},
	{
		displayName: 'Payment Type Name or ID',
		name: 'paymentTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPaymentTypes' },
		default: '',
		description:
			'How it was paid; required with a Paid Amount. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Skip If Already Invoiced',
		name: 'skipIfInvoiced',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the invoice already made from this order (marked alreadyExisted) instead of failing, so a re-run never invoices twice',
	},
];

const displayOptions = { show: { resource: ['order'], operation: ['invoice'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const paymentSchema = z
	.object({
		paidAmount: z.preprocess(
			blankToUndefined,
			moneyAmount.refine((minor) => minor >= 0, 'must not be negative').optional(),
		),
		paymentTypeId: optionalId,
	})
	.strict();

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const orderId = readOrderId.call(this, itemIndex);
		const invoiceDate = readDateParameter.call(this, 'invoiceDate', 'Invoice Date', itemIndex, { required: true }) as string;
		const payment = parseOrThrow(
			this.getNode(),
			paymentSchema,
			{
				paidAmount: this.getNodeParameter('paidAmount', itemIndex, 0),
				paymentTypeId: this.getNodeParameter('paymentTypeId', itemIndex, ''),
			},
			itemIndex,
		);
		const paidAmount = payment.paidAmount || undefined;
		if (paidAmount !== undefined && payment.paymentTypeId === undefined) {
			fail(
				this.getNode(),
				`Paid Amount is set in item ${itemIndex} but Payment Type is not`,
				itemIndex,
				'Tripletex needs to know how the amount was paid: choose a Payment Type (set up under Invoice settings in Tripletex), or set Paid Amount to 0. Nothing was sent.',
			);
		}
		const qs: IDataObject = { invoiceDate, sendToCustomer: this.getNodeParameter('sendToCustomer', itemIndex, false) as boolean };
		if (paidAmount !== undefined) {
			qs.paymentTypeId = payment.paymentTypeId;
			qs.paidAmount = fromMinorUnits(paidAmount);
		}
		const skipIfInvoiced = this.getNodeParameter('skipIfInvoiced', itemIndex, true) as boolean;
		const result = await writeOnce<IDataObject>(this, {
			service: tripletexService,
			itemIndex,
			kind: 'order invoice',
			reference: String(orderId),
			payload: qs,
			skipIfExists: skipIfInvoiced,
			// Read afresh each time: after a lost answer, the order shows whether it was invoiced.
			find: async () => {
				const order = await getOrder.call(this, orderId, itemIndex);
				return order.isClosed ? await findInvoiceForOrder.call(this, order, invoiceDate, itemIndex) : undefined;
			},
			write: async () => {
				const response = await tripletexRequest.call(this, 'PUT', `/order/${orderId}/:invoice`, { qs, itemIndex });
				return response.value as IDataObject;
			},
			whereToCheck: `order ${orderId} in Tripletex (is it invoiced?)`,
		});
		return { ...result.record, alreadyExisted: result.existed };
	});
}
