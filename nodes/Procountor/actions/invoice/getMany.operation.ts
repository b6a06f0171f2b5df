import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDateValue } from '../../../shared/dates';
import { enumTitle as title } from '../../../shared/descriptions';
import { processItems } from '../../../shared/items';
import { filtersToQuery, readPagination } from '../../../shared/pagination';
import { PROCOUNTOR_PAGE_SIZE, procountorList } from '../../transport';
import { returnAllOrLimit } from '../common.descriptions';
import { INVOICE_STATUSES } from './shared';

const dateFilter = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 2026-07-01',
	description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone)',
});

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Business Partner ID', name: 'businessPartnerId', type: 'string', default: '' },
			{
				...dateFilter('Created From', 'createdStartDate'),
				description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone). Sent as the start of that day (Procountor takes a date-time).',
			},
			{
				...dateFilter('Created To', 'createdEndDate'),
				description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone). The whole day is included: sent as its last second (Procountor takes a date-time).',
			},
			dateFilter('Due Date From', 'dueStartDate'),
			dateFilter('Due Date To', 'dueEndDate'),
			dateFilter('Invoice Date From', 'startDate'),
			dateFilter('Invoice Date To', 'endDate'),
			{ displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', default: '' },
			{
				displayName: 'Original Invoice Number',
				name: 'originalInvoiceNumber',
				type: 'string',
				default: '',
				description: "The external number, e.g. the store's order number",
			},
			{
				displayName: 'Statuses',
				name: 'status',
				type: 'multiOptions',
				options: [...INVOICE_STATUSES].sort().map((status) => ({ name: title(status), value: status })),
				default: [],
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: [
					{ name: 'Bill of Charges', value: 'BILL_OF_CHARGES' },
					{ name: 'Periodic Tax Return', value: 'PERIODIC_TAX_RETURN' },
					{ name: 'Purchase Invoice', value: 'PURCHASE_INVOICE' },
					{ name: 'Purchase Order', value: 'PURCHASE_ORDER' },
					{ name: 'Sales Invoice', value: 'SALES_INVOICE' },
					{ name: 'Sales Order', value: 'SALES_ORDER' },
					{ name: 'Travel Invoice', value: 'TRAVEL_INVOICE' },
				],
				default: [],
			},
		],
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The date filters and their labels, for messages. */
const DATE_FILTER_LABELS: Record<string, string> = {
	startDate: 'Invoice Date From',
	endDate: 'Invoice Date To',
	createdStartDate: 'Created From',
	createdEndDate: 'Created To',
	dueStartDate: 'Due Date From',
	dueEndDate: 'Due Date To',
};
const DATE_FILTERS = Object.keys(DATE_FILTER_LABELS);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const filters = { ...(this.getNodeParameter('filters', itemIndex, {}) as IDataObject) };
		for (const name of DATE_FILTERS) {
			if (filters[name] === undefined || filters[name] === '') continue;
			filters[name] = readDateValue.call(this, filters[name], `Filter ${DATE_FILTER_LABELS[name]}`, itemIndex);
		}
		// Procountor's created filters are date-times (without a zone, in the company's time): a day
		// from its first to its last second, so "Created To" includes the whole day.
		if (filters.createdStartDate) filters.createdStartDate = `${String(filters.createdStartDate)}T00:00:00`;
		if (filters.createdEndDate) filters.createdEndDate = `${String(filters.createdEndDate)}T23:59:59`;
		// Lists go as one comma-separated value, which Procountor reads as a list.
		for (const name of ['status', 'types']) {
			const values = filters[name];
			filters[name] = Array.isArray(values) && values.length ? values.join(',') : undefined;
		}
		const qs = filtersToQuery(
			filters,
			Object.fromEntries(
				['businessPartnerId', 'invoiceNumber', 'originalInvoiceNumber', 'status', 'types', ...DATE_FILTERS].map((name) => [name, name]),
			),
		);
		const pagination = readPagination.call(this, itemIndex, PROCOUNTOR_PAGE_SIZE);
		return await procountorList.call(this, '/invoices', qs, pagination, itemIndex);
	});
}
