import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { filtersToQuery, readPagination } from '../../../shared/pagination';
import { readDateRange } from '../../dateRange';
import { TRIPLETEX_PAGE_SIZE, tripletexList } from '../../transport';
import { returnAllOrLimit } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Date From',
		name: 'dateFrom',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-01',
		description: 'First voucher date to include (YYYY-MM-DD)',
	},
	{
		displayName: 'Date To',
		name: 'dateTo',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-31',
		description: 'Last voucher date to include (YYYY-MM-DD, inclusive)',
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
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: '*,postings(*)',
				description: 'Which fields Tripletex returns, in its fields syntax',
			},
			{ displayName: 'Number From', name: 'numberFrom', type: 'number', default: 0 },
			{ displayName: 'Number To', name: 'numberTo', type: 'number', default: 0 },
			{ displayName: 'Voucher Number', name: 'number', type: 'string', default: '', description: 'Exact voucher number' },
			{
				displayName: 'Voucher Type Name or ID',
				name: 'typeId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVoucherTypes' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},
];

const displayOptions = { show: { resource: ['voucher'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const range = readDateRange.call(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs = {
			dateFrom: range.from,
			dateTo: range.toExclusive,
			...filtersToQuery(filters, { number: 'number', numberFrom: 'numberFrom', numberTo: 'numberTo', typeId: 'typeId', fields: 'fields' }),
		};
		const pagination = readPagination.call(this, itemIndex, TRIPLETEX_PAGE_SIZE);
		return await tripletexList.call(this, '/ledger/voucher', qs, pagination, itemIndex);
	});
}
