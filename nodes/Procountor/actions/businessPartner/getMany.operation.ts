import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normalizeFinnishBusinessId } from '../../../shared/identifiers';
import { processItems } from '../../../shared/items';
import { filtersToQuery, readPagination } from '../../../shared/pagination';
import { PROCOUNTOR_PAGE_SIZE, procountorList } from '../../transport';
import { returnAllOrLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'options',
				options: [
					{ name: 'Active Only', value: 'true' },
					{ name: 'Inactive Only', value: 'false' },
				],
				default: 'true',
			},
			{
				displayName: 'Business ID',
				name: 'businessId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1234567-8',
				description: 'Finnish business ID (sent to Procountor in an HTTP header, as it requires)',
			},
			{ displayName: 'Customer Number', name: 'customerNumber', type: 'string', default: '' },
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Partner name (sent to Procountor in an HTTP header, as it requires)',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Customer', value: 'CUSTOMER' },
					{ name: 'Supplier', value: 'SUPPLIER' },
				],
				default: 'CUSTOMER',
			},
		],
	},
];

const displayOptions = { show: { resource: ['businessPartner'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs = filtersToQuery(filters, { customerNumber: 'customerNumber', type: 'type', active: 'active' });
		// Procountor takes name and business ID as HTTP headers, not query parameters.
		const headers = filtersToQuery(filters, { name: 'name', businessId: 'identifier' });
		if (typeof headers.identifier === 'string') {
			headers.identifier = normalizeFinnishBusinessId(headers.identifier) ?? headers.identifier;
		}
		const pagination = readPagination.call(this, itemIndex, PROCOUNTOR_PAGE_SIZE);
		return await procountorList.call(
			this,
			'/businesspartners',
			qs,
			pagination,
			itemIndex,
			Object.keys(headers).length ? headers : undefined,
		);
	});
}
