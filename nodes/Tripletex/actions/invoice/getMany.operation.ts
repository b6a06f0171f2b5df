import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { filtersToQuery, readPagination } from '../../../shared/pagination';
import { readDateRange } from '../../dateRange';
import { TRIPLETEX_PAGE_SIZE, tripletexList } from '../../transport';
import { returnAllOrLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Invoice Date From',
		name: 'invoiceDateFrom',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-01',
		description: 'First invoice date to include (YYYY-MM-DD)',
	},
	{
		displayName: 'Invoice Date To',
		name: 'invoiceDateTo',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-31',
		description: 'Last invoice date to include (YYYY-MM-DD, inclusive)',
	},
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Internal ID of the customer',
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: '*,customer(name)',
				description: 'Which fields Tripletex returns, in its fields syntax',
			},
			{ displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', default: '' },
			{ displayName: 'KID', name: 'kid', type: 'string', default: '', description: 'Customer identification number (KID) for payments' },
		],
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const range = readDateRange.call(this, itemIndex, {
			from: { name: 'invoiceDateFrom', label: 'Invoice Date From' },
			to: { name: 'invoiceDateTo', label: 'Invoice Date To' },
		});
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs = {
			invoiceDateFrom: range.from,
			invoiceDateTo: range.toExclusive,
			...filtersToQuery(filters, { invoiceNumber: 'invoiceNumber', customerId: 'customerId', kid: 'kid', fields: 'fields' }),
		};
		const pagination = readPagination.call(this, itemIndex, TRIPLETEX_PAGE_SIZE);
		return await tripletexList.call(this, '/invoice', qs, pagination, itemIndex);
	});
}
