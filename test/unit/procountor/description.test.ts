import type { INodePropertyOptions } from 'n8n-workflow';

import { Procountor } from '../../../nodes/Procountor/Procountor.node';
import * as businessPartner from '../../../nodes/Procountor/actions/businessPartner/BusinessPartner.resource';
import * as integration from '../../../nodes/Procountor/actions/integration/Integration.resource';
import * as invoice from '../../../nodes/Procountor/actions/invoice/Invoice.resource';
import * as product from '../../../nodes/Procountor/actions/product/Product.resource';
import { procountorService } from '../../../nodes/Procountor/transport';
import codex from '../../../nodes/Procountor/Procountor.node.json';
import { expectOperationModules, operationValues, type ResourceModules } from '../helpers';

const { description } = new Procountor();
const { properties } = description;
const resources = { businessPartner, integration, invoice, product } as unknown as ResourceModules;

describe('Procountor node description', () => {
	test('resources are listed alphabetically; the node is usable as a tool', () => {
		const resource = properties.find((property) => property.name === 'resource');
		expect((resource?.options as INodePropertyOptions[]).map((option) => option.name)).toEqual(['Business Partner', 'Integration', 'Invoice', 'Product']);
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'procountorApi', required: true },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		]);
	});

	test.each(Object.keys(resources))('every %s operation has its own module with execute and description', (name) => {
		expectOperationModules(properties, resources, name);
	});

	test('the issue\'s operations are all there', () => {
		const operations = (name: string) => operationValues(properties, name);
		expect(operations('invoice')).toEqual(['addAttachment', 'approve', 'create', 'get', 'getMany', 'markPaid', 'send']);
		expect(operations('businessPartner')).toEqual(['create', 'findOrCreate', 'get', 'getMany']);
		expect(operations('product')).toEqual(['get', 'getMany']);
		expect(operations('integration')).toEqual(['respond', 'getActivationRequest']);
	});

	test('the pipeline keeps every credential under 20 requests per second', () => {
		expect(procountorService.rateLimit?.({})).toEqual({ limit: 20, windowMs: 1000, countUntilAnswered: true });
		expect(procountorService.rateLimit?.({ requestsPerSecond: 60 })).toEqual({ limit: 60, windowMs: 1000, countUntilAnswered: true });
		// Nonsense falls back to the safe default.
		expect(procountorService.rateLimit?.({ requestsPerSecond: 0 })?.limit).toBe(20);
		expect(procountorService.rateLimit?.({ requestsPerSecond: 'x' })?.limit).toBe(20);
		expect(procountorService.tokenField).toBe('accessToken');
		expect(procountorService.secretFields).toEqual(expect.arrayContaining(['clientSecret', 'apiKey', 'accessToken']));
	});

	test('codex file names the node as n8n will load it', () => {
		expect(codex).toMatchObject({ node: 'n8n-nodes-nordic-commerce.procountor', nodeVersion: '1.0', codexVersion: '1.0', categories: ['Finance & Accounting'] });
	});
});
