import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { fail } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { getInvoice } from '../../lookups';
import { procountorRequest, procountorService } from '../../transport';
import { idParameter } from '../common.descriptions';
import { invoiceAfterWrite, readInvoiceId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Invoice ID', 'invoiceId', 'Procountor ID of an approved invoice, e.g. {{ $json.id }} after Invoice → Approve'),
	{
		displayName: 'Skip If Already Sent',
		name: 'skipIfSent',
		type: 'boolean',
		default: true,
		description: 'Whether to return an invoice that was already sent as it is (alreadySent), instead of sending it to the customer again',
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['send'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** `PUT /invoices/{id}/send`: NOT_SENT (or SENT, to send again) → SENT, through the invoice's channel. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		const skipIfSent = this.getNodeParameter('skipIfSent', itemIndex, true) as boolean;
		const refuseUnsendable = (invoice: IDataObject) => {
			if (invoice.status === 'NOT_SENT' || invoice.status === 'SENT') return;
			fail(
				this.getNode(),
				`Invoice ${invoiceId} in item ${itemIndex} cannot be sent: its status is ${String(invoice.status)}`,
				itemIndex,
				invoice.status === 'UNFINISHED'
					? 'Approve it first (Invoice → Approve). Nothing was sent.'
					: invoice.status === 'APPROVED'
						? 'Its invoice channel is No Sending, so Procountor does not send it. Nothing was sent.'
						: 'Only invoices that are approved and not yet sent (NOT_SENT) can be sent. Nothing was sent.',
			);
		};
		const send = async () => {
			await procountorRequest.call(this, 'PUT', `/invoices/${invoiceId}/send`, { itemIndex });
			return await invoiceAfterWrite.call(this, invoiceId, itemIndex, { status: 'SENT' });
		};
		if (!skipIfSent) {
			refuseUnsendable(await getInvoice.call(this, invoiceId, itemIndex));
			return { ...(await send()), alreadySent: false };
		}
		let checked = false;
		const result = await writeOnce<IDataObject>(this, {
			service: procountorService,
			itemIndex,
			kind: 'sending',
			reference: String(invoiceId),
			skipIfExists: true,
			find: async () => {
				const invoice = await getInvoice.call(this, invoiceId, itemIndex);
				if (invoice.status === 'SENT') return invoice;
				if (!checked) refuseUnsendable(invoice);
				checked = true;
				return undefined;
			},
			write: send,
			whereToCheck: `invoice ${invoiceId} in Procountor (is it sent?)`,
		});
		return { ...result.record, alreadySent: result.existed };
	});
}
