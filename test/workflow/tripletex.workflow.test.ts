/**
 * Workflow tests: workflows as a user builds them (fixtures/*.workflow.json, with
 * expressions between nodes) run through n8n-core's WorkflowExecute (test/harness)
 * against the real Tripletex sandbox emulator, started in-process. The sandbox checks
 * every request body against Tripletex's OpenAPI spec and applies Tripletex's rules,
 * so a passing run proves the node's requests are acceptable. Assertions look at the
 * sandbox's records (`control.state()`) and request journal (`control.journal()`), not
 * only at node output. Every run is also scanned for secrets (`run()` below).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { Agent } from 'undici';

import { TripletexApi } from '../../credentials/TripletexApi.credentials';
import { Tripletex } from '../../nodes/Tripletex/Tripletex.node';
import type { JournalEntry, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { createTripletexSession, SandboxControl } from '../../sandbox/client';
import { coordination, InProcessCoordination, useCoordination } from '../../nodes/shared/coordination';
import type { WorkflowJson, WorkflowRunResult } from '../harness';
import { CredentialStore, runWorkflow } from '../harness';

const CONSUMER_TOKEN = 'sandbox-consumer-token';
const EMPLOYEE_TOKEN = 'sandbox-employee-token';
const OWN_COMPANY = '108000';
const CREDENTIAL_REF = { id: 'cred-tripletex-sandbox', name: 'Tripletex sandbox' };

let sandbox: Sandbox;
let control: SandboxControl;
let agent: Agent;

beforeAll(async () => {
	sandbox = await startSandbox({ tripletex: { port: 0 } });
	agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
	control = new SandboxControl(sandbox.tripletex.controlUrl, agent);
});

afterAll(async () => {
	await sandbox?.stop();
	await agent?.close();
});

beforeEach(async () => {
	await control.reset();
});

// ---------------------------------------------------------------------------------
// Workflows, credentials, running

function loadWorkflow(name: string): WorkflowJson {
	return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.workflow.json`), 'utf8')) as WorkflowJson;
}

/** A copy of the workflow with some parameters of one node replaced (as a user would edit them). */
function withParameters(workflow: WorkflowJson, nodeName: string, parameters: INodeParameters): WorkflowJson {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node "${nodeName}"`);
	node.parameters = { ...node.parameters, ...parameters };
	return copy;
}

function withNodeSettings(workflow: WorkflowJson, nodeName: string, settings: IDataObject): WorkflowJson {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node "${nodeName}"`);
	Object.assign(node, settings);
	return copy;
}

function sandboxCredentials(data: IDataObject = {}): CredentialStore {
	return new CredentialStore({
		tripletexApi: {
			...CREDENTIAL_REF,
			data: {
				environment: 'test',
				consumerToken: CONSUMER_TOKEN,
				employeeToken: EMPLOYEE_TOKEN,
				companyId: 0,
				baseUrlOverride: sandbox.tripletex.baseUrl,
				...data,
			},
		},
	});
}

interface RunOptions {
	credentials?: CredentialStore;
	/** More values that must never show up (e.g. a wrong token the test used). */
	extraSecrets?: string[];
}

/** Runs a workflow against the sandbox and checks that no secret shows in anything it produced. */
async function run(workflow: WorkflowJson, input: IDataObject[], options: RunOptions = {}): Promise<WorkflowRunResult> {
	const credentials = options.credentials ?? sandboxCredentials();
	const result = await runWorkflow(workflow, {
		nodeTypes: [Tripletex],
		credentialTypes: [TripletexApi],
		credentials,
		input,
	});
	expectNoSecrets(result, options.extraSecrets);
	return result;
}

// ---------------------------------------------------------------------------------
// Secrets

/** Every session token the credential ever held, plus the static tokens. */
function secretsOf(result: WorkflowRunResult, extra: string[] = []): string[] {
	const tokens = new Set<string>([CONSUMER_TOKEN, EMPLOYEE_TOKEN, ...extra]);
	const store = result.credentialStore;
	for (const update of store.updates) if (update.data.sessionToken) tokens.add(String(update.data.sessionToken));
	const current = store.data('tripletexApi');
	for (const key of ['sessionToken', 'consumerToken', 'employeeToken']) if (current[key]) tokens.add(String(current[key]));
	const secrets = new Set<string>();
	for (const token of tokens) {
		secrets.add(token);
		secrets.add(encodeURIComponent(token));
		secrets.add(Buffer.from(token).toString('base64'));
		// What travels in the Basic header: base64("<companyId>:<session token>").
		secrets.add(Buffer.from(`0:${token}`).toString('base64'));
		secrets.add(Buffer.from(`${OWN_COMPANY}:${token}`).toString('base64'));
	}
	return [...secrets];
}

function errorFacts(error: unknown): unknown {
	if (!error || typeof error !== 'object') return error;
	const e = error as Error & IDataObject;
	return {
		name: e.name,
		message: e.message,
		description: e.description,
		context: e.context,
		cause: e.cause,
		messages: e.messages,
		errorResponse: e.errorResponse,
		httpCode: e.httpCode,
		stack: e.stack,
	};
}

/** JSON of anything, with errors' non-enumerable fields, without cycles or file bytes. */
function visibleText(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, entry: unknown) => {
		if (Buffer.isBuffer(entry) || entry instanceof ArrayBuffer) return '[bytes]';
		if (entry && typeof entry === 'object') {
			if (seen.has(entry)) return '[circular]';
			seen.add(entry);
			if (entry instanceof Error) return { ...entry, ...(errorFacts(entry) as object) };
		}
		return entry;
	});
}

