import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as search from './search.operation';

export { get, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['pickupPoint'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a pickup point by country and code (OAuth client with role 2025-04)',
				action: 'Get a pickup point',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find pickup points and parcel lockers near a postcode, address or coordinates (OAuth client with role 2025-04)',
				action: 'Search pickup points',
			},
		],
		default: 'search',
	},
	...get.description,
	...search.description,
];
