/**
 * Set-up the node tests of every vendor share: nock on and off, a one-node workflow run
 * through the harness (n8n-core's WorkflowExecute), a load-options context, and the check
 * that no secret reached the output. Each vendor's helpers.ts adds its own mocks and data.
 */
import type {
	IDataObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeCredentials,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import nock from 'nock';

import type {
	CredentialStore,
	CredentialTypeInput,
	ItemInput,
	NodeTypeInput,
	RunWorkflowOptions,
	WorkflowJson,
	WorkflowRunResult,
} from '../harness';
import { runWorkflow, secretsInUrl } from '../harness';

export function setUpNock(): void {
	nock.disableNetConnect();
}

export function tearDownNock(): void {
	nock.cleanAll();
	nock.enableNetConnect();
}

/** Answers (with 500) and records any request to `origin` that no other interceptor takes. */
export function recordStrayRequests(origin: string): string[] {
	const seen: string[] = [];
	const scope = nock(origin).persist();
	for (const method of ['get', 'post', 'put', 'delete'] as const) {
		scope[method](() => true)
			.query(true)
			.reply((uri) => {
				seen.push(`${method.toUpperCase()} ${uri}`);
				return [500, {}];
			});
	}
	return seen;
}

/** Interceptors defined but never called, as readable strings (empty when all were used). */
export function pendingRequests(): string[] {
	return nock.pendingMocks();
}

export interface NodeUnderTest {
	name: string;
	/** Full node type, e.g. n8n-nodes-nordic-commerce.tripletex */
	type: string;
	parameters: INodeParameters;
	/** Credential references by credential type name. */
	credentials?: INodeCredentials;
	/** n8n node settings such as onError: 'continueRegularOutput', retryOnFail. */
	settings?: IDataObject;
}

/** Manual Trigger → one node. Input items are passed to runWorkflow as `input`. */
export function singleNodeWorkflow(node: NodeUnderTest): WorkflowJson {
	return {
		name: `Test ${node.name}`,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{
				name: node.name,
				type: node.type,
				typeVersion: 1,
				parameters: node.parameters,
				credentials: node.credentials,
				...node.settings,
			},
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

export interface RunNodeOptions {
	/** Input items of the node; default one empty item. */
	input?: ItemInput[];
	/** Node settings, e.g. { onError: 'continueRegularOutput' }. */
	settings?: IDataObject;
	/** Reuse a store to keep tokens and sessions between runs. */
	credentials?: CredentialStore;
	extra?: Partial<RunWorkflowOptions>;
}

/** Runs Manual Trigger → `node` once, with the vendor's node and credential types registered. */
export async function runSingleNode(
	node: Omit<NodeUnderTest, 'settings'>,
	types: { nodeType: NodeTypeInput; credentialType: CredentialTypeInput },
	credentials: CredentialStore,
	options: RunNodeOptions,
): Promise<WorkflowRunResult> {
	return await runWorkflow(singleNodeWorkflow({ ...node, settings: options.settings }), {
		nodeTypes: [types.nodeType],
		credentialTypes: [types.credentialType],
		credentials,
		input: options.input ?? [{}],
		...options.extra,
	});
}

/** A resource locator value as n8n stores it in workflow JSON. */
export function byId(value: string | number): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value: String(value) };
}

/**
 * Each secret, as given and URL-encoded, is absent from the run data and the error a user sees,
 * and from the URL of every request the run made (runWorkflow also checks the URLs against the
 * stored credentials on every run; this adds the test's own list, e.g. a token a mock issued).
 */
export function expectSecretsAbsent(result: WorkflowRunResult, secrets: string[]): void {
	expect(result.requestUrls.flatMap((url) => secretsInUrl(url, secrets))).toEqual([]);
	const produced = JSON.stringify({
		runData: result.runData,
		error: result.run.data.resultData.error,
		message: result.error?.message,
		description: (result.error as { description?: string } | undefined)?.description,
	});
	for (const secret of secrets) {
		expect(produced).not.toContain(secret);
		expect(produced).not.toContain(encodeURIComponent(secret));
	}
}

/**
 * Makes load-options contexts for `node`: each answers HTTP requests from a table (by request
 * URL) and records them; getCredentials returns a copy of `credentials`.
 */
export function loadOptionsContextFor(node: { name: string; type: string; credentialType: string }, credentials: IDataObject) {
	return (responses: Record<string, unknown>) => {
		const requests: IHttpRequestOptions[] = [];
		const context = {
			getNode: () => ({
				id: '1',
				name: node.name,
				type: node.type,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				credentials: { [node.credentialType]: { id: 'c1', name: node.name } },
			}),
			getCredentials: async () => ({ ...credentials }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					requests.push(options);
					const body = responses[options.url];
					if (!body) throw new Error(`unexpected ${options.url}`);
					return { body, headers: {}, statusCode: 200 };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		return { context, requests };
	};
}

/** A node's resource modules by resource name, each its operation modules by operation value. */
export type ResourceModules = Record<string, Record<string, { execute?: unknown; description?: INodeProperties[] }>>;

/** The values of the operation selector shown for `resource`, in the order offered. */
export function operationValues(properties: INodeProperties[], resource: string): string[] {
	const operation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource);
	return (operation?.options as INodePropertyOptions[]).map((option) => String(option.value));
}

/** Every operation offered for `resource` has its own module with execute, whose parameters show only for it. */
export function expectOperationModules(properties: INodeProperties[], resources: ResourceModules, resource: string): void {
	const values = operationValues(properties, resource);
	expect(values.length).toBeGreaterThan(0);
	for (const value of values) {
		expect(typeof resources[resource][value]?.execute).toBe('function');
		for (const parameter of resources[resource][value].description ?? []) {
			expect(parameter.displayOptions?.show).toMatchObject({ resource: [resource], operation: [value] });
		}
	}
}
