/**
 * Shared setup for OmaPosti Pro node tests: nock scopes for Posti's gateway and token
 * endpoint, and a one-node workflow run through the harness (n8n-core's WorkflowExecute).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { OmaPostiProApi } from '../../../credentials/OmaPostiProApi.credentials';
import { OmaPostiPro } from '../../../nodes/OmaPostiPro/OmaPostiPro.node';
import type { WorkflowRunResult } from '../../harness';
import { CredentialStore } from '../../harness';
import { expectSecretsAbsent, runSingleNode, type RunNodeOptions } from '../helpers';

export { pendingRequests, setUpNock, tearDownNock } from '../helpers';

export const POSTI_ORIGIN = 'https://posti.test';
export const NODE_NAME = 'OmaPosti Pro';
export const NODE_TYPE = 'n8n-nodes-nordic-commerce.omaPostiPro';

export const API_KEY = 'a12bc34d-ef56-78a9-b123-cd45efab6789';
export const CLIENT_ID = 'test-posti-client';
export const CLIENT_SECRET = 'test-posti-secret-s3cr3t';
export const ACCESS_TOKEN = 'PostiExt.1.test-access-token-0001';
export const GATEWAY_SECRET = 'test-gateway-secret-g4t3';
export const USER_AGENT = 'n8n-nodes-nordic-commerce';

export const TOKEN_FORM = `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`;

export const apiKeyCredential = {
	id: 'cred-posti-key',
	name: 'OmaPosti Pro key',
	data: { authentication: 'apiKey', apiKey: API_KEY, environment: 'production', contractNumber: '654321', transportId: 'TR654321', baseUrlOverride: POSTI_ORIGIN },
};

export const oauthCredential = {
	id: 'cred-posti-oauth',
	name: 'OmaPosti Pro client',
	data: {
		authentication: 'oAuthClient',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		environment: 'production',
		contractNumber: '654321',
		transportId: 'TR654321',
		baseUrlOverride: POSTI_ORIGIN,
	},
};

/** Demo: its own path prefix on the test origin, and the gateway secret on every non-token call. */
export const demoCredential = {
	id: 'cred-posti-demo',
	name: 'OmaPosti Pro demo',
	data: { ...oauthCredential.data, environment: 'demo', gatewaySecret: GATEWAY_SECRET, baseUrlOverride: `${POSTI_ORIGIN}/demo` },
};

export function store(credential: { id: string; name: string; data: IDataObject } = apiKeyCredential): CredentialStore {
	return new CredentialStore({ omaPostiProApi: credential as never });
}

/** The token endpoint: exact form body and content type, answered once unless `times` is given. */
export function mockToken(options: { token?: string; times?: number; prefix?: string } = {}): nock.Scope {
	return nock(POSTI_ORIGIN, {
		reqheaders: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': USER_AGENT },
		badheaders: ['x-gateway-secret', 'authorization'],
	})
		.post(`${options.prefix ?? ''}/api/v1/token`, TOKEN_FORM)
		.times(options.times ?? 1)
		.reply(200, { access_token: options.token ?? ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600, posti_fi: { targets: {} } });
}

/** API calls with the raw key (v1), no gateway secret. */
export function keyApi(): nock.Scope {
	return nock(POSTI_ORIGIN, { reqheaders: { authorization: API_KEY, 'user-agent': USER_AGENT }, badheaders: ['x-gateway-secret'] });
}

/** API calls with the Bearer token (v2); in demo also the gateway secret. */
export function bearerApi(options: { demo?: boolean; token?: string } = {}): nock.Scope {
	const reqheaders: Record<string, string> = { authorization: `Bearer ${options.token ?? ACCESS_TOKEN}`, 'user-agent': USER_AGENT };
	if (options.demo) reqheaders['x-gateway-secret'] = GATEWAY_SECRET;
	return nock(POSTI_ORIGIN, { reqheaders, badheaders: options.demo ? [] : ['x-gateway-secret'] });
}

