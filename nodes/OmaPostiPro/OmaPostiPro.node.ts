import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as pickupPoint from './actions/pickupPoint/PickupPoint.resource';
import { router } from './actions/router';
import { redisCoordinationTest } from '../shared/coordinationFor';
import { coordinationProperty } from '../shared/descriptions';
import * as shipment from './actions/shipment/Shipment.resource';
import { credentialTest } from './methods';

export class OmaPostiPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OmaPosti Pro',
		name: 'omaPostiPro',
		icon: { light: 'file:omapostipro.svg', dark: 'file:omapostipro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create Posti shipments with address labels, track them and find pickup points (OmaPosti Pro, Finland)',
		defaults: { name: 'OmaPosti Pro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'omaPostiProApi', required: true, testedBy: 'omaPostiProApiTest', displayOptions: { hide: { operation: ['track'] } } },
			{ name: 'postiTrackingApi', required: true, testedBy: 'postiTrackingApiTest', displayOptions: { show: { operation: ['track'] } } },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Pickup Point', value: 'pickupPoint' },
					{ name: 'Shipment', value: 'shipment' },
				],
				default: 'shipment',
			},
			...pickupPoint.description,
			...shipment.description,
			coordinationProperty,
		],
	};

	methods = { credentialTest: { ...credentialTest, redisCoordinationTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
