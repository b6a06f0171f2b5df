import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getLabel from './getLabel.operation';
import * as track from './track.operation';

export { create, getLabel, track };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shipment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a shipment and get its address label',
				action: 'Create a shipment',
			},
			{
				name: 'Get Label',
				value: 'getLabel',
				description: 'Download a label PDF by its link (within 1 hour of the create)',
				action: 'Get a shipment label',
			},
			{
				name: 'Track',
				value: 'track',
				description: "Get a shipment's tracking events by tracking number (Posti Tracking API credential)",
				action: 'Track a shipment',
			},
		],
		default: 'create',
	},
	...create.description,
	...getLabel.description,
	...track.description,
];
