/**
 * Workflow tests: OmaPosti Pro workflows as a user builds them (a store order mapped with
 * expressions) run through n8n-core's WorkflowExecute (test/harness) against the Posti
 * sandbox emulator, started in-process. The emulator applies Posti's rules (raw key on v1,
 * Bearer on v2, the demo gateway secret, E-coded business errors in HTTP 200, label links
 * that expire, pickup points only with role 2025-04), so a passing run proves the node's
 * requests are acceptable. Assertions also read the emulator's journal and state. Every run
 * is scanned for secrets.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { Agent } from 'undici';

import { OmaPostiProApi } from '../../credentials/OmaPostiProApi.credentials';
import { OmaPostiPro } from '../../nodes/OmaPostiPro/OmaPostiPro.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { SandboxControl } from '../../sandbox/client';
import type { WorkflowJson, WorkflowRunResult } from '../harness';
import { CredentialStore, runWorkflow, testCredential } from '../harness';

const API_KEY = 'sandbox-posti-api-key';
const CLIENT_ID = 'sandbox-posti-client';
const CLIENT_SECRET = 'sandbox-posti-secret';
const GATEWAY_SECRET = 'sandbox-gateway-secret';
const CREDENTIAL_REF = { id: 'cred-posti-sandbox', name: 'OmaPosti Pro sandbox' };
const TYPE = 'n8n-nodes-nordic-commerce.omaPostiPro';
const ORDER_PATH = '**/shippingapi/api/*/shipping/order';

let sandbox: Sandbox;
let control: SandboxControl;
let agent: Agent;

beforeAll(async () => {
	sandbox = await startSandbox({ posti: { port: 0 } });
	agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
	control = new SandboxControl(sandbox.posti.controlUrl, agent);
});

afterAll(async () => {
	await sandbox?.stop();
	await agent?.close();
});

beforeEach(async () => {
	await control.reset();
});

type Mode = 'apiKey' | 'oAuthClient' | 'demo';

function credentialData(mode: Mode, overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	const base = { contractNumber: '654321', transportId: 'TR654321' };
	if (mode === 'apiKey') return { ...base, authentication: 'apiKey', apiKey: API_KEY, baseUrlOverride: sandbox.posti.baseUrl, ...overrides };
	const oauth = { ...base, authentication: 'oAuthClient', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
	if (mode === 'demo') {
		return { ...oauth, environment: 'demo', gatewaySecret: GATEWAY_SECRET, baseUrlOverride: `${sandbox.posti.baseUrl}/demo`, ...overrides };
	}
	return { ...oauth, baseUrlOverride: sandbox.posti.baseUrl, ...overrides };
}

function credentials(mode: Mode = 'apiKey', overrides: IDataObject = {}): CredentialStore {
	return new CredentialStore({ omaPostiProApi: { ...CREDENTIAL_REF, data: credentialData(mode, overrides) } });
}

/** Manual Trigger → the given OmaPosti Pro nodes in a chain. */
function chain(...steps: Array<{ name: string; parameters: INodeParameters; settings?: IDataObject }>): WorkflowJson {
	const nodes: WorkflowJson['nodes'] = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }];
	const connections: WorkflowJson['connections'] = {};
	let previous = 'Start';
	for (const step of steps) {
		nodes.push({ name: step.name, type: TYPE, typeVersion: 1, parameters: step.parameters, credentials: { omaPostiProApi: CREDENTIAL_REF }, ...step.settings });
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	}
	return { name: 'OmaPosti Pro workflow', nodes, connections };
}

function expectNoSecrets(result: WorkflowRunResult): void {
	const secrets = new Set<string>([API_KEY, CLIENT_SECRET, GATEWAY_SECRET]);
	for (const update of result.credentialStore.updates) {
		const token = String(update.data.accessToken ?? '');
		if (token.startsWith('PostiExt.')) secrets.add(token);
	}
	const produced = JSON.stringify({
		runData: result.runData,
		error: result.run.data.resultData.error,
		description: (result.error as { description?: string } | undefined)?.description,
	});
	for (const secret of secrets) expect(produced).not.toContain(secret);
}

