import type { INodePropertyOptions } from 'n8n-workflow';

import { Tripletex } from '../../../nodes/Tripletex/Tripletex.node';
import * as customer from '../../../nodes/Tripletex/actions/customer/Customer.resource';
import * as invoice from '../../../nodes/Tripletex/actions/invoice/Invoice.resource';
import * as order from '../../../nodes/Tripletex/actions/order/Order.resource';
import * as product from '../../../nodes/Tripletex/actions/product/Product.resource';
import codex from '../../../nodes/Tripletex/Tripletex.node.json';
import { expectOperationModules, type ResourceModules } from '../helpers';

const { properties } = new Tripletex().description;
const resources = { customer, invoice, order, product } as unknown as ResourceModules;

describe('Tripletex node description', () => {
	test('resources are listed alphabetically', () => {
		const resource = properties.find((property) => property.name === 'resource');
		const names = (resource?.options as INodePropertyOptions[]).map((option) => option.name);
		expect(names).toEqual(['Customer', 'Invoice', 'Order', 'Product', 'Voucher']);
	});

	test.each(Object.keys(resources))('every %s operation has its own module with execute and description', (name) => {
		expectOperationModules(properties, resources, name);
	});

	test('codex file names the node as n8n will load it', () => {
		expect(codex).toMatchObject({
			node: 'n8n-nodes-nordic-commerce.tripletex',
			nodeVersion: '1.0',
			codexVersion: '1.0',
			categories: ['Finance & Accounting'],
		});
	});
});
