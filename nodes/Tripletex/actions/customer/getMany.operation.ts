import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { filtersToQuery, readPagination } from '../../../shared/pagination';
import { TRIPLETEX_PAGE_SIZE, tripletexList } from '../../transport';
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
				displayName: 'Customer Number',
				name: 'customerNumber',
				type: 'string',
				default: '',
				description: 'One customer number, or several separated by commas',
			},
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: '*,postalAddress(*)',
				description: 'Which fields Tripletex returns, in its fields syntax',
			},
			{
				displayName: 'Inactive',
				name: 'isInactive',
				type: 'boolean',
				default: false,
				description: 'Whether to return inactive customers instead of active ones',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Customer name' },
			{ displayName: 'Organization Number', name: 'organizationNumber', type: 'string', default: '' },
		],
	},
];

const displayOptions = { show: { resource: ['customer'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Node filter name → Tripletex query parameter. */
const FILTER_QUERY_NAMES: Record<string, string> = {
	name: 'customerName',
	email: 'email',
	organizationNumber: 'organizationNumber',
	customerNumber: 'customerAccountNumber',
	isInactive: 'isInactive',
	fields: 'fields',
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs = filtersToQuery(filters, FILTER_QUERY_NAMES);
		const pagination = readPagination.call(this, itemIndex, TRIPLETEX_PAGE_SIZE);
		return await tripletexList.call(this, '/customer', qs, pagination, itemIndex);
	});
}
