import type { INodeProperties } from 'n8n-workflow';

import { decimalSeparatorOption } from '../../../shared/inputFormat';
import { concurrencyOption } from '../common.descriptions';

/** The parameters of Voucher → Create, in the order the node shows them. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-15',
		description: 'Voucher date: YYYY-MM-DD, or a DateTime such as {{ $now }} (its date in its own zone). Postings use it unless they give their own.',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Web-store order 6001',
	},
	{
		displayName: 'External Reference',
		name: 'externalVoucherNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. store-6001',
		description:
			"Your reference for this voucher, such as the store order number (Tripletex's externalVoucherNumber, max 70 characters). Used to find the voucher again and to prevent duplicates.",
	},
	{
		displayName: 'Skip If It Already Exists',
		name: 'skipIfExists',
		type: 'boolean',
		default: true,
		description:
			'Whether to look up the external reference first and return the existing voucher (marked alreadyExisted) instead of posting it twice',
		displayOptions: { hide: { externalVoucherNumber: [''] } },
	},
	{
		displayName: 'Postings Input',
		name: 'postingsSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter each posting in the node' },
			{
				name: 'From JSON',
				value: 'json',
				description: 'Take an array of postings from the item, e.g. built by a Code node',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Postings',
		name: 'postings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Posting',
		description:
			'Debits are positive, credits negative; amounts include VAT. Tripletex books the VAT part itself. The postings must sum to exactly 0 per date.',
		displayOptions: { show: { postingsSource: ['fields'] } },
		options: [
			{
				displayName: 'Posting',
				name: 'posting',
				values: [
					{
						displayName: 'Account',
						name: 'account',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						required: true,
						description: 'Account in the chart of accounts, by its number (not its internal ID)',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
							},
							{
								displayName: 'By Number',
								name: 'number',
								type: 'string',
								placeholder: 'e.g. 1920',
								validation: [
									{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'Not an account number' } },
								],
							},
						],
					},
					{
						displayName: 'Amount (Incl. VAT)',
						name: 'amount',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
						description: 'Positive for debit, negative for credit',
					},
					{
						displayName: 'Customer ID',
						name: 'customerId',
						type: 'string',
						default: '',
						description: 'Required on customer ledger accounts such as 1500',
					},
					{
						displayName: 'Date',
						name: 'date',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2026-07-15',
						description: 'Only if this posting is on another date than the voucher',
					},
					{ displayName: 'Department ID', name: 'departmentId', type: 'string', default: '' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					{ displayName: 'Employee ID', name: 'employeeId', type: 'string', default: '' },
					{ displayName: 'Project ID', name: 'projectId', type: 'string', default: '' },
					{
						displayName: 'Supplier ID',
						name: 'supplierId',
						type: 'string',
						default: '',
						description: 'Required on supplier ledger accounts such as 2400',
					},
					{
						displayName: 'VAT Code Name or ID',
						name: 'vatCode',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getVatTypes' },
						default: '',
						description:
							'Tripletex VAT code for this posting, e.g. 3 for 25 % output VAT. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	},
	{
		displayName: 'Postings (JSON)',
		name: 'postingsJson',
		type: 'json',
		default: '[\n  { "account": 1920, "amount": 1250, "description": "Card settlement" },\n  { "account": 3000, "amount": -1250, "vatCode": "3", "description": "Sales 25% VAT" }\n]',
		description: 'Array of postings with keys account, amount (incl. VAT; + debit, − credit), and optionally vatCode, description, customerId, supplierId, employeeId, departmentId, projectId, date.',
		displayOptions: { show: { postingsSource: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			decimalSeparatorOption,
			{
				displayName: 'Send to Ledger',
				name: 'sendToLedger',
				type: 'boolean',
				default: true,
				description:
					'Whether to post the voucher to the ledger at once (needs the "Advanced Voucher" access). Off leaves it for review in Tripletex.',
			},
			{
				displayName: 'Voucher Type Name or ID',
				name: 'voucherTypeId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVoucherTypes' },
				default: '',
				description:
					'Leave empty for a manual voucher. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Vendor Invoice Number',
				name: 'vendorInvoiceNumber',
				type: 'string',
				default: '',
			},
			concurrencyOption,
		],
	},
];

