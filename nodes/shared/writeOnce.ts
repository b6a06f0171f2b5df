import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { coordinationFor } from './coordinationFor';
import type { VendorApiError } from './errors';
import { isVendorApiError } from './errors';
import { fingerprint } from './fingerprint';
import { credentialsOf } from './request';
import type { ServiceDefinition } from './service';
import { requestTimeoutMs } from './service';

export interface WriteOnceResult<T> {
	record: T;
	/** Nothing was written now: the record was found by the lookup, or in the ledger of this package's writes. */
	existed: boolean;
	/** Written now; its answer was lost and the record was found by the lookup afterwards. */
	recovered: boolean;
	/** Where an existing record was found. */
	foundIn?: 'vendor' | 'ledger';
}

export interface WriteOnceOptions<T> {
	service: ServiceDefinition;
	itemIndex: number;
	/** The kind of write, part of its identity: "voucher", "invoice", "send invoice 12". */
	kind: string;
	/** The record's external reference (order number). Without one, the item's input and `payload` identify the write. */
	reference?: string;
	/** What is sent; with the item's input, the identity of a write without a reference. */
	payload?: unknown;
	/** Looks the record up by its reference. */
	find?: () => Promise<T | undefined>;
	/** Look up (and return the record found) before writing. Without it the lookup is not used at all. */
	skipIfExists: boolean;
	write: () => Promise<T>;
	/** Where the user can check, e.g. "in Tripletex under Accounting → Vouchers". */
	whereToCheck: string;
	/** How to send a write with a reference again after its outcome was left unknown and it was not found. */
	resendAfterUncertain?: string;
}

/** A write's lock and ledger key: vendor account (hashed credentials) plus the write's identity. */
async function writeKey<T>(context: IExecuteFunctions, options: WriteOnceOptions<T>, byReference: boolean): Promise<string> {
	const credentials = await credentialsOf(context, options.service);
	const account = `${options.service.credentialType}:${fingerprint(options.service.account(credentials))}`;
	if (byReference) return `${account}:${options.kind}:ref:${fingerprint(options.reference)}`;
	const input = context.getInputData()[options.itemIndex]?.json;
	const identity = fingerprint(context.getWorkflow().id, context.getNode().name, input, options.payload);
	return `${account}:${options.kind}:item:${identity}`;
}

/**
 * After an uncertain failure: look for the record 0.25, 0.75, 1.75, 3.75, … seconds after it
 * (the wait doubling), for as long as the request timeout. A server may commit a write after
 * the client gave up on it.
 */
async function lookAfterUncertainWrite<T>(find: () => Promise<T | undefined>, windowMs: number): Promise<{ record?: T; looks: number }> {
	const started = Date.now();
	let looks = 0;
	for (let delay = 250; ; delay *= 2) {
		const remaining = windowMs - (Date.now() - started);
		await sleep(Math.max(0, Math.min(delay, remaining)));
		looks++;
		const record = await find();
		if (record !== undefined) return { record, looks };
		if (Date.now() - started >= windowMs) return { looks };
	}
}

/** The message says what is uncertain (unless the operation already worded it), the description what was done and what to check. */
function explain<T>(error: VendorApiError, options: WriteOnceOptions<T>, lines: string[]): VendorApiError {
	if (!error.message.includes('may or may not')) {
		const which = options.reference ? `for reference ${options.reference}` : `of item ${options.itemIndex}`;
		error.message = `${error.message}: the ${options.kind} ${which} may or may not have been saved`;
	}
	error.description = [error.description, ...lines].filter(Boolean).join('\n');
	error.settled = true;
	return error;
}

/**
 * The one way to write: exactly once per vendor account and reference (or per node, input
 * item and payload when there is no reference), within one n8n process (see docs/exactly-once.md).
 * - Runs under a lock on that identity, so concurrent executions of one order take turns.
 * - With `skipIfExists`, the vendor's lookup runs first and an existing record is returned.
 * - The ledger remembers confirmed writes: a retry or re-run returns the recorded one (when
 *   there is a lookup, only if the lookup does not find it: the vendor's search may lag).
 * - A write whose outcome is uncertain is never sent again: with a lookup, the record is
 *   searched for as long as the request timeout; if it is not found, or there is no lookup,
 *   the item fails saying so. A re-run's lookup then decides; without one, n8n's Retry On
 *   Fail within the same execution is refused the resend.
 */
