import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDateParameter } from '../../../shared/dates';
import { processItems } from '../../../shared/items';
import { tripletexRequest } from '../../transport';
import { idParameter } from '../common.descriptions';
import { readVoucherId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Voucher ID', 'voucherId', 'Internal ID of the voucher to reverse'),
	{
		displayName: 'Reversal Date',
		name: 'date',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-31',
		description: 'Date of the reversing voucher: YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone)',
	},
];

const displayOptions = { show: { resource: ['voucher'], operation: ['reverse'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const voucherId = readVoucherId.call(this, itemIndex);
		const date = readDateParameter.call(this, 'date', 'Reversal Date', itemIndex, { required: true }) as string;
		const response = await tripletexRequest.call(this, 'PUT', `/ledger/voucher/${voucherId}/:reverse`, {
			qs: { date },
			itemIndex,
		});
		return response.value as INodeExecutionData['json'];
	});
}
