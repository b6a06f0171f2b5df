import type { INode } from 'n8n-workflow';

import { createOnce } from '../../../nodes/shared/createOnce';
import { VendorApiError } from '../../../nodes/shared/errors';

const node: INode = {
	id: '1',
	name: 'Test',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const quick = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

function vendorError(outcome: 'uncertain' | 'rejected'): VendorApiError {
	const error = new VendorApiError(node, { message: 'boom' }, { message: 'boom' });
	error.outcome = outcome;
	return error;
}

describe('createOnce', () => {
	it('returns the existing record without creating', async () => {
		const create = jest.fn();
		const result = await createOnce({ skipIfExists: true, find: async () => ({ id: 1 }), create });
		expect(result).toEqual({ record: { id: 1 }, existed: true, recovered: false });
		expect(create).not.toHaveBeenCalled();
	});

	it('after an uncertain failure, looks up and returns the record that did land', async () => {
		const find = jest.fn().mockResolvedValueOnce(undefined).mockResolvedValueOnce({ id: 7 });
		const create = jest.fn().mockRejectedValueOnce(vendorError('uncertain'));
		const result = await createOnce({ skipIfExists: true, find, create, policy: quick });
		expect(result).toEqual({ record: { id: 7 }, existed: false, recovered: true });
		expect(create).toHaveBeenCalledTimes(1);
	});

	it('sends again only when the lookup proves the first attempt did not land', async () => {
		const find = jest.fn().mockResolvedValue(undefined);
		const create = jest.fn().mockRejectedValueOnce(vendorError('uncertain')).mockResolvedValueOnce({ id: 8 });
		const result = await createOnce({ skipIfExists: false, find, create, policy: quick });
		expect(result.record).toEqual({ id: 8 });
		expect(create).toHaveBeenCalledTimes(2);
		expect(find).toHaveBeenCalledTimes(1);
	});

	it('never resends without a way to look up', async () => {
		const create = jest.fn().mockRejectedValue(vendorError('uncertain'));
		await expect(createOnce({ skipIfExists: false, create, policy: quick })).rejects.toThrow('boom');
		expect(create).toHaveBeenCalledTimes(1);
	});

	it('does not retry a rejection', async () => {
		const create = jest.fn().mockRejectedValue(vendorError('rejected'));
		await expect(createOnce({ skipIfExists: false, find: async () => undefined, create, policy: quick })).rejects.toThrow();
		expect(create).toHaveBeenCalledTimes(1);
	});
});
