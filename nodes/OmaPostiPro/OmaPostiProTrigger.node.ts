import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { redisCoordinationTest } from '../shared/coordinationFor';
import { coordinationProperty } from '../shared/descriptions';
import { credentialTest } from './methods';
import { triggerProperties } from './trigger/description';
import { pollOmaPostiPro } from './trigger/poll';

export class OmaPostiProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OmaPosti Pro Trigger',
		name: 'omaPostiProTrigger',
		icon: { light: 'file:omapostipro.svg', dark: 'file:omapostipro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length ? "Posti events: " + $parameter["events"].join(", ") : "Any Posti tracking event" }}',
		description: "Starts the workflow on new Posti tracking events of your contract's shipments (Posti Tracking API)",
		defaults: { name: 'OmaPosti Pro Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'postiTrackingApi', required: true, testedBy: 'postiTrackingApiTest' },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		],
		properties: [...triggerProperties, coordinationProperty],
	};

	methods = { credentialTest: { ...credentialTest, redisCoordinationTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOmaPostiPro.call(this);
	}
}