export async function writeOnce<T>(
	context: IExecuteFunctions,
	options: WriteOnceOptions<T>,
): Promise<WriteOnceResult<T>> {
	// The reference identifies the write when the user says it does (Skip If It Already Exists,
	// One Shipment per Order Reference); otherwise the node, the input item and the payload do.
	const byReference = options.reference !== undefined && options.reference !== '' && options.skipIfExists;
	const find = byReference ? options.find : undefined;
	const key = await writeKey(context, options, byReference);
	const shared = await coordinationFor(context);
	const { ledger } = shared;
	const executionId = context.getExecutionId();
	return await shared.withLock(key, async (fence) => {
		// The vendor's lookup first: it also sees what others did since (a reversal fails in `find`).
		if (find) {
			const existing = await find();
			if (existing !== undefined) {
				await ledger.set(key, { state: 'written', record: existing as IDataObject, at: Date.now() });
				return { record: existing, existed: true, recovered: false, foundIn: 'vendor' };
			}
		}
		// Written by this package but not (yet) found by the lookup: search indexes can lag.
		const entry = await ledger.get(key);
		if (entry?.state === 'written') return { record: entry.record as unknown as T, existed: true, recovered: false, foundIn: 'ledger' };
		// An earlier attempt's outcome is unknown and nothing can look it up: sending again could
		// duplicate it. With a reference, no execution resends it (the user can lift that, see
		// `resendAfterUncertain`); without one, only n8n's automatic Retry On Fail is stopped.
		if (!find && entry?.state === 'uncertain' && (byReference || entry.executionId === executionId)) {
			const when = new Date(entry.at).toISOString();
			throw new NodeOperationError(
				context.getNode(),
				byReference
					? `The ${options.kind} for reference ${options.reference} was already sent at ${when} and its outcome is unknown, so it was not sent again`
					: `The ${options.kind} in item ${options.itemIndex} was already sent at ${when} in this execution and its outcome is unknown, so it was not sent again`,
				{
					itemIndex: options.itemIndex,
					description: `Check ${options.whereToCheck}. If it is not there, ${
						byReference ? (options.resendAfterUncertain ?? 'send it with a new reference') : 'run the workflow again (a new execution sends it)'
					}.`,
				},
			);
		}

		await fence.check();
		// Without a lookup, the intent is recorded before the send: if this process dies before the
		// answer (a killed worker), the next execution finds the write's outcome unknown, not absent.
		if (!find) await ledger.set(key, { state: 'uncertain', at: Date.now(), executionId });
		const outcome = await options.write().then(
			(written) => ({ written }),
			(error: unknown) => ({ error }),
		);
		if ('written' in outcome) {
			await ledger.set(key, { state: 'written', record: outcome.written as IDataObject, at: Date.now() });
			return { record: outcome.written, existed: false, recovered: false };
		}
		const { error } = outcome;
		// Definitely not written, or a write inside this one (a partner for the invoice) already settled.
		if (!isVendorApiError(error) || error.outcome !== 'uncertain' || error.settled) {
			if (!find) await ledger.delete(key);
			return await Promise.reject(error);
		}
		if (find) {
			const windowMs = requestTimeoutMs(await credentialsOf(context, options.service));
			const found = await lookAfterUncertainWrite(find, windowMs);
			if (found.record !== undefined) {
				await ledger.set(key, { state: 'written', record: found.record as IDataObject, at: Date.now() });
				return { record: found.record, existed: false, recovered: true };
			}
			throw explain(error, options, [
				`Looked it up ${found.looks} times over ${Math.round(windowMs / 1000)} s afterwards and did not find it. It may still appear: check ${options.whereToCheck}.`,
				'Running the node again is safe: it looks the reference up first and writes only if it is still not there.',
			]);
		}
		await ledger.set(key, { state: 'uncertain', at: Date.now(), executionId });
		throw explain(error, options, [
			`There is no way to look it up automatically: check ${options.whereToCheck} before running this item again.`,
			byReference
				? `This node will not send it again for this reference${options.resendAfterUncertain ? ` (to send it anyway: ${options.resendAfterUncertain})` : ''}.`
				: "n8n's Retry On Fail will not send it again in this execution.",
		]);
	});
}
