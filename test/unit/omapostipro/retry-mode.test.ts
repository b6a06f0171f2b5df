import type { HttpFailure } from '../../../nodes/shared/retry';
import { classifyFailureWithoutLookup } from '../../../nodes/shared/retry';

const failure = (partial: Partial<HttpFailure>): HttpFailure => ({ headers: {}, body: undefined, message: '', ...partial });

describe('classifyFailureWithoutLookup (writes with no lookup: Posti shipments)', () => {
	it.each([
		[{ statusCode: 429 }, 'notProcessed'],
		[{ code: 'ECONNREFUSED' }, 'notProcessed'],
		[{ statusCode: 503 }, 'uncertain'],
		[{ statusCode: 500 }, 'uncertain'],
		[{ code: 'ECONNRESET' }, 'uncertain'],
		[{ code: 'ETIMEDOUT' }, 'uncertain'],
		[{ statusCode: 400 }, 'rejected'],
		[{}, 'rejected'],
	])('%p is %s', (partial, outcome) => {
		expect(classifyFailureWithoutLookup(failure(partial as Partial<HttpFailure>))).toBe(outcome);
	});
});
