import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { procountorRequest } from '../../transport';
import { readRequestId, requestIdParameter } from './shared';

const properties: INodeProperties[] = [
	{
		...requestIdParameter,
		description: `${requestIdParameter.description as string}. Use the credential of the integrator's own company (the one with the API integrator tool).`,
	},
];

const displayOptions = { show: { resource: ['integration'], operation: ['getActivationRequest'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const requestId = readRequestId.call(this, itemIndex);
		return await procountorRequest.call(this, 'GET', `/integrations/${encodeURIComponent(requestId)}`, { itemIndex });
	});
}
