/**
 * A webhook trigger node in-process, through n8n-core's own `HookContext` (its webhook lifecycle:
 * checkExists, create, delete) and `WebhookContext` (a delivery), the classes a real n8n calls.
 * HTTP goes through n8n-core's request path with the harness's credentials helper, so nock sees
 * the requests and `preAuthentication` runs as in n8n.
 *
 *   const trigger = webhookTrigger(TripletexTrigger, { parameters, credentialTypes: [TripletexApi], credentials });
 *   await trigger.activate();            // checkExists, then create when it answers false (as n8n)
 *   trigger.staticData;                  // the node's static data as n8n would have saved it
 *   const answer = await trigger.deliver({ headers, body });   // status, body, workflowData
 *   await trigger.deactivate();          // delete
 *
 * Static data is copied in before each lifecycle call and saved after it, as n8n does around
 * activation and deactivation; a delivery sees the saved copy and its changes are not saved
 * (n8n saves static data only with an execution).
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialStore, CredentialTypeInput } from './credentials';
import { CredentialTypeRegistry, HarnessCredentialsHelper } from './credentials';
import { ensureHarnessEnvironment } from './environment';
import type { NodeTypeInput } from './node-types';
import { DEFAULT_PACKAGE_NAME, HarnessNodeTypes } from './node-types';

export interface WebhookTriggerOptions {
	parameters: IDataObject;
	credentialTypes: CredentialTypeInput[];
	credentials: CredentialStore;
	/** n8n's WEBHOOK_URL + "webhook"; default https://n8n.example.com/webhook */
	webhookBaseUrl?: string;
	workflowId?: string;
	nodeName?: string;
	/** The node's webhookId (the production URL's path segment). */
	webhookId?: string;
}

export interface DeliveryRequest {
	headers: Record<string, string>;
	/** Sent as the raw body; JSON bodies are also parsed into `body`, as n8n does. */
	body: string | Buffer;
	/** Leave the raw body out of the request object (to see what a node does without one). */
	withoutRawBody?: boolean;
}

export interface DeliveryAnswer {
	/** What the node wrote on the response itself (noWebhookResponse), else n8n's 200. */
	status: number;
	body: unknown;
	/** The items that would start an execution; undefined when none is started. */
	workflowData?: INodeExecutionData[][];
	result: IWebhookResponseData;
}

export interface WebhookTrigger {
	/** The node's static data (`getWorkflowStaticData('node')`) as last saved. */
	readonly staticData: IDataObject;
	readonly webhookUrl: string;
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	/** checkExists, then create when it answered false: what n8n runs on activation. */
	activate(): Promise<void>;
	deactivate(): Promise<boolean>;
	deliver(request: DeliveryRequest): Promise<DeliveryAnswer>;
	/** Change node parameters (as editing and re-activating the workflow would). */
	setParameters(parameters: IDataObject): void;
}

