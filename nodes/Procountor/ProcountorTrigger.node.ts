import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { redisCoordinationTest } from '../shared/coordinationFor';
import { coordinationProperty } from '../shared/descriptions';
import { triggerProperties } from './trigger/description';
import { pollProcountor } from './trigger/poll';

export class ProcountorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Procountor Trigger',
		name: 'procountorTrigger',
		icon: { light: 'file:procountor.svg', dark: 'file:procountor.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: 'Starts the workflow when a sales invoice is created, changes status or is paid, or a business partner changes, in Procountor (Finland)',
		defaults: { name: 'Procountor Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'procountorApi', required: true },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		],
		properties: [...triggerProperties, coordinationProperty],
	};

	methods = { credentialTest: { redisCoordinationTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollProcountor.call(this);
	}
}
