import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { toIsoDate } from '../../../shared/dates';
import { createOnce } from '../../../shared/createOnce';
import { processItems, readConcurrency } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fromMinorUnits } from '../../../shared/money';
import { fail, parseOrThrow, readListParameter, withoutUndefined } from '../../../shared/validation';
import { readNumericId } from '../../ids';
import { resolveProductId, resolveVatType } from '../../lookups';
import { optionalId, optionalText } from '../../schemas';
import { tripletexRequest } from '../../transport';
import { concurrencyOption, customerLocator } from '../common.descriptions';
import type { LineInput, OrderPayload } from './lines';
import { linesFromCollection, linesInputSchema, orderPayloadSchema } from './lines';
import { findOrderByReference } from './lookups';

const properties: INodeProperties[] = [
	customerLocator,
	{
		displayName: 'Order Date',
		name: 'orderDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-15',
		description: 'YYYY-MM-DD',
	},
	{
		displayName: 'Delivery Date',
		name: 'deliveryDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-07-16',
		description: 'YYYY-MM-DD. Leave empty to use the order date.',
	},
	{
		displayName: 'Prices Include VAT',
		name: 'pricesIncludeVat',
		type: 'boolean',
		default: false,
		description:
			'Whether the unit prices below include VAT, as web-store prices usually do (Tripletex\'s isPrioritizeAmountsIncludingVat)',
	},
	{
		displayName: 'Lines Input',
		name: 'linesSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter each order line in the node' },
			{
				name: 'From JSON',
				value: 'json',
				description: 'Take an array of order lines from the item, e.g. the store order\'s line items',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Order Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Order Line',
		displayOptions: { show: { linesSource: ['fields'] } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{
						displayName: 'Count',
						name: 'count',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 1,
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Required when the line has no product',
					},
					{
						displayName: 'Discount (%)',
						name: 'discount',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
						default: 0,
					},
					{
						displayName: 'Product ID',
						name: 'productId',
						type: 'string',
						default: '',
						description: 'Internal ID of a Tripletex product. Leave empty for a free-text line.',
					},
					{
						displayName: 'Product Number',
						name: 'productNumber',
						type: 'string',
						default: '',
						description: 'Instead of Product ID: the product\'s number, e.g. the store SKU',
					},
					{
						displayName: 'Unit Price',
						name: 'unitPrice',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1250.00',
						description:
							'Price per unit, including VAT when Prices Include VAT is on. Leave empty on a product line to use the product\'s price.',
					},
					{
						displayName: 'VAT Code Name or ID',
						name: 'vatCode',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getVatTypes' },
						default: '',
						description:
							'Tripletex VAT code (the code, e.g. 3 for 25 %); empty uses the product\'s VAT code. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	},
	{
		displayName: 'Order Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default:
			'[\n  { "productNumber": "SKU-1001", "count": 1, "unitPrice": 1250 },\n  { "description": "Shipping", "count": 1, "unitPrice": 99, "vatCode": "3" }\n]',
		description:
			'Array of lines with keys description, productId or productNumber, count, unitPrice, vatCode, discount (percent)',
		displayOptions: { show: { linesSource: ['json'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Invoice Comment',
				name: 'invoiceComment',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Text printed on the invoice made from this order',
			},
			{
				displayName: 'Our Reference (Employee ID)',
				name: 'ourContactEmployeeId',
				type: 'string',
				default: '',
				description: 'Internal ID of the employee who is the seller\'s contact on the order',
			},
		],
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. store-6001',
		description:
			'Your reference for this order, such as the store order number. Shown on the invoice and used to find the order again.',
	},
	{
		displayName: 'Skip If It Already Exists',
		name: 'skipIfExists',
		type: 'boolean',
		default: true,
		description:
			"Whether to look for the customer's order with this reference on the order date first and return it (marked alreadyExisted) instead of creating it twice",
		displayOptions: { hide: { reference: [''] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [concurrencyOption],
	},
];

const displayOptions = { show: { resource: ['order'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const additionalFieldsSchema = z
	.object({ invoiceComment: optionalText, ourContactEmployeeId: optionalId })
	.strict();

function readLines(this: IExecuteFunctions, itemIndex: number): LineInput[] {
	const raw = readListParameter.call(this, itemIndex, {
		source: 'linesSource',
		json: 'linesJson',
		collection: 'lines',
		entry: 'line',
		label: 'Order Lines (JSON)',
		example: '[{"productNumber": "SKU-1001", "count": 1, "unitPrice": 1250}]',
		fromCollection: linesFromCollection,
	});
	return parseOrThrow(this.getNode(), linesInputSchema, { lines: raw }, itemIndex).lines;
}

function readDates(this: IExecuteFunctions, itemIndex: number): { orderDate: string; deliveryDate: string } {
	const orderDate = toIsoDate(this.getNodeParameter('orderDate', itemIndex));
	if (!orderDate) {
		fail(this.getNode(), `Order Date in item ${itemIndex} is missing or not a date`, itemIndex, 'Use YYYY-MM-DD, e.g. 2026-07-15. Nothing was sent.');
	}
	const rawDeliveryDate = this.getNodeParameter('deliveryDate', itemIndex, '');
	const deliveryDate = rawDeliveryDate === '' ? orderDate : toIsoDate(rawDeliveryDate);
	if (!deliveryDate) {
		fail(this.getNode(), `Delivery Date in item ${itemIndex} is not a date`, itemIndex, 'Use YYYY-MM-DD, or leave it empty to use the order date. Nothing was sent.');
	}
	return { orderDate, deliveryDate };
}

async function buildPayload(this: IExecuteFunctions, cache: LookupCache, itemIndex: number): Promise<OrderPayload> {
	const customerId = readNumericId.call(this, 'customer', 'Customer', itemIndex);
	const { orderDate, deliveryDate } = readDates.call(this, itemIndex);
	const pricesIncludeVat = this.getNodeParameter('pricesIncludeVat', itemIndex, false) as boolean;
	const lines = readLines.call(this, itemIndex);
	const additionalFields = parseOrThrow(
		this.getNode(),
		additionalFieldsSchema,
		this.getNodeParameter('additionalFields', itemIndex, {}),
		itemIndex,
	);
	const unitPriceField = pricesIncludeVat ? 'unitPriceIncludingVatCurrency' : 'unitPriceExcludingVatCurrency';

	const orderLines: IDataObject[] = [];
	for (const [index, line] of lines.entries()) {
		const where = `line ${index + 1} of item ${itemIndex}`;
		const productId = line.productNumber
			? await resolveProductId.call(this, cache, line.productNumber, itemIndex, where)
			: line.productId;
		const vatType = line.vatCode ? await resolveVatType.call(this, cache, line.vatCode, itemIndex, where) : undefined;
		orderLines.push({
			product: productId === undefined ? undefined : { id: productId },
			description: line.description,
			count: line.count,
			[unitPriceField]: line.unitPrice === undefined ? undefined : fromMinorUnits(line.unitPrice),
			vatType: vatType ? { id: vatType.id } : undefined,
			discount: line.discount || undefined,
		});
	}

	const payload = {
		customer: { id: customerId },
		orderDate,
		deliveryDate,
		isPrioritizeAmountsIncludingVat: pricesIncludeVat,
		reference: String(this.getNodeParameter('reference', itemIndex, '')).trim() || undefined,
		invoiceComment: additionalFields.invoiceComment,
		ourContactEmployee:
			additionalFields.ourContactEmployeeId === undefined ? undefined : { id: additionalFields.ourContactEmployeeId },
		orderLines,
	};
	return parseOrThrow(this.getNode(), orderPayloadSchema, withoutUndefined(payload), itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: LookupCache,
): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency.call(this);
	return await processItems.call(
		this,
		items,
		async (itemIndex) => {
			const payload = await buildPayload.call(this, cache, itemIndex);
			const reference = payload.reference;
			const result = await createOnce<IDataObject>({
				skipIfExists: reference ? (this.getNodeParameter('skipIfExists', itemIndex, true) as boolean) : false,
				find: reference
					? async () => await findOrderByReference.call(this, payload.customer.id, payload.orderDate, reference, itemIndex)
					: undefined,
				create: async () => {
					const response = await tripletexRequest.call(this, 'POST', '/order', {
						body: payload as unknown as IDataObject,
						itemIndex,
					});
					return response.value as IDataObject;
				},
			});
			return { ...result.record, alreadyExisted: result.existed };
		},
		concurrency,
	);
}