export async function runPosti(parameters: INodeParameters, options: RunNodeOptions = {}): Promise<WorkflowRunResult> {
	const credentials = options.credentials ?? store();
	return await runSingleNode(
		{ name: NODE_NAME, type: NODE_TYPE, parameters, credentials: { omaPostiProApi: credentials.reference('omaPostiProApi') } },
		{ nodeType: OmaPostiPro, credentialType: OmaPostiProApi },
		credentials,
		options,
	);
}

/** A tiny but real PDF, as Posti's label endpoint returns it. */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

/** Shipment → Create for a Postipaketti to a pickup point, as a store order maps it. */
export const CREATE_PICKUP: INodeParameters = {
	resource: 'shipment',
	operation: 'create',
	service: 'PO2103',
	pickupPointId: '001003200',
	orderNo: 'store-1001',
	senderName: 'Kauppa Oy',
	senderAddress: 'Mannerheimintie 1',
	senderPostcode: '00100',
	senderCity: 'HELSINKI',
	receiverName: 'Matti Meikäläinen',
	receiverAddress: 'Aurakatu 2',
	receiverPostcode: '20100',
	receiverCity: 'TURKU',
	receiverPhone: '+358401234567',
	receiverEmail: 'matti@example.fi',
	parcelsSource: 'fields',
	parcels: { parcel: [{ count: 1, weight: 1.2, contents: 'Clothes' }] },
};

export const EXPECTED_SHIPMENT = {
	senderPartners: [{ id: 'POSTI', custNo: '654321' }],
	sender: { name: 'Kauppa Oy', address1: 'Mannerheimintie 1', zipcode: '00100', city: 'HELSINKI', country: 'FI' },
	receiver: {
		name: 'Matti Meikäläinen',
		address1: 'Aurakatu 2',
		zipcode: '20100',
		city: 'TURKU',
		country: 'FI',
		phone: '+358401234567',
		email: 'matti@example.fi',
	},
	agent: { quickId: '001003200' },
	service: { id: 'PO2103' },
	parcels: [{ copies: 1, weight: 1.2, packageCode: 'PKT', contents: 'Clothes', valuePerParcel: true }],
	orderNo: 'store-1001',
	senderReference: 'store-1001',
};

export function createdAnswer(version: 'v1' | 'v2', options: { inline?: boolean; parcelNo?: string; shipmentNo?: string } = {}): IDataObject[] {
	const parcelNo = options.parcelNo ?? 'JJFI65432100000000001';
	const href = `${POSTI_ORIGIN}/shippingapi/api/${version}/shipments/654321/pdfs/6c4a6ffe-0000-4000-8000-000000000001`;
	const print: IDataObject = { id: '6c4a6ffe-0000-4000-8000-000000000001', href, description: 'Address label', media: 'laser-a5', pdf_type: 'ADDRESSLABEL' };
	if (options.inline !== false) print[version === 'v1' ? 'pdf' : 'data'] = PDF.toString('base64');
	return [
		{
			id: '0b7c1e0e-0000-4000-8000-000000000009',
			status: 'PRINTED',
			shipmentNo: options.shipmentNo ?? '70000000001',
			orderNo: 'store-1001',
			parcels: [{ parcelNo }],
			[version === 'v1' ? 'pdfs' : 'prints']: [print],
		},
	];
}

/** Every secret the credential held, in the encodings it could leak in. */
export function expectNoSecrets(result: WorkflowRunResult, extra: string[] = []): void {
	expectSecretsAbsent(result, [API_KEY, CLIENT_SECRET, ACCESS_TOKEN, GATEWAY_SECRET, ...extra]);
}

/**
 * A real local server for transport failures nock cannot fake reliably: `drop` destroys the
 * socket of every request (the answer is lost), `hang` never answers, `refuse` is a port
 * nothing listens on. Counts the requests that reached it.
 */
export async function misbehavingPosti(mode: 'drop' | 'hang' | 'refuse'): Promise<{ baseUrl: string; requests: () => number; close: () => Promise<void> }> {
	nock.enableNetConnect('127.0.0.1');
	let requests = 0;
	const server = createServer((request) => {
		requests++;
		if (mode === 'drop') request.socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	if (mode === 'refuse') await close();
	return { baseUrl: `http://127.0.0.1:${port}`, requests: () => requests, close: mode === 'refuse' ? async () => {} : close };
}