/** Everything a user can see of a run: every node's output items and errors, and the run's error. */
function everythingVisible(result: WorkflowRunResult): string {
	const parts: unknown[] = [result.run, errorFacts(result.error), result.run.data.resultData.error];
	for (const nodeName of Object.keys(result.runData)) parts.push(errorFacts(result.errorOf(nodeName)));
	return parts.map(visibleText).join('\n');
}

function findSecrets(text: string, secrets: string[]): string[] {
	const found = secrets.filter((secret) => text.includes(secret));
	// A Basic header with any credentials at all, even ones this test does not know.
	const basic = /Basic\s+[A-Za-z0-9+/=]{12,}/.exec(text);
	if (basic) found.push(basic[0]);
	return found;
}

function expectNoSecrets(result: WorkflowRunResult, extra: string[] = []): void {
	expect(findSecrets(everythingVisible(result), secretsOf(result, extra))).toEqual([]);
}

// ---------------------------------------------------------------------------------
// Sandbox state and journal

interface Rec extends IDataObject {
	id: number;
}

interface Books {
	Account: Rec[];
	VatType: Rec[];
	PaymentType: Rec[];
	Product: Rec[];
	Customer: Rec[];
	Voucher?: Rec[];
	Posting?: Rec[];
	Order?: Rec[];
	OrderLine?: Rec[];
	Invoice?: Rec[];
}

interface SandboxState {
	companies: Record<string, Books>;
	sessions: Array<{ id: number; active: boolean }>;
}

async function state(): Promise<SandboxState> {
	return await control.state<SandboxState>();
}

async function books(): Promise<Books> {
	return (await state()).companies[OWN_COMPANY];
}

const idOf = (reference: unknown) => (reference as { id?: number } | null)?.id;
const ore = (amount: unknown) => Math.round(Number(amount) * 100);

function byId(records: Rec[] | undefined, id: number | undefined): Rec {
	const record = (records ?? []).find((candidate) => candidate.id === id);
	if (!record) throw new Error(`no record with id ${id}`);
	return record;
}

function vatTypeId(b: Books, code: string): number {
	return b.VatType.find((vat) => vat.number === code)!.id;
}

function vouchersWithReference(b: Books, reference: string): Rec[] {
	return (b.Voucher ?? []).filter((voucher) => voucher.externalVoucherNumber === reference);
}

/** A voucher's postings as {account number, row, net amount, gross amount, ...} in øre. */
function postingsOf(b: Books, voucher: Rec) {
	return (voucher.postings as Array<{ id: number }>).map(({ id }) => {
		const posting = byId(b.Posting, id);
		return {
			row: posting.row as number,
			account: byId(b.Account, idOf(posting.account)).number as number,
			amountOre: ore(posting.amount),
			grossOre: ore(posting.amountGross),
			vatTypeId: idOf(posting.vatType),
			customerId: idOf(posting.customer),
			systemGenerated: posting.systemGenerated as boolean,
		};
	});
}

async function journal(since?: number): Promise<JournalEntry[]> {
	return await control.journal(since === undefined ? {} : { since });
}

/**
 * The route template of a journal entry. A request answered by a fault (status, drop)
 * never reaches the router, so its entry has no route: use its path without /v2 then.
 */
function routeOf(entry: JournalEntry): string {
	return entry.route ?? entry.path.replace(/^\/v2(?=\/)/, '');
}

/** Journal entries for one route template, e.g. calls(entries, 'POST', '/ledger/voucher'). */
function calls(entries: JournalEntry[], method: string, route: string): JournalEntry[] {
	return entries.filter((entry) => entry.method === method && routeOf(entry) === route);
}

const SESSION_CREATE = '/token/session/:create';
const VOUCHER_LOOKUP = '/ledger/voucher/>externalVoucherNumber';
/** Requests around a voucher create that are not about the voucher itself. */
const LOOKUPS_AND_SESSIONS = [SESSION_CREATE, '/ledger/account', '/ledger/vatType'];

function sessionCreations(entries: JournalEntry[]): JournalEntry[] {
	return entries.filter((entry) => routeOf(entry) === SESSION_CREATE);
}

function summary(entries: JournalEntry[]): string[] {
	return entries.map((entry) => `${entry.method} ${routeOf(entry)} ${entry.status} ${entry.outcome}`);
}

// ---------------------------------------------------------------------------------
// Store orders (what a web store's "order paid" webhook would deliver)

interface StoreLine {
	sku: string;
	name: string;
	quantity: number;
	unitPrice: number;
}

interface StoreOrder extends IDataObject {
	orderNumber: string;
	date: string;
	customer: { name: string; email: string; organizationNumber: string };
	lines: StoreLine[];
	total: number;
	vat: number;
}

/** Fjordkaffe AS is seeded in the sandbox (org 987654325); the store writes the number with spaces. */
const ORDER_EXISTING_CUSTOMER: StoreOrder = {
	orderNumber: '6001',
	date: '2026-07-15',
	customer: { name: 'Fjordkaffe AS', email: 'post@fjordkaffe.example', organizationNumber: '987 654 325' },
	lines: [
		{ sku: '1002', name: 'Kaffekvern', quantity: 2, unitPrice: 499 },
		{ sku: '9000', name: 'Frakt', quantity: 1, unitPrice: 99 },
	],
	total: 1097,
	vat: 219.4,
};

const NEW_CUSTOMER = { name: 'Fjellsport AS', email: 'ordre@fjellsport.example', organizationNumber: '923609016' };

const ORDER_NEW_CUSTOMER: StoreOrder = {
	orderNumber: '6002',
	date: '2026-07-15',
	customer: NEW_CUSTOMER,
	lines: [
		{ sku: '1002', name: 'Kaffekvern', quantity: 1, unitPrice: 499 },
		{ sku: '9000', name: 'Frakt', quantity: 1, unitPrice: 99 },
	],
	total: 598,
	vat: 119.6,
};

