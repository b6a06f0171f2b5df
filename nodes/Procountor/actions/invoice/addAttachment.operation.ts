import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { writeOnce } from '../../../shared/writeOnce';
import { buildMultipart } from '../../../shared/multipart';
import { fail } from '../../../shared/validation';
import { toWindows1252 } from '../../../shared/windows1252';
import { procountorRequest, procountorService } from '../../transport';
import { binaryPropertyInput, idParameter } from '../common.descriptions';
import { readInvoiceId } from './shared';

/** Procountor's limit per attachment. */
const MAX_BYTES = 10_000_000;

const properties: INodeProperties[] = [
	idParameter('Invoice ID', 'invoiceId', 'Procountor ID of the invoice to attach the file to'),
	binaryPropertyInput,
	{
		displayName: 'Send With Invoice',
		name: 'sendWithInvoice',
		type: 'boolean',
		default: true,
		description: 'Whether the file goes to the customer together with the invoice',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. delivery-note.pdf',
		description: "Name shown in Procountor, with its extension. Empty uses the binary's file name.",
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['addAttachment'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** `POST /attachments` (multipart: a JSON `meta` part and the `file`). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const binary = this.helpers.assertBinaryData(itemIndex, binaryPropertyName);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
		if (data.length > MAX_BYTES) {
			fail(
				this.getNode(),
				`The file in "${binaryPropertyName}" of item ${itemIndex} is ${data.length} bytes; Procountor takes at most ${MAX_BYTES}`,
				itemIndex,
				'Compress or split the file. Nothing was sent.',
			);
		}
		const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
		const requested = String(this.getNodeParameter('fileName', itemIndex, '') ?? '').trim();
		const name = toWindows1252(requested || binary.fileName || `attachment-${invoiceId}${extension}`);
		if (!/\.[A-Za-z0-9]{1,8}$/.test(name)) {
			fail(
				this.getNode(),
				`The attachment name "${name}" in item ${itemIndex} has no file extension`,
				itemIndex,
				'Procountor needs the name with its extension, e.g. receipt.pdf. Set File Name. Nothing was sent.',
			);
		}
		const meta = {
			name,
			referenceType: 'INVOICE',
			referenceId: invoiceId,
			sendWithInvoice: this.getNodeParameter('sendWithInvoice', itemIndex, true) as boolean,
		};
		const { body, contentType } = buildMultipart([
			{ field: 'meta', mimeType: 'application/json', data: Buffer.from(JSON.stringify(meta)) },
			{ field: 'file', fileName: name, mimeType: binary.mimeType || 'application/octet-stream', data },
		]);
		const result = await writeOnce<IDataObject>(this, {
			service: procountorService,
			itemIndex,
			kind: 'attachment',
			payload: { meta, data },
			skipIfExists: false,
			write: async () => {
				const response = await procountorRequest.call(this, 'POST', '/attachments', {
					body,
					headers: { 'Content-Type': contentType },
					itemIndex,
				});
				return (response && Object.keys(response).length ? response : { ...meta, attached: true }) as IDataObject;
			},
			whereToCheck: `the attachments of invoice ${invoiceId} in Procountor`,
		});
		return { ...result.record, alreadyExisted: result.existed };
	});
}
