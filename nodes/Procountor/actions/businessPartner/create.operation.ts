import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems, readConcurrency } from '../../../shared/items';
import { writeOnce } from '../../../shared/writeOnce';
import { applyCharacterSet, readCharacterSetMode } from '../../charset';
import { procountorRequest, procountorService } from '../../transport';
import { characterSetOption, concurrencyOption } from '../common.descriptions';
import { buildPartnerBody, parsePartnerInput, partnerFieldOptions } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Kahvila Oy',
		description: 'Company or person name',
	},
	{
		displayName: 'Type',
		name: 'partnerType',
		type: 'options',
		options: [
			{ name: 'Customer', value: 'CUSTOMER' },
			{ name: 'Supplier', value: 'SUPPLIER' },
		],
		default: 'CUSTOMER',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: partnerFieldOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [characterSetOption, concurrencyOption],
	},
];

const displayOptions = { show: { resource: ['businessPartner'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency.call(this);
	return await processItems.call(
		this,
		items,
		async (itemIndex) => {
			const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const input = parsePartnerInput.call(
				this,
				{
					...additionalFields,
					name: this.getNodeParameter('name', itemIndex),
					type: this.getNodeParameter('partnerType', itemIndex, 'CUSTOMER'),
				},
				itemIndex,
			);
			const body = applyCharacterSet.call(this, buildPartnerBody(input), readCharacterSetMode.call(this, itemIndex), itemIndex) as IDataObject;
			const result = await writeOnce<IDataObject>(this, {
				service: procountorService,
				itemIndex,
				kind: 'businessPartner',
				payload: body,
				skipIfExists: false,
				write: async () => await procountorRequest.call(this, 'POST', '/businesspartners', { body, itemIndex }),
				whereToCheck: `Procountor's business partners for ${input.name}`,
			});
			return { ...result.record, alreadyExisted: result.existed };
		},
		concurrency,
	);
}
