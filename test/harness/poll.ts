/**
 * `createPoller`: a polling trigger node of an active workflow, polled as n8n does it: n8n-core's
 * own `PollContext` (parameters, credentials, `httpRequestWithAuthentication`, the node's static
 * data), one workflow object kept between polls (n8n keeps it in memory while the workflow is
 * active), and the static data "saved" when n8n saves it: after the activation poll and when a
 * poll reports items (`__emit`), never after a failed poll. `restart()` is n8n starting again
 * from what it saved.
 */
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import type { IConnections, IDataObject, INode, INodeExecutionData, IWorkflowSettings, WorkflowActivateMode } from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import { CredentialStore, CredentialTypeRegistry, HarnessCredentialsHelper, type CredentialInput, type CredentialTypeInput } from './credentials';
import { ensureHarnessEnvironment, setSsrfProtection } from './environment';
import { DEFAULT_PACKAGE_NAME, HarnessNodeTypes, type NodeTypeInput } from './node-types';
import { assertNoSecretsInUrls, installRequestUrlRecorder, requestUrlCount, requestUrlsSince, secretValuesOf } from './request-urls';
import { harnessAdditionalData, type WorkflowJson } from './run-workflow';

export interface PollerOptions {
	nodeTypes: NodeTypeInput[];
	credentialTypes?: CredentialTypeInput[];
	credentials?: Record<string, CredentialInput> | CredentialStore;
	packageName?: string;
	/** The polling node; default: the workflow's only node with `poll()`. */
	nodeName?: string;
}

export interface PollOutcome {
	/** What `poll()` returned (null: nothing to report). */
	data: INodeExecutionData[][] | null;
	/** The first output's items as JSON (empty for null). */
	items: IDataObject[];
	/** Every request URL of the poll (nodes and credentials). */
	requestUrls: string[];
}

export interface Poller {
	/** The activation poll (n8n polls once when a workflow is activated, and saves the static data after it). */
	activate(): Promise<PollOutcome>;
	/** A scheduled poll ('trigger') or the editor's test run ('manual'). Rejects with what `poll()` threw. */
	poll(mode?: 'trigger' | 'manual'): Promise<PollOutcome>;
	/** The node's static data as the workflow holds it now. */
	staticData(): IDataObject;
	/** The node's static data as n8n last saved it. */
	savedStaticData(): IDataObject;
	/** n8n restarted: the workflow comes back with the saved static data, and is activated again. */
	restart(): Promise<PollOutcome>;
	credentialStore: CredentialStore;
}

let pollCounter = 0;

export async function createPoller(workflowJson: WorkflowJson, options: PollerOptions): Promise<Poller> {
	await ensureHarnessEnvironment();
	setSsrfProtection(false);
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes, options.packageName ?? DEFAULT_PACKAGE_NAME, () => {});
	const store = options.credentials instanceof CredentialStore ? options.credentials : new CredentialStore(options.credentials ?? {});
	const credentialsHelper = new HarnessCredentialsHelper(new CredentialTypeRegistry(options.credentialTypes ?? []), store);
	const nodes = workflowJson.nodes.map(
		(node, index) => ({ id: node.id ?? `poll-node-${index}`, parameters: {}, typeVersion: 1, position: [index * 200, 0], ...node }) as INode,
	);
	const pollNode = options.nodeName
		? nodes.find((node) => node.name === options.nodeName)
		: nodes.find((node) => typeof nodeTypes.getByNameAndVersion(node.type, node.typeVersion).poll === 'function');
	if (!pollNode) throw new UnexpectedError(`No polling node${options.nodeName ? ` named "${options.nodeName}"` : ''} in the workflow`);
	const nodeType = nodeTypes.getByNameAndVersion(pollNode.type, pollNode.typeVersion);
	if (typeof nodeType.poll !== 'function') throw new UnexpectedError(`"${pollNode.name}" has no poll()`);

	const workflowId = workflowJson.id ?? 'harness-poll-workflow';
	const settings = { executionOrder: 'v1', ...(workflowJson.settings ?? {}) } as IWorkflowSettings;
	let saved: IDataObject = structuredClone(workflowJson.staticData ?? {});
	const build = () =>
		new Workflow({
			id: workflowId,
			name: workflowJson.name ?? 'Harness poll workflow',
			nodes: structuredClone(nodes),
			connections: workflowJson.connections as IConnections,
			active: true,
			nodeTypes,
			staticData: structuredClone(saved),
			settings,
		});
	let workflow = build();
	const nodeStaticData = () => JSON.parse(JSON.stringify(workflow.getStaticData('node', workflow.getNode(pollNode.name)!))) as IDataObject;
	const save = () => {
		saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	};

	const run = async (mode: 'trigger' | 'manual', activation: WorkflowActivateMode, saveAfter: boolean): Promise<PollOutcome> => {
		const executionId = `harness-poll-${process.pid}-${++pollCounter}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, { id: workflowId, name: workflow.name ?? '', active: true, isArchived: false, activeVersionId: null, createdAt: new Date(), updatedAt: new Date(), nodes, connections: workflowJson.connections as IConnections, settings });
		const additionalData = harnessAdditionalData({ credentialsHelper, hooks, executionId, workflowId });
		const context = new PollContext(workflow, workflow.getNode(pollNode.name)!, additionalData, mode, activation, () => {}, () => {});
		installRequestUrlRecorder();
		const mark = requestUrlCount();
		const secretsBefore = store.allData().flatMap(secretValuesOf);
		let requestUrls: string[];
		let data: INodeExecutionData[][] | null;
		try {
			data = await nodeType.poll!.call(context);
		} finally {
			// Failed polls too: an error must not be the way a secret reaches a URL unnoticed.
			requestUrls = requestUrlsSince(mark);
			assertNoSecretsInUrls(requestUrls, [...secretsBefore, ...store.allData().flatMap(secretValuesOf)]);
		}
		// n8n saves the static data when a poll reports items (and after activation).
		if (mode === 'trigger' && (saveAfter || data !== null)) save();
		return { data, items: (data?.[0] ?? []).map((item) => item.json), requestUrls };
	};

	return {
		activate: async () => await run('trigger', 'activate', true),
		poll: async (mode = 'trigger') => await run(mode, 'activate', false),
		staticData: nodeStaticData,
		savedStaticData: () => structuredClone((saved[`node:${pollNode.name}`] as IDataObject | undefined) ?? {}),
		restart: async () => {
			workflow = build();
			return await run('trigger', 'init', true);
		},
		credentialStore: store,
	};
}
