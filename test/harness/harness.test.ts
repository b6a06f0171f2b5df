/**
 * Proves the workflow harness with test-only fixtures (not the real nodes):
 * credentials with preAuthentication + expirable token, generic and function
 * `authenticate`, expressions, pairedItem, continueOnFail, errors, binary data,
 * a real HTTP server on 127.0.0.1 and an exported workflow JSON file.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeOperationError, VersionedNodeType } from 'n8n-workflow';
import nock from 'nock';

import { HarnessBinaryInspect } from './fixtures/HarnessBinaryInspect.node';
import { HarnessEcho } from './fixtures/HarnessEcho.node';
import { HarnessBasicApi, HarnessEchoApi } from './fixtures/HarnessEchoApi.credentials';
import exportedWorkflow from './fixtures/echo-orders.workflow.json';
import type { RunWorkflowOptions, WorkflowJson } from './index';
import { CredentialStore, runWorkflow } from './index';

const BASE = 'https://echo.test';

const echoCredential = {
	id: 'cred-echo-1',
	name: 'Echo account',
	data: { baseUrl: BASE, clientId: 'client-1', clientSecret: 'secret-1', companyId: '42' },
};

/** Manual Trigger -> Echo, three orders pinned on the trigger. */
function echoWorkflow(
	echo: { parameters?: Record<string, unknown>; [key: string]: unknown } = {},
	orderNumbers: string[] = ['A-1', 'A-2', 'A-3'],
	extraNodes: WorkflowJson['nodes'] = [],
	extraConnections: Record<string, unknown> = {},
): WorkflowJson {
	const { parameters, ...rest } = echo;
	return {
		name: 'Harness test',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{
				name: 'Echo',
				type: 'n8n-nodes-nordic-commerce.harnessEcho',
				typeVersion: 1,
				parameters: { operation: 'getOrder', orderNumber: '={{ $json.orderNumber }}', ...parameters },
				credentials: { harnessEchoApi: { id: 'cred-echo-1', name: 'Echo account' } },
				...rest,
			},
			...extraNodes,
		],
		connections: {
			Start: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] },
			...extraConnections,
		},
		pinData: { Start: orderNumbers.map((orderNumber) => ({ json: { orderNumber } })) },
	};
}

function options(extra: Partial<RunWorkflowOptions> = {}): RunWorkflowOptions {
	return {
		nodeTypes: [HarnessEcho, HarnessBinaryInspect],
		credentialTypes: [HarnessEchoApi, HarnessBasicApi],
		credentials: { harnessEchoApi: echoCredential },
		...extra,
	};
}

beforeEach(() => {
	nock.disableNetConnect();
});

afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

