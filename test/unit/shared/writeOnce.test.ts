import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { coordination, InProcessLedger } from '../../../nodes/shared/coordination';
import { VendorApiError } from '../../../nodes/shared/errors';
import type { ServiceDefinition } from '../../../nodes/shared/service';
import type { WriteOnceOptions } from '../../../nodes/shared/writeOnce';
import { writeOnce } from '../../../nodes/shared/writeOnce';

const node: INode = { id: '1', name: 'Vendor', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

const service: ServiceDefinition = {
	name: 'Vendor',
	credentialType: 'vendorApi',
	baseUrl: () => 'https://vendor.test',
	secretFields: ['token'],
	rateScope: (credentials) => [credentials.token],
	account: (credentials) => [credentials.token],
	describeError: (failure) => ({ message: failure.message }),
};

/** What writeOnce reads of n8n's execute context. Timeout 0.3 s: the look after an uncertain write. */
function context({ executionId = 'exec-1', input = { order: 1 } as IDataObject, token = 'acct-A' } = {}): IExecuteFunctions {
	return {
		getNode: () => node,
		getWorkflow: () => ({ id: 'wf-1', name: 'wf', active: false }),
		getExecutionId: () => executionId,
		getInputData: () => [{ json: input }],
		getCredentials: async () => ({ token, timeoutSeconds: 0.3 }),
	} as unknown as IExecuteFunctions;
}

function vendorError(outcome: 'uncertain' | 'rejected'): VendorApiError {
	const error = new VendorApiError(node, { message: 'boom' }, { message: 'Vendor: no answer (timed out)', description: 'It was sent once.' });
	error.outcome = outcome;
	return error;
}

function options(overrides: Partial<WriteOnceOptions<IDataObject>>): WriteOnceOptions<IDataObject> {
	return {
		service,
		itemIndex: 0,
		kind: 'voucher',
		reference: 'order-1',
		payload: { amount: 100 },
		skipIfExists: true,
		find: async () => undefined,
		write: async () => ({ id: 1 }),
		whereToCheck: 'the vendor',
		...overrides,
	};
}

describe('writeOnce', () => {
	test('returns the record the lookup finds, without writing', async () => {
		const write = jest.fn();
		const result = await writeOnce(context(), options({ find: async () => ({ id: 9 }), write }));
		expect(result).toEqual({ record: { id: 9 }, existed: true, recovered: false, foundIn: 'vendor' });
		expect(write).not.toHaveBeenCalled();
	});

	test('a second write of the same reference that the lookup does not show (yet) returns the recorded one, not a second write', async () => {
		await writeOnce(context(), options({ write: async () => ({ id: 1 }) }));
		const find = jest.fn(async () => undefined);
		const write = jest.fn();
		const again = await writeOnce(context({ executionId: 'exec-2' }), options({ find, write }));
		expect(again).toEqual({ record: { id: 1 }, existed: true, recovered: false, foundIn: 'ledger' });
		expect(find).toHaveBeenCalledTimes(1);
		expect(write).not.toHaveBeenCalled();
	});

	test('the lookup comes before the ledger: a record reversed since it was written fails the item', async () => {
		await writeOnce(context(), options({ write: async () => ({ id: 1 }) }));
		const reversed = async () => await Promise.reject(new Error('Voucher 1 with reference order-1 was reversed'));
		await expect(writeOnce(context(), options({ find: reversed }))).rejects.toThrow('was reversed');
	});

	test('the same reference in another vendor account is another write', async () => {
		await writeOnce(context(), options({}));
		const write = jest.fn(async () => ({ id: 2 }));
		const other = await writeOnce(context({ token: 'acct-B' }), options({ write }));
		expect(other.record).toEqual({ id: 2 });
		expect(write).toHaveBeenCalledTimes(1);
	});

	test('two concurrent writes of one reference: one write, the second reports it existed', async () => {
		let created = 0;
		const write = async () => {
			await new Promise((resolve) => setTimeout(resolve, 50));
			return { id: ++created };
		};
		const [first, second] = await Promise.all([
			writeOnce(context({ executionId: 'exec-1' }), options({ write })),
			writeOnce(context({ executionId: 'exec-2' }), options({ write })),
		]);
		expect(created).toBe(1);
		expect(first).toMatchObject({ record: { id: 1 }, existed: false });
		expect(second).toMatchObject({ record: { id: 1 }, existed: true });
	});

	test('after an uncertain failure, it is never sent again: the lookup finds the late commit', async () => {
		const find = jest.fn().mockResolvedValueOnce(undefined).mockResolvedValueOnce(undefined).mockResolvedValueOnce({ id: 7 });
		// The lookup before writing, then the first look after the failure finds nothing, the second finds it.
		const write = jest.fn().mockRejectedValueOnce(vendorError('uncertain'));
		const result = await writeOnce(context(), options({ find, write }));
		expect(result).toEqual({ record: { id: 7 }, existed: false, recovered: true });
		expect(write).toHaveBeenCalledTimes(1);
	});

	test('not found within the timeout: fails saying so, sends nothing more; a later run finds the record', async () => {
		const find = jest.fn().mockResolvedValue(undefined);
		const write = jest.fn().mockRejectedValue(vendorError('uncertain'));
		const error = await writeOnce(context(), options({ find, write })).catch((failure: VendorApiError) => failure);
		expect(write).toHaveBeenCalledTimes(1);
		expect(error).toBeInstanceOf(VendorApiError);
		expect((error as VendorApiError).description).toMatch(/Looked it up \d+ times over 0 s afterwards and did not find it\. It may still appear: check the vendor\./);
		expect((error as VendorApiError).description).toContain('Running the node again is safe');

		const rerun = await writeOnce(context(), options({ find: async () => ({ id: 7 }), write }));
		expect(rerun).toMatchObject({ record: { id: 7 }, existed: true });
		expect(write).toHaveBeenCalledTimes(1);
	});

	test('without a lookup, an uncertain write is not resent by Retry On Fail in the same execution', async () => {
		const write = jest.fn().mockRejectedValue(vendorError('uncertain'));
		const noLookup = options({ reference: undefined, find: undefined, skipIfExists: false, write });
		await expect(writeOnce(context(), noLookup)).rejects.toThrow('Vendor: no answer (timed out): the voucher of item 0 may or may not have been saved');
		await expect(writeOnce(context(), noLookup)).rejects.toThrow(
			/^The voucher in item 0 was already sent at .* in this execution and its outcome is unknown, so it was not sent again$/,
		);
		expect(write).toHaveBeenCalledTimes(1);
		// A new execution is a person's decision, after the message told them what to check.
		await expect(writeOnce(context({ executionId: 'exec-2' }), noLookup)).rejects.toThrow('Vendor: no answer');
		expect(write).toHaveBeenCalledTimes(2);
	});

	test('with a reference but no lookup (Posti), the reference alone identifies the write: a redelivery with other input gets the first', async () => {
		const write = jest.fn(async () => ({ shipmentNo: 'S1' }));
		const referenceOnly = options({ find: undefined, write });
		await writeOnce(context({ input: { order: 1, deliveryId: 'a' } }), referenceOnly);
		const again = await writeOnce(context({ input: { order: 1, deliveryId: 'b' }, executionId: 'exec-2' }), referenceOnly);
		expect(again).toMatchObject({ record: { shipmentNo: 'S1' }, existed: true, foundIn: 'ledger' });
		expect(write).toHaveBeenCalledTimes(1);
	});

	test('with a reference but no lookup (Posti), an uncertain write is not resent by any execution until the user lifts it', async () => {
		const write = jest.fn().mockRejectedValue(vendorError('uncertain'));
		const referenceOnly = options({ find: undefined, write, resendAfterUncertain: 'turn the option off' });
		await expect(writeOnce(context(), referenceOnly)).rejects.toThrow('may or may not have been saved');
		const later = writeOnce(context({ executionId: 'exec-2' }), referenceOnly);
		await expect(later).rejects.toThrow(/^The voucher for reference order-1 was already sent at .* and its outcome is unknown, so it was not sent again$/);
		await expect(writeOnce(context({ executionId: 'exec-3' }), referenceOnly)).rejects.toMatchObject({
			description: 'Check the vendor. If it is not there, turn the option off.',
		});
		expect(write).toHaveBeenCalledTimes(1);
	});

	test('with a reference but no lookup (Posti), the intent is recorded before the send: a worker killed before the answer leaves the write "outcome unknown" in the ledger (which later executions refuse to resend, test above)', async () => {
		const { ledger } = coordination();
		const seen: Array<string | undefined> = [];
		let keyOf = '';
		const set = ledger.set.bind(ledger);
		jest.spyOn(ledger, 'set').mockImplementation(async (key, entry) => {
			keyOf = key;
			await set(key, entry);
		});
		// The worker dies during the send: the write never settles (here: the test abandons it).
		const neverAnswers = jest.fn(async () => {
			seen.push((await ledger.get(keyOf))?.state);
			return await new Promise<IDataObject>(() => undefined);
		});
		void writeOnce(context(), options({ find: undefined, write: neverAnswers }));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(seen).toEqual(['uncertain']);
		jest.restoreAllMocks();
		// The re-run (another execution, on another worker sharing the ledger) waits for the lock in
		// real life; here the in-process lock is still held by the abandoned write, so read the ledger
		// as the re-run would once the dead worker's lock expired.
		expect(await ledger.get(keyOf)).toMatchObject({ state: 'uncertain', executionId: 'exec-1' });
	});

	test('with a reference but no lookup, a certain rejection removes the recorded intent, so the order can be sent again', async () => {
		const write = jest.fn().mockRejectedValueOnce(vendorError('rejected')).mockResolvedValueOnce({ id: 4 });
		const referenceOnly = options({ find: undefined, write });
		await expect(writeOnce(context(), referenceOnly)).rejects.toThrow();
		expect((await writeOnce(context({ executionId: 'exec-2' }), referenceOnly)).record).toEqual({ id: 4 });
		expect(write).toHaveBeenCalledTimes(2);
	});

	test('without a reference, the same input item and payload is one write (Retry On Fail after a later item failed)', async () => {
		const write = jest.fn(async () => ({ id: 5 }));
		const noReference = options({ reference: undefined, find: undefined, skipIfExists: false, write });
		await writeOnce(context(), noReference);
		const retried = await writeOnce(context(), noReference);
		expect(retried).toMatchObject({ record: { id: 5 }, existed: true, foundIn: 'ledger' });
		const otherItem = await writeOnce(context({ input: { order: 2 } }), noReference);
		expect(otherItem.existed).toBe(false);
		expect(write).toHaveBeenCalledTimes(2);
	});

	test('a rejection is final and leaves nothing in the ledger', async () => {
		const write = jest.fn().mockRejectedValueOnce(vendorError('rejected')).mockResolvedValueOnce({ id: 3 });
		await expect(writeOnce(context(), options({ write }))).rejects.toThrow();
		expect((await writeOnce(context(), options({ write }))).record).toEqual({ id: 3 });
	});

	test('ledger keys carry no credential or reference in clear', async () => {
		const keys: string[] = [];
		const { ledger } = coordination();
		const set = ledger.set.bind(ledger);
		jest.spyOn(ledger, 'set').mockImplementation(async (key, entry) => {
			keys.push(key);
			await set(key, entry);
		});
		await writeOnce(context({ token: 'secret-token-123' }), options({ reference: 'order-XYZ' }));
		expect(keys).toHaveLength(1);
		expect(keys[0]).not.toContain('secret-token-123');
		expect(keys[0]).not.toContain('order-XYZ');
	});
});

describe('InProcessLedger', () => {
	test('forgets entries after the TTL and keeps at most the newest N', async () => {
		let now = 0;
		const ledger = new InProcessLedger(1000, 2, () => now);
		await ledger.set('a', { state: 'written', at: now });
		now = 500;
		await ledger.set('b', { state: 'written', at: now });
		await ledger.set('c', { state: 'written', at: now });
		expect(await ledger.get('a')).toBeUndefined();
		expect(ledger.size).toBe(2);
		now = 1500;
		expect(await ledger.get('b')).toBeUndefined();
	});
});
