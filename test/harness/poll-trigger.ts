/**
 * `runPollTrigger`: one poll of a polling trigger node (`polling: true`, `poll()`), the way
 * n8n runs it: n8n-core's own PollContext, with the harness's credentials helper (so
 * preAuthentication, expirable tokens and `httpRequestWithAuthentication` are n8n's), the
 * node's static data carried in and handed back (pass `staticData` from the previous poll, as
 * n8n keeps it between polls), mode `trigger` (an active workflow) or `manual` (a test run).
 */
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialTypeInput } from './credentials';
import type { CredentialStore } from './credentials';
import { CredentialTypeRegistry, HarnessCredentialsHelper } from './credentials';
import { ensureHarnessEnvironment } from './environment';
import type { NodeTypeInput } from './node-types';
import { DEFAULT_PACKAGE_NAME, HarnessNodeTypes } from './node-types';
import { assertNoSecretsInUrls, installRequestUrlRecorder, requestUrlCount, requestUrlsSince, secretValuesOf } from './request-urls';

export interface PollTriggerOptions {
	nodeTypes: NodeTypeInput[];
	credentialTypes: CredentialTypeInput[];
	credentials: CredentialStore;
	/** The workflow's static data after the previous poll (`{ node:<name>: {...} }`), or none for a fresh activation. */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
}

export interface PollTriggerResult {
	/** The poll's items (output 0), or null when it emitted nothing. */
	items: INodeExecutionData[] | null;
	/** What the poll threw, if it failed. */
	error?: Error & { description?: string | null };
	/** The workflow's static data after the poll (a copy): pass it to the next poll. */
	staticData: IDataObject;
	/** The node's own part of it. */
	nodeStaticData: IDataObject;
	requestUrls: string[];
}

export async function runPollTrigger(node: Omit<INode, 'id' | 'position' | 'typeVersion'> & Partial<INode>, options: PollTriggerOptions): Promise<PollTriggerResult> {
	await ensureHarnessEnvironment();
	const nodeTypes = new HarnessNodeTypes(options.nodeTypes, DEFAULT_PACKAGE_NAME, () => {});
	const credentialsHelper = new HarnessCredentialsHelper(new CredentialTypeRegistry(options.credentialTypes), options.credentials);
	const fullNode: INode = { id: 'poll-node', position: [0, 0], typeVersion: 1, ...node } as INode;
	const workflow = new Workflow({
		id: 'harness-poll-workflow',
		name: 'Harness poll',
		nodes: [fullNode],
		connections: {},
		active: true,
		nodeTypes,
		staticData: structuredClone(options.staticData ?? {}),
		settings: { executionOrder: 'v1' },
	});
	const additionalData = {
		credentialsHelper,
		executionId: undefined,
		workflowId: workflow.id,
		userId: 'harness-user',
		projectId: 'harness-project',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(workflow, fullNode, additionalData, mode, 'activate');

	installRequestUrlRecorder();
	const urlMark = requestUrlCount();
	const secretsBefore = options.credentials.allData().flatMap(secretValuesOf);
	const nodeType = nodeTypes.getByNameAndVersion(fullNode.type, fullNode.typeVersion);
	let items: INodeExecutionData[] | null = null;
	let error: PollTriggerResult['error'];
	try {
		const output = await nodeType.poll!.call(context);
		items = output ? output[0] : null;
	} catch (thrown) {
		error = thrown as PollTriggerResult['error'];
	}
	const requestUrls = requestUrlsSince(urlMark);
	assertNoSecretsInUrls(requestUrls, [...secretsBefore, ...options.credentials.allData().flatMap(secretValuesOf)]);
	// As n8n stores it: JSON (the live object is an observable proxy).
	const staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	return { items, error, staticData, nodeStaticData: (staticData[`node:${fullNode.name}`] as IDataObject) ?? {}, requestUrls };
}

