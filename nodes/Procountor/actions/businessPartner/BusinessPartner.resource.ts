import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, findOrCreate, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['businessPartner'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a business partner', action: 'Create a business partner' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				description: 'Find a customer by customer number or business ID, or create it if there is none',
				action: 'Find or create a business partner',
			},
			{ name: 'Get', value: 'get', description: 'Get a business partner', action: 'Get a business partner' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many business partners', action: 'Get many business partners' },
		],
		default: 'findOrCreate',
	},
	...create.description,
	...findOrCreate.description,
	...get.description,
	...getMany.description,
];
