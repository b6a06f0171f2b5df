import type { INodeProperties } from 'n8n-workflow';

import { enumTitle as title } from '../../shared/descriptions';

/** Every invoice status of Procountor's API description (the search's `status` enum). */
export const ALL_INVOICE_STATUSES = [
	'APPROVED',
	'DELETED',
	'EMPTY',
	'INVALIDATED',
	'INVOICED',
	'MARKED_PAID',
	'NOT_SENT',
	'OVERRIDDEN',
	'PAID',
	'PARTLY_PAID',
	'PAYMENT_DENIED',
	'PAYMENT_QUEUED',
	'PAYMENT_SENT_TO_BANK',
	'PAYMENT_TRANSACTION_REMOVED',
	'RECEIVED',
	'SENT',
	'STARTED',
	'UNFINISHED',
	'UNSAVED',
	'VERIFIED',
] as const;

export const DEFAULT_LOOK_BACK_MINUTES = 5;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Business Partner Created or Changed',
				value: 'businessPartnerChanged',
				description: 'A customer, supplier or person in the business partner register was added or edited',
			},
			{
				name: 'Invoice Paid',
				value: 'invoicePaid',
				description: 'A sales invoice was paid, marked paid or (optionally) partly paid; with its payment events',
			},
			{
				name: 'Invoice Status Changed',
				value: 'invoiceStatusChanged',
				description: 'A sales invoice moved to another status (approved, sent, paid, invalidated…)',
			},
			{
				name: 'Sales Invoice Created',
				value: 'invoiceCreated',
				description: 'A new sales invoice was saved (it starts UNFINISHED)',
			},
		],
		default: 'invoicePaid',
	},
	{
		displayName: 'Only These Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: ALL_INVOICE_STATUSES.map((status) => ({ name: title(status), value: status })),
		default: [],
		description: 'Report only changes to these statuses. Empty: every status change.',
		displayOptions: { show: { event: ['invoiceStatusChanged'] } },
	},
	{
		displayName: 'Include Partly Paid',
		name: 'includePartlyPaid',
		type: 'boolean',
		default: true,
		description: 'Whether each part payment (status PARTLY_PAID) is reported too, not only the invoice being paid in full (PAID, MARKED_PAID)',
		displayOptions: { show: { event: ['invoicePaid'] } },
	},
	{
		displayName: 'Partner Type',
		name: 'partnerType',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Customer', value: 'CUSTOMER' },
			{ name: 'Person', value: 'PERSON' },
			{ name: 'Supplier', value: 'SUPPLIER' },
		],
		default: 'any',
		displayOptions: { show: { event: ['businessPartnerChanged'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Look-Back (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1440 },
				default: DEFAULT_LOOK_BACK_MINUTES,
				description:
					"How far before the latest change seen each poll reads again, so that changes Procountor saved late, or with the same time, are not missed (they are recognised and reported once). Also the most n8n's clock may differ from Procountor's when the trigger starts.",
			},
		],
	},
];