describe('credentials: preAuthentication, expirable token, authenticate', () => {
	test('fetches the session token once for three items and sends it via generic authenticate', async () => {
		const api = nock(BASE)
			.post('/token', { clientId: 'client-1', clientSecret: 'secret-1' })
			.once()
			.reply(200, { token: 'T1' });
		for (const n of ['A-1', 'A-2', 'A-3']) {
			api
				.get(`/orders/${n}`)
				.query({ company: '42' })
				.matchHeader('authorization', 'Bearer T1')
				.matchHeader('x-company-id', '42')
				.reply(200, { id: n.toLowerCase(), number: n, total: 100 });
		}

		const result = await runWorkflow(echoWorkflow(), options());

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.finished).toBe(true);
		expect(result.executionOrder).toEqual(['Start', 'Echo']);
		expect(result.jsonOf('Echo').map((j) => j.number)).toEqual(['A-1', 'A-2', 'A-3']);
		api.done();

		const store = result.credentialStore;
		expect(store.preAuthenticationCount('harnessEchoApi')).toBe(1);
		expect(store.preAuthenticationCalls[0]).toMatchObject({
			credentialsExpired: false,
			persisted: true,
			returnedKeys: ['sessionToken'],
		});
		expect(store.updateCount('harnessEchoApi')).toBe(1);
		// Persisted like n8n does: the stored (raw) data plus the token, no defaults added.
		expect(store.data('harnessEchoApi')).toEqual({ ...echoCredential.data, sessionToken: 'T1' });
		// The test's own object is never mutated.
		expect(echoCredential.data).not.toHaveProperty('sessionToken');
	});

	test('refreshes an expired stored token once after a 401 and retries the request', async () => {
		const api = nock(BASE)
			.get('/orders/A-1')
			.query(true)
			.matchHeader('authorization', 'Bearer OLD')
			.reply(401, { message: 'Token expired' })
			.post('/token')
			.reply(200, { token: 'NEW' })
			.get('/orders/A-1')
			.query(true)
			.matchHeader('authorization', 'Bearer NEW')
			.reply(200, { number: 'A-1' })
			.get('/orders/A-2')
			.query(true)
			.matchHeader('authorization', 'Bearer NEW')
			.reply(200, { number: 'A-2' });
		const store = new CredentialStore({
			harnessEchoApi: { ...echoCredential, data: { ...echoCredential.data, sessionToken: 'OLD' } },
		});

		const result = await runWorkflow(echoWorkflow({}, ['A-1', 'A-2']), options({ credentials: store }));

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Echo')).toEqual([{ number: 'A-1' }, { number: 'A-2' }]);
		api.done();
		expect(store.preAuthenticationCalls.map((c) => c.credentialsExpired)).toEqual([true]);
		expect(store.updateCount()).toBe(1);
		expect(store.data('harnessEchoApi').sessionToken).toBe('NEW');
	});

	test('a 401 after the refresh is not retried again and surfaces as NodeApiError', async () => {
		const api = nock(BASE)
			.get('/orders/A-1')
			.query(true)
			.reply(401, { message: 'Token expired' })
			.post('/token')
			.reply(200, { token: 'NEW' })
			.get('/orders/A-1')
			.query(true)
			.matchHeader('authorization', 'Bearer NEW')
			.reply(401, { message: 'Company access revoked' });
		const store = new CredentialStore({
			harnessEchoApi: { ...echoCredential, data: { ...echoCredential.data, sessionToken: 'OLD' } },
		});

		const result = await runWorkflow(echoWorkflow({}, ['A-1']), options({ credentials: store }));

		api.done();
		expect(store.preAuthenticationCount()).toBe(1);
		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/Authorization failed/);
		expect(result.error?.description).toBe('Company access revoked');
		expect((result.error as NodeApiError).httpCode).toBe('401');
	});

	test('a reused CredentialStore keeps the token between executions, as the database does', async () => {
		const api = nock(BASE)
			.post('/token')
			.once()
			.reply(200, { token: 'T1' })
			.get(/\/orders\/.*/)
			.query(true)
			.times(2)
			.matchHeader('authorization', 'Bearer T1')
			.reply(200, { ok: true });
		const store = new CredentialStore({ harnessEchoApi: echoCredential });

		const first = await runWorkflow(echoWorkflow({}, ['A-1']), options({ credentials: store }));
		const second = await runWorkflow(echoWorkflow({}, ['A-2']), options({ credentials: store }));

		expect([first.status, second.status]).toEqual(['success', 'success']);
		api.done();
		expect(store.preAuthenticationCount()).toBe(1);
		expect(second.credentialStore).toBe(store);
	});

	test('function-form authenticate (Basic 0:<session token>)', async () => {
		const basic = `Basic ${Buffer.from('0:S1').toString('base64')}`;
		const api = nock('https://basic.test')
			.post('/token/session/:create', { employeeToken: 'E-1' })
			.reply(200, { value: { token: 'S1' } })
			.get('/orders/A-1')
			.matchHeader('authorization', basic)
			.reply(200, { number: 'A-1' });

		const result = await runWorkflow(
			echoWorkflow(
				{
					parameters: { authentication: 'harnessBasicApi' },
					credentials: { harnessBasicApi: { id: 'b1', name: 'Basic account' } },
				},
				['A-1'],
			),
			options({
				credentials: {
					harnessBasicApi: {
						id: 'b1',
						name: 'Basic account',
						data: { baseUrl: 'https://basic.test', employeeToken: 'E-1' },
					},
				},
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Echo')).toEqual([{ number: 'A-1' }]);
		api.done();
		expect(result.credentialStore.data('harnessBasicApi').sessionToken).toBe('S1');
	});

	test('a node without a credential reference fails like in n8n, unless attachCredentials is set', async () => {
		const workflow = echoWorkflow({ credentials: undefined }, ['A-1']);

		const failed = await runWorkflow(workflow, options());
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/credentials/i);

		nock(BASE).post('/token').reply(200, { token: 'T1' }).get('/orders/A-1').query(true).reply(200, {});
		const attached = await runWorkflow(workflow, options({ attachCredentials: true }));
		expect(attached.status).toBe('success');
		expect(attached.credentialStore.updateCount()).toBe(1);
	});
});

