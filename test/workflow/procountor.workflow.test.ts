/**
 * Workflow tests: Procountor workflows as a user builds them (expressions between nodes)
 * run through n8n-core's WorkflowExecute (test/harness) against the Procountor sandbox
 * emulator, started in-process. The emulator applies Procountor's rules (token endpoint
 * without charset, Bearer, channel requirements, Windows-1252, invoice statuses, the 20
 * requests per second rule with suspension), so a passing run proves the node's requests are
 * acceptable. Assertions also read the emulator's request journal. Every run is scanned for
 * secrets.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Agent } from 'undici';

import { ProcountorApi } from '../../credentials/ProcountorApi.credentials';
import { Procountor } from '../../nodes/Procountor/Procountor.node';
import { coordination, InProcessCoordination, useCoordination } from '../../nodes/shared/coordination';
import type { JournalEntry, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { SandboxControl } from '../../sandbox/client';
import type { WorkflowJson, WorkflowRunResult } from '../harness';
import { CredentialStore, runWorkflow } from '../harness';
import {
	answerContractViolations,
	recordProcountorRequests,
	requestContractViolations,
	stopRecording,
	type RecordedAnswer,
	type RecordedRequest,
} from '../contract/procountor-contract';

const CLIENT_ID = 'sandbox-client-id';
const CLIENT_SECRET = 'sandbox-client-secret';
const API_KEY = 'sandbox-api-key';
const CREDENTIAL_REF = { id: 'cred-procountor-sandbox', name: 'Procountor sandbox' };
const TYPE = 'n8n-nodes-nordic-commerce.procountor';

let sandbox: Sandbox;
let control: SandboxControl;
let agent: Agent;

beforeAll(async () => {
	sandbox = await startSandbox({ procountor: { port: 0 } });
	agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
	control = new SandboxControl(sandbox.procountor.controlUrl, agent);
});

afterAll(async () => {
	await sandbox?.stop();
	await agent?.close();
});

let sentRequests: RecordedRequest[] = [];
let answers: RecordedAnswer[] = [];
let stopObserving: (() => void) | undefined;

beforeEach(async () => {
	await control.reset();
	// The contract: every request the node sends and every answer of the emulator, held to Procountor's API description.
	sentRequests = recordProcountorRequests(sandbox.procountor.baseUrl);
	answers = [];
	stopObserving = sandbox.procountor.emulator.observe((req, res) => {
		const contentType = String(res.headers?.['content-type'] ?? (Buffer.isBuffer(res.body) || typeof res.body === 'string' ? 'application/octet-stream' : 'application/json'));
		answers.push({ method: req.method, url: `${req.path}?${req.query.toString()}`, status: res.status, contentType, body: res.body });
	});
});

afterEach(() => {
	stopRecording(sandbox.procountor.baseUrl);
	stopObserving?.();
	const violations = [...requestContractViolations(sentRequests), ...answerContractViolations(answers)];
	if (violations.length) throw new Error(`Requests or answers that contradict Procountor's API description:\n${[...new Set(violations)].join('\n')}`);
});

function credentials(id = CREDENTIAL_REF.id, extra: IDataObject = {}): CredentialStore {
	return new CredentialStore({
		procountorApi: {
			...CREDENTIAL_REF,
			id,
			data: { environment: 'test', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiKey: API_KEY, baseUrlOverride: sandbox.procountor.baseUrl, ...extra },
		},
	});
}

/** Manual Trigger → the given Procountor nodes in a chain. */
function chain(...steps: Array<{ name: string; parameters: INodeParameters; settings?: IDataObject }>): WorkflowJson {
	const nodes: WorkflowJson['nodes'] = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }];
	const connections: WorkflowJson['connections'] = {};
	let previous = 'Start';
	for (const step of steps) {
		nodes.push({ name: step.name, type: TYPE, typeVersion: 1, parameters: step.parameters, credentials: { procountorApi: CREDENTIAL_REF }, ...step.settings });
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	}
	return { name: 'Procountor workflow', nodes, connections };
}