/** Mixed VAT: coffee is food (15 %), the grinder and shipping 25 %. */
const ORDER_MIXED_VAT: StoreOrder = {
	orderNumber: '6003',
	date: '2026-07-15',
	customer: NEW_CUSTOMER,
	lines: [
		{ sku: '1002', name: 'Kaffekvern', quantity: 2, unitPrice: 499 },
		{ sku: '1001', name: 'Kaffe 250 g', quantity: 3, unitPrice: 99 },
		{ sku: '9000', name: 'Frakt', quantity: 1, unitPrice: 99 },
	],
	total: 1394,
	vat: 258.14,
};

const net25 = (grossOre: number) => Math.round((grossOre * 100) / 125);

const storeOrderToVoucher = loadWorkflow('store-order-to-voucher');
const storeOrderToPaidInvoice = loadWorkflow('store-order-to-paid-invoice');
const postVouchers = loadWorkflow('post-vouchers');

/** The invoice workflow with the payment type chosen, as the user picks it from the dropdown. */
async function paidInvoiceWorkflow(paymentType = 'Vipps'): Promise<{ workflow: WorkflowJson; paymentTypeId: number }> {
	const type = (await books()).PaymentType.find((candidate) => candidate.description === paymentType);
	if (!type) throw new Error(`the sandbox has no payment type "${paymentType}"`);
	const workflow = withParameters(storeOrderToPaidInvoice, 'Invoice order with payment', { paymentTypeId: String(type.id) });
	return { workflow, paymentTypeId: type.id };
}

interface VoucherInput extends IDataObject {
	reference: string;
	date: string;
	description: string;
	postings: IDataObject[];
}

function sale(reference: string, gross: number, overrides: Partial<VoucherInput> = {}): VoucherInput {
	return {
		reference,
		date: '2026-07-15',
		description: `Card sales ${reference}`,
		postings: [
			{ account: 1920, amount: gross, description: 'Card settlement' },
			{ account: 3000, amount: -gross, vatCode: '3', description: 'Sales 25 % VAT' },
		],
		...overrides,
	};
}

// ---------------------------------------------------------------------------------

describe('the secrets scan itself', () => {
	test('finds a token, the Basic header base64 of a session, and any Basic header', () => {
		const secrets = ['sandbox-consumer-token', Buffer.from('0:abc-session').toString('base64')];
		expect(findSecrets('nothing to see', secrets)).toEqual([]);
		expect(findSecrets('consumerToken=sandbox-consumer-token', secrets)).toEqual(['sandbox-consumer-token']);
		expect(findSecrets(`auth ${secrets[1]}`, secrets)).toEqual([secrets[1]]);
		expect(findSecrets('Authorization: Basic dW5rbm93bjp1bmtub3du', [])).toEqual(['Basic dW5rbm93bjp1bmtub3du']);
	});
});

describe('1. a store order becomes a customer and a balanced voucher with VAT', () => {
	test('finds the seeded customer by organisation number, creates the new one, and posts one voucher per order', async () => {
		const before = await books();
		const seededCustomer = before.Customer.find((customer) => customer.organizationNumber === '987654325')!;
		expect(seededCustomer.name).toBe('Fjordkaffe AS');

		const result = await run(storeOrderToVoucher, [ORDER_EXISTING_CUSTOMER, ORDER_NEW_CUSTOMER]);

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const after = await books();

		// Customers: the seeded one found, the new one created once with what the store sent.
		const customers = result.jsonOf('Find or create customer');
		expect(customers[0]).toMatchObject({ id: seededCustomer.id, alreadyExisted: true, matchedBy: 'organizationNumber' });
		const created = after.Customer.filter((customer) => customer.organizationNumber === NEW_CUSTOMER.organizationNumber);
		expect(created).toHaveLength(1);
		expect(created[0]).toMatchObject({ name: NEW_CUSTOMER.name, email: NEW_CUSTOMER.email, isCustomer: true });
		expect(customers[1]).toMatchObject({ id: created[0].id, alreadyExisted: false, matchedBy: null });
		expect(after.Customer).toHaveLength(before.Customer.length + 1);

		// Vouchers: one per order, referenced by the store order number, posted to the ledger.
		const vouchers = result.jsonOf('Post sale voucher');
		expect(vouchers.map((voucher) => [voucher.externalVoucherNumber, voucher.alreadyExisted])).toEqual([
			['6001', false],
			['6002', false],
		]);
		const cases: Array<[StoreOrder, number]> = [
			[ORDER_EXISTING_CUSTOMER, seededCustomer.id],
			[ORDER_NEW_CUSTOMER, created[0].id],
		];
		for (const [index, [order, customerId]] of cases.entries()) {
			const stored = vouchersWithReference(after, order.orderNumber);
			expect(stored).toHaveLength(1);
			const [voucher] = stored;
			expect(voucher.id).toBe(vouchers[index].id);
			expect(voucher).toMatchObject({ date: order.date, description: `Web-store order ${order.orderNumber}` });
			expect(voucher.number).toBeGreaterThan(0); // sent to the ledger, so numbered

			const grossOre = ore(order.total);
			const netOre = net25(grossOre);
			expect(grossOre - netOre).toBe(ore(order.vat)); // the store's VAT agrees with 25 %
			const postings = postingsOf(after, voucher);
			expect(postings).toEqual([
				{ row: 1, account: 1920, amountOre: grossOre, grossOre, vatTypeId: vatTypeId(after, '0'), customerId: undefined, systemGenerated: false },
				{ row: 2, account: 3000, amountOre: -netOre, grossOre: -grossOre, vatTypeId: vatTypeId(after, '3'), customerId, systemGenerated: false },
				// Tripletex (and the sandbox) books the VAT itself, on row 0.
				{ row: 0, account: 2700, amountOre: -(grossOre - netOre), grossOre: -(grossOre - netOre), vatTypeId: vatTypeId(after, '0'), customerId: undefined, systemGenerated: true },
			]);
			expect(postings.reduce((sum, posting) => sum + posting.amountOre, 0)).toBe(0);
		}

		// Every request was accepted (the sandbox validates bodies against the OpenAPI spec),
		// one session served all three Tripletex nodes, and only the new customer was created.
		const entries = await journal();
		expect(entries.filter((entry) => entry.status === null || entry.status >= 300)).toEqual([]);
		expect(sessionCreations(entries)).toHaveLength(1);
		const customerPosts = calls(entries, 'POST', '/customer');
		expect(customerPosts).toHaveLength(1);
		expect(customerPosts[0].body).toMatchObject({ name: NEW_CUSTOMER.name, organizationNumber: NEW_CUSTOMER.organizationNumber });
		// The node sent gross amounts on rows 1 and 2 only: the VAT row is Tripletex's own.
		const voucherPosts = calls(entries, 'POST', '/ledger/voucher');
		expect(
			voucherPosts.map((entry) => {
				const body = entry.body as { externalVoucherNumber: string; postings: Array<{ row: number; amountGross: number }> };
				return [body.externalVoucherNumber, body.postings.map((posting) => [posting.row, posting.amountGross])];
			}),
		).toEqual([
			['6001', [[1, 1097], [2, -1097]]],
			['6002', [[1, 598], [2, -598]]],
		]);
	});
});

