import type { INodeProperties } from 'n8n-workflow';

import { decimalSeparatorOption } from '../../../shared/inputFormat';
import { concurrencyOption, customerLocator } from '../common.descriptions';

/** The parameters of Order → Create, in the order the node shows them. */
export const createFields: INodeProperties[] = [
	customerLocator,
	{
		displayName: 'Order Date',
		name: 'orderDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-15',
		description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone)',
	},
	{
		displayName: 'Delivery Date',
		name: 'deliveryDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-07-16',
		description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone). Leave empty to use the order date.',
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
		options: [concurrencyOption, decimalSeparatorOption],
	},
];

