import type { INodeProperties } from 'n8n-workflow';

/** Parameter descriptions every service's node uses the same way. */

/** An API enum value as an option's name: `PAYMENT_SENT_TO_BANK` → `Payment Sent To Bank`. */
export function enumTitle(value: string): string {
	return value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const binaryPropertyInput: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to upload',
};

export const binaryPropertyOutput: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** The Concurrency option of write operations; `limitNote` says what still bounds the rate. */
export function concurrencyOption(limitNote: string): INodeProperties {
	return {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 1,
		description: `How many items to send at the same time. Higher is faster for large batches; ${limitNote}.`,
	};
}

export function idParameter(displayName: string, name: string, description: string, placeholder: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', required: true, placeholder, description };
}

/** A record picked from a searchable list or given by its numeric ID. */
export function idLocator(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	placeholder: string;
	invalidIdMessage: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder,
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: options.invalidIdMessage } }],
			},
		],
	};
}

/**
 * Where locks, rate budgets and the ledger of writes live. Redis is what keeps them when n8n
 * runs as several processes (queue mode); the credential it needs shows once it is chosen.
 */
export const coordinationProperty: INodeProperties = {
	displayName: 'Coordination',
	name: 'coordination',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'This Process',
			value: 'process',
			description: 'Locks, rate budgets and the record of writes are kept by the n8n process that runs the node (one n8n, not queue mode)',
		},
		{
			name: 'Redis (Queue Mode)',
			value: 'redis',
			description: 'Shared by every n8n process and queue-mode worker that uses the same Redis: needed for exactly-once writes and rate limits across workers',
		},
	],
	default: 'process',
};
