/**
 * Lookups against the in-process sandbox: a record undone in the books (a reversed Tripletex
 * voucher, an invalidated Procountor invoice) found by the reference fails the item with a
 * message, and nothing is written a second time. Both emulators keep the undone record
 * findable by its reference, as the vendors do.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Agent, request } from 'undici';

import { ProcountorApi } from '../../credentials/ProcountorApi.credentials';
import { TripletexApi } from '../../credentials/TripletexApi.credentials';
import { Procountor } from '../../nodes/Procountor/Procountor.node';
import { Tripletex } from '../../nodes/Tripletex/Tripletex.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { SandboxControl, createProcountorToken, createTripletexSession } from '../../sandbox/client';
import type { WorkflowJson } from '../harness';
import { CredentialStore, runWorkflow } from '../harness';

let sandbox: Sandbox;
let agent: Agent;
let tripletexControl: SandboxControl;
let procountorControl: SandboxControl;

beforeAll(async () => {
	sandbox = await startSandbox({ tripletex: { port: 0 }, procountor: { port: 0 } });
	agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
	tripletexControl = new SandboxControl(sandbox.tripletex.controlUrl, agent);
	procountorControl = new SandboxControl(sandbox.procountor.controlUrl, agent);
});

afterAll(async () => {
	await sandbox?.stop();
	await agent?.close();
});

beforeEach(async () => {
	await tripletexControl.reset();
	await procountorControl.reset();
});

function oneNode(type: string, credentialType: string, parameters: INodeParameters): WorkflowJson {
	return {
		name: 'Lookup workflow',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{ name: 'Node', type, typeVersion: 1, parameters, credentials: { [credentialType]: { id: `cred-${credentialType}`, name: credentialType } } },
		],
		connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
	};
}

describe('Tripletex: a reversed voucher', () => {
	const VOUCHER: INodeParameters = {
		resource: 'voucher',
		operation: 'create',
		date: '2026-07-15',
		description: 'Web-store order',
		externalVoucherNumber: 'lk-wf-1',
		postingsSource: 'fields',
		postings: {
			posting: [
				{ account: { __rl: true, mode: 'number', value: '1920' }, amount: 500 },
				{ account: { __rl: true, mode: 'number', value: '3200' }, amount: -500 },
			],
		},
	};

	async function runVoucher(settings: IDataObject = {}) {
		const workflow = oneNode('n8n-nodes-nordic-commerce.tripletex', 'tripletexApi', VOUCHER);
		Object.assign(workflow.nodes[1], settings);
		return await runWorkflow(workflow, {
			nodeTypes: [Tripletex],
			credentialTypes: [TripletexApi],
			credentials: new CredentialStore({
				tripletexApi: {
					id: 'cred-tripletexApi',
					name: 'tripletexApi',
					data: {
						environment: 'test',
						consumerToken: 'sandbox-consumer-token',
						employeeToken: 'sandbox-employee-token',
						companyId: 0,
						baseUrlOverride: sandbox.tripletex.baseUrl,
					},
				},
			}),
			input: [{}],
		});
	}

	test('is reported with its reversal and not booked again', async () => {
		// Booked earlier (another run or process; not in this process's ledger), then reversed by the accountant.
		const session = await createTripletexSession(sandbox.tripletex.baseUrl, { dispatcher: agent });
		const booked = await request(`${sandbox.tripletex.baseUrl}/ledger/voucher?sendToLedger=true`, {
			method: 'POST',
			headers: { authorization: session.authorization, 'content-type': 'application/json' },
			body: JSON.stringify({
				date: '2026-07-15',
				description: 'Web-store order',
				externalVoucherNumber: 'lk-wf-1',
				postings: [
					{ row: 1, date: '2026-07-15', account: { id: 470003 }, amountGross: 500, amountGrossCurrency: 500 },
					{ row: 2, date: '2026-07-15', account: { id: 470014 }, amountGross: -500, amountGrossCurrency: -500 },
				],
			}),
			dispatcher: agent,
		});
		const voucher = ((await booked.body.json()) as { value: IDataObject }).value;
		expect(booked.statusCode).toBe(201);
		const reversed = await request(`${sandbox.tripletex.baseUrl}/ledger/voucher/${String(voucher.id)}/:reverse?date=2026-07-20`, {
			method: 'PUT',
			headers: { authorization: session.authorization },
			dispatcher: agent,
		});
		const reversal = ((await reversed.body.json()) as { value: IDataObject }).value;
		expect(reversed.statusCode).toBe(200);
		await tripletexControl.clearJournal();

		const again = await runVoucher({ onError: 'continueRegularOutput' });

		const [item] = again.outputOf('Node');
		expect(item.json.error).toBe(
			`Voucher ${String(voucher.numberAsString)} (id ${String(voucher.id)}) with External Voucher Number "lk-wf-1" was reversed (see voucher ${String(reversal.numberAsString)} dated 2026-07-20); nothing was booked`,
		);
		const journal = await tripletexControl.journal();
		expect(journal.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/ledger/voucher'))).toHaveLength(0);
		const lookups = journal.filter((entry) => entry.path.endsWith('/ledger/voucher/>externalVoucherNumber'));
		expect(lookups.map((entry) => entry.query)).toEqual([
			{ externalVoucherNumber: 'lk-wf-1', fields: '*,reverseVoucher(id,number,numberAsString,date)', from: '0', count: '1000' },
		]);
	});
});

describe('Procountor: an invalidated invoice', () => {
	const CREATE: INodeParameters = {
		resource: 'invoice',
		operation: 'create',
		customerName: 'Kahvila Äijä Oy',
		customer: { businessId: '0112038-9', email: 'osto@kahvila-aija.fi' },
		billingAddress: { street: 'Aleksanterinkatu 1', zip: '00100', city: 'Helsinki', country: 'FI' },
		invoiceDate: '2026-07-15',
		reference: 'LK-WF-2',
		customerRegister: 'linkOrCreate',
		rowsSource: 'json',
		rowsJson: JSON.stringify([{ product: 'Toimitus', quantity: 1, unitPrice: 5.9, vatPercent: 25.5 }]),
	};

	async function runCreate(parameters: INodeParameters, settings: IDataObject = {}) {
		const workflow = oneNode('n8n-nodes-nordic-commerce.procountor', 'procountorApi', parameters);
		Object.assign(workflow.nodes[1], settings);
		return await runWorkflow(workflow, {
			nodeTypes: [Procountor],
			credentialTypes: [ProcountorApi],
			credentials: new CredentialStore({
				procountorApi: {
					id: 'cred-procountorApi',
					name: 'procountorApi',
					data: {
						environment: 'test',
						clientId: 'sandbox-client-id',
						clientSecret: 'sandbox-client-secret',
						apiKey: 'sandbox-api-key',
						baseUrlOverride: sandbox.procountor.baseUrl,
					},
				},
			}),
			input: [{}],
		});
	}

	test('is reported and not created again; the search was exact on the number', async () => {
		// Created earlier (another run or process; not in this process's ledger): the node's own body, sent directly.
		const seeded = await runCreate({ ...CREATE, reference: 'LK-WF-SEED' });
		expect(seeded.error).toBeUndefined();
		const posted = (await procountorControl.journal()).find((entry) => entry.method === 'POST' && entry.path.endsWith('/invoices'));
		const token = await createProcountorToken(sandbox.procountor.baseUrl, { dispatcher: agent });
		const created = await request(`${sandbox.procountor.baseUrl}/invoices`, {
			method: 'POST',
			headers: { authorization: token.authorization, 'content-type': 'application/json' },
			body: JSON.stringify({ ...(posted?.body as IDataObject), originalInvoiceNumber: 'LK-WF-2', orderReference: 'LK-WF-2' }),
			dispatcher: agent,
		});
		const invoice = (await created.body.json()) as IDataObject;
		expect(created.statusCode).toBe(200);
		for (const step of ['approve', 'invalidate']) {
			const response = await request(`${sandbox.procountor.baseUrl}/invoices/${String(invoice.id)}/${step}`, {
				method: 'PUT',
				headers: { authorization: token.authorization },
				dispatcher: agent,
			});
			await response.body.text();
			expect(response.statusCode).toBe(200);
		}
		await procountorControl.clearJournal();

		const again = await runCreate(CREATE, { onError: 'continueRegularOutput' });

		const [item] = again.outputOf('Node');
		expect(item.json.error).toBe(
			`Invoice ${String(invoice.invoiceNumber)} (id ${String(invoice.id)}) with original invoice number "LK-WF-2" is INVALIDATED in Procountor; nothing was created`,
		);
		const journal = await procountorControl.journal();
		expect(journal.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/invoices'))).toHaveLength(0);
		expect(journal.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/invoices')).map((entry) => entry.query)).toEqual([
			{ types: 'SALES_INVOICE', originalInvoiceNumber: 'LK-WF-2', size: '200', page: '0' },
		]);
	});
});
