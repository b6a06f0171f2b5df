import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { tripletexRequest } from '../../transport';
import { customerLocator } from '../common.descriptions';
import { readCustomerId } from './shared';

const properties: INodeProperties[] = [
	customerLocator,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '*,postalAddress(*)',
		description: 'Which fields Tripletex returns, in its fields syntax. "*" is all top-level fields.',
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const customerId = readCustomerId.call(this, itemIndex);
		const fields = this.getNodeParameter('fields', itemIndex, '') as string;
		const response = await tripletexRequest.call(this, 'GET', `/customer/${customerId}`, {
			qs: fields ? { fields } : undefined,
			itemIndex,
		});
		return response.value as IDataObject;
	});
}
