import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as businessPartner from './actions/businessPartner/BusinessPartner.resource';
import * as integration from './actions/integration/Integration.resource';
import * as invoice from './actions/invoice/Invoice.resource';
import * as product from './actions/product/Product.resource';
import { router } from './actions/router';
import { redisCoordinationTest } from '../shared/coordinationFor';
import { coordinationProperty } from '../shared/descriptions';
import { listSearch, loadOptions } from './methods';

export class Procountor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Procountor',
		name: 'procountor',
		icon: { light: 'file:procountor.svg', dark: 'file:procountor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Turn web-store orders into Finnish sales invoices and keep customers in sync in Procountor (Finland)',
		defaults: { name: 'Procountor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'procountorApi', required: true },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Business Partner', value: 'businessPartner' },
					{ name: 'Integration', value: 'integration' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Product', value: 'product' },
				],
				default: 'invoice',
			},
			...businessPartner.description,
			...integration.description,
			...invoice.description,
			...product.description,
			coordinationProperty,
		],
	};

	methods = { listSearch, loadOptions, credentialTest: { redisCoordinationTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
