import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { writeOnce } from '../../../shared/writeOnce';
import { getInvoice } from '../../lookups';
import { procountorRequest, procountorService } from '../../transport';
import { idParameter } from '../common.descriptions';
import { invoiceAfterWrite, readInvoiceId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Invoice ID', 'invoiceId', 'Procountor ID of the invoice, e.g. {{ $json.id }} after Invoice → Create'),
];

const displayOptions = { show: { resource: ['invoice'], operation: ['approve'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * `PUT /invoices/{id}/approve`: UNFINISHED → NOT_SENT (or APPROVED when the channel is
 * NO_SENDING). An invoice that is no longer unfinished is returned as it is
 * (alreadyApproved), so a re-run does not fail halfway through a batch. No body: the API's
 * optional approval comment is ignored for sales invoices, so the node does not offer one.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		const result = await writeOnce<IDataObject>(this, {
			service: procountorService,
			itemIndex,
			kind: 'approval',
			reference: String(invoiceId),
			skipIfExists: true,
			find: async () => {
				const invoice = await getInvoice.call(this, invoiceId, itemIndex);
				return invoice.status === 'UNFINISHED' ? undefined : invoice;
			},
			write: async () => {
				await procountorRequest.call(this, 'PUT', `/invoices/${invoiceId}/approve`, { itemIndex });
				return await invoiceAfterWrite.call(this, invoiceId, itemIndex);
			},
			whereToCheck: `invoice ${invoiceId} in Procountor (is it approved?)`,
		});
		return { ...result.record, alreadyApproved: result.existed };
	});
}
