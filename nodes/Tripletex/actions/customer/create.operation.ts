import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems, readConcurrency } from '../../../shared/items';
import { writeOnce } from '../../../shared/writeOnce';
import type { LookupCache } from '../../../shared/lookupCache';
import { tripletexRequest, tripletexService } from '../../transport';
import { concurrencyOption } from '../common.descriptions';
import { buildCustomerBody, customerFieldOptions, parseCustomerInput } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Nordic Bikes AS',
		description: 'Company or person name',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: customerFieldOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [concurrencyOption],
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: LookupCache,
): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency.call(this);
	return await processItems.call(
		this,
		items,
		async (itemIndex) => {
			const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const input = parseCustomerInput.call(
				this,
				{ ...additionalFields, name: this.getNodeParameter('name', itemIndex) },
				itemIndex,
				{ nameRequired: true },
			);
			const body = await buildCustomerBody.call(this, cache, input, itemIndex);
			const result = await writeOnce<IDataObject>(this, {
				service: tripletexService,
				itemIndex,
				kind: 'customer',
				payload: body,
				skipIfExists: false,
				write: async () => (await tripletexRequest.call(this, 'POST', '/customer', { body, itemIndex })).value as IDataObject,
				whereToCheck: `Tripletex's customers for ${input.name}`,
			});
			return { ...result.record, alreadyExisted: result.existed };
		},
		concurrency,
	);
}