describe('2. running the same orders again creates nothing', () => {
	test('the voucher workflow run again: no new customer, no new voucher, no POST at all; the outputs say alreadyExisted', async () => {
		const credentials = sandboxCredentials();
		const input = [ORDER_EXISTING_CUSTOMER, ORDER_NEW_CUSTOMER];
		const first = await run(storeOrderToVoucher, input, { credentials });
		expect(first.error).toBeUndefined();
		const afterFirst = await books();
		const lastSeq = Math.max(...(await journal()).map((entry) => entry.seq));

		const second = await run(storeOrderToVoucher, input, { credentials });

		expect(second.error).toBeUndefined();
		const afterSecond = await books();
		expect(afterSecond.Customer).toHaveLength(afterFirst.Customer.length);
		expect(afterSecond.Voucher).toHaveLength(afterFirst.Voucher!.length);
		expect(afterSecond.Posting).toHaveLength(afterFirst.Posting!.length);
		for (const order of input) expect(vouchersWithReference(afterSecond, order.orderNumber)).toHaveLength(1);

		const secondRun = await journal(lastSeq);
		expect(secondRun.length).toBeGreaterThan(0);
		expect(calls(secondRun, 'POST', '/ledger/voucher')).toEqual([]);
		expect(calls(secondRun, 'POST', '/customer')).toEqual([]);
		expect(secondRun.filter((entry) => entry.method !== 'GET')).toEqual([]); // the kept session is reused too

		const customers = second.jsonOf('Find or create customer');
		expect(customers.map((customer) => [customer.id, customer.alreadyExisted, customer.matchedBy])).toEqual(
			first.jsonOf('Find or create customer').map((customer) => [customer.id, true, 'organizationNumber']),
		);
		const vouchers = second.jsonOf('Post sale voucher');
		expect(vouchers.map((voucher) => [voucher.id, voucher.alreadyExisted])).toEqual(
			first.jsonOf('Post sale voucher').map((voucher) => [voucher.id, true]),
		);
	});
	test('the paid-invoice workflow for one order of a new customer delivered twice at the same moment: one customer, order, invoice and payment', async () => {
		const { workflow } = await paidInvoiceWorkflow();
		const credentials = sandboxCredentials();
		const before = await books();
		const runs = await Promise.all([run(workflow, [ORDER_NEW_CUSTOMER], { credentials }), run(workflow, [ORDER_NEW_CUSTOMER], { credentials })]);
		expect(runs.map((result) => result.error)).toEqual([undefined, undefined]);
		const after = await books();
		expect((after.Customer?.length ?? 0) - (before.Customer?.length ?? 0)).toBe(1);
		expect(after.Order).toHaveLength(1);
		expect(after.Invoice).toHaveLength(1);
		expect(after.Invoice![0].amountOutstanding).toBe(0);
		for (const node of ['Find or create customer', 'Create order', 'Invoice order with payment']) {
			expect([node, runs.map((result) => result.jsonOf(node)[0].alreadyExisted).sort()]).toEqual([node, [false, true]]);
		}
	});

	test('Register Payment of a partial payment, run again by another n8n process: registered once', async () => {
		const { workflow } = await paidInvoiceWorkflow();
		const unpaid = withParameters(workflow, 'Invoice order with payment', { paidAmount: 0, paymentTypeId: '' });
		const invoiced = await run(unpaid, [ORDER_MIXED_VAT]);
		expect(invoiced.error).toBeUndefined();
		const invoice = (await books()).Invoice![0];
		const type = (await books()).PaymentType.find((candidate) => candidate.description === 'Vipps')!;
		const pay: WorkflowJson = {
			name: 'Register a payment',
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
				{
					name: 'Pay',
					type: 'n8n-nodes-nordic-commerce.tripletex',
					typeVersion: 1,
					parameters: { resource: 'invoice', operation: 'registerPayment', invoiceId: String(invoice.id), paymentDate: '2026-07-20', paymentTypeId: String(type.id), paidAmount: 100 },
					credentials: { tripletexApi: CREDENTIAL_REF },
				},
			],
			connections: { Start: { main: [[{ node: 'Pay', type: 'main', index: 0 }]] } },
		};
		const first = await run(pay, [{}]);
		expect(first.jsonOf('Pay')[0]).toMatchObject({ alreadyPaid: false });
		useCoordination(new InProcessCoordination(undefined, (coordination() as InProcessCoordination).limiters));
		const again = await run(pay, [{}]);
		expect(again.jsonOf('Pay')[0]).toMatchObject({ alreadyPaid: true });
		expect(calls(await journal(), 'PUT', '/invoice/{id}/:payment')).toHaveLength(1);
		expect((await books()).Invoice![0].amountOutstanding).toBe(Number(invoice.amountOutstanding) - 100);
	});

	test('the paid-invoice workflow run again: still one order, one invoice, one payment', async () => {
		const { workflow } = await paidInvoiceWorkflow();
		const credentials = sandboxCredentials();
		const first = await run(workflow, [ORDER_MIXED_VAT], { credentials });
		expect(first.error).toBeUndefined();
		const afterFirst = await books();
		const lastSeq = Math.max(...(await journal()).map((entry) => entry.seq));

		const second = await run(workflow, [ORDER_MIXED_VAT], { credentials });

		expect(second.error).toBeUndefined();
		const afterSecond = await books();
		for (const table of ['Customer', 'Order', 'OrderLine', 'Invoice', 'Voucher', 'Posting'] as const) {
			expect([table, afterSecond[table]?.length]).toEqual([table, afterFirst[table]?.length]);
		}
		expect(afterSecond.Invoice).toHaveLength(1);
		expect(afterSecond.Invoice![0].amountOutstanding).toBe(0);

		const secondRun = await journal(lastSeq);
		expect(secondRun.filter((entry) => entry.method !== 'GET')).toEqual([]);
		for (const node of ['Find or create customer', 'Create order', 'Invoice order with payment']) {
			const [again] = second.jsonOf(node);
			expect([node, again.id, again.alreadyExisted]).toEqual([node, first.jsonOf(node)[0].id, true]);
		}
		expect(second.outputOf('Download invoice PDF')[0].binary?.data?.fileName).toBe(
			first.outputOf('Download invoice PDF')[0].binary?.data?.fileName,
		);
	});
});

