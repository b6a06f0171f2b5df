import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { tripletexRequest } from '../../transport';
import { idParameter } from '../common.descriptions';
import { readVoucherId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Voucher ID', 'voucherId', 'Internal ID of the voucher to delete. Posted vouchers are usually reversed instead.'),
];

const displayOptions = { show: { resource: ['voucher'], operation: ['deleteVoucher'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const voucherId = readVoucherId.call(this, itemIndex);
		await tripletexRequest.call(this, 'DELETE', `/ledger/voucher/${voucherId}`, { itemIndex });
		return { id: voucherId, deleted: true };
	});
}
