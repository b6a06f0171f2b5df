import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LookupCache } from '../../shared/lookupCache';
import type { TripletexType } from './node.type';
import * as customer from './customer/Customer.resource';
import * as invoice from './invoice/Invoice.resource';
import * as order from './order/Order.resource';
import * as product from './product/Product.resource';
import * as voucher from './voucher/Voucher.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter<TripletexType>('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const tripletexNodeData = { resource, operation } as TripletexType;
	// Account, VAT and payment-type lookups are shared by all items of this execution.
	const cache = new LookupCache();

	let returnData: INodeExecutionData[];
	switch (tripletexNodeData.resource) {
		case 'customer':
			returnData = await customer[tripletexNodeData.operation].execute.call(this, items, cache);
			break;
		case 'invoice':
			returnData = await invoice[tripletexNodeData.operation].execute.call(this, items);
			break;
		case 'order':
			returnData = await order[tripletexNodeData.operation].execute.call(this, items, cache);
			break;
		case 'product':
			returnData = await product[tripletexNodeData.operation].execute.call(this, items, cache);
			break;
		case 'voucher':
			returnData = await voucher[tripletexNodeData.operation].execute.call(this, items, cache);
			break;
		default:
			throw new NodeOperationError(this.getNode(), `The resource "${resource as string}" is not supported`);
	}
	return [returnData];
}
