import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OmaPostiProType } from './node.type';
import * as pickupPoint from './pickupPoint/PickupPoint.resource';
import * as shipment from './shipment/Shipment.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter<OmaPostiProType>('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const omaPostiProNodeData = { resource, operation } as OmaPostiProType;

	let returnData: INodeExecutionData[];
	switch (omaPostiProNodeData.resource) {
		case 'shipment':
			returnData = await shipment[omaPostiProNodeData.operation].execute.call(this, items);
			break;
		case 'pickupPoint':
			returnData = await pickupPoint[omaPostiProNodeData.operation].execute.call(this, items);
			break;
		default:
			throw new NodeOperationError(this.getNode(), `The resource "${resource as string}" is not supported`);
	}
	return [returnData];
}