describe('3. a paid store order becomes an invoice with the payment registered', () => {
	test('Customer → Order (prices incl. VAT) → Invoice with paid amount: nothing outstanding, totals right to the øre', async () => {
		const { workflow, paymentTypeId } = await paidInvoiceWorkflow('Vipps');
		const seed = await books();

		const result = await run(workflow, [ORDER_MIXED_VAT]);

		expect(result.error).toBeUndefined();
		const after = await books();

		// Expected totals, in øre, from the store's lines and the products' VAT rates.
		let grossOre = 0;
		let netOre = 0;
		for (const line of ORDER_MIXED_VAT.lines) {
			const product = seed.Product.find((candidate) => candidate.number === line.sku)!;
			const percentage = byId(seed.VatType, idOf(product.vatType)).percentage as number;
			const lineGross = ore(line.unitPrice) * line.quantity;
			grossOre += lineGross;
			netOre += Math.round((lineGross * 100) / (100 + percentage));
		}
		expect(grossOre).toBe(ore(ORDER_MIXED_VAT.total));
		expect(grossOre - netOre).toBe(ore(ORDER_MIXED_VAT.vat));

		const customer = after.Customer.find((candidate) => candidate.organizationNumber === NEW_CUSTOMER.organizationNumber)!;
		expect(result.jsonOf('Find or create customer')[0]).toMatchObject({ id: customer.id, alreadyExisted: false });

		// The order: for that customer, prices including VAT, one line per store line, by product.
		expect(after.Order).toHaveLength(1);
		const [order] = after.Order!;
		expect(order).toMatchObject({
			customer: { id: customer.id },
			reference: ORDER_MIXED_VAT.orderNumber,
			orderDate: ORDER_MIXED_VAT.date,
			isPrioritizeAmountsIncludingVat: true,
			isClosed: true,
		});
		const lines = (order.orderLines as Array<{ id: number }>).map(({ id }) => byId(after.OrderLine, id));
		expect(
			lines.map((line) => [byId(after.Product, idOf(line.product)).number, line.count, ore(line.unitPriceIncludingVatCurrency)]),
		).toEqual(ORDER_MIXED_VAT.lines.map((line) => [line.sku, line.quantity, ore(line.unitPrice)]));

		// The invoice: right totals, paid in full by Vipps.
		expect(after.Invoice).toHaveLength(1);
		const [invoice] = after.Invoice!;
		expect(invoice).toMatchObject({ customer: { id: customer.id }, orders: [{ id: order.id }], invoiceDate: ORDER_MIXED_VAT.date, paymentTypeId });
		expect(ore(invoice.amount)).toBe(grossOre);
		expect(ore(invoice.amountExcludingVat)).toBe(netOre);
		expect(ore(invoice.paidAmount)).toBe(grossOre);
		expect(invoice.amountOutstanding).toBe(0);
		expect(invoice.amountOutstandingTotal).toBe(0);

		// The payment was booked on the payment type's account, against the customer ledger.
		const paymentType = byId(after.PaymentType, paymentTypeId);
		const paymentVouchers = (after.Voucher ?? []).filter((voucher) => voucher.description === `Innbetaling faktura ${String(invoice.invoiceNumber)}`);
		expect(paymentVouchers).toHaveLength(1);
		expect(postingsOf(after, paymentVouchers[0]).map((posting) => [posting.account, posting.grossOre])).toEqual([
			[byId(after.Account, idOf(paymentType.debitAccount)).number, grossOre],
			[1500, -grossOre],
		]);

		expect(result.jsonOf('Create order')[0]).toMatchObject({ id: order.id, alreadyExisted: false });
		const [output] = result.jsonOf('Invoice order with payment');
		expect(output).toMatchObject({ id: invoice.id, invoiceNumber: invoice.invoiceNumber, amountOutstanding: 0, alreadyExisted: false });

		const entries = await journal();
		expect(entries.filter((entry) => entry.status === null || entry.status >= 300)).toEqual([]);
		const [invoiceCall] = calls(entries, 'PUT', '/order/{id}/:invoice');
		expect(invoiceCall.query).toMatchObject({
			invoiceDate: ORDER_MIXED_VAT.date,
			paymentTypeId: String(paymentTypeId),
			paidAmount: String(ORDER_MIXED_VAT.total),
			sendToCustomer: 'false',
		});
		expect(calls(entries, 'POST', '/order')[0].body).toMatchObject({ isPrioritizeAmountsIncludingVat: true });
	});
});

