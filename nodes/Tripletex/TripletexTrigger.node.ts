import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { redisCoordinationTest } from '../shared/coordinationFor';
import { coordinationProperty } from '../shared/descriptions';
import { getEvents } from './methods/loadOptions';
import { receiveDelivery } from './trigger/delivery';
import { triggerProperties } from './trigger/description';
import { createSubscriptions, deleteSubscriptions, subscriptionsExist } from './trigger/subscriptions';

export class TripletexTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tripletex Trigger',
		name: 'tripletexTrigger',
		icon: { light: 'file:tripletex.svg', dark: 'file:tripletex.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when Tripletex reports an event, such as an invoice charged or a voucher, customer or order created',
		defaults: { name: 'Tripletex Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'tripletexApi', required: true },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [...triggerProperties, coordinationProperty],
	};

	methods = { loadOptions: { getEvents }, credentialTest: { redisCoordinationTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsExist.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscriptions.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscriptions.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
