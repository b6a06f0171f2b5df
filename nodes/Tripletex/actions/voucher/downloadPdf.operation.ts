import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { tripletexDownload } from '../../transport';
import { binaryPropertyOutput, idParameter } from '../common.descriptions';
import { readVoucherId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Voucher ID', 'voucherId', 'Internal ID of the voucher whose PDF to download'),
	binaryPropertyOutput,
];

const displayOptions = { show: { resource: ['voucher'], operation: ['downloadPdf'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const voucherId = readVoucherId.call(this, itemIndex);
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const pdf = await tripletexDownload.call(this, `/ledger/voucher/${voucherId}/pdf`, itemIndex);
		const binary = await this.helpers.prepareBinaryData(pdf, `voucher-${voucherId}.pdf`, 'application/pdf');
		return { json: { ...items[itemIndex].json, voucherId }, binary: { ...items[itemIndex].binary, [binaryPropertyName]: binary } };
	});
}