export function webhookTrigger(nodeType: NodeTypeInput, options: WebhookTriggerOptions): WebhookTrigger {
	const nodeTypes = new HarnessNodeTypes([nodeType], DEFAULT_PACKAGE_NAME, () => undefined);
	const instance = (typeof nodeType === 'function' ? new nodeType() : nodeType) as INodeType;
	const typeName = `${DEFAULT_PACKAGE_NAME}.${instance.description.name}`;
	const credentialsHelper = new HarnessCredentialsHelper(new CredentialTypeRegistry(options.credentialTypes), options.credentials);
	const webhookBaseUrl = (options.webhookBaseUrl ?? 'https://n8n.example.com/webhook').replace(/\/+$/, '');
	const workflowId = options.workflowId ?? 'harness-trigger-workflow';
	const webhookId = options.webhookId ?? '6f9a1c2e-0000-4000-8000-000000000001';
	const description = instance.description.webhooks?.[0];
	if (!description) throw new Error(`${typeName} has no webhook`);
	const credentialReferences = Object.fromEntries(
		(instance.description.credentials ?? []).map(({ name }) => {
			const stored = options.credentials.get(name);
			return [name, { id: stored?.id ?? null, name: stored?.name ?? name }];
		}),
	);
	const nodeName = options.nodeName ?? instance.description.defaults.name ?? 'Trigger';
	let parameters = structuredClone(options.parameters);
	let saved: IDataObject = {};

	const additionalData = {
		credentialsHelper,
		executionId: undefined,
		workflowId,
		userId: 'harness-user',
		restApiUrl: 'https://n8n.example.com/rest',
		instanceBaseUrl: 'https://n8n.example.com/',
		webhookBaseUrl,
		webhookWaitingBaseUrl: `${webhookBaseUrl}-waiting`,
		webhookTestBaseUrl: `${webhookBaseUrl}-test`,
		formWaitingBaseUrl: 'https://n8n.example.com/form-waiting',
		variables: {},
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;

	function build(): { workflow: Workflow; node: INode; webhookData: IWebhookData } {
		const node: INode = {
			id: 'harness-trigger-node',
			name: nodeName,
			type: typeName,
			typeVersion: 1,
			position: [0, 0],
			parameters: structuredClone(parameters) as INode['parameters'],
			credentials: credentialReferences,
			webhookId,
		};
		const workflow = new Workflow({
			id: workflowId,
			name: 'Harness trigger workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: structuredClone(saved),
			settings: { executionOrder: 'v1' },
		});
		const webhookData: IWebhookData = {
			httpMethod: description!.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: `${webhookId}/${String(description!.path)}`,
			webhookDescription: description!,
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId,
		};
		return { workflow, node: workflow.getNode(node.name)!, webhookData };
	}

	async function lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		await ensureHarnessEnvironment();
		const { workflow, node, webhookData } = build();
		const hook = instance.webhookMethods?.default?.[method];
		if (!hook) throw new Error(`${typeName} has no webhookMethods.default.${method}`);
		const context = new HookContext(workflow, node, additionalData, 'trigger', method === 'delete' ? 'update' : 'activate', webhookData);
		try {
			return await hook.call(context);
		} finally {
			// n8n saves static data after activation and deactivation whatever the outcome of each call.
			// As n8n stores it: JSON (the live object is an observable proxy).
			saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			delete saved.__dataChanged;
		}
	}

	return {
		get staticData() {
			// n8n keeps a node's static data under "node:<name>" in the workflow's.
			return (saved[`node:${nodeName}`] as IDataObject | undefined) ?? {};
		},
		webhookUrl: `${webhookBaseUrl}/${webhookId}/${String(description.path)}`,
		checkExists: () => lifecycle('checkExists'),
		create: () => lifecycle('create'),
		delete: () => lifecycle('delete'),
		async activate() {
			if (!(await lifecycle('checkExists'))) await lifecycle('create');
		},
		deactivate: () => lifecycle('delete'),
		setParameters(next) {
			parameters = structuredClone(next);
		},
		async deliver(request) {
			await ensureHarnessEnvironment();
			const { workflow, node, webhookData } = build();
			const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
			let parsed: unknown = {};
			try {
				parsed = JSON.parse(raw.toString('utf8'));
			} catch {
				// n8n leaves a body it cannot parse as {}.
			}
			const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
			const req = {
				headers,
				body: parsed,
				query: {},
				params: {},
				method: 'POST',
				contentType: headers['content-type']?.split(';')[0],
				...(request.withoutRawBody ? {} : { rawBody: raw }),
			};
			const response = { status: 200, body: undefined as unknown, ended: false };
			const res = {
				status(code: number) {
					response.status = code;
					return res;
				},
				json(body: unknown) {
					response.body = body;
					response.ended = true;
					return res;
				},
				send(body: unknown) {
					response.body = body;
					response.ended = true;
					return res;
				},
				end() {
					response.ended = true;
					return res;
				},
			};
			const context = new WebhookContext(
				workflow,
				node,
				{ ...additionalData, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			const result = await instance.webhook!.call(context);
			if (!result.noWebhookResponse) {
				response.status = 200;
				response.body = result.webhookResponse ?? { message: 'Workflow was started' };
			}
			return { status: response.status, body: response.body, workflowData: result.workflowData, result };
		},
	};
}
