import type { INodeProperties } from 'n8n-workflow';

import { decimalSeparatorOption } from '../../../shared/inputFormat';
import { languageOptions, paymentMethodOptions } from '../businessPartner/shared';
import { characterSetOption, concurrencyOption } from '../common.descriptions';

const addressFields = (withName: boolean): INodeProperties[] => [
	{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Helsinki' },
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. FINLAND',
		description: 'As Procountor names it (FINLAND, SWEDEN...), or a common two-letter code such as FI or SE',
	},
	...(withName
		? [{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Recipient, if not the customer' } as INodeProperties]
		: []),
	{ displayName: 'Postcode', name: 'zip', type: 'string', default: '', placeholder: 'e.g. 00100' },
	{ displayName: 'Street', name: 'street', type: 'string', default: '', placeholder: 'e.g. Mannerheimintie 1' },
];

/** The parameters of Invoice → Create, in the order the node shows them. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Kahvila Oy',
		description: 'The buyer: a company or a person',
	},
	{
		displayName: 'Customer Details',
		name: 'customer',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Business ID',
				name: 'businessId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1234567-8',
				description: 'Finnish business ID (Y-tunnus), checked before anything is sent; used to find the customer in the register',
			},
			{ displayName: 'Contact Person', name: 'contactPersonName', type: 'string', default: '' },
			{
				displayName: 'Customer Number',
				name: 'customerNumber',
				type: 'string',
				default: '',
				description: 'Used first to find the customer in the register',
			},
			{ displayName: 'E-Invoice Address', name: 'einvoiceAddress', type: 'string', default: '', placeholder: 'e.g. 003712345678' },
			{
				displayName: 'E-Invoice Operator',
				name: 'einvoiceOperator',
				type: 'string',
				default: '',
				placeholder: 'e.g. 003721291126',
				description: 'Operator (intermediator) code; required for an e-invoice to a Finnish address',
			},
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
		],
	},
	{
		displayName: 'Billing Address',
		name: 'billingAddress',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: addressFields(false),
	},
	{
		displayName: 'Delivery Address',
		name: 'deliveryAddress',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Leave empty when it is the billing address',
		options: addressFields(true),
	},
	{
		displayName: 'Invoice Date',
		name: 'invoiceDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-15',
		description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone)',
	},
	{
		displayName: 'Due Date',
		name: 'dueDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-07-29',
		description: 'YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone). Leave empty to use the payment term.',
	},
	{
		displayName: 'Payment Term (Days)',
		name: 'paymentTermDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 14,
		description: 'Days from the invoice date to the due date, when no due date is given',
		displayOptions: { show: { dueDate: [''] } },
	},
	{
		displayName: 'Order Number',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1001',
		description:
			"The store's order number. Stored as the invoice's original invoice number and order reference, and used to find the invoice again.",
	},
	{
		displayName: 'Skip If It Already Exists',
		name: 'skipIfExists',
		type: 'boolean',
		default: true,
		description:
			'Whether to look for a sales invoice with this order number first and return it (marked alreadyExisted) instead of creating it twice',
		displayOptions: { hide: { reference: [''] } },
	},
	{
		displayName: 'Customer Register',
		name: 'customerRegister',
		type: 'options',
		options: [
			{
				name: 'Keep Order Data Only',
				value: 'none',
				description: 'Do not look in the business partner register; the invoice carries the order\'s customer data',
			},
			{
				name: 'Link or Create Partner',
				value: 'linkOrCreate',
				description: 'Link the invoice to the partner with this customer number or business ID; create the partner first when there is none',
			},
			{
				name: 'Link to Existing Partner',
				value: 'link',
				description: 'Link the invoice to the partner with this customer number or business ID, if there is one',
			},
		],
		default: 'linkOrCreate',
	},
	{
		displayName: 'Invoice Data From',
		name: 'dataSource',
		type: 'options',
		options: [
			{ name: 'Order', value: 'order', description: 'Name, addresses, email and e-invoice address as the order gives them' },
			{
				name: 'Register',
				value: 'register',
				description: 'As the linked business partner has them in Procountor; the order fills what the register lacks',
			},
		],
		default: 'order',
		displayOptions: { hide: { customerRegister: ['none'] } },
	},
	{
		displayName: 'Invoice Channel',
		name: 'invoiceChannel',
		type: 'options',
		options: [
			{ name: 'E-Invoice', value: 'ELECTRONIC_INVOICE' },
			{ name: 'Email', value: 'EMAIL' },
			{
				name: 'From the Data',
				value: 'auto',
				description: 'E-invoice address → e-invoice; email → email; full postal address → mail; otherwise no sending',
			},
			{ name: 'Mail', value: 'MAIL' },
			{ name: 'No Sending', value: 'NO_SENDING' },
		],
		default: 'auto',
		description: 'How Procountor sends the invoice once it is approved and sent',
	},
	{
		displayName: 'Prices Include VAT',
		name: 'pricesIncludeVat',
		type: 'boolean',
		default: true,
		description: 'Whether the unit prices include VAT, as web-store prices usually do',
	},
	{
		displayName: 'Rows Input',
		name: 'rowsSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter each invoice row in the node' },
			{
				name: 'From JSON',
				value: 'json',
				description: "Take an array of rows from the item, e.g. the store order's line items",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Invoice Rows',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Invoice Row',
		displayOptions: { show: { rowsSource: ['fields'] } },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Comment', name: 'comment', type: 'string', default: '', description: 'Extra text on the row (up to 512 characters)' },
					{
						displayName: 'Discount (%)',
						name: 'discountPercent',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
						default: 0,
					},
					{
						displayName: 'Product Code',
						name: 'productCode',
						type: 'string',
						default: '',
						description: 'The SKU. With Match Products by Code on, links the row to the product with exactly this code.',
					},
					{
						displayName: 'Product Name',
						name: 'product',
						type: 'string',
						default: '',
						description: "The row text. May be left empty when the row is matched to a product by code (the product's name is used).",
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { numberPrecision: 4 },
						default: 1,
					},
					{
						displayName: 'Unit',
						name: 'unit',
						type: 'options',
						options: [
							{ name: 'Hour', value: 'HOUR' },
							{ name: 'Kilogram', value: 'KILOGRAM' },
							{ name: 'No Unit', value: 'NO_UNIT' },
							{ name: 'Piece', value: 'PIECE' },
						],
						default: 'PIECE',
						description: 'Procountor unit; other units (Procountor has over 100) can be given as an expression, e.g. LITER',
					},
					{
						displayName: 'Unit Price',
						name: 'unitPrice',
						type: 'string',
						default: '',
						placeholder: 'e.g. 12.50',
						description: 'Price per unit, including VAT when Prices Include VAT is on',
					},
					{
						displayName: 'VAT Percent Name or ID',
						name: 'vatPercent',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getVatPercentages' },
						default: '',
						description:
							'A VAT rate active in the company, e.g. 25.5. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	},
	{
		displayName: 'Invoice Rows (JSON)',
		name: 'rowsJson',
		type: 'json',
		default:
			'[\n  { "product": "Coffee cup", "productCode": "CUP-1", "quantity": 2, "unitPrice": 12.5, "vatPercent": 25.5 },\n  { "product": "Shipping", "quantity": 1, "unitPrice": 5.9, "vatPercent": 25.5 }\n]',
		description:
			'Array of rows with keys product (row text), productCode, quantity, unit, unitPrice, vatPercent, discountPercent, comment, and optionally total (the store\'s line total, to check the arithmetic)',
		displayOptions: { show: { rowsSource: ['json'] } },
	},
	{
		displayName: 'Bank Account Name or ID',
		name: 'bankAccount',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBankAccounts' },
		default: '',
		description:
			'The IBAN the customer pays to. Empty uses the company\'s default (or first) bank account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'VAT Status Name or ID',
		name: 'vatStatus',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getVatStatuses' },
		default: '',
		description:
			'How VAT is handled, e.g. 1 (domestic sales). Empty means 1. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Information',
				name: 'additionalInformation',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Text printed on the invoice',
			},
			{ displayName: 'Currency', name: 'currency', type: 'string', default: 'EUR', description: 'Three-letter code' },
			{
				displayName: 'Currency Rate',
				name: 'currencyRate',
				type: 'number',
				typeOptions: { numberPrecision: 6, minValue: 0, maxValue: 1000000 },
				default: 0,
				description:
					'Exchange rate Procountor books the invoice with, sent unchanged as paymentInfo.currencyRate. Required for a currency other than EUR (the node does not fetch rates and never assumes 1); 0 or empty means 1 for EUR.',
			},
			{
				displayName: 'Generate Bank Reference',
				name: 'generateBankReference',
				type: 'boolean',
				default: true,
				description: 'Whether Procountor generates the payment reference (viitenumero) for the invoice',
			},
			{
				displayName: 'Invoice Discount (%)',
				name: 'discountPercent',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
				default: 0,
			},
			{
				displayName: 'Invoice Template Name or ID',
				name: 'invoiceTemplateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getInvoiceTemplates' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{ displayName: 'Language', name: 'language', type: 'options', options: languageOptions, default: 'FINNISH' },
			{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Internal notes, not printed' },
			{
				displayName: 'Order Total',
				name: 'orderTotal',
				type: 'string',
				default: '',
				placeholder: 'e.g. 30.90',
				description: "The store's order total incl. VAT; the rows must add up to it, checked in cents before sending.",
			},
			{
				displayName: 'Payment Method',
				name: 'paymentMethod',
				type: 'options',
				options: paymentMethodOptions,
				default: 'BANK_TRANSFER',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			characterSetOption,
			concurrencyOption,
			decimalSeparatorOption,
			{
				displayName: 'Match Products by Code',
				name: 'matchProducts',
				type: 'boolean',
				default: false,
				description:
					'Whether to link rows to the product register by exact product code (Procountor\'s own filter matches substrings). Rows without a match stay free-text rows.',
			},
		],
	},
];