async function run(workflow: WorkflowJson, input: IDataObject[], store = credentials()): Promise<WorkflowRunResult> {
	const result = await runWorkflow(workflow, { nodeTypes: [OmaPostiPro], credentialTypes: [OmaPostiProApi], credentials: store, input });
	expectNoSecrets(result);
	return result;
}

/** A web-store order mapped into Shipment → Create (as templates do). */
const CREATE: INodeParameters = {
	resource: 'shipment',
	operation: 'create',
	service: '={{ $json.shipping.method }}',
	pickupPointId: '={{ $json.shipping.pickupPoint }}',
	orderNo: '={{ $json.number }}',
	senderName: 'Verkkokauppa Oy',
	senderAddress: 'Mannerheimintie 1',
	senderPostcode: '00100',
	senderCity: 'HELSINKI',
	receiverName: '={{ $json.shipping.name }}',
	receiverAddress: '={{ $json.shipping.street }}',
	receiverPostcode: '={{ $json.shipping.postcode }}',
	receiverCity: '={{ $json.shipping.city }}',
	receiverPhone: '={{ $json.phone }}',
	receiverEmail: '={{ $json.email }}',
	parcelsSource: 'json',
	parcelsJson: '={{ $json.parcels }}',
};

function order(number: string, shipping: IDataObject = {}, extra: IDataObject = {}): IDataObject {
	return {
		number,
		email: 'maija@example.fi',
		phone: '+358401234567',
		shipping: { method: 'PO2103', pickupPoint: '001003200', name: 'Maija Mehiläinen', street: 'Aurakatu 2', postcode: '20100', city: 'TURKU', ...shipping },
		parcels: [{ count: 1, weight: 1.4, contents: 'Clothes' }],
		...extra,
	};
}

interface SandboxShipment {
	orderNo: string;
	apiVersion: string;
	environment: string;
	service: { id: string };
	receiver: IDataObject;
	agent: { quickId: string } | null;
	parcels: Array<{ parcelNo: string }>;
}

async function shipments(): Promise<SandboxShipment[]> {
	return (await control.state<{ shipments: SandboxShipment[] }>()).shipments;
}

describe.each([
	['API key (v1)', 'apiKey' as const, 'v1', 'production'],
	['OAuth client (v2)', 'oAuthClient' as const, 'v2', 'production'],
	['OAuth client in Demo (gateway secret)', 'demo' as const, 'v2', 'demo'],
])('an order becomes a pickup-point shipment: %s', (_name, mode, version, environment) => {
	test('the label is a PDF on the output item; the sandbox holds the shipment', async () => {
		const result = await run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('store-1001')], credentials(mode));

		expect(result.error).toBeUndefined();
		const [item] = result.outputOf('Create Shipment');
		const [shipment] = await shipments();
		expect(shipment).toMatchObject({ orderNo: 'store-1001', apiVersion: version, environment, service: { id: 'PO2103' }, agent: { quickId: '001003200' } });
		expect(item.json).toMatchObject({
			shipmentNo: expect.stringMatching(/^\d+$/),
			trackingNumbers: [shipment.parcels[0].parcelNo],
			orderNo: 'store-1001',
			service: 'PO2103',
			pickupPointId: '001003200',
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: `${shipment.parcels[0].parcelNo}.pdf` });
		const pdf = await result.binaryBuffer('Create Shipment', 0, 'data');
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

		const journal = await control.journal({ method: 'POST', path: ORDER_PATH });
		expect(journal).toHaveLength(1);
		expect(journal[0].query).toEqual({ returnFile: 'true' });
		expect(journal[0].headers['user-agent']).toBe('n8n-nodes-nordic-commerce');
	});
});

describe('many items at once', () => {
	test('ten orders at Concurrency 5 on a fresh OAuth credential: one token request, then ten shipments', async () => {
		const store = credentials('oAuthClient');
		const orders = Array.from({ length: 10 }, (_, index) => order(`store-${5001 + index}`));
		const result = await run(chain({ name: 'Create Shipment', parameters: { ...CREATE, labelOutput: 'link', options: { concurrency: 5 } } }), orders, store);

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Create Shipment')).toHaveLength(10);
		expect(await control.journal({ method: 'POST', path: '**/api/v1/token' })).toHaveLength(1);
		expect((await shipments()).map((shipment) => shipment.orderNo).sort()).toEqual(orders.map((entry) => entry.number));
	});
});

