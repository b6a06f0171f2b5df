/**
 * The Tripletex Trigger against the Tripletex sandbox, in-process: activation subscribes in the
 * emulator, records created there are delivered over real HTTP (signed, retried) to a local
 * endpoint that hands each request to the trigger as n8n's webhook server would, and the
 * template `tripletex-invoice-charged-pdf` turns the item into the invoice PDF. Faults of the
 * emulator (duplicates, at once too; a wrong signature; a slow target) start no second execution.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { TripletexApi } from '../../credentials/TripletexApi.credentials';
import { Tripletex } from '../../nodes/Tripletex/Tripletex.node';
import { TripletexTrigger } from '../../nodes/Tripletex/TripletexTrigger.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { createTripletexSession, SandboxControl } from '../../sandbox/client';
import type { WorkflowJson } from '../harness';
import { CredentialStore, runWorkflow, webhookTrigger, type WebhookTrigger } from '../harness';

const TEMPLATE = JSON.parse(readFileSync(join(__dirname, '../../templates/tripletex-invoice-charged-pdf.json'), 'utf8')) as WorkflowJson;
const TRIGGER_NODE = 'Invoice charged';
const COMPANY = '108000';

let sandbox: Sandbox;
let control: SandboxControl;
let server: Server;
let webhookBaseUrl: string;
let trigger: WebhookTrigger;
let credentials: CredentialStore;
/** Each execution the trigger started: its items. */
let executions: IDataObject[][];
/** Each answer the endpoint gave the emulator. */
let answers: number[];