describe('items, expressions and errors', () => {
	test('resolves expressions against each input item and sets pairedItem', async () => {
		nock(BASE)
			.post('/token')
			.reply(200, { token: 'T1' })
			.get(/\/orders\/ORD-\d+-x/)
			.query(true)
			.times(2)
			.reply(200, (uri) => ({ path: uri.split('?')[0] }));

		const result = await runWorkflow(
			echoWorkflow({
				parameters: {
					orderNumber: "={{ 'ORD-' + $json.order.number + '-' + $('Start').item.json.suffix }}",
				},
			}),
			options({
				input: [
					{ order: { number: 7 }, suffix: 'x' },
					{ json: { order: { number: 8 }, suffix: 'x' } },
				],
			}),
		);

		expect(result.error).toBeUndefined();
		const items = result.outputOf('Echo');
		expect(items.map((i) => i.json.path)).toEqual(['/orders/ORD-7-x', '/orders/ORD-8-x']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('continueOnFail (onError: continueRegularOutput) turns a failing item into an error item', async () => {
		nock(BASE)
			.post('/token')
			.reply(200, { token: 'T1' })
			.get('/orders/A-1')
			.query(true)
			.reply(200, { number: 'A-1' })
			.get('/orders/A-2')
			.query(true)
			.reply(404, { message: 'Order not found' })
			.get('/orders/A-3')
			.query(true)
			.reply(200, { number: 'A-3' });

		const result = await runWorkflow(echoWorkflow({ onError: 'continueRegularOutput' }), options());

		expect(result.status).toBe('success');
		const items = result.outputOf('Echo');
		expect(items).toHaveLength(3);
		expect(items[0].json).toEqual({ number: 'A-1' });
		expect(items[1].json.error).toMatch(/could not be found/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].json).toEqual({ number: 'A-3' });
	});

	test('without continueOnFail, result.error is the NodeApiError the user sees (message, description, itemIndex)', async () => {
		nock(BASE)
			.post('/token')
			.reply(200, { token: 'T1' })
			.get('/orders/A-1')
			.query(true)
			.reply(200, { number: 'A-1' })
			.get('/orders/A-2')
			.query(true)
			.reply(404, { message: 'Order not found' });

		const result = await runWorkflow(echoWorkflow(), options());

		expect(result.status).toBe('error');
		expect(result.finished).toBe(false);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error).toMatchObject({
			message: 'The resource you are requesting could not be found',
			description: 'Order not found',
			httpCode: '404',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(result.errorOf('Echo')).toBe(result.error);
		// n8n's stored copy of the error (what the execution log keeps) matches.
		expect(result.run.data.resultData.error?.message).toBe(result.error?.message);
		expect(() => result.outputOf('Echo')).toThrow(/failed with/);
	});

	test('a NodeOperationError (validation) keeps its itemIndex and makes no request', async () => {
		const api = nock(BASE)
			.post('/token')
			.reply(200, { token: 'T1' })
			.get('/orders/A-1')
			.query(true)
			.reply(200, { number: 'A-1' });

		const result = await runWorkflow(echoWorkflow({}, ['A-1', '', 'A-3']), options());

		// Net connect is disabled: a request for A-3 (or for '') would have failed differently.
		api.done();
		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error).toMatchObject({
			message: 'Order Number is empty',
			description: 'Map the store order number into "Order Number"',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
	});
});

describe('binary data', () => {
	test('prepareBinaryData output can be read back as a Buffer and by a downstream node', async () => {
		const pdf = Buffer.from('%PDF-1.4\n% harness test\n%%EOF\n');
		nock(BASE)
			.post('/token')
			.reply(200, { token: 'T1' })
			.get('/orders/A-1/pdf')
			.query(true)
			.reply(200, pdf, { 'Content-Type': 'application/pdf' });

		const result = await runWorkflow(
			echoWorkflow(
				{ parameters: { operation: 'downloadPdf', binaryPropertyName: 'label' } },
				['A-1'],
				[
					{
						name: 'Inspect',
						type: 'n8n-nodes-nordic-commerce.harnessBinaryInspect',
						typeVersion: 1,
						parameters: { binaryPropertyName: 'label' },
					},
				],
				{ Echo: { main: [[{ node: 'Inspect', type: 'main', index: 0 }]] } },
			),
			options(),
		);

		expect(result.error).toBeUndefined();
		const [item] = result.outputOf('Echo');
		expect(item.binary?.label).toMatchObject({
			fileName: 'order-A-1.pdf',
			mimeType: 'application/pdf',
			fileExtension: 'pdf',
		});
		// Stored by n8n's BinaryDataService in filesystem mode, not inline.
		expect(item.binary?.label.id).toMatch(/^filesystem-v2:/);
		expect(await result.binaryBuffer('Echo', 0, 'label')).toEqual(pdf);
		expect(result.jsonOf('Inspect')).toEqual([
			{ bytes: pdf.length, text: pdf.toString('utf8'), mimeType: 'application/pdf' },
		]);
	});
});

describe('real HTTP', () => {
	test('reaches a server on 127.0.0.1 through n8n-core request path (SSRF protection off, as in n8n 2.41)', async () => {
		nock.enableNetConnect('127.0.0.1');
		const seen: Array<{ method?: string; url?: string; authorization?: string }> = [];
		const server = createServer((req, res) => {
			seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
			res.setHeader('Content-Type', 'application/json');
			if (req.method === 'POST' && req.url === '/token') {
				res.end(JSON.stringify({ token: 'LOCAL' }));
				return;
			}
			res.end(JSON.stringify({ served: req.url }));
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const { port } = server.address() as AddressInfo;
		const baseUrl = `http://127.0.0.1:${port}`;
		const credentials = { harnessEchoApi: { ...echoCredential, data: { ...echoCredential.data, baseUrl } } };

		try {
			const result = await runWorkflow(echoWorkflow({}, ['A-1']), options({ credentials }));
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Echo')).toEqual([{ served: '/orders/A-1?company=42' }]);
			expect(seen).toEqual([
				{ method: 'POST', url: '/token', authorization: undefined },
				{ method: 'GET', url: '/orders/A-1?company=42', authorization: 'Bearer LOCAL' },
			]);

			// With n8n's SSRF protection on, the same request is refused before it is sent.
			const blocked = await runWorkflow(
				echoWorkflow({}, ['A-1']),
				options({ credentials, ssrfProtection: true }),
			);
			expect(blocked.status).toBe('error');
			expect(blocked.error?.message).toMatch(/block|not allowed|ssrf/i);
			expect(seen).toHaveLength(2);
		} finally {
			server.close();
		}
	});
});

describe('workflow JSON', () => {
	test('runs an exported workflow file (pinned trigger data, sticky note, noOp)', async () => {
		nock(BASE)
			.post('/token')
			.reply(200, { token: 'T1' })
			.get(/\/orders\/100\d/)
			.query(true)
			.times(2)
			.reply(200, (uri) => ({ looked: uri.split('?')[0] }));

		const result = await runWorkflow(exportedWorkflow, options());

		expect(result.error).toBeUndefined();
		expect(result.executionOrder).toEqual([
			"When clicking 'Execute workflow'",
			'Look up order',
			'Done',
		]);
		expect(result.jsonOf('Done')).toEqual([{ looked: '/orders/1001' }, { looked: '/orders/1002' }]);
		expect(result.outputOf('Done').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('versioned node types and node types given by full type name', async () => {
		nock(BASE).post('/token').reply(200, { token: 'T1' }).get('/orders/A-1').query(true).reply(200, { v: 2 });
		const echo = new HarnessEcho();
		const versioned = new VersionedNodeType(
			{ 1: echo, 2: echo },
			{
				displayName: 'Echo (versioned)',
				name: 'echoV',
				group: ['transform'],
				description: 'Test-only node',
				defaultVersion: 2,
			},
		);
		const workflow = echoWorkflow({ typeVersion: 2, type: 'acme.echoV' }, ['A-1']);

		const result = await runWorkflow(
			workflow,
			options({ nodeTypes: { 'acme.echoV': versioned } }),
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Echo')).toEqual([{ v: 2 }]);
	});

	test('runs are fast once n8n-core is loaded', async () => {
		nock(BASE)
			.post('/token')
			.reply(200, { token: 'T1' })
			.get(/\/orders\/.*/)
			.query(true)
			.times(3)
			.reply(200, {});
		const started = performance.now();
		const result = await runWorkflow(echoWorkflow(), options());
		const elapsed = performance.now() - started;
		expect(result.status).toBe('success');
		expect(elapsed).toBeLessThan(1000);
	});

});
