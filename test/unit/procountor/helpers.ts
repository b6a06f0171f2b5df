/**
 * Shared setup for Procountor node tests: a nock scope that answers the token exchange,
 * an API scope that insists on the Bearer token, and a one-node workflow run through the
 * harness (n8n-core's WorkflowExecute).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import nock from 'nock';

import { ProcountorApi } from '../../../credentials/ProcountorApi.credentials';
import { Procountor } from '../../../nodes/Procountor/Procountor.node';
import type { ItemInput, RunWorkflowOptions, WorkflowJson, WorkflowRunResult } from '../../harness';
import { CredentialStore, runWorkflow } from '../../harness';

export const PROCOUNTOR_ORIGIN = 'https://procountor.test';
/** Paths in nock interceptors start with this (the base URL override ends in /api). */
export const API = '/api';
export const ACCESS_TOKEN = 'test-access-token-0001';
export const NODE_NAME = 'Procountor';
export const NODE_TYPE = 'n8n-nodes-nordic-commerce.procountor';

export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret-s3cr3t';
export const API_KEY = 'test-api-key-k3y';

export const procountorCredential = {
	id: 'cred-procountor-1',
	name: 'Procountor account',
	data: {
		environment: 'test',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		apiKey: API_KEY,
		baseUrlOverride: `${PROCOUNTOR_ORIGIN}${API}`,
	},
};

export const TOKEN_FORM = `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&api_key=${API_KEY}`;

export interface ProcountorMock {
	/** Interceptors for API calls; every request must carry the Bearer token. */
	api: nock.Scope;
	/** Answers `POST /oauth/token` (once, unless `times` is given). */
	token: nock.Scope;
}

/** The token endpoint as Procountor documents it: exact form body, content type without charset. */
export function mockToken(token = ACCESS_TOKEN, times = 1): nock.Scope {
	return nock(PROCOUNTOR_ORIGIN, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
		.post(`${API}/oauth/token`, TOKEN_FORM)
		.times(times)
		.reply(200, { access_token: token, token_type: 'bearer', expires_in: 3600 });
}

export function mockProcountor(options: { token?: string; tokenTimes?: number } = {}): ProcountorMock {
	const token = options.token ?? ACCESS_TOKEN;
	return {
		token: mockToken(token, options.tokenTimes ?? 1),
		api: nock(PROCOUNTOR_ORIGIN, { reqheaders: { authorization: `Bearer ${token}` } }),
	};
}

export function setUpNock(): void {
	nock.disableNetConnect();
}

export function tearDownNock(): void {
	nock.cleanAll();
	nock.enableNetConnect();
}

export function pendingRequests(): string[] {
	return nock.pendingMocks();
}

export function procountorWorkflow(parameters: INodeParameters, settings?: IDataObject): WorkflowJson {
	return {
		name: `Test ${NODE_NAME}`,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				parameters,
				credentials: { procountorApi: { id: procountorCredential.id, name: procountorCredential.name } },
				...settings,
			},
		],
		connections: { Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	};
}

export interface RunProcountorOptions {
	input?: ItemInput[];
	settings?: IDataObject;
	credentials?: CredentialStore;
	extra?: Partial<RunWorkflowOptions>;
}

export async function runProcountor(parameters: INodeParameters, options: RunProcountorOptions = {}): Promise<WorkflowRunResult> {
	return await runWorkflow(procountorWorkflow(parameters, options.settings), {
		nodeTypes: [Procountor],
		credentialTypes: [ProcountorApi],
		credentials: options.credentials ?? new CredentialStore({ procountorApi: procountorCredential }),
		input: options.input ?? [{}],
		...options.extra,
	});
}

export function byId(value: string | number): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value: String(value) };
}

/** A Procountor list envelope. */
export function pageOf(results: IDataObject[], pageNumber = 0, pageSize = 50): IDataObject {
	return { results, meta: { pageNumber, pageSize, resultCount: results.length, totalCount: results.length } };
}

/** `GET /vats/default` as a Finnish company sees it. */
export const VAT_DEFAULTS = {
	vatInformation: [
		{
			country: 'FINLAND',
			percentages: [
				{ vatPercent: 25.5, sales: true, purchase: true },
				{ vatPercent: 14, sales: true, purchase: true },
				{ vatPercent: 10, sales: true, purchase: true },
				{ vatPercent: 0, sales: true, purchase: true },
			],
		},
	],
	vatStatuses: [
		{ vatStatus: 1, description: 'Domestic', sales: true, purchase: true },
		{ vatStatus: 3, description: 'Outside EU', sales: true, purchase: true },
		{ vatStatus: 12, description: 'No VAT handling', sales: true, purchase: true },
	],
};

/** Every secret the credential held, in the encodings it could leak in. */
export function expectNoSecrets(result: WorkflowRunResult, extra: string[] = []): void {
	const secrets = [CLIENT_SECRET, API_KEY, ACCESS_TOKEN, ...extra];
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
