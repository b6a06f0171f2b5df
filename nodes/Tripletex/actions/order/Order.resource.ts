import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as invoice from './invoice.operation';

export { create, invoice };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an order with order lines', action: 'Create an order' },
			{
				name: 'Invoice',
				value: 'invoice',
				description: 'Turn an order into an invoice, optionally registering what was already paid',
				action: 'Invoice an order',
			},
		],
		default: 'create',
	},
	...create.description,
	...invoice.description,
];