describe('Posti sandbox workflows', () => {
	test('home delivery (PO2104) with notifications, label as a link, then Get Label downloads it', async () => {
		const result = await run(
			chain(
				{ name: 'Create Shipment', parameters: { ...CREATE, labelOutput: 'link' } },
				{ name: 'Get Label', parameters: { resource: 'shipment', operation: 'getLabel', labelUrl: '={{ $json.labels[0].href }}' } },
			),
			[order('store-2001', { method: 'PO2104', pickupPoint: '' })],
		);
		expect(result.error).toBeUndefined();
		const [shipment] = await shipments();
		expect(shipment).toMatchObject({ orderNo: 'store-2001', service: { id: 'PO2104' }, agent: null });
		expect(shipment.receiver).toMatchObject({ phone: '+358401234567', email: 'maija@example.fi' });
		expect(result.outputOf('Create Shipment')[0].binary).toBeUndefined();
		const pdf = await result.binaryBuffer('Get Label', 0, 'data');
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(result.outputOf('Get Label')[0].binary?.data.mimeType).toBe('application/pdf');
	});

	test('two hours later the token has expired (renewed once) and the label link is gone (404, with advice)', async () => {
		const store = credentials('oAuthClient');
		const created = await run(chain({ name: 'Create Shipment', parameters: { ...CREATE, labelOutput: 'link' } }), [order('store-8001')], store);
		const [{ labels }] = created.jsonOf('Create Shipment') as Array<{ labels: Array<{ href: string }> }>;
		await control.configure({ now: new Date(Date.now() + 2 * 3600_000).toISOString() });

		const result = await run(
			chain({ name: 'Get Label', parameters: { resource: 'shipment', operation: 'getLabel', labelUrl: '={{ $json.href }}' } }),
			[{ href: labels[0].href }],
			store,
		);
		expect(result.error?.message).toBe('OmaPosti Pro: PDF not found or expired (HTTP 404)');
		expect((result.error as { description?: string }).description).toContain('Label links work for 1 hour');
		expect(store.preAuthenticationCount('omaPostiProApi')).toBe(2);
	});

	test('pickup point search, then a shipment to the nearest point found', async () => {
		const result = await run(
			chain(
				{ name: 'Find Pickup Point', parameters: { resource: 'pickupPoint', operation: 'search', searchBy: 'postcode', postcode: "={{ $json.shipping.postcode }}", limit: 1 } },
				{
					name: 'Create Shipment',
					parameters: {
						...Object.fromEntries(
							Object.entries(CREATE).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/\$json\./g, "$('Start').item.json.") : value]),
						),
						pickupPointId: '={{ $json.id }}',
					},
				},
			),
			[order('store-3001', { pickupPoint: '', postcode: '33100', city: 'TAMPERE' })],
			credentials('oAuthClient'),
		);
		expect(result.error).toBeUndefined();
		const [point] = result.jsonOf('Find Pickup Point');
		expect(point).toMatchObject({ address: expect.objectContaining({ postcode: '33100' }) });
		const [shipment] = await shipments();
		expect(shipment).toMatchObject({ orderNo: 'store-3001', agent: { quickId: point.id } });
		expect(result.jsonOf('Create Shipment')[0].pickupPointId).toBe(point.id);
	});

	test('an inactive pickup point (E41): Posti\'s code and message with the advice; nothing created', async () => {
		const result = await run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('store-4001', { pickupPoint: '001099999' })]);
		expect(result.error?.message).toBe('OmaPosti Pro: E41: Inactive pickup point, please choose an alternative pickup point (HTTP 200, code E41)');
		expect((result.error as { description?: string }).description).toContain('Choose another pickup point');
		expect(await shipments()).toEqual([]);
	});

	test('the answer to the create is lost (dropAfterProcessing): no second request, a clear error naming the order', async () => {
		await control.injectFault({ kind: 'dropAfterProcessing', method: 'POST', path: ORDER_PATH });
		const result = await run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('store-5001')]);

		expect(result.error?.message).toMatch(/^OmaPosti Pro: the shipment for order store-5001 may or may not have been created \(/);
		expect((result.error as { description?: string }).description).toContain('Check OmaPosti Pro (Shipments) for order reference store-5001');
		expect(await control.journal({ method: 'POST', path: ORDER_PATH })).toHaveLength(1);
		// It was created: exactly once.
		expect((await shipments()).map((shipment) => shipment.orderNo)).toEqual(['store-5001']);
	});

	test('bad input is refused before anything reaches Posti', async () => {
		const result = await run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('store-6001', { postcode: '2010' })]);
		expect(result.error?.message).toContain('Invalid receiver.postcode in item 0');
		expect(await control.journal()).toEqual([]);
	});

	test('pickup points with an API key: refused with the fix, nothing sent', async () => {
		const result = await run(
			chain({ name: 'Find Pickup Point', parameters: { resource: 'pickupPoint', operation: 'search', searchBy: 'postcode', postcode: '20100' } }),
			[{}],
		);
		expect(result.error?.message).toBe('Pickup points need an OAuth client: the OmaPosti Pro API key does not work for them');
		expect(await control.journal()).toEqual([]);
	});

	test('a client without role 2025-04 gets the role named', async () => {
		const result = await run(
			chain({ name: 'Find Pickup Point', parameters: { resource: 'pickupPoint', operation: 'search', searchBy: 'postcode', postcode: '20100' } }),
			[{}],
			credentials('oAuthClient', { clientId: 'sandbox-posti-shipping-only' }),
		);
		expect(result.error?.message).toContain('(HTTP 403, code FORBIDDEN)');
		expect((result.error as { description?: string }).description).toContain('2025-04');
	});

	test('one token for a batch of orders; every order one shipment', async () => {
		const store = credentials('oAuthClient');
		const result = await run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('store-7001'), order('store-7002'), order('store-7003')], store);
		expect(result.error).toBeUndefined();
		expect(store.preAuthenticationCount('omaPostiProApi')).toBe(1);
		expect(await control.journal({ method: 'POST', path: '**/api/v1/token' })).toHaveLength(1);
		expect((await shipments()).map((shipment) => shipment.orderNo).sort()).toEqual(['store-7001', 'store-7002', 'store-7003']);
	});
});

