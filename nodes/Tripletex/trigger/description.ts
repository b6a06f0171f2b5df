import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Tripletex delivers events only to an HTTPS address: n8n must be reachable at a public https:// URL (its WEBHOOK_URL). Activating the workflow subscribes to the events chosen; deactivating it unsubscribes.',
		name: 'httpsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event Names or IDs',
		name: 'events',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEvents' },
		required: true,
		default: [],
		description:
			'The Tripletex events that start the workflow, e.g. invoice.charged or voucher.create (one subscription each). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Fetch Full Record',
		name: 'fetchFullRecord',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the whole record (customer, order, invoice, voucher, …) by its ID when an event arrives and put it in the item as "record". Delete events have no record.',
	},
	{
		displayName: 'Record Fields',
		name: 'recordFields',
		type: 'string',
		default: '*',
		placeholder: 'e.g. invoiceNumber,amount,customer(name)',
		description: "Tripletex's fields filter for the fetched record; * for all its fields",
		displayOptions: { show: { fetchFullRecord: [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Payload Fields',
				name: 'payloadFields',
				type: 'string',
				default: '',
				placeholder: 'e.g. version,invoiceNumber',
				description:
					'The fields Tripletex puts in the event\'s "value", as a fields filter. Empty: Tripletex\'s default. Changing it replaces the subscriptions at the next activation.',
			},
		],
	},
];
