import type { INodeProperties } from 'n8n-workflow';

import * as getActivationRequest from './getActivationRequest.operation';
import * as respond from './respond.operation';

export { getActivationRequest, respond };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['integration'] } },
		options: [
			{
				name: 'Approve or Reject',
				value: 'respond',
				description: 'Approve or reject the companies of an activation request; returns the new API key per approved company',
				action: 'Approve or reject an activation request',
			},
			{
				name: 'Get Activation Request',
				value: 'getActivationRequest',
				description: 'Get the companies a customer asked to connect through the activation link',
				action: 'Get an activation request',
			},
		],
		default: 'getActivationRequest',
	},
	...getActivationRequest.description,
	...respond.description,
];