describe('exactly once under retries, duplicate deliveries and shared limits', () => {
	const retrying = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

	test("Retry On Fail after the third item of a batch is refused: the first two are not shipped again", async () => {
		// Posti refuses the third create once (a definite answer), then accepts it on n8n's retry.
		await control.injectFault({ kind: 'status', status: 400, method: 'POST', path: ORDER_PATH, after: 2, times: 1 });
		const result = await run(chain({ name: 'Create Shipment', parameters: CREATE, settings: retrying }), [order('retry-1'), order('retry-2'), order('retry-3')]);

		expect(result.error).toBeUndefined();
		expect((await shipments()).map((shipment) => shipment.orderNo).sort()).toEqual(['retry-1', 'retry-2', 'retry-3']);
		expect(await control.journal({ method: 'POST', path: ORDER_PATH })).toHaveLength(4);
		expect(result.jsonOf('Create Shipment').map((item) => [item.orderNo, item.alreadyExisted])).toEqual([
			['retry-1', true],
			['retry-2', true],
			['retry-3', false],
		]);
		// The retried items carry their labels again (downloaded by link).
		expect((await result.binaryBuffer('Create Shipment', 0, 'data')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	test('Retry On Fail after a lost answer: the create is not sent again, nor by a later execution of that order', async () => {
		await control.injectFault({ kind: 'dropAfterProcessing', method: 'POST', path: ORDER_PATH });
		const result = await run(chain({ name: 'Create Shipment', parameters: CREATE, settings: retrying }), [order('lost-1')]);

		expect(result.error?.message).toMatch(/^The shipment for reference lost-1 was already sent at .* and its outcome is unknown, so it was not sent again$/);
		expect((result.error as { description?: string }).description).toBe(
			'Check OmaPosti Pro (Shipments) for order reference lost-1. If it is not there, run this item with One Shipment per Order Reference turned off.',
		);
		expect(await control.journal({ method: 'POST', path: ORDER_PATH })).toHaveLength(1);
		expect((await shipments()).map((shipment) => shipment.orderNo)).toEqual(['lost-1']);

		// A later execution of the same order is refused too; turning the option off is the person's decision.
		const rerun = await run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('lost-1')]);
		expect(rerun.error?.message).toMatch(/^The shipment for reference lost-1 was already sent at /);
		expect(await control.journal({ method: 'POST', path: ORDER_PATH })).toHaveLength(1);
		const deliberate = await run(chain({ name: 'Create Shipment', parameters: { ...CREATE, oneShipmentPerOrder: false } }), [order('lost-1')]);
		expect(deliberate.error).toBeUndefined();
		expect(await control.journal({ method: 'POST', path: ORDER_PATH })).toHaveLength(2);
	});

	test('the same order delivered twice at the same moment: one shipment, the second run reports it', async () => {
		const store = credentials();
		const [first, second] = await Promise.all([
			run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('twice-1')], store),
			run(chain({ name: 'Create Shipment', parameters: CREATE }), [order('twice-1')], store),
		]);
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		const flags = [first, second].map((result) => result.jsonOf('Create Shipment')[0].alreadyExisted).sort();
		expect(flags).toEqual([false, true]);
		expect((await shipments()).map((shipment) => shipment.orderNo)).toEqual(['twice-1']);
	});

	test('a split delivery: with One Shipment per Order Reference off, the same order number books a second shipment', async () => {
		const parameters = { ...CREATE, oneShipmentPerOrder: false };
		await run(chain({ name: 'Create Shipment', parameters }), [order('split-1')]);
		const second = await run(chain({ name: 'Create Shipment', parameters }), [order('split-1', {}, { parcels: [{ count: 1, weight: 3 }] })]);
		expect(second.jsonOf('Create Shipment')[0].alreadyExisted).toBe(false);
		expect((await shipments()).map((shipment) => shipment.orderNo)).toEqual(['split-1', 'split-1']);
	});

	test("two credentials in one n8n share Posti's 50 requests per second (it counts per source address)", async () => {
		const orders = (prefix: string) => Array.from({ length: 40 }, (_, index) => order(`${prefix}-${index + 1}`));
		const parameters = { ...CREATE, labelOutput: 'link', options: { concurrency: 10 } };
		const storeA = new CredentialStore({ omaPostiProApi: { id: 'cred-posti-a', name: 'Shop A', data: credentialData('apiKey') } });
		const storeB = new CredentialStore({ omaPostiProApi: { id: 'cred-posti-b', name: 'Shop B', data: credentialData('apiKey') } });
		const results = await Promise.all([
			run(chain({ name: 'Create Shipment', parameters }), orders('shop-a'), storeA),
			run(chain({ name: 'Create Shipment', parameters }), orders('shop-b'), storeB),
		]);
		expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
		const journal = await control.journal({ method: 'POST', path: ORDER_PATH });
		expect(journal).toHaveLength(80);
		expect(journal.filter((entry) => entry.status === 429)).toEqual([]);
		const times = journal.map((entry) => entry.time).sort((a, b) => a - b);
		const busiest = Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + 1000).length));
		expect(busiest).toBeLessThanOrEqual(50);
	}, 60_000);
});

describe('credential test function against the sandbox', () => {
	test.each([
		['a good API key', 'apiKey' as const, {}, 'OK'],
		['a bad API key', 'apiKey' as const, { apiKey: 'wrong-key' }, 'Error'],
		['a good OAuth client', 'oAuthClient' as const, {}, 'OK'],
		['a bad OAuth client', 'oAuthClient' as const, { clientSecret: 'wrong-secret' }, 'Error'],
		['a good client in Demo', 'demo' as const, {}, 'OK'],
		['Demo with a wrong gateway secret', 'demo' as const, { gatewaySecret: 'wrong-gateway-secret' }, 'Error'],
	])('%s', async (_name, mode, overrides, status) => {
		const result = await testCredential(OmaPostiPro, 'omaPostiProApi', credentialData(mode, overrides));
		expect(result.status).toBe(status);
		for (const secret of [API_KEY, CLIENT_SECRET, GATEWAY_SECRET, 'wrong-secret', 'wrong-key', 'wrong-gateway-secret']) {
			expect(result.message).not.toContain(secret);
		}
		// Nothing is ever created by a credential test.
		expect(await shipments()).toEqual([]);
	});
});
