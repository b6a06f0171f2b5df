import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { fail } from '../../../shared/validation';
import { binaryPropertyOutput } from '../common.descriptions';
import { downloadLabel, labelBinary } from './labels';

const properties: INodeProperties[] = [
	{
		displayName: 'Label Link',
		name: 'labelUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.labels[0].href }}',
		description:
			"The href of a label as Shipment → Create returned it. Posti keeps it for 1 hour. Only links on the credential's own gateway are followed.",
	},
	binaryPropertyOutput,
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.trackingNumbers[0] }}.pdf',
		description: "Empty uses the label's ID",
	},
];

const displayOptions = { show: { resource: ['shipment'], operation: ['getLabel'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** `GET` the label link exactly as returned, with the credential's auth; the PDF becomes binary data. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const href = String(this.getNodeParameter('labelUrl', itemIndex, '') ?? '').trim();
		if (!href) {
			fail(this.getNode(), `No label link in item ${itemIndex}`, itemIndex, 'Map the href of a label from Shipment → Create, e.g. {{ $json.labels[0].href }}. Nothing was sent.');
		}
		const pdf = await downloadLabel.call(this, href, itemIndex);
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const labelId = href.split('?')[0].split('/').filter(Boolean).pop() ?? 'label';
		const requested = String(this.getNodeParameter('fileName', itemIndex, '') ?? '').trim();
		const fileName = requested || `${labelId}.pdf`;
		return {
			json: { labelUrl: href, fileName, size: pdf.length },
			binary: { [binaryPropertyName]: await labelBinary.call(this, pdf, fileName) },
		};
	});
}
