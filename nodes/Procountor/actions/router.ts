import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LookupCache } from '../../shared/lookupCache';
import * as businessPartner from './businessPartner/BusinessPartner.resource';
import * as integration from './integration/Integration.resource';
import * as invoice from './invoice/Invoice.resource';
import type { ProcountorType } from './node.type';
import * as product from './product/Product.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter<ProcountorType>('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const procountorNodeData = { resource, operation } as ProcountorType;
	// VAT defaults, product and partner lookups are shared by all items of this execution.
	const cache = new LookupCache();

	let returnData: INodeExecutionData[];
	switch (procountorNodeData.resource) {
		case 'businessPartner':
			returnData = await businessPartner[procountorNodeData.operation].execute.call(this, items);
			break;
		case 'integration':
			returnData = await integration[procountorNodeData.operation].execute.call(this, items);
			break;
		case 'invoice':
			returnData = await invoice[procountorNodeData.operation].execute.call(this, items, cache);
			break;
		case 'product':
			returnData = await product[procountorNodeData.operation].execute.call(this, items);
			break;
		default:
			throw new NodeOperationError(this.getNode(), `The resource "${resource as string}" is not supported`);
	}
	return [returnData];
}
