import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { fail } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { applyCharacterSet, readCharacterSetMode } from '../../charset';
import { procountorRequest, procountorService } from '../../transport';
import { characterSetOption } from '../common.descriptions';
import type { PartnerMatch } from './shared';
import { buildPartnerBody, findExistingPartner, parsePartnerInput, partnerFieldOptions } from './shared';

const MATCH_KEYS = ['customerNumber', 'businessId'];

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Kahvila Oy',
		description: 'Used when the customer has to be created; not used for matching',
	},
	{
		displayName: 'Customer Number',
		name: 'customerNumber',
		type: 'string',
		default: '',
		description: 'Matched first (exactly)',
	},
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1234567-8',
		description: 'Finnish business ID (Y-tunnus), checked before anything is sent. Matched when no customer has the customer number.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only used when the customer is created',
		options: partnerFieldOptions.filter((option) => !MATCH_KEYS.includes(option.name)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [characterSetOption],
	},
];

const displayOptions = { show: { resource: ['businessPartner'], operation: ['findOrCreate'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Items run one at a time: two items for the same new customer must not both create it. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const input = parsePartnerInput.call(
			this,
			{
				...additionalFields,
				name: this.getNodeParameter('name', itemIndex),
				customerNumber: this.getNodeParameter('customerNumber', itemIndex, ''),
				businessId: this.getNodeParameter('businessId', itemIndex, ''),
			},
			itemIndex,
		);
		if (!input.customerNumber && !input.businessId) {
			fail(
				this.getNode(),
				`Item ${itemIndex} has neither a customer number nor a business ID to match the customer on`,
				itemIndex,
				'Map at least one of them, or use Business Partner → Create to always create a new partner. Nothing was sent.',
			);
		}
		const body = applyCharacterSet.call(this, buildPartnerBody(input), readCharacterSetMode.call(this, itemIndex), itemIndex) as IDataObject;
		const result = await writeOnce<PartnerMatch>(this, {
				service: procountorService,
				itemIndex,
				kind: 'businessPartner',
				reference: input.customerNumber ? `customer:${input.customerNumber}` : `businessId:${input.businessId}`,
				payload: body,
				whereToCheck: `Procountor's business partners for ${input.customerNumber ? `customer number ${input.customerNumber}` : `business ID ${input.businessId}`}`,
			skipIfExists: true,
			find: async () => await findExistingPartner.call(this, input, itemIndex),
			write: async () => {
				const partner = await procountorRequest.call(this, 'POST', '/businesspartners', { body, itemIndex });
				return { partner, matchedBy: null };
			},
		});
		return {
			...result.record.partner,
			alreadyExisted: result.existed,
			// From the ledger, a partner this node created: found again by the same key.
			matchedBy: result.existed ? (result.record.matchedBy ?? (input.customerNumber ? 'customerNumber' : 'businessId')) : null,
		};
	});
}
