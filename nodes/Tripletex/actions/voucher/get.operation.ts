import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { tripletexRequest } from '../../transport';
import { idParameter } from '../common.descriptions';
import { readVoucherId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Voucher ID', 'voucherId', 'Internal ID of the voucher (not its voucher number)'),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '*,postings(*)',
		description: 'Which fields Tripletex returns, in its fields syntax. "*" is all top-level fields.',
	},
];

const displayOptions = { show: { resource: ['voucher'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const voucherId = readVoucherId.call(this, itemIndex);
		const fields = this.getNodeParameter('fields', itemIndex, '') as string;
		const response = (await tripletexRequest.call(this, 'GET', `/ledger/voucher/${voucherId}`, {
			qs: fields ? { fields } : undefined,
			itemIndex,
		})) as { value: INodeExecutionData['json'] };
		return response.value;
	});
}
