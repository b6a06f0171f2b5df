import { sleep } from 'n8n-workflow';

import { isVendorApiError } from './errors';
import type { RetryPolicy } from './retry';
import { backoffDelayMs, DEFAULT_RETRY_POLICY } from './retry';

export interface CreateOnceResult<T> {
	record: T;
	/** Found by the lookup before creating: nothing was written. */
	existed: boolean;
	/** Created, but the answer was lost and the record was found afterwards. */
	recovered: boolean;
}

export interface CreateOnceOptions<T> {
	/** Looks the record up by its external reference; undefined when none was given. */
	find?: () => Promise<T | undefined>;
	create: () => Promise<T>;
	/** Look up before creating and return the existing record. */
	skipIfExists: boolean;
	policy?: RetryPolicy;
}

/**
 * None of these APIs has idempotency keys. A create is sent again only after a lookup
 * proved the first attempt did not land; without a lookup an uncertain failure is final.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<CreateOnceResult<T>> {
	const { find } = options;
	if (options.skipIfExists && find) {
		const existing = await find();
		if (existing !== undefined) return { record: existing, existed: true, recovered: false };
	}
	const policy = options.policy ?? DEFAULT_RETRY_POLICY;
	for (let attempt = 1; ; attempt++) {
		const outcome = await options.create().then(
			(record) => ({ record }),
			(error: unknown) => ({ error }),
		);
		if ('record' in outcome) return { record: outcome.record, existed: false, recovered: false };
		const { error } = outcome;
		const uncertain = isVendorApiError(error) && error.outcome === 'uncertain';
		if (!uncertain || !find || attempt >= policy.maxAttempts) return await Promise.reject(error);
		await sleep(backoffDelayMs(attempt, policy));
		const landed = await find();
		if (landed !== undefined) return { record: landed, existed: false, recovered: true };
	}
}
