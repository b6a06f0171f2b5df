import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { writeOnce } from '../../../shared/writeOnce';
import { buildMultipart, sniffFileType } from '../../../shared/multipart';
import { fail } from '../../../shared/validation';
import { tripletexRequest, tripletexService } from '../../transport';
import { binaryPropertyInput, idParameter } from '../common.descriptions';
import { readVoucherId } from './shared';

const properties: INodeProperties[] = [
	idParameter('Voucher ID', 'voucherId', 'Internal ID of the voucher to attach the file to'),
	binaryPropertyInput,
];

const displayOptions = { show: { resource: ['voucher'], operation: ['uploadAttachment'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const voucherId = readVoucherId.call(this, itemIndex);
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const binary = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
		const mimeType = sniffFileType(data);
		if (!mimeType) {
			fail(
				this.getNode(),
				`The file in "${binaryPropertyName}" of item ${itemIndex} is not a PDF, PNG, JPEG or TIFF`,
				itemIndex,
				`Tripletex accepts only those file types as voucher attachments (got ${binary.mimeType || 'an unknown type'}). Nothing was sent.`,
			);
		}
		const { body, contentType } = buildMultipart([
			{ field: 'file', fileName: binary.fileName || `attachment-${voucherId}`, mimeType, data },
		]);
		const result = await writeOnce<IDataObject>(this, {
			service: tripletexService,
			itemIndex,
			kind: 'attachment',
			payload: { voucherId, fileName: binary.fileName, data },
			skipIfExists: false,
			write: async () => {
				const response = await tripletexRequest.call(this, 'POST', `/ledger/voucher/${voucherId}/attachment`, {
					body,
					headers: { 'Content-Type': contentType },
					itemIndex,
				});
				return (response.value as IDataObject | undefined) ?? { id: voucherId, attached: true };
			},
			whereToCheck: `the attachments of voucher ${voucherId} in Tripletex`,
		});
		return { ...result.record, alreadyExisted: result.existed };
	});
}
