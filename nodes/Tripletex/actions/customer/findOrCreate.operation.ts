import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fail } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { tripletexRequest, tripletexService } from '../../transport';
import type { CustomerInput } from './shared';
import {
	buildCustomerBody,
	customerFieldOptions,
	findCustomerByEmail,
	findCustomerByOrganizationNumber,
	parseCustomerInput,
} from './shared';

const MATCH_KEYS = ['organizationNumber', 'email'];

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Nordic Bikes AS',
		description: 'Used when the customer has to be created; not used for matching',
	},
	{
		displayName: 'Organization Number',
		name: 'organizationNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. 923609016',
		description:
			'Matched first. Norwegian numbers are checked before anything is sent; for a customer outside Norway also set Country Code.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		description: 'Matched when no customer has the organization number (exact, ignoring case)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only used when the customer is created',
		options: customerFieldOptions.filter((option) => !MATCH_KEYS.includes(option.name)),
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['findOrCreate'] } };

export const description = updateDisplayOptions(displayOptions, properties);

type MatchedBy = 'organizationNumber' | 'email';

interface Match {
	customer: IDataObject;
	matchedBy: MatchedBy | null;
}

/**
 * Active customers first; then inactive ones (Tripletex lists only active customers unless
 * asked), so a customer someone deactivated is returned rather than created a second time.
 */
async function findExisting(this: IExecuteFunctions, input: CustomerInput, itemIndex: number): Promise<Match | undefined> {
	for (const inactive of [false, true]) {
		if (input.organizationNumber) {
			const customer = await findCustomerByOrganizationNumber.call(this, input.organizationNumber, itemIndex, inactive);
			if (customer) return { customer, matchedBy: 'organizationNumber' };
		}
		if (input.email) {
			const customer = await findCustomerByEmail.call(this, input.email, itemIndex, inactive);
			if (customer) return { customer, matchedBy: 'email' };
		}
	}
	return undefined;
}

/** Items run one at a time: two items for the same new customer must not both create it. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: LookupCache,
): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const input = parseCustomerInput.call(
			this,
			{
				...additionalFields,
				name: this.getNodeParameter('name', itemIndex),
				organizationNumber: this.getNodeParameter('organizationNumber', itemIndex, ''),
				email: this.getNodeParameter('email', itemIndex, ''),
			},
			itemIndex,
			{ nameRequired: true },
		);
		if (!input.organizationNumber && !input.email) {
			fail(
				this.getNode(),
				`Item ${itemIndex} has neither an organization number nor an email to match the customer on`,
				itemIndex,
				'Map at least one of them, or use Customer → Create to always create a new customer. Nothing was sent.',
			);
		}

		const result = await writeOnce<Match>(this, {
				service: tripletexService,
				itemIndex,
				kind: 'customer',
				reference: input.organizationNumber ? `org:${input.organizationNumber}` : `email:${String(input.email).toLowerCase()}`,
				payload: input,
				whereToCheck: `Tripletex's customers for ${input.organizationNumber ? `organization number ${input.organizationNumber}` : `email ${input.email}`}`,
			skipIfExists: true,
			find: async () => await findExisting.call(this, input, itemIndex),
			write: async () => {
				const body = await buildCustomerBody.call(this, cache, input, itemIndex);
				const response = await tripletexRequest.call(this, 'POST', '/customer', { body, itemIndex });
				return { customer: response.value as IDataObject, matchedBy: null };
			},
		});
		return {
			...result.record.customer,
			alreadyExisted: result.existed,
			// From the ledger, a customer this node created: found again by the same key.
			matchedBy: result.existed ? (result.record.matchedBy ?? (input.organizationNumber ? 'organizationNumber' : 'email')) : null,
		};
	});
}