describe('4. PDFs come out as binary data', () => {
	function expectPdf(bytes: Buffer): void {
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
	}

	test('the invoice PDF after invoicing, named after the invoice number', async () => {
		const { workflow } = await paidInvoiceWorkflow();
		const result = await run(workflow, [ORDER_MIXED_VAT]);
		expect(result.error).toBeUndefined();

		const [invoice] = (await books()).Invoice!;
		const [item] = result.outputOf('Download invoice PDF');
		expect(item.json).toMatchObject({ invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber });
		expect(item.binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `invoice-${String(invoice.invoiceNumber)}.pdf`,
			fileExtension: 'pdf',
		});
		const bytes = await result.binaryBuffer('Download invoice PDF', 0, 'data');
		expectPdf(bytes);
		expect(bytes.toString('latin1')).toContain(`Faktura ${String(invoice.invoiceNumber)}`);
		expect(calls(await journal(), 'GET', '/invoice/{invoiceId}/pdf').map((entry) => entry.status)).toEqual([200]);
	});

	test('the voucher PDF after posting, named after the voucher', async () => {
		const result = await run(storeOrderToVoucher, [ORDER_EXISTING_CUSTOMER]);
		expect(result.error).toBeUndefined();

		const [voucher] = vouchersWithReference(await books(), ORDER_EXISTING_CUSTOMER.orderNumber);
		const [item] = result.outputOf('Archive voucher PDF');
		expect(item.json).toMatchObject({ voucherId: voucher.id });
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: `voucher-${voucher.id}.pdf`, fileExtension: 'pdf' });
		const bytes = await result.binaryBuffer('Archive voucher PDF', 0, 'data');
		expectPdf(bytes);
		expect(bytes.toString('latin1')).toContain('Web-store order 6001');
	});
});