function expectNoSecrets(result: WorkflowRunResult): void {
	const secrets = new Set<string>([CLIENT_SECRET, API_KEY]);
	for (const update of result.credentialStore.updates) if (update.data.accessToken) secrets.add(String(update.data.accessToken));
	const produced = JSON.stringify({ runData: result.runData, error: result.run.data.resultData.error });
	for (const secret of secrets) expect(produced).not.toContain(secret);
}

async function run(workflow: WorkflowJson, input: IDataObject[] | Array<{ json: IDataObject; binary?: IDataObject }>, store = credentials()): Promise<WorkflowRunResult> {
	const result = await runWorkflow(workflow, { nodeTypes: [Procountor], credentialTypes: [ProcountorApi], credentials: store, input: input as IDataObject[] });
	expectNoSecrets(result);
	return result;
}

/** The most requests the emulator received within any 1000 ms. */
function busiestSecond(journal: JournalEntry[]): number {
	const times = journal.map((entry) => entry.time).sort((a, b) => a - b);
	let worst = 0;
	for (let start = 0, end = 0; start < times.length; start++) {
		while (end < times.length && times[end] < times[start] + 1000) end++;
		worst = Math.max(worst, end - start);
	}
	return worst;
}

/** A web-store order mapped into Invoice → Create (as templates do). */
const CREATE: INodeParameters = {
	resource: 'invoice',
	operation: 'create',
	customerName: '={{ $json.billing.company }}',
	customer: { businessId: '={{ $json.billing.businessId }}', email: '={{ $json.billing.email }}' },
	billingAddress: { street: '={{ $json.billing.street }}', zip: '={{ $json.billing.zip }}', city: '={{ $json.billing.city }}', country: 'FI' },
	invoiceDate: '={{ $json.date }}',
	reference: '={{ $json.number }}',
	customerRegister: 'linkOrCreate',
	rowsSource: 'json',
	rowsJson: '={{ $json.lines }}',
	additionalFields: { orderTotal: '={{ $json.total }}' },
	options: { matchProducts: true },
};

function order(number: string, billing: IDataObject = {}): IDataObject {
	return {
		number,
		date: '2026-07-15',
		billing: {
			company: 'Kahvila Äijä Oy',
			businessId: '0112038-9',
			email: 'osto@kahvila-aija.fi',
			street: 'Aleksanterinkatu 1',
			zip: '00100',
			city: 'Helsinki',
			...billing,
		},
		lines: [
			{ productCode: 'MUKI', quantity: 2, unitPrice: 12.5, vatPercent: 25.5 },
			{ product: 'Toimitus', quantity: 1, unitPrice: 5.9, vatPercent: 25.5 },
		],
		total: 30.9,
	};
}

