import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { filtersToQuery, readPagination } from '../../../shared/pagination';
import type { ProcountorPage } from '../../transport';
import { PROCOUNTOR_PAGE_SIZE, procountorRequest } from '../../transport';
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
				displayName: 'Code',
				name: 'code',
				type: 'string',
				default: '',
				placeholder: 'e.g. CUP-1',
				description: 'Product code (SKU). Procountor matches it as a substring; see Exact Code Match.',
			},
			{
				displayName: 'Exact Code Match',
				name: 'exactCode',
				type: 'boolean',
				default: true,
				description: 'Whether to return only products whose code equals Code exactly (Procountor itself returns every code that contains it)',
			},
			{ displayName: 'Group', name: 'group', type: 'string', default: '', description: 'Product group ID' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Purchase', value: 'PURCHASE' },
					{ name: 'Sales', value: 'SALES' },
				],
				default: 'SALES',
			},
		],
	},
];

const displayOptions = { show: { resource: ['product'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Products page by key: each request asks for the records after the last id seen (previousId). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs = filtersToQuery(filters, { code: 'code', name: 'name', type: 'type', active: 'active', group: 'group' });
		const exactCode = typeof qs.code === 'string' && filters.exactCode !== false ? qs.code : undefined;
		const { returnAll, limit } = readPagination.call(this, itemIndex, PROCOUNTOR_PAGE_SIZE);
		const wanted = returnAll ? Number.POSITIVE_INFINITY : limit;
		const collected: IDataObject[] = [];
		let previousId: unknown;
		while (collected.length < wanted) {
			const size = exactCode ? PROCOUNTOR_PAGE_SIZE : Math.min(PROCOUNTOR_PAGE_SIZE, wanted - collected.length);
			const page = (await procountorRequest.call(this, 'GET', '/products', {
				qs: { ...qs, size, ...(previousId !== undefined ? { previousId } : {}) },
				itemIndex,
			})) as ProcountorPage;
			const results = page.results ?? [];
			for (const product of results) {
				if (exactCode === undefined || String(product.code ?? '') === exactCode) collected.push(product);
			}
			if (results.length < size) break;
			previousId = results[results.length - 1].id;
		}
		return collected.slice(0, wanted);
	});
}
