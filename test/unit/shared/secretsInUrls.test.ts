/**
 * Issue 10: no token is ever put in a URL. Every runWorkflow (and credential test) in the
 * unit and workflow suites records the URL of each request made through n8n's HTTP client
 * and fails if one carries a secret. This proves the guard itself.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import nock from 'nock';

import { assertNoSecretsInUrls, runWorkflow, secretsInUrl, secretValuesOf } from '../../harness';
import { setUpNock, tearDownNock } from '../helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

/** A node that sends whatever query it is given: the kind of bug the guard is for. */
class LeakyRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leaky Request',
		name: 'leakyRequest',
		group: ['transform'],
		version: 1,
		description: 'Test fixture',
		defaults: { name: 'Leaky Request' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Query', name: 'query', type: 'json', default: '{}' }],
	} as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const qs = JSON.parse(this.getNodeParameter('query', 0) as string) as Record<string, string>;
		await this.helpers.httpRequest({ method: 'GET', url: 'https://leaky.test/v2/thing', qs });
		return [[{ json: {} }]];
	}
}

function leakyWorkflow(query: Record<string, string>) {
	return {
		name: 'Leaky',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{ name: 'Leaky', type: 'n8n-nodes-nordic-commerce.leakyRequest', typeVersion: 1, parameters: { query: JSON.stringify(query) } },
		],
		connections: { Start: { main: [[{ node: 'Leaky', type: 'main', index: 0 }]] } },
	};
}

const STORED = { someApi: { data: { apiKey: 'stored-api-key-6f2c', clientId: 'public-client-id' } } };

describe('secretsInUrl', () => {
	test('flags the legacy Tripletex session form and any parameter named like a secret', () => {
		const legacy = 'https://tripletex.no/v2/token/session/:create?consumerToken=c-123&employeeToken=e-456&expirationDate=2026-07-22';
		expect(secretsInUrl(legacy)).toEqual(['query parameter "consumerToken"', 'query parameter "employeeToken"']);
		for (const name of ['access_token', 'client_secret', 'api_key', 'apiKey', 'password', 'token', 'sessionToken']) {
			expect(secretsInUrl(`https://x.test/a?${name}=v`)).toEqual([`query parameter "${name}"`]);
		}
		expect(secretsInUrl('https://user:pw@x.test/a')).toEqual(['password in the user info']);
	});

	test('flags a known secret under any name, as given or URL-encoded', () => {
		expect(secretsInUrl('https://x.test/a?q=abc%2Fdef%3D', ['abc/def='])).toHaveLength(1);
		expect(secretsInUrl('https://x.test/keys/stored-api-key-6f2c', ['stored-api-key-6f2c'])).toHaveLength(1);
	});

	test("passes the package's own kinds of URL", () => {
		for (const url of [
			'https://tripletex.no/v2/token/session/%3EwhoAmI',
			'https://tripletex.no/v2/ledger/voucher/%3EexternalVoucherNumber?externalVoucherNumber=6001&count=10',
			'https://api.procountor.com/api/products?code=KAHVI-250&size=200',
			'https://gateway.posti.fi/shippingapi/api/v1/shipping/order?returnFile=true',
		]) {
			expect(secretsInUrl(url, ['test-consumer-token', 'stored-api-key-6f2c'])).toEqual([]);
		}
	});

	test('the error names the URL without repeating the secret', () => {
		expect(() => assertNoSecretsInUrls(['https://x.test/k/stored-api-key-6f2c?a=1'], ['stored-api-key-6f2c'])).toThrow(
			/secret in its URL[\s\S]*https:\/\/x\.test\/k\/\[secret\]: a credential secret \(sto…\)/,
		);
		expect(secretValuesOf({ apiKey: 'stored-api-key-6f2c', clientId: 'public-client-id', consumerToken: 'abcd', baseUrlOverride: 'http://x' })).toEqual([
			'stored-api-key-6f2c',
			'abcd',
		]);
	});
});

describe('runWorkflow refuses a run whose requests carry a secret in the URL', () => {
	test.each([
		['a parameter named like a secret', { access_token: 'anything' }],
		['a stored credential secret under a harmless name', { q: 'stored-api-key-6f2c' }],
	])('%s', async (_name, query) => {
		nock('https://leaky.test').get('/v2/thing').query(true).reply(200, {});
		await expect(runWorkflow(leakyWorkflow(query), { nodeTypes: [LeakyRequest], credentials: STORED })).rejects.toThrow(
			/A request carried a secret in its URL/,
		);
	});

	test('a clean query passes, and the run reports the URLs it requested', async () => {
		nock('https://leaky.test').get('/v2/thing').query(true).reply(200, {});
		const result = await runWorkflow(leakyWorkflow({ code: 'KAHVI-250', clientId: 'public-client-id' }), { nodeTypes: [LeakyRequest], credentials: STORED });
		expect(result.error).toBeUndefined();
		expect(result.requestUrls).toEqual(['https://leaky.test/v2/thing?code=KAHVI-250&clientId=public-client-id']);
	});
});
