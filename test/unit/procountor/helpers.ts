/**
 * Shared setup for Procountor node tests: a nock scope that answers the token exchange,
 * an API scope that insists on the Bearer token, and a one-node workflow run through the
 * harness (n8n-core's WorkflowExecute).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import nock from 'nock';

import { ProcountorApi } from '../../../credentials/ProcountorApi.credentials';
import { Procountor } from '../../../nodes/Procountor/Procountor.node';
import type { WorkflowRunResult } from '../../harness';
import { CredentialStore } from '../../harness';
import { recordProcountorRequests, requestContractViolations, stopRecording, type RecordedRequest } from '../../contract/procountor-contract';
import { expectSecretsAbsent, runSingleNode, setUpNock as setUpSharedNock, tearDownNock as tearDownSharedNock, type RunNodeOptions } from '../helpers';

export { byId, pendingRequests } from '../helpers';

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

let sentRequests: RecordedRequest[] = [];

/** Call in beforeEach of every Procountor test file: nock on, and the requests recorded for the contract check. */
export function setUpNock(): void {
	setUpSharedNock();
	sentRequests = recordProcountorRequests(`${PROCOUNTOR_ORIGIN}${API}`);
}

/**
 * Call in afterEach: nock off, and the contract check: every request the node sent in the test
 * must agree with the facts of Procountor's API description (test/contract/procountor-contract.ts).
 */
export function tearDownNock(): void {
	tearDownSharedNock();
	stopRecording(`${PROCOUNTOR_ORIGIN}${API}`);
	const violations = requestContractViolations(sentRequests);
	if (violations.length) throw new Error(`Requests that contradict Procountor's API description:\n${violations.join('\n')}`);
}

/** The requests the node sent so far in the current test (to prove the contract check saw them). */
export function sentProcountorRequests(): RecordedRequest[] {
	return sentRequests;
}

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

export async function runProcountor(parameters: INodeParameters, options: RunNodeOptions = {}): Promise<WorkflowRunResult> {
	return await runSingleNode(
		{
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters,
			credentials: { procountorApi: { id: procountorCredential.id, name: procountorCredential.name } },
		},
		{ nodeType: Procountor, credentialType: ProcountorApi },
		options.credentials ?? new CredentialStore({ procountorApi: procountorCredential }),
		options,
	);
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
	expectSecretsAbsent(result, [CLIENT_SECRET, API_KEY, ACCESS_TOKEN, ...extra]);
}
