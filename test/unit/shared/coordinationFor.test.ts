/**
 * Issue 13: a node set to Coordination = Redis whose Redis cannot be reached fails its item
 * before anything goes to the vendor (not even the token), saying what to check; with the
 * credential's "Continue Within This Process Only" it carries on with this process's guarantees.
 */
import { createServer } from 'node:net';

import { NordicCommerceRedisApi } from '../../../credentials/NordicCommerceRedisApi.credentials';
import { ProcountorApi } from '../../../credentials/ProcountorApi.credentials';
import { Procountor } from '../../../nodes/Procountor/Procountor.node';
import { CredentialStore, runWorkflow } from '../../harness';
import { recordStrayRequests, singleNodeWorkflow } from '../helpers';
import { API, NODE_NAME, NODE_TYPE, PROCOUNTOR_ORIGIN, mockProcountor, pendingRequests, procountorCredential, setUpNock, tearDownNock } from '../procountor/helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

async function approveWithRedis(whenUnreachable: 'fail' | 'inProcess', port: number) {
	const redisCredential = { id: 'redis-1', name: 'Coordination', data: { host: '127.0.0.1', port, password: 'redis-pass-s3cr3t', database: 0, keyPrefix: 't:', whenUnreachable } };
	return await runWorkflow(
		singleNodeWorkflow({
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters: { resource: 'invoice', operation: 'approve', invoiceId: '9001', coordination: 'redis' },
			credentials: {
				procountorApi: { id: procountorCredential.id, name: procountorCredential.name },
				nordicCommerceRedisApi: { id: redisCredential.id, name: redisCredential.name },
			},
		}),
		{
			nodeTypes: [Procountor],
			credentialTypes: [ProcountorApi, NordicCommerceRedisApi],
			credentials: new CredentialStore({ procountorApi: procountorCredential, nordicCommerceRedisApi: redisCredential }),
			input: [{}],
		},
	);
}

describe('Coordination = Redis, Redis unreachable', () => {
	test('the item fails before any request to the vendor, naming the Redis and what to do, never its password', async () => {
		const stray = recordStrayRequests(PROCOUNTOR_ORIGIN);
		const port = await closedPort();
		const result = await approveWithRedis('fail', port);
		expect(result.error?.message).toMatch(new RegExp(`^Redis \\(coordination\\) at 127\\.0\\.0\\.1:${port}/0 could not be used: the connection was refused \\(is Redis running on that host and port\\?\\)$`));
		const description = (result.error as { description?: string }).description ?? '';
		expect(description).toContain('Nothing was sent to the vendor');
		expect(description).toContain('"If Redis Is Unreachable" to "Continue Within This Process Only"');
		expect(JSON.stringify({ message: result.error?.message, description })).not.toContain('redis-pass-s3cr3t');
		expect(stray).toEqual([]);
	});

	test('with "Continue Within This Process Only" the approval runs with this process\'s guarantees', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'UNFINISHED' })
			.put(`${API}/invoices/9001/approve`)
			.reply(200, {})
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'NOT_SENT' });
		const result = await approveWithRedis('inProcess', await closedPort());
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME)).toEqual([{ alreadyApproved: false, id: 9001, status: 'NOT_SENT' }]);
		expect(pendingRequests()).toEqual([]);
	});
});