describe('5. failures', () => {
	test('(a) an unbalanced voucher fails before anything is sent: not even a session', async () => {
		const unbalanced = sale('unbalanced-1', 1000, {
			postings: [
				{ account: 1920, amount: 1000 },
				{ account: 3000, amount: -999.99, vatCode: '3' },
			],
		});

		const result = await run(postVouchers, [unbalanced]);

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('The voucher in item 0 does not balance: its postings on 2026-07-15 sum to 0.01 instead of 0');
		expect(result.error?.description).toContain('Nothing was sent');
		expect(await journal()).toEqual([]);
		const after = await state();
		expect(after.sessions).toEqual([]);
		expect(after.companies[OWN_COMPANY].Voucher ?? []).toEqual([]);
	});

	test('(b) an unknown account number is named, and no voucher is posted', async () => {
		const result = await run(postVouchers, [
			sale('unknown-account-1', 500, {
				postings: [
					{ account: 1920, amount: 500 },
					{ account: 3999, amount: -500 },
				],
			}),
		]);

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Account 3999 does not exist in Tripletex (posting 2 of item 0)');
		expect(result.error?.description).toContain('Nothing was sent');
		const entries = await journal();
		expect(calls(entries, 'GET', '/ledger/account')).toHaveLength(1);
		expect(calls(entries, 'POST', '/ledger/voucher')).toEqual([]);
		expect((await books()).Voucher ?? []).toEqual([]);
	});

	test('(c) a session that expires mid-batch is renewed once; every item is posted exactly once', async () => {
		// The second item's create presents a session that has just expired.
		await control.injectFault({ kind: 'expireSession', method: 'POST', path: '/ledger/voucher', after: 1 });
		const input = [sale('batch-1', 100), sale('batch-2', 200), sale('batch-3', 300)];

		const result = await run(postVouchers, input);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Post voucher').map((voucher) => [voucher.externalVoucherNumber, voucher.alreadyExisted])).toEqual([
			['batch-1', false],
			['batch-2', false],
			['batch-3', false],
		]);
		const entries = await journal();
		expect(sessionCreations(entries).map((entry) => entry.status)).toEqual([201, 201]);
		expect(result.credentialStore.preAuthenticationCount('tripletexApi')).toBe(2);
		expect(calls(entries, 'POST', '/ledger/voucher').map((entry) => entry.status)).toEqual([201, 401, 201, 201]);
		const after = await books();
		for (const [index, voucherInput] of input.entries()) {
			const stored = vouchersWithReference(after, voucherInput.reference);
			expect(stored).toHaveLength(1);
			expect(stored[0].id).toBe(result.jsonOf('Post voucher')[index].id);
		}
		expect(after.Voucher).toHaveLength(3);
		const sessions = (await state()).sessions;
		expect(sessions.map((session) => session.active)).toEqual([false, true]);
	});

	test("(d) Tripletex's 422 reaches the user with the field and the request id", async () => {
		// VAT code 3 (output VAT) is not allowed on a bank account; the node cannot know, Tripletex says so.
		const result = await run(postVouchers, [
			sale('vat-on-bank-1', 1000, {
				postings: [
					{ account: 1920, amount: 1000, vatCode: '3' },
					{ account: 3000, amount: -1000, vatCode: '3' },
				],
			}),
		]);

		expect(result.error).toBeInstanceOf(NodeApiError);
		const [post] = calls(await journal(), 'POST', '/ledger/voucher');
		expect(post.status).toBe(422);
		expect(result.error?.message).toBe('Tripletex: Validering feilet. (HTTP 422, code 18000)');
		expect(result.error?.description).toBe(`• postings.vatType: Ugyldig mva-kode 3 for konto 1920.\nTripletex request ID: ${post.requestId}`);
		expect((result.error as NodeApiError).httpCode).toBe('422');
		expect(calls(await journal(), 'POST', '/ledger/voucher')).toHaveLength(1); // a 422 is final: not sent again
		expect((await books()).Voucher ?? []).toEqual([]);
	});

	test('(e) a 429 is waited out and retried, and the item succeeds', async () => {
		await control.injectFault({ kind: 'status', status: 429, method: 'GET', path: '/customer' });

		const result = await run(storeOrderToVoucher, [ORDER_EXISTING_CUSTOMER]);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Find or create customer')[0]).toMatchObject({ name: 'Fjordkaffe AS', alreadyExisted: true });
		const lookups = calls(await journal(), 'GET', '/customer');
		expect(lookups.map((entry) => entry.status)).toEqual([429, 200]);
		expect(lookups[1].query).toEqual(lookups[0].query);
		// Back-off base 500 ms with jitter: at least 250 ms between the attempts.
		expect(lookups[1].time - lookups[0].time).toBeGreaterThanOrEqual(240);
		expect(vouchersWithReference(await books(), '6001')).toHaveLength(1);
	});

	test('(f) the answer to a voucher create is lost after Tripletex booked it: the node finds it, never posts twice', async () => {
		await control.injectFault({ kind: 'dropAfterProcessing', method: 'POST', path: '/ledger/voucher' });

		const result = await run(postVouchers, [sale('lost-answer-1', 750)]);

		expect(result.error).toBeUndefined();
		const stored = vouchersWithReference(await books(), 'lost-answer-1');
		expect(stored).toHaveLength(1);
		const [output] = result.jsonOf('Post voucher');
		expect(output).toMatchObject({ id: stored[0].id, externalVoucherNumber: 'lost-answer-1', alreadyExisted: false });
		const entries = (await journal()).filter((entry) => !LOOKUPS_AND_SESSIONS.includes(routeOf(entry)));
		expect(summary(entries)).toEqual([
			`GET ${VOUCHER_LOOKUP} 200 responded`,
			'POST /ledger/voucher 201 dropped-after-processing',
			`GET ${VOUCHER_LOOKUP} 200 responded`,
		]);
	});

	test('(f) a 500 on a voucher create that was not booked: never sent again; the item fails after looking for it, and the re-run books it once', async () => {
		await control.injectFault({ kind: 'status', status: 500, method: 'POST', path: '/ledger/voucher' });
		// The look after an uncertain write lasts as long as the timeout: 1 s here.
		const credentials = sandboxCredentials({ timeoutSeconds: 1 });

		const failed = await run(postVouchers, [sale('server-error-1', 750)], { credentials });

		expect(failed.error?.message).toBe('Tripletex: Internal error (HTTP 500, code 1000): the voucher for reference server-error-1 may or may not have been saved');
		const description = String((failed.error as { description?: string }).description);
		expect(description).toContain('It was sent once and not sent again, to avoid a duplicate.');
		expect(description).toMatch(/Looked it up \d+ times over 1 s afterwards and did not find it\. It may still appear: check Tripletex for a voucher with external voucher number server-error-1\./);
		expect(vouchersWithReference(await books(), 'server-error-1')).toHaveLength(0);
		const entries = (await journal()).filter((entry) => !LOOKUPS_AND_SESSIONS.includes(routeOf(entry)));
		expect(calls(entries, 'POST', '/ledger/voucher')).toHaveLength(1);

		const rerun = await run(postVouchers, [sale('server-error-1', 750)], { credentials });
		expect(rerun.error).toBeUndefined();
		const stored = vouchersWithReference(await books(), 'server-error-1');
		expect(stored).toHaveLength(1);
		expect(rerun.jsonOf('Post voucher')[0]).toMatchObject({ id: stored[0].id, alreadyExisted: false });
	});

	test('(f) a slow commit: Tripletex books the voucher after the node gave up; the node finds it and never posts twice', async () => {
		await control.injectFault({ kind: 'commitLate', method: 'POST', path: '/ledger/voucher', delayMs: 1500 });
		const credentials = sandboxCredentials({ timeoutSeconds: 1 });

		const result = await run(postVouchers, [sale('slow-commit-1', 750)], { credentials });

		expect(result.error).toBeUndefined();
		const stored = vouchersWithReference(await books(), 'slow-commit-1');
		expect(stored).toHaveLength(1);
		expect(result.jsonOf('Post voucher')[0]).toMatchObject({ id: stored[0].id, alreadyExisted: false });
		expect(calls(await journal(), 'POST', '/ledger/voucher')).toHaveLength(1);
	});

	test('(f) a slow commit later than the look: the item fails as uncertain, and the re-run finds the voucher instead of posting again', async () => {
		await control.injectFault({ kind: 'commitLate', method: 'POST', path: '/ledger/voucher', delayMs: 3500 });
		const credentials = sandboxCredentials({ timeoutSeconds: 1 });

		const failed = await run(postVouchers, [sale('slow-commit-2', 750)], { credentials });
		expect(failed.error?.message).toBe('Tripletex: no answer (timed out): the voucher for reference slow-commit-2 may or may not have been saved');
		expect(String((failed.error as { description?: string }).description)).toContain('Running the node again is safe');
		await new Promise((resolve) => setTimeout(resolve, 1500)); // the commit lands meanwhile

		const rerun = await run(postVouchers, [sale('slow-commit-2', 750)], { credentials });
		expect(rerun.error).toBeUndefined();
		expect(rerun.jsonOf('Post voucher')[0]).toMatchObject({ alreadyExisted: true });
		expect(vouchersWithReference(await books(), 'slow-commit-2')).toHaveLength(1);
		expect(calls(await journal(), 'POST', '/ledger/voucher')).toHaveLength(1);
	});

	test('(f) the same order delivered twice at once: one voucher, the second execution reports it existed', async () => {
		const credentials = sandboxCredentials();
		const [first, second] = await Promise.all([
			run(postVouchers, [sale('twice-at-once-1', 750)], { credentials }),
			run(postVouchers, [sale('twice-at-once-1', 750)], { credentials }),
		]);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		const flags = [first, second].map((result) => result.jsonOf('Post voucher')[0].alreadyExisted).sort();
		expect(flags).toEqual([false, true]);
		expect(vouchersWithReference(await books(), 'twice-at-once-1')).toHaveLength(1);
		expect(calls(await journal(), 'POST', '/ledger/voucher')).toHaveLength(1);
	});

	test('(f) Retry On Fail: vouchers without a reference, the third refused once, are not booked again on the retry', async () => {
		await control.injectFault({ kind: 'status', status: 422, method: 'POST', path: '/ledger/voucher', after: 2, times: 1 });
		const workflow = withNodeSettings(withParameters(postVouchers, 'Post voucher', { externalVoucherNumber: '' }), 'Post voucher', {
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		const result = await run(workflow, [sale('no-ref-1', 100), sale('no-ref-2', 200), sale('no-ref-3', 300)]);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Post voucher').map((voucher) => voucher.alreadyExisted)).toEqual([true, true, false]);
		expect((await books()).Voucher).toHaveLength(3);
		expect(calls(await journal(), 'POST', '/ledger/voucher')).toHaveLength(4);
	});

	test('(g) secrets echoed by Tripletex are redacted from continue-on-fail error items', async () => {
		// A session made beforehand, so the test knows the token Tripletex will "echo".
		const session = await createTripletexSession(sandbox.tripletex.baseUrl, { dispatcher: agent });
		const basic = Buffer.from(`0:${session.token}`).toString('base64');
		await control.injectFault({
			kind: 'status',
			status: 422,
			method: 'POST',
			path: '/ledger/voucher',
			body: {
				status: 422,
				code: 18000,
				message: `Session ${session.token} is not valid for consumerToken=${CONSUMER_TOKEN}`,
				link: 'https://tripletex.no/v2-docs/',
				developerMessage: `Authorization: Basic ${basic}`,
				validationMessages: [{ field: 'employeeToken', message: `Unknown token ${EMPLOYEE_TOKEN}`, path: null, rootId: null }],
				requestId: null,
			},
		});
		const workflow = withNodeSettings(postVouchers, 'Post voucher', { onError: 'continueRegularOutput' });
		const credentials = sandboxCredentials({ sessionToken: session.token });

		const result = await run(workflow, [sale('echo-1', 100), sale('echo-2', 200)], { credentials, extraSecrets: [session.token, basic] });

		expect(result.error).toBeUndefined();
		const [failed, posted] = result.outputOf('Post voucher') as INodeExecutionData[];
		expect(everythingVisible(result)).toContain('[redacted]'); // the scan does see the error items
		expect(failed.json.error).toBe('Tripletex: Session [redacted] is not valid for consumerToken=[redacted] (HTTP 422, code 18000)');
		expect(failed.json.details).toMatch(/^• employeeToken: .*\[redacted\]\nTripletex request ID: [0-9a-f-]{36}$/);
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(posted.json).toMatchObject({ externalVoucherNumber: 'echo-2', alreadyExisted: false });
		expect(result.credentialStore.preAuthenticationCount('tripletexApi')).toBe(0); // the stored session was used
	});
});

