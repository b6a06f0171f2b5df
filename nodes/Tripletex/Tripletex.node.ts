import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import * as invoice from './actions/invoice/Invoice.resource';
import * as order from './actions/order/Order.resource';
import * as product from './actions/product/Product.resource';
import { router } from './actions/router';
import { redisCoordinationTest } from '../shared/coordinationFor';
import { coordinationProperty } from '../shared/descriptions';
import * as voucher from './actions/voucher/Voucher.resource';
import { listSearch, loadOptions } from './methods';

export class Tripletex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tripletex',
		name: 'tripletex',
		icon: { light: 'file:tripletex.svg', dark: 'file:tripletex.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Post vouchers, keep customers in sync and invoice orders in Tripletex (Norway)',
		defaults: { name: 'Tripletex' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'tripletexApi', required: true },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
					{ name: 'Voucher', value: 'voucher' },
				],
				default: 'voucher',
			},
			...customer.description,
			...invoice.description,
			...order.description,
			...product.description,
			...voucher.description,
			coordinationProperty,
		],
	};

	methods = { listSearch, loadOptions, credentialTest: { redisCoordinationTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
