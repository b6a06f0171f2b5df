import type { INodePropertyOptions } from 'n8n-workflow';

import { OmaPostiPro } from '../../../nodes/OmaPostiPro/OmaPostiPro.node';
import * as pickupPoint from '../../../nodes/OmaPostiPro/actions/pickupPoint/PickupPoint.resource';
import * as shipment from '../../../nodes/OmaPostiPro/actions/shipment/Shipment.resource';
import { omaPostiProService } from '../../../nodes/OmaPostiPro/transport';
import codex from '../../../nodes/OmaPostiPro/OmaPostiPro.node.json';
import { expectOperationModules, operationValues, type ResourceModules } from '../helpers';

const { description } = new OmaPostiPro();
const { properties } = description;
const resources = { pickupPoint, shipment } as unknown as ResourceModules;
const operations = (name: string) => operationValues(properties, name);

describe('OmaPosti Pro node description', () => {
	test('resources, tool use, icons and the credential with its test function', () => {
		const resource = properties.find((property) => property.name === 'resource');
		expect((resource?.options as INodePropertyOptions[]).map((option) => option.name)).toEqual(['Pickup Point', 'Shipment']);
		expect(description.usableAsTool).toBe(true);
		expect(description.icon).toEqual({ light: 'file:omapostipro.svg', dark: 'file:omapostipro.dark.svg' });
		expect(description.credentials).toEqual([
			{ name: 'omaPostiProApi', required: true, testedBy: 'omaPostiProApiTest', displayOptions: { hide: { operation: ['track'] } } },
			{ name: 'postiTrackingApi', required: true, testedBy: 'postiTrackingApiTest', displayOptions: { show: { operation: ['track'] } } },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		]);
	});

	test('the issue\'s operations are all there, each in its own module', () => {
		expect(operations('shipment')).toEqual(['create', 'getLabel', 'track']);
		expect(operations('pickupPoint')).toEqual(['get', 'search']);
		for (const name of Object.keys(resources)) expectOperationModules(properties, resources, name);
	});

	test('Posti\'s services are offered with their names, and a custom code', () => {
		const service = shipment.create.description.find((property) => property.name === 'service');
		expect((service?.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['PO2103', 'PO2102', 'PO2104', 'PO2461', 'PO2108', 'POF1', 'custom']);
		expect((service?.options as INodePropertyOptions[])[0].name).toContain('Postipaketti');
	});

	test('the pipeline keeps every credential under 50 requests per second and knows the secrets', () => {
		expect(omaPostiProService.rateLimit?.({})).toEqual({ limit: 50, windowMs: 1000, countUntilAnswered: true });
		expect(omaPostiProService.tokenField).toBe('accessToken');
		expect(omaPostiProService.secretFields).toEqual(expect.arrayContaining(['apiKey', 'clientSecret', 'accessToken', 'gatewaySecret']));
	});

	test('codex file names the node as n8n will load it', () => {
		expect(codex).toMatchObject({ node: 'n8n-nodes-nordic-commerce.omaPostiPro', nodeVersion: '1.0', codexVersion: '1.0' });
	});
});
