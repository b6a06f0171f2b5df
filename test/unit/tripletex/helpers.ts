/**
 * Shared setup for Tripletex node tests: a nock scope that answers the session
 * exchange, an API scope that insists on the session's Basic auth, and a one-node
 * workflow run through the harness (n8n-core's WorkflowExecute).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { TripletexApi } from '../../../credentials/TripletexApi.credentials';
import { matchPath, validateRequestBody } from '../../../sandbox/tripletex/openapi-validator';
import { Tripletex } from '../../../nodes/Tripletex/Tripletex.node';
import type { WorkflowRunResult } from '../../harness';
import { CredentialStore } from '../../harness';
import { setUpNock as setUpSharedNock, tearDownNock as tearDownSharedNock, runSingleNode, type RunNodeOptions } from '../helpers';

export { byId, pendingRequests } from '../helpers';

export const TRIPLETEX_ORIGIN = 'https://tripletex.test';
/** Paths in nock interceptors start with this (the base URL override ends in /v2). */
export const V2 = '/v2';
export const SESSION_TOKEN = 'test-session-token';
export const NODE_NAME = 'Tripletex';
export const NODE_TYPE = 'n8n-nodes-nordic-commerce.tripletex';

export const tripletexCredential = {
	id: 'cred-tripletex-1',
	name: 'Tripletex account',
	data: {
		environment: 'test',
		consumerToken: 'test-consumer-token',
		employeeToken: 'test-employee-token',
		companyId: 0,
		baseUrlOverride: `${TRIPLETEX_ORIGIN}${V2}`,
	},
};

/** Authorization header Tripletex expects: Basic base64("<companyId>:<session token>"). */
export function sessionAuthorization(token = SESSION_TOKEN, companyId = 0): string {
	return `Basic ${Buffer.from(`${companyId}:${token}`).toString('base64')}`;
}

export interface TripletexMock {
	/** Interceptors for API calls; every request must carry the session's Basic auth. */
	api: nock.Scope;
	/** Answers `POST /token/session/:create` (once, unless `times` is given). */
	session: nock.Scope;
}

/**
 * Call in a test before running the node. Define expected requests on `api`, e.g.
 * `api.get(`${V2}/customer/42`).query({ fields: '*' }).reply(200, { value: {...} })`.
 */
export function mockTripletex(options: { token?: string; sessionTimes?: number } = {}): TripletexMock {
	const token = options.token ?? SESSION_TOKEN;
	const session = nock(TRIPLETEX_ORIGIN)
		.post(`${V2}/token/session/:create`, (body: IDataObject) =>
			body.consumerToken === tripletexCredential.data.consumerToken &&
			body.employeeToken === tripletexCredential.data.employeeToken,
		)
		.times(options.sessionTimes ?? 1)
		.reply(201, { value: { token } });
	const api = nock(TRIPLETEX_ORIGIN, { reqheaders: { authorization: sessionAuthorization(token) } });
	recordBodies(session);
	recordBodies(api);
	return { api, session };
}

interface SentRequest {
	method: string;
	path: string;
	body: string;
	contentType: string;
}

let sentRequests: SentRequest[] = [];

/** Keeps every JSON body a scope receives, for the contract check in tearDownNock. */
function recordBodies(scope: nock.Scope): void {
	scope.on('request', (request: { method: string; path: string; getHeader(name: string): unknown }, _interceptor: unknown, body: string) => {
		sentRequests.push({ method: request.method, path: request.path.split('?')[0], body, contentType: String(request.getHeader('content-type') ?? '') });
	});
}

/**
 * Contract check: every JSON body the node sent in a test must validate against the
 * request schema in Tripletex's OpenAPI spec (the same validator the sandbox uses).
 */
export function contractViolations(requests: SentRequest[] = sentRequests): string[] {
	const violations: string[] = [];
	for (const request of requests) {
		if (!request.body || !request.contentType.includes('json')) continue;
		const match = matchPath(request.method, request.path);
		if (!match) {
			violations.push(`${request.method} ${request.path}: not an operation in Tripletex's spec`);
			continue;
		}
		const result = validateRequestBody(request.method, match.template, JSON.parse(request.body), { rejectUnknownProperties: true });
		if (!result.valid) {
			violations.push(`${request.method} ${request.path}: ${result.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
		}
	}
	return violations;
}

/** Call in beforeEach/afterEach of every Tripletex test file. */
export function setUpNock(): void {
	setUpSharedNock();
	sentRequests = [];
}

export function tearDownNock(): void {
	tearDownSharedNock();
	const violations = contractViolations();
	sentRequests = [];
	if (violations.length) throw new Error(`Request bodies that Tripletex's OpenAPI spec rejects:\n${violations.join('\n')}`);
}

/** How many JSON bodies the contract check has seen in the current test (to prove it ran). */
export function checkedBodyCount(): number {
	return sentRequests.filter((request) => request.body && request.contentType.includes('json')).length;
}

/** Runs the Tripletex node once with the given parameters against the nock'ed API. */
export async function runTripletex(
	parameters: INodeParameters,
	options: RunNodeOptions = {},
): Promise<WorkflowRunResult> {
	return await runSingleNode(
		{
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters,
			credentials: { tripletexApi: { id: tripletexCredential.id, name: tripletexCredential.name } },
		},
		{ nodeType: Tripletex, credentialType: TripletexApi },
		options.credentials ?? new CredentialStore({ tripletexApi: tripletexCredential }),
		options,
	);
}

/** A Tripletex list envelope. */
export function listOf(values: IDataObject[], from = 0): IDataObject {
	return { fullResultSize: values.length, from, count: values.length, values };
}

/**
 * A real local server for transport failures nock cannot fake reliably: `refuse` gives a
 * port nothing listens on; `drop` answers the session exchange and GETs from `answers`,
 * and destroys the socket of every other request (the answer is lost).
 */
export async function misbehavingTripletex(
	mode: 'refuse' | 'drop',
	answers: Record<string, IDataObject> = {},
): Promise<{ baseUrl: string; dropped: () => number; close: () => Promise<void> }> {
	nock.enableNetConnect('127.0.0.1');
	let dropped = 0;
	const server = createServer((request, response) => {
		const path = (request.url ?? '').split('?')[0].replace(/^\/v2/, '');
		if (request.method === 'POST' && path === '/token/session/:create') {
			response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ value: { token: SESSION_TOKEN } }));
		} else if (request.method === 'GET' && answers[path]) {
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers[path]));
		} else {
			dropped++;
			request.socket.destroy();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	if (mode === 'refuse') await close();
	return { baseUrl: `http://127.0.0.1:${port}/v2`, dropped: () => dropped, close: mode === 'refuse' ? async () => {} : close };
}

/** A credential store whose Tripletex credential points at another base URL. */
export function credentialsFor(baseUrl: string): CredentialStore {
	return new CredentialStore({
		tripletexApi: { ...tripletexCredential, data: { ...tripletexCredential.data, baseUrlOverride: baseUrl } },
	});
}
