import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { extractFailure } from '../../../nodes/shared/errors';

const node: INode = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

describe('extractFailure', () => {
	test('reads status, headers and body from the Axios error n8n 2.x keeps as cause', () => {
		const axiosLike = Object.assign(new Error('Request failed with status code 429'), {
			code: 'ERR_BAD_REQUEST',
			response: { status: 429, headers: { 'retry-after': '2' }, data: { message: 'slow down' } },
		});
		const failure = extractFailure(new NodeApiError(node, axiosLike as never));
		expect(failure).toMatchObject({ statusCode: 429, headers: { 'retry-after': '2' }, body: { message: 'slow down' } });
	});

	test('falls back to httpCode and context.data where n8n 1.x kept no response', () => {
		const wrapped = { message: 'Bad request', httpCode: '422', context: { data: { code: 18000, message: 'Validering feilet.' } } };
		expect(extractFailure(wrapped)).toMatchObject({ statusCode: 422, body: { code: 18000 } });
	});

	test('keeps the transport code when there was no answer', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const failure = extractFailure({ message: 'wrapped', cause: reset });
		expect(failure.code).toBe('ECONNRESET');
		expect(failure.statusCode).toBeUndefined();
	});

	test("recovers the transport code from n8n 1.x's descriptive message", () => {
		const wrapped = {
			message:
				'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
			httpCode: null,
		};
		expect(extractFailure(wrapped).code).toBe('ECONNRESET');
		expect(extractFailure({ message: 'Account 9999 does not exist' }).code).toBeUndefined();
	});
});
