/**
 * The contract check itself: every Tripletex unit test ends (tearDownNock) by validating
 * each JSON body the node sent against Tripletex's OpenAPI spec. These tests prove the
 * check sees the bodies and would fail on a body the spec rejects. The Tripletex Trigger's
 * requests and the sandbox's event API answers are held to the spec too.
 */
import nock from 'nock';
import { request } from 'undici';

import { TripletexApi } from '../../credentials/TripletexApi.credentials';
import { TripletexTrigger } from '../../nodes/Tripletex/TripletexTrigger.node';
import { startSandbox } from '../../sandbox';
import { createTripletexSession } from '../../sandbox/client';
import { matchPath, validateAgainstSchema } from '../../sandbox/tripletex/openapi-validator';
import { CredentialStore, webhookTrigger } from '../harness';
import {
	V2,
	checkedBodyCount,
	contractViolations,
	listOf,
	mockTripletex,
	runTripletex,
	setUpNock,
	tearDownNock,
	tripletexCredential,
} from '../unit/tripletex/helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

test('the bodies a voucher create sends are seen and valid', async () => {
	const { api } = mockTripletex();
	api
		.get(`${V2}/ledger/account`)
		.query(true)
		.reply(200, listOf([{ id: 1, number: 1920, name: 'Bank' }, { id: 2, number: 3000, name: 'Salg' }]))
		.post(`${V2}/ledger/voucher`)
		.query(true)
		.reply(201, { value: { id: 9 } });

	const result = await runTripletex({
		resource: 'voucher',
		operation: 'create',
		date: '2026-07-15',
		description: 'Contract',
		postingsSource: 'json',
		postingsJson: JSON.stringify([
			{ account: 1920, amount: 10 },
			{ account: 3000, amount: -10 },
		]),
	});

	expect(result.error).toBeUndefined();
	expect(checkedBodyCount()).toBe(2); // session create + voucher
	expect(contractViolations()).toEqual([]);
});

test('a body the spec rejects is reported with its path', () => {
	const violations = contractViolations([
		{
			method: 'POST',
			path: '/v2/ledger/voucher',
			contentType: 'application/json',
			body: JSON.stringify({ date: '2026-07-15', postings: [{ row: 'one', account: { id: 1 } }], acount: 1 }),
		},
		{ method: 'POST', path: '/v2/no/such/endpoint', contentType: 'application/json', body: '{}' },
	]);
	expect(violations).toHaveLength(2);
	expect(violations[0]).toMatch(/^POST \/v2\/ledger\/voucher: .*row/);
	expect(violations[0]).toContain('acount');
	expect(violations[1]).toContain("not an operation in Tripletex's spec");
});

describe('Tripletex Trigger and the event API', () => {
	test('every request the trigger makes is an operation of the spec, and its subscription body is valid', async () => {
		const t = webhookTrigger(TripletexTrigger, {
			parameters: { events: ['invoice.charged'], options: { payloadFields: 'id,invoiceNumber' } },
			credentialTypes: [TripletexApi],
			credentials: new CredentialStore({ tripletexApi: tripletexCredential }),
		});
		const { api } = mockTripletex();
		const seen: string[] = [];
		api.on('request', (request: { method: string; path: string }) => seen.push(`${request.method} ${request.path.split('?')[0]}`));
		api
			.get(`${V2}/event/subscription`)
			.query(true)
			.reply(200, listOf([]))
			.post(`${V2}/event/subscription`)
			.reply(201, { value: { id: 5 } })
			.get(`${V2}/event/subscription/5`)
			.query(true)
			.reply(200, { value: { id: 5, event: 'invoice.charged', status: 'ACTIVE' } })
			.delete(`${V2}/event/subscription/5`)
			.reply(204)
			.get(`${V2}/event/subscription`)
			.query(true)
			.reply(200, listOf([]));
		await t.activate();
		expect(await t.checkExists()).toBe(true);
		expect(await t.deactivate()).toBe(true);
		expect(checkedBodyCount()).toBe(2); // session create + subscription
		expect(contractViolations()).toEqual([]);
		expect(seen).toHaveLength(5);
		for (const request of seen) {
			const [method, path] = request.split(' ');
			expect(matchPath(method, path)?.methodDefined).toBe(true);
		}
	});

	test("the sandbox's event API answers as the spec's response schemas say", async () => {
		nock.enableNetConnect('127.0.0.1');
		const sandbox = await startSandbox({ tripletex: { port: 0 } });
		try {
			const base = sandbox.tripletex.baseUrl;
			const { authorization } = await createTripletexSession(base);
			const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
				const res = await request(`${base}${path}`, {
					method,
					headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
					body: body ? JSON.stringify(body) : undefined,
				});
				return { status: res.statusCode, json: (await res.body.json()) as unknown };
			};
			const created = await call('POST', '/event/subscription', { event: 'order.create', targetUrl: 'https://n8n.example.com/webhook/x/webhook', hmacSharedSecret: 'secret' });
			expect(created.status).toBe(201);
			const answers: Array<[string, unknown]> = [
				['ResponseWrapperMapStringEventInfoDescription', (await call('GET', '/event')).json],
				['ResponseWrapperEventInfo', (await call('GET', '/event/invoice.charged')).json],
				['ResponseWrapperSubscription', created.json],
				['ListResponseSubscription', (await call('GET', '/event/subscription')).json],
				['ResponseWrapperSubscription', (await call('GET', `/event/subscription/${(created.json as { value: { id: number } }).value.id}`)).json],
			];
			for (const [schema, body] of answers) expect([schema, validateAgainstSchema(schema, body).errors]).toEqual([schema, []]);
		} finally {
			await sandbox.stop();
		}
	});
});