describe('Procountor workflows against the sandbox', () => {
	test('an order with an email becomes an invoice sent by email; the customer is matched by business ID', async () => {
		const result = await run(
			chain(
				{ name: 'Create Invoice', parameters: CREATE },
				{ name: 'Approve', parameters: { resource: 'invoice', operation: 'approve', invoiceId: '={{ $json.id }}' } },
				{ name: 'Send', parameters: { resource: 'invoice', operation: 'send', invoiceId: '={{ $json.id }}' } },
			),
			[order('WEB-1001')],
		);
		expect(result.error).toBeUndefined();
		const [created] = result.jsonOf('Create Invoice');
		expect(created).toMatchObject({ invoiceChannel: 'EMAIL', originalInvoiceNumber: 'WEB-1001', alreadyExisted: false, businessPartner: { matchedBy: 'businessId', created: false } });
		expect((created.invoiceRows as IDataObject[])[0]).toMatchObject({ productCode: 'MUKI', productId: 420103, product: 'Kahvimuki' });
		expect(result.jsonOf('Approve')[0]).toMatchObject({ status: 'NOT_SENT' });
		expect(result.jsonOf('Send')[0]).toMatchObject({ status: 'SENT', alreadySent: false });
		const tokenCalls = (await control.journal()).filter((entry) => entry.path.endsWith('/oauth/token'));
		expect(tokenCalls.length).toBe(1);
	});

	test('an unknown customer is created in the register first', async () => {
		const result = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [
			order('WEB-1002', { company: 'Uusi Asiakas Oy', businessId: '7654321-2', email: 'uusi@asiakas.fi' }),
		]);
		expect(result.error).toBeUndefined();
		const [created] = result.jsonOf('Create Invoice');
		expect(created.businessPartner).toMatchObject({ created: true, matchedBy: null });
		const journal = await control.journal();
		const partnerPost = journal.findIndex((entry) => entry.method === 'POST' && entry.path.endsWith('/businesspartners'));
		const invoicePost = journal.findIndex((entry) => entry.method === 'POST' && entry.path.endsWith('/invoices'));
		expect(partnerPost).toBeGreaterThan(-1);
		expect(partnerPost).toBeLessThan(invoicePost);
	});

	test('two orders of one new customer at the same moment: one business partner, two invoices linked to it', async () => {
		const customer = { company: 'Uusi Asiakas Oy', businessId: '7654321-2', email: 'uusi@asiakas.fi' };
		const [first, second] = await Promise.all([
			run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-1201', customer)]),
			run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-1202', customer)]),
		]);
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		const partners = [first, second].map((result) => result.jsonOf('Create Invoice')[0].businessPartner as IDataObject);
		expect(partners[0].id).toBe(partners[1].id);
		expect(partners.map((partner) => partner.created).sort()).toEqual([false, true]);
		const journal = await control.journal();
		expect(journal.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/businesspartners'))).toHaveLength(1);
		expect(journal.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/invoices'))).toHaveLength(2);
	});

	test('the same order run twice creates one invoice', async () => {
		const store = credentials();
		const first = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-1003')], store);
		const second = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-1003')], store);
		expect(first.jsonOf('Create Invoice')[0]).toMatchObject({ alreadyExisted: false });
		expect(second.jsonOf('Create Invoice')[0]).toMatchObject({ alreadyExisted: true, id: first.jsonOf('Create Invoice')[0].id });
		const posts = (await control.journal()).filter((entry) => entry.method === 'POST' && entry.path.endsWith('/invoices'));
		expect(posts).toHaveLength(1);
	});

	test('an attachment is added to the invoice', async () => {
		const created = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-1004')]);
		const invoiceId = created.jsonOf('Create Invoice')[0].id;
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const result = await run(
			chain({ name: 'Attach', parameters: { resource: 'invoice', operation: 'addAttachment', invoiceId: '={{ $json.id }}', binaryPropertyName: 'data' } }),
			[{ json: { id: invoiceId }, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'kuitti.pdf', fileExtension: 'pdf' } } }],
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Attach')[0]).toMatchObject({ name: 'kuitti.pdf', referenceType: 'INVOICE', referenceId: invoiceId });
	});

	test('approve, send and mark paid; then find it with Get Many by order number', async () => {
		const result = await run(
			chain(
				{ name: 'Create Invoice', parameters: CREATE },
				{ name: 'Approve', parameters: { resource: 'invoice', operation: 'approve', invoiceId: '={{ $json.id }}' } },
				{ name: 'Send', parameters: { resource: 'invoice', operation: 'send', invoiceId: '={{ $json.id }}' } },
				{
					name: 'Mark Paid',
					parameters: { resource: 'invoice', operation: 'markPaid', invoiceId: '={{ $json.id }}', paymentDate: '2026-07-16', amount: '30.90' },
				},
				{
					name: 'Find',
					parameters: { resource: 'invoice', operation: 'getMany', returnAll: true, filters: { originalInvoiceNumber: 'WEB-1006', types: ['SALES_INVOICE'] } },
				},
			),
			[order('WEB-1006')],
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Mark Paid')[0]).toMatchObject({ status: 'MARKED_PAID', alreadyPaid: false, paymentDate: '2026-07-16' });
		expect(result.jsonOf('Find')).toEqual([
			expect.objectContaining({
				originalInvoiceNumber: 'WEB-1006',
				status: 'MARKED_PAID',
				invoiceSumInfo: [expect.objectContaining({ currency: 'EUR', invoiceSumTotal: 30.9 })],
				counterParty: expect.objectContaining({ counterPartyAddress: expect.objectContaining({ name: 'Kahvila Äijä Oy' }) }),
			}),
		]);
	});

	test('Get Many "Created To" a day finds an invoice created late that day', async () => {
		await control.configure({ now: '2026-07-31T20:45:00Z' }); // 23:45 in Helsinki
		const created = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-1301')]);
		expect(created.error).toBeUndefined();
		const result = await run(
			chain({
				name: 'Find',
				parameters: { resource: 'invoice', operation: 'getMany', returnAll: true, filters: { createdStartDate: '2026-07-31', createdEndDate: '2026-07-31' } },
			}),
			[{}],
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Find').map((invoice) => invoice.originalInvoiceNumber)).toEqual(['WEB-1301']);
	});

	test('business partner find or create, product exact code, integration activation', async () => {
		const result = await run(
			chain(
				{ name: 'Partner', parameters: { resource: 'businessPartner', operation: 'findOrCreate', name: 'Kahvila', customerNumber: '', businessId: '01120389' } },
				{ name: 'Products', parameters: { resource: 'product', operation: 'getMany', returnAll: true, filters: { code: 'KAHVI-250', exactCode: true } } },
			),
			[{}],
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Partner')[0]).toMatchObject({ name: 'Kahvila Äijä Oy', alreadyExisted: true, matchedBy: 'businessId' });
		expect(result.jsonOf('Products')).toEqual([expect.objectContaining({ code: 'KAHVI-250' })]);

		// Not scanned for secrets: Include API Key in Output asks for the keys (the sandbox
		// returns the existing key for a company already connected, as Procountor does).
		const activation = await runWorkflow(
			chain(
				{ name: 'Request', parameters: { resource: 'integration', operation: 'getActivationRequest', requestId: 'sandbox-activation-request' } },
				{ name: 'Approve', parameters: { resource: 'integration', operation: 'respond', requestId: 'sandbox-activation-request', decision: 'approveAll', includeApiKey: true } },
			),
			{ nodeTypes: [Procountor], credentialTypes: [ProcountorApi], credentials: credentials(), input: [{}] },
		);
		expect(activation.error).toBeUndefined();
		const companies = activation.jsonOf('Request')[0].companiesToIntegrate as IDataObject[];
		const approved = activation.jsonOf('Approve')[0].companiesIntegrated as IDataObject[];
		expect(approved.map((company) => company.companyId)).toEqual(companies.map((company) => company.companyId));
		for (const company of approved) expect(typeof company.apiKey).toBe('string');
	});

	test('a token expiring mid-batch is renewed and the batch goes on', async () => {
		const store = credentials('cred-procountor-expiry');
		await control.configure({ tokenLifetimeMs: 2000 });
		const created = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-1007')], store);
		const invoiceId = created.jsonOf('Create Invoice')[0].id;
		const result = await run(
			chain({ name: 'Get', parameters: { resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' } }),
			Array.from({ length: 90 }, () => ({ id: invoiceId })),
			store,
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Get')).toHaveLength(90);
		expect(store.preAuthenticationCount('procountorApi')).toBeGreaterThan(1);
		const journal = await control.journal();
		expect(journal.filter((entry) => entry.rateLimited)).toEqual([]);
		expect(busiestSecond(journal)).toBeLessThanOrEqual(20);
	});

	test('Requests per Second on the credential: the node follows a limit Procountor confirmed (here 40), and stays under it', async () => {
		// The emulator enforces 40 per second (suspending above it), as Procountor would for a client it allowed 40.
		await control.configure({ rateLimit: { limit: 40 } });
		const store = credentials('cred-procountor-40', { requestsPerSecond: 40 });
		const input = Array.from({ length: 50 }, (_, index) => ({
			...order(`RPS-${index + 1}`),
			lines: [{ product: 'Kahvi', quantity: 1, unitPrice: 8.9, vatPercent: 14 }],
			total: 8.9,
		}));
		const parameters: INodeParameters = { ...CREATE, customerRegister: 'none', bankAccount: 'FI2799999900031563', options: { concurrency: 5 } };
		const result = await run(chain({ name: 'Create Invoice', parameters }), input, store);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Create Invoice')).toHaveLength(50);
		const journal = await control.journal();
		expect(journal.filter((entry) => entry.rateLimited)).toEqual([]);
		// Faster than the default 20 allows, never over the credential's 40.
		expect(busiestSecond(journal)).toBeGreaterThan(20);
		expect(busiestSecond(journal)).toBeLessThanOrEqual(40);
	});

	test('under Concurrency 5 the first token is fetched once, and renewals after expiry stay within the limit', async () => {
		await control.configure({ tokenLifetimeMs: 1500 });
		const store = credentials('cred-procountor-concurrent-expiry');
		const input = Array.from({ length: 60 }, (_, index) => ({
			...order(`EXPIRY-${index + 1}`),
			lines: [{ product: 'Kahvi', quantity: 1, unitPrice: 8.9, vatPercent: 14 }],
			total: 8.9,
		}));
		const parameters: INodeParameters = {
			...CREATE,
			customerRegister: 'none',
			skipIfExists: false,
			bankAccount: 'FI2799999900031563',
			options: { concurrency: 5 },
		};
		const result = await run(chain({ name: 'Create Invoice', parameters }), input, store);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Create Invoice')).toHaveLength(60);
		const journal = await control.journal();
		const tokenTimes = journal.filter((entry) => entry.path.endsWith('/oauth/token')).map((entry) => entry.time);
		// The first exchange alone, while five items wait for it; the batch outlives that token and
		// the next ones are renewed on the 401s of the requests then in flight (at most five each).
		expect(tokenTimes.length).toBeGreaterThan(1);
		expect(tokenTimes[1] - tokenTimes[0]).toBeGreaterThan(500);
		expect(journal.filter((entry) => entry.rateLimited)).toEqual([]);
		expect(busiestSecond(journal)).toBeLessThanOrEqual(20);
	}, 60_000);

	test('bad data is refused before anything reaches Procountor', async () => {
		const result = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [{ ...order('WEB-1005'), lines: [{ product: 'Muki ☕', quantity: 1, unitPrice: 12.5, vatPercent: 25.5 }], total: 12.5 }]);
		expect(result.error?.message).toContain('invoiceRows[0].product in item 0 has characters Procountor cannot store');
		expect(await control.journal()).toEqual([]);
	});

	test("two credentials of one API client (an agency's two shops) share its 20 requests per second", async () => {
		const batch = (prefix: string) =>
			Array.from({ length: 40 }, (_, index) => ({ ...order(`${prefix}-${index + 1}`), lines: [{ product: 'Kahvi', quantity: 1, unitPrice: 8.9, vatPercent: 14 }], total: 8.9 }));
		const parameters: INodeParameters = { ...CREATE, customerRegister: 'none', skipIfExists: false, bankAccount: 'FI2799999900031563', options: { concurrency: 5 } };
		const results = await Promise.all([
			run(chain({ name: 'Create Invoice', parameters }), batch('SHOP-A'), credentials('cred-shop-a')),
			run(chain({ name: 'Create Invoice', parameters }), batch('SHOP-B'), credentials('cred-shop-b')),
		]);
		expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
		const journal = await control.journal();
		expect(journal.filter((entry) => entry.rateLimited)).toEqual([]);
		expect(busiestSecond(journal)).toBeLessThanOrEqual(20);
	}, 60_000);

	test('a 503 after Procountor stored the invoice: found by its order number, never posted twice', async () => {
		await control.injectFault({ kind: 'statusAfterProcessing', status: 503, method: 'POST', path: '/invoices' });
		const result = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-503')]);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Create Invoice')[0]).toMatchObject({ originalInvoiceNumber: 'WEB-503', alreadyExisted: false });
		const posts = (await control.journal()).filter((entry) => entry.method === 'POST' && entry.path.endsWith('/invoices'));
		expect(posts).toHaveLength(1);
	});

	test('a slow commit: Procountor stores the invoice after the node gave up; found by its order number, never posted twice', async () => {
		await control.injectFault({ kind: 'commitLate', method: 'POST', path: '/invoices', delayMs: 1500 });
		const result = await run(chain({ name: 'Create Invoice', parameters: CREATE }), [order('WEB-SLOW')], credentials(undefined, { timeoutSeconds: 1 }));
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Create Invoice')[0]).toMatchObject({ originalInvoiceNumber: 'WEB-SLOW', alreadyExisted: false });
		const posts = (await control.journal()).filter((entry) => entry.method === 'POST' && entry.path.endsWith('/invoices'));
		expect(posts).toHaveLength(1);
	});

	test('two Sends of one invoice at the same moment send it once; Mark Paid run again adds no second payment', async () => {
		const created = await run(
			chain({ name: 'Create Invoice', parameters: CREATE }, { name: 'Approve', parameters: { resource: 'invoice', operation: 'approve', invoiceId: '={{ $json.id }}' } }),
			[order('WEB-2001')],
		);
		const invoiceId = created.jsonOf('Approve')[0].id;
		const send = chain({ name: 'Send', parameters: { resource: 'invoice', operation: 'send', invoiceId: '={{ $json.id }}' } });
		const [first, second] = await Promise.all([run(send, [{ id: invoiceId }]), run(send, [{ id: invoiceId }])]);
		expect([first, second].map((result) => result.jsonOf('Send')[0].alreadySent).sort()).toEqual([false, true]);
		const sends = (await control.journal()).filter((entry) => entry.method === 'PUT' && entry.path.endsWith('/send'));
		expect(sends).toHaveLength(1);

		const markPaid = chain({
			name: 'Mark Paid',
			parameters: { resource: 'invoice', operation: 'markPaid', invoiceId: '={{ $json.id }}', paymentDate: '2026-07-16', amount: '10.00' },
		});
		const paid = await run(markPaid, [{ id: invoiceId }]);
		expect(paid.jsonOf('Mark Paid')[0]).toMatchObject({ status: 'PARTLY_PAID', alreadyPaid: false });
		// Another n8n process (no ledger), on the same API client budget: only Procountor's payment events can tell.
		useCoordination(new InProcessCoordination(undefined, (coordination() as InProcessCoordination).limiters));
		const again = await run(markPaid, [{ id: invoiceId }]);
		expect(again.jsonOf('Mark Paid')[0]).toMatchObject({ status: 'PARTLY_PAID', alreadyPaid: true });
		const payments = (await control.journal()).filter((entry) => entry.method === 'PUT' && entry.path.endsWith('/markpaid'));
		expect(payments).toHaveLength(1);
	});

	test('a batch of 500 invoices never goes over 20 requests in any second', async () => {
		const input = Array.from({ length: 500 }, (_, index) => ({
			...order(`BATCH-${index + 1}`),
			lines: [{ product: 'Kahvi', quantity: 1, unitPrice: 8.9, vatPercent: 14 }],
			total: 8.9,
		}));
		const parameters: INodeParameters = {
			...CREATE,
			customerRegister: 'none',
			skipIfExists: false,
			bankAccount: 'FI2799999900031563',
			options: { concurrency: 5 },
		};
		const result = await run(chain({ name: 'Create Invoice', parameters }), input, credentials('cred-procountor-batch'));
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Create Invoice')).toHaveLength(500);
		const journal = await control.journal();
		expect(journal.filter((entry) => entry.rateLimited)).toEqual([]);
		expect(busiestSecond(journal)).toBeLessThanOrEqual(20);
	}, 120_000);
});
