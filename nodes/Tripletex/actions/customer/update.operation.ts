import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fail } from '../../../shared/validation';
import { tripletexRequest } from '../../transport';
import { customerLocator } from '../common.descriptions';
import { buildCustomerBody, customerFieldOptions, hasAddress, parseCustomerInput, readCustomerId } from './shared';

const updateFieldOptions = ([
	...customerFieldOptions,
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{
		displayName: 'Version',
		name: 'version',
		type: 'number',
		default: 0,
		description:
			'The version of the customer your change is based on (from an earlier Get). Tripletex refuses the update with a conflict if the customer changed since. Leave out to use the current version.',
	},
] satisfies INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	customerLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateFieldOptions,
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface CurrentCustomer {
	id: number;
	version: number;
	postalAddress?: { id?: number } | null;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: LookupCache,
): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const customerId = readCustomerId.call(this, itemIndex);
		const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const input = parseCustomerInput.call(this, updateFields, itemIndex, { nameRequired: false });
		const body = await buildCustomerBody.call(this, cache, input, itemIndex);
		if (Object.keys(body).length === 0) {
			fail(
				this.getNode(),
				`Nothing to update in item ${itemIndex}`,
				itemIndex,
				'Add at least one field under Update Fields. Nothing was sent.',
			);
		}

		let version = input.version;
		// Without the address id Tripletex would attach a new address instead of editing the current one.
		if (version === undefined || hasAddress(input)) {
			const response = await tripletexRequest.call(this, 'GET', `/customer/${customerId}`, {
				qs: { fields: 'id,version,postalAddress(id)' },
				itemIndex,
			});
			const current = response.value as unknown as CurrentCustomer;
			version ??= current.version;
			const addressId = current.postalAddress?.id;
			if (body.postalAddress && addressId) body.postalAddress = { id: addressId, ...(body.postalAddress as IDataObject) };
		}

		const response = await tripletexRequest.call(this, 'PUT', `/customer/${customerId}`, {
			body: { id: customerId, version, ...body },
			itemIndex,
		});
		return response.value as IDataObject;
	});
}
