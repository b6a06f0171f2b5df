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
			{ displayName: 'EAN', name: 'ean', type: 'string', default: '', description: 'Exact barcode' },
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: '*,vatType(number,percentage)',
				description: 'Which fields Tripletex returns, in its fields syntax',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Products whose name contains this' },
			{
				displayName: 'Product Number',
				name: 'number',
				type: 'string',
				default: '',
				description: 'One product number, or several separated by commas',
			},
		],
	},
];

const displayOptions = { show: { resource: ['product'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Node filter name → Tripletex query parameter. */
const FILTER_QUERY_NAMES: Record<string, string> = {
	number: 'productNumber',
	ean: 'ean',
	name: 'name',
	fields: 'fields',
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs = filtersToQuery(filters, FILTER_QUERY_NAMES);
		const pagination = readPagination.call(this, itemIndex, TRIPLETEX_PAGE_SIZE);
		return await tripletexList.call(this, '/product', qs, pagination, itemIndex);
	});
}
