import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { tripletexRequest } from '../../transport';
import { idParameter } from '../common.descriptions';
import { readProductId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Product ID', 'productId', 'Internal ID of the product (not its product number)'),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '*',
		description: 'Which fields Tripletex returns, in its fields syntax. "*" is all top-level fields.',
	},
];

const displayOptions = { show: { resource: ['product'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const productId = readProductId.call(this, itemIndex);
		const fields = this.getNodeParameter('fields', itemIndex, '') as string;
		const response = await tripletexRequest.call(this, 'GET', `/product/${productId}`, {
			qs: fields ? { fields } : undefined,
			itemIndex,
		});
		return response.value as IDataObject;
	});
}
