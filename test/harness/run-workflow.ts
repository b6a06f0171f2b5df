/**
 * `runWorkflow`: run a workflow JSON in-process with n8n-core's `WorkflowExecute`,
 * the engine a real n8n uses, and return every node's output.
 */
import type { ExternalSecretsProxy } from 'n8n-core';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Container } from '@n8n/di';
import type {
	ExecutionError,
	ExecutionStatus,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IPinData,
	IRun,
	IRunData,
	ITaskData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ExecutionBaseError, UnexpectedError, Workflow } from 'n8n-workflow';

import type { CredentialInput, CredentialTypeInput } from './credentials';
import { CredentialStore, CredentialTypeRegistry, HarnessCredentialsHelper } from './credentials';
import { ensureHarnessEnvironment, setSsrfProtection } from './environment';
import type { NodeTypeInput } from './node-types';
import { DEFAULT_PACKAGE_NAME, HarnessNodeTypes, MANUAL_TRIGGER_TYPE } from './node-types';
import { assertNoSecretsInUrls, installRequestUrlRecorder, requestUrlCount, requestUrlsSince, secretValuesOf } from './request-urls';

/** A node as in an exported workflow; only `name` and `type` are required. */
export type WorkflowNodeJson = Omit<Partial<INode>, 'position'> & {
	name: string;
	type: string;
	position?: number[];
};

/** A workflow as exported from n8n (or written by hand). Only nodes + connections are required. */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNodeJson[];
	connections: IConnections | Record<string, unknown>;
	settings?: IWorkflowSettings | Record<string, unknown>;
	pinData?: IPinData | Record<string, unknown>;
	staticData?: IDataObject;
	[key: string]: unknown;
}

export type ItemInput = IDataObject | INodeExecutionData;

export interface RunWorkflowOptions {
	/** Our node types (classes or instances). Registered as `<packageName>.<description.name>`; or pass a record keyed by full type name. */
	nodeTypes?: NodeTypeInput[] | Record<string, NodeTypeInput>;
	/** Our credential types (classes or instances). */
	credentialTypes?: CredentialTypeInput[];
	/**
	 * Stored credentials by credential type name, or a `CredentialStore` (reuse one to
	 * keep tokens between runs, as n8n's database does). Input objects are copied.
	 */
	credentials?: Record<string, CredentialInput> | CredentialStore;
	/** Prefix for `nodeTypes` given as an array. Default `n8n-nodes-nordic-commerce`. */
	packageName?: string;
	/**
	 * Items the start node outputs. Overrides the start node's `pinData`. Plain objects
	 * are wrapped as `{ json }`.
	 */
	input?: ItemInput[];
	/**
	 * Which `pinData` of the workflow JSON to honour: `'trigger'` (default: only the
	 * start node's, so it provides the input items), `'all'` (like the editor: pinned
	 * nodes are not executed) or `'none'`.
	 */
	usePinData?: 'trigger' | 'all' | 'none';
	/** Name of the node to start from. Default: the Manual Trigger, else n8n's own choice. */
	startNode?: string;
	/**
	 * Give nodes that lack a `credentials` reference the stored credential of each type
	 * their description declares. Off by default: real n8n fails such a node.
	 */
	attachCredentials?: boolean;
	/** Execution mode. Default `'manual'` (as in n8n's own node tests). */
	mode?: WorkflowExecuteMode;
	/** n8n's SSRF protection (process-wide setting). Default false, as in n8n 2.41. */
	ssrfProtection?: boolean;
	/** `$vars` */
	variables?: IDataObject;
	/**
	 * Every run fails if a request it made carried a secret in its URL (a query parameter
	 * named like one, or a stored credential secret); only the check's own test turns it off.
	 */
	allowSecretsInUrls?: boolean;
}

export interface OutputSelector {
	outputIndex?: number;
	/** Default: the last run of the node. */
	runIndex?: number;
}

