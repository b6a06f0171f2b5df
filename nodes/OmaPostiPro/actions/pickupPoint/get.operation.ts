import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { fail } from '../../../shared/validation';
import { countryCode } from '../../schemas';
import { omaPostiProRequest } from '../../transport';
import { countryCodeParameter, pickupPointLanguageOption } from '../common.descriptions';
import { requireOAuthClient } from './shared';

const properties: INodeProperties[] = [
	countryCodeParameter,
	{
		displayName: 'Pickup Point Code',
		name: 'pickupPointCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 001003200',
		description: 'The pickup point ID (pupCode), as Search returns it',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pickupPointLanguageOption],
	},
];

const displayOptions = { show: { resource: ['pickupPoint'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** `GET /2025-04/pickuppoints/{countryCode}/{pupCode}`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		await requireOAuthClient.call(this, itemIndex);
		const country = countryCode.safeParse(this.getNodeParameter('countryCode', itemIndex, 'FI'));
		if (!country.success) {
			fail(this.getNode(), `Invalid countryCode in item ${itemIndex}: must be a two-letter country code such as FI`, itemIndex, 'Nothing was sent.');
		}
		const code = String(this.getNodeParameter('pickupPointCode', itemIndex, '') ?? '').trim();
		if (!/^[A-Za-z0-9-]{1,20}$/.test(code)) {
			fail(this.getNode(), `Invalid pickupPointCode in item ${itemIndex}: "${code}" is not a pickup point code`, itemIndex, 'Give the code (pupCode) from Pickup Point → Search, e.g. 001003200. Nothing was sent.');
		}
		const language = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).language as string | undefined;
		return (await omaPostiProRequest.call(this, 'GET', `/2025-04/pickuppoints/${country.data}/${encodeURIComponent(code)}`, {
			headers: language ? { 'Accept-Language': language } : undefined,
			itemIndex,
		})) as IDataObject;
	});
}
