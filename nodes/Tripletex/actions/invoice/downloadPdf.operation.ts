import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { tripletexDownload, tripletexRequest } from '../../transport';
import { binaryPropertyOutput, idParameter } from '../common.descriptions';
import { readInvoiceId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Invoice ID', 'invoiceId', 'Internal ID of the invoice whose PDF to download'),
	binaryPropertyOutput,
];

const displayOptions = { show: { resource: ['invoice'], operation: ['downloadPdf'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		// The file is named after the invoice number people know, which the PDF endpoint does not tell.
		const response = await tripletexRequest.call(this, 'GET', `/invoice/${invoiceId}`, {
			qs: { fields: 'id,invoiceNumber' },
			itemIndex,
		});
		const invoiceNumber = (response.value as { invoiceNumber?: number } | undefined)?.invoiceNumber || undefined;
		const pdf = await tripletexDownload.call(this, `/invoice/${invoiceId}/pdf`, itemIndex);
		const binary = await this.helpers.prepareBinaryData(pdf, `invoice-${invoiceNumber ?? invoiceId}.pdf`, 'application/pdf');
		return {
			json: { ...items[itemIndex].json, invoiceId, invoiceNumber: invoiceNumber ?? null },
			binary: { ...items[itemIndex].binary, [binaryPropertyName]: binary },
		};
	});
}