export interface WorkflowRunResult {
	/** The `IRun` n8n-core returned (what n8n saves as the execution). */
	run: IRun;
	runData: IRunData;
	status: ExecutionStatus;
	finished: boolean;
	/**
	 * The error that stopped the workflow, if any. When a node threw a
	 * NodeApiError/NodeOperationError this is that instance (message, description,
	 * `context.itemIndex`, httpCode...); otherwise n8n's stored copy of the error.
	 */
	error?: ExecutionError;
	/** Node names in the order they finished. */
	executionOrder: string[];
	executionId: string;
	credentialStore: CredentialStore;
	/** The full URL of every HTTP request made while the workflow ran (n8n's client, so nodes and credentials). */
	requestUrls: string[];
	/** Items of a node's main output (default output 0, last run). Throws if the node did not produce output. */
	outputOf(nodeName: string, selector?: OutputSelector): INodeExecutionData[];
	/** `outputOf(...).map(item => item.json)` */
	jsonOf(nodeName: string, selector?: OutputSelector): IDataObject[];
	/** The error a node failed with (the thrown instance when available); undefined if it did not fail or did not run. */
	errorOf(nodeName: string, runIndex?: number): ExecutionError | undefined;
	/** Contents of an output item's binary property, read through n8n's BinaryDataService. */
	binaryBuffer(
		nodeName: string,
		itemIndex?: number,
		binaryPropertyName?: string,
		selector?: OutputSelector,
	): Promise<Buffer>;
}

let executionCounter = 0;

function toExecutionData(item: ItemInput): INodeExecutionData {
	const keys = Object.keys(item);
	const looksWrapped =
		typeof item.json === 'object' &&
		item.json !== null &&
		!Array.isArray(item.json) &&
		keys.every((k) => ['json', 'binary', 'pairedItem', 'error', 'metadata'].includes(k));
	return looksWrapped ? (item as INodeExecutionData) : { json: item as IDataObject };
}

function normalizeNode(node: WorkflowNodeJson, index: number): INode {
	return {
		id: node.id ?? `harness-node-${index}`,
		parameters: {},
		typeVersion: 1,
		position: [index * 200, 0],
		...node,
	} as INode;
}

export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	await ensureHarnessEnvironment();
	setSsrfProtection(options.ssrfProtection ?? false);

	const json = structuredClone(workflowJson);
	const mode = options.mode ?? 'manual';
	const thrownErrors = new Map<string, unknown>();
	const nodeTypes = new HarnessNodeTypes(
		options.nodeTypes ?? [],
		options.packageName ?? DEFAULT_PACKAGE_NAME,
		(nodeName, error) => thrownErrors.set(nodeName, error),
	);
	const credentialTypes = new CredentialTypeRegistry(options.credentialTypes ?? []);
	const store =
		options.credentials instanceof CredentialStore
			? options.credentials
			: new CredentialStore(options.credentials ?? {});
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, store);

	const nodes = json.nodes.map(normalizeNode);
	if (options.attachCredentials) {
		for (const node of nodes) {
			const declared = (
				nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType
			).description.credentials;
			for (const { name } of declared ?? []) {
				if (node.credentials?.[name] || !store.has(name)) continue;
				node.credentials = { ...node.credentials, [name]: store.reference(name) };
			}
		}
	}

	const workflowId = json.id ?? 'harness-workflow';
	const settings = { executionOrder: 'v1', ...(json.settings ?? {}) } as IWorkflowSettings;
	const workflow = new Workflow({
		id: workflowId,
		name: json.name ?? 'Harness workflow',
		nodes,
		connections: json.connections as IConnections,
		active: false,
		nodeTypes,
		staticData: json.staticData,
		settings,
	});

	const startNode = options.startNode
		? workflow.getNode(options.startNode)
		: (nodes.find((n) => n.type === MANUAL_TRIGGER_TYPE && !n.disabled) ?? workflow.getStartNode());
	if (!startNode) {
		throw new UnexpectedError(
			`No start node found${options.startNode ? ` named "${options.startNode}"` : ''}`,
		);
	}

	const workflowPinData = (json.pinData ?? {}) as Record<string, ItemInput[]>;
	const pinData: IPinData = {};
	const usePinData = options.usePinData ?? 'trigger';
	for (const [nodeName, items] of Object.entries(workflowPinData)) {
		if (usePinData === 'all' || (usePinData === 'trigger' && nodeName === startNode.name)) {
			pinData[nodeName] = items.map(toExecutionData);
		}
	}
	if (options.input) pinData[startNode.name] = options.input.map(toExecutionData);

	const executionId = `harness-${process.pid}-${++executionCounter}`;
	const workflowData = {
		id: workflowId,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections: json.connections as IConnections,
		settings,
	} satisfies IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		executionOrder.push(nodeName);
	});

	const additionalData = harnessAdditionalData({ credentialsHelper, hooks, executionId, workflowId, variables: options.variables });

	installRequestUrlRecorder();
	const urlMark = requestUrlCount();
	const secretsBefore = store.allData().flatMap(secretValuesOf);
	const workflowExecute = new WorkflowExecute(additionalData, mode);
	const run = await workflowExecute.run({ workflow, startNode, pinData });
	const requestUrls = requestUrlsSince(urlMark);
	if (!options.allowSecretsInUrls) {
		assertNoSecretsInUrls(requestUrls, [...secretsBefore, ...store.allData().flatMap(secretValuesOf)]);
	}

	return { ...buildResult(run, executionId, executionOrder, store, thrownErrors), requestUrls };
}