beforeAll(async () => {
	sandbox = await startSandbox({ tripletex: { port: 0 } });
	control = new SandboxControl(sandbox.tripletex.controlUrl);
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void trigger
				.deliver({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) })
				.then((answer) => {
					answers.push(answer.status);
					if (answer.workflowData) executions.push(answer.workflowData[0].map((item) => item.json));
					res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	webhookBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await sandbox.stop();
});

beforeEach(async () => {
	await control.reset();
	await control.configure({ webhooks: { retryDelaysMs: [50, 100], timeoutMs: 5000 } });
	executions = [];
	answers = [];
	credentials = new CredentialStore({
		tripletexApi: {
			id: 'NcTripletexSbx01',
			name: 'Tripletex (sandbox)',
			data: { environment: 'test', consumerToken: 'sandbox-consumer-token', employeeToken: 'sandbox-employee-token', companyId: 0, baseUrlOverride: sandbox.tripletex.baseUrl },
		},
	});
	const node = TEMPLATE.nodes.find((candidate) => candidate.name === TRIGGER_NODE)!;
	trigger = webhookTrigger(TripletexTrigger, {
		parameters: node.parameters as IDataObject,
		credentialTypes: [TripletexApi],
		credentials,
		webhookBaseUrl,
		nodeName: TRIGGER_NODE,
		webhookId: node.webhookId,
	});
});

const emulatorHooks = () => sandbox.tripletex.emulator.webhooks;
const subscriptions = async () => ((await control.state<any>()).companies[COMPANY].Subscription ?? []) as IDataObject[];

/** An order for a seed customer, invoiced in the emulator (as a Tripletex user would): the invoice. */
async function chargeInvoice(): Promise<IDataObject> {
	const { authorization } = await createTripletexSession(sandbox.tripletex.baseUrl);
	const call = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${sandbox.tripletex.baseUrl}${path}`, {
			method,
			headers: { authorization, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return ((await res.json()) as { value: IDataObject }).value;
	};
	const order = await call('POST', '/order', {
		customer: { id: 310001 },
		orderDate: '2026-07-15',
		deliveryDate: '2026-07-15',
		isPrioritizeAmountsIncludingVat: true,
		orderLines: [{ product: { id: 330001 }, count: 2 }],
	});
	return await call('PUT', `/order/${String(order.id)}/:invoice?invoiceDate=2026-07-15`);
}

/** The template after its trigger: the trigger's items go in where the trigger was. */
async function runTemplateWith(items: IDataObject[]) {
	const workflow = structuredClone(TEMPLATE);
	const node = workflow.nodes.find((candidate) => candidate.name === TRIGGER_NODE)!;
	Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', parameters: {}, credentials: undefined });
	return await runWorkflow(workflow, { nodeTypes: [Tripletex], credentialTypes: [TripletexApi], credentials, input: items });
}

test('activation subscribes in the sandbox; an invoice charged there starts one execution; the template makes its PDF; deactivation unsubscribes', async () => {
	await trigger.activate();
	expect(await subscriptions()).toEqual([expect.objectContaining({ event: 'invoice.charged', targetUrl: trigger.webhookUrl, status: 'ACTIVE' })]);

	const invoice = await chargeInvoice();
	await emulatorHooks().idle();
	expect(executions).toHaveLength(1);
	expect(executions[0]).toEqual([
		expect.objectContaining({
			event: 'invoice.charged',
			id: invoice.id,
			value: expect.objectContaining({ id: invoice.id, invoiceNumber: 10001 }),
			record: expect.objectContaining({ id: invoice.id, invoiceNumber: 10001, amount: 198, customer: expect.objectContaining({ name: 'Fjordkaffe AS' }) }),
		}),
	]);

	const run = await runTemplateWith(executions[0]);
	expect(run.error).toBeUndefined();
	const [ready] = run.outputOf('Ready to send');
	expect(ready.json).toMatchObject({ invoiceId: invoice.id, invoiceNumber: 10001, event: 'invoice.charged' });
	expect(ready.binary?.data).toMatchObject({ fileName: 'invoice-10001.pdf', mimeType: 'application/pdf' });
	expect((await run.binaryBuffer('Ready to send')).subarray(0, 5).toString()).toBe('%PDF-');

	expect(await trigger.deactivate()).toBe(true);
	expect(await subscriptions()).toEqual([]);
	await chargeInvoice();
	await emulatorHooks().idle();
	expect(executions).toHaveLength(1);
});

test('a delivery sent three times at once, one after the other, or retried after a slow answer starts one execution each', async () => {
	await trigger.activate();
	await control.configure({
		webhookFaults: [
			{ kind: 'duplicate', copies: 3, concurrent: true },
			{ kind: 'duplicate', copies: 2 },
			{ kind: 'slowTarget', timeoutMs: 1 },
		],
	});
	for (let i = 0; i < 3; i++) {
		await chargeInvoice();
		await emulatorHooks().idle();
	}
	const attempts = emulatorHooks().deliveryAttempts();
	expect(attempts.length).toBe(3 + 2 + 2);
	expect(executions.map((items) => items[0].id)).toEqual([...new Set(attempts.map((attempt) => attempt.id))]);
	expect(answers.filter((status) => status === 200)).toHaveLength(answers.length);
});

test('a delivery with a wrong signature is refused (401) and starts nothing; Tripletex\'s retry, signed right, starts one', async () => {
	await trigger.activate();
	await control.configure({ webhookFaults: [{ kind: 'wrongSignature' }] });
	const invoice = await chargeInvoice();
	await emulatorHooks().idle();
	expect(answers).toEqual([401, 200]);
	expect(executions.map((items) => items[0].id)).toEqual([invoice.id]);
	const journal = (await control.journal()).filter((entry) => entry.direction === 'outgoing');
	expect(journal.map((entry) => [entry.status, entry.outcome])).toEqual([
		[401, 'delivery-failed'],
		[200, 'delivered'],
	]);
});

test('a subscription Tripletex disabled fails the next activation with its status; once activated again, events flow', async () => {
	await trigger.activate();
	const [subscription] = await subscriptions();
	const { authorization } = await createTripletexSession(sandbox.tripletex.baseUrl);
	await fetch(`${sandbox.tripletex.baseUrl}/event/subscription/${String(subscription.id)}`, {
		method: 'PUT',
		headers: { authorization, 'content-type': 'application/json' },
		body: JSON.stringify({ status: 'DISABLED_TOO_MANY_ERRORS' }),
	});
	await expect(trigger.activate()).rejects.toThrow('DISABLED_TOO_MANY_ERRORS');
	// What n8n does after a failed activation: it removes the webhooks (delete), then the user activates again.
	await trigger.deactivate();
	await trigger.activate();
	expect(await subscriptions()).toEqual([expect.objectContaining({ status: 'ACTIVE' })]);
	await chargeInvoice();
	await emulatorHooks().idle();
	expect(executions).toHaveLength(1);
});
