import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a product, or return it if its number already exists',
				action: 'Create a product',
			},
			{ name: 'Get', value: 'get', description: 'Get a product', action: 'Get a product' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many products', action: 'Get many products' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
];