/** What n8n-core needs around a node run (credentials, hooks, URLs); sub-workflows and task runners are not supported. */
export function harnessAdditionalData({
	credentialsHelper,
	hooks,
	executionId,
	workflowId,
	variables,
}: {
	credentialsHelper: HarnessCredentialsHelper;
	hooks: ExecutionLifecycleHooks;
	executionId: string;
	workflowId: string;
	variables?: IDataObject;
}): IWorkflowExecuteAdditionalData {
	const externalSecretsProxy = {
		hasProvider: () => false,
		hasSecret: () => false,
		getSecret: () => undefined,
		listProviders: () => [],
		listSecrets: () => [],
	} as unknown as ExternalSecretsProxy;
	const notSupported = (what: string) => async () => {
		throw new UnexpectedError(`The workflow harness does not support ${what}`);
	};
	const baseUrl = 'http://localhost:5678';
	return {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		userId: 'harness-user',
		projectId: 'harness-project',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		variables: variables ?? {},
		externalSecretsProxy,
		executeWorkflow: notSupported('sub-workflows (Execute Workflow)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: notSupported('task runners (Code node)'),
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	};
}

function buildResult(
	run: IRun,
	executionId: string,
	executionOrder: string[],
	credentialStore: CredentialStore,
	thrownErrors: Map<string, unknown>,
): Omit<WorkflowRunResult, 'requestUrls'> {
	const { runData } = run.data.resultData;

	const preferThrown = (nodeName: string | undefined, stored: ExecutionError | undefined) => {
		if (!stored) return undefined;
		const thrown = nodeName === undefined ? undefined : thrownErrors.get(nodeName);
		if (thrown instanceof ExecutionBaseError && thrown.message === stored.message) {
			return thrown as ExecutionError;
		}
		return stored;
	};

	const taskOf = (nodeName: string, runIndex?: number): ITaskData => {
		const runs = runData[nodeName];
		if (!runs || runs.length === 0) {
			const ran = Object.keys(runData).join(', ') || 'none';
			const why = run.data.resultData.error
				? ` The run stopped with: ${run.data.resultData.error.message}`
				: '';
			throw new UnexpectedError(`Node "${nodeName}" did not run (nodes that ran: ${ran}).${why}`);
		}
		const task = runs[runIndex ?? runs.length - 1];
		if (!task) throw new UnexpectedError(`Node "${nodeName}" has no run #${runIndex}`);
		return task;
	};

	const outputOf = (nodeName: string, selector: OutputSelector = {}): INodeExecutionData[] => {
		const task = taskOf(nodeName, selector.runIndex);
		if (task.error && !task.data) {
			throw new UnexpectedError(
				`Node "${nodeName}" has no output: it failed with "${task.error.message}"`,
			);
		}
		return task.data?.main?.[selector.outputIndex ?? 0] ?? [];
	};

	const lastNode = run.data.resultData.lastNodeExecuted;
	return {
		run,
		runData,
		status: run.status,
		finished: run.finished === true,
		error: preferThrown(lastNode, run.data.resultData.error),
		executionOrder,
		executionId,
		credentialStore,
		outputOf,
		jsonOf: (nodeName, selector) => outputOf(nodeName, selector).map((item) => item.json),
		errorOf: (nodeName, runIndex) =>
			runData[nodeName]?.length
				? preferThrown(nodeName, taskOf(nodeName, runIndex).error)
				: undefined,
		async binaryBuffer(nodeName, itemIndex = 0, binaryPropertyName = 'data', selector) {
			const item = outputOf(nodeName, selector)[itemIndex];
			const binary = item?.binary?.[binaryPropertyName];
			if (!binary) {
				const present = Object.keys(item?.binary ?? {}).join(', ') || 'none';
				throw new UnexpectedError(
					`Node "${nodeName}" item ${itemIndex} has no binary property "${binaryPropertyName}" (present: ${present})`,
				);
			}
			return await Container.get(BinaryDataService).getAsBuffer(binary);
		},
	};
}