describe('6. credential', () => {
	test.each(['not-found', 'method-not-allowed'] as const)(
		'a server without POST :create (%s) fails with a clear error and never gets the tokens in a URL',
		async (mode) => {
			await control.configure({ sessionCreateWithBody: mode });

			const result = await run(storeOrderToVoucher, [ORDER_EXISTING_CUSTOMER]);

			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('this server does not offer POST /token/session/:create');
			expect(result.error?.message).toContain('Base URL override');
			const entries = await journal();
			// Only the POST: the deprecated PUT (tokens in the query string) is never tried.
			expect(summary(entries)).toEqual([`POST ${SESSION_CREATE} ${mode === 'not-found' ? 404 : 405} responded`]);
			expect((await state()).sessions).toEqual([]);
			expect(vouchersWithReference(await books(), '6001')).toHaveLength(0);
		},
	);

	test('a wrong employee token gives the credential error, and nothing else is sent', async () => {
		const wrongToken = 'not-a-real-employee-token';
		const credentials = sandboxCredentials({ employeeToken: wrongToken });

		const result = await run(storeOrderToVoucher, [ORDER_EXISTING_CUSTOMER], { credentials, extraSecrets: [wrongToken] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Tripletex did not accept the consumer token or the employee token (HTTP 422)');
		expect(result.error?.message).toContain('API-tilgang');
		const entries = await journal();
		expect(summary(entries)).toEqual([`POST ${SESSION_CREATE} 422 responded`]);
		expect((await state()).sessions).toEqual([]);
	});
});
