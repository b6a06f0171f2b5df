import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a product', action: 'Get a product' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many products', action: 'Get many products' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
