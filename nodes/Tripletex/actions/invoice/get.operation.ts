import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { tripletexRequest } from '../../transport';
import { idParameter } from '../common.descriptions';
import { readInvoiceId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Invoice ID', 'invoiceId', 'Internal ID of the invoice (not its invoice number)'),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '*,orderLines(*)',
		description: 'Which fields Tripletex returns, in its fields syntax. "*" is all top-level fields.',
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		const fields = this.getNodeParameter('fields', itemIndex, '') as string;
		const response = await tripletexRequest.call(this, 'GET', `/invoice/${invoiceId}`, {
			qs: fields ? { fields } : undefined,
			itemIndex,
		});
		return response.value as IDataObject;
	});
}
