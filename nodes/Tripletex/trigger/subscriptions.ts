/**
 * The webhook lifecycle n8n runs when the workflow is activated (checkExists, then create when
 * it answers false), when n8n starts with the workflow active (the same), and when it is
 * deactivated (delete): one Tripletex subscription per chosen event, its id and HMAC secret kept
 * in the node's static data.
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { VendorApiError } from '../../shared/errors';
import { TRIPLETEX_PAGE_SIZE, tripletexList, tripletexRequest } from '../transport';
import { tripletexBaseUrl } from '../environments';
import type { StoredSubscription } from './staticData';
import { storedSubscriptions, storeSubscriptions } from './staticData';

const SUBSCRIPTIONS = '/event/subscription';
/** Tripletex's pattern for event names: subject.verb, e.g. invoice.charged. */
const EVENT_NAME = /^[A-Za-z]+\.[A-Za-z]+$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

interface TriggerSettings {
	targetUrl: string;
	events: string[];
	fields: string;
}

/** What Tripletex says each disabled status means, and what to do about it. */
const DISABLED_REASONS: Record<string, string> = {
	DISABLED: 'it was switched off in Tripletex',
	DISABLED_TOO_MANY_ERRORS: 'too many deliveries to n8n failed (n8n was unreachable, slow or answered with an error)',
	DISABLED_RATE_LIMIT_EXCEEDED: 'it exceeded Tripletex\'s rate limit for deliveries',
	DISABLED_MISUSE: 'Tripletex considered it misused; contact Tripletex support before subscribing again',
};

async function readSettings(this: IHookFunctions): Promise<TriggerSettings> {
	const node = this.getNode();
	const targetUrl = this.getNodeWebhookUrl('default');
	if (!targetUrl) throw new NodeOperationError(node, 'n8n gave no webhook URL for the Tripletex Trigger');
	const credentials = await this.getCredentials('tripletexApi');
	checkHttps(this, targetUrl, tripletexBaseUrl(credentials));

	const chosen = this.getNodeParameter('events', []) as unknown;
	const events = [...new Set((Array.isArray(chosen) ? chosen : [chosen]).map((event) => String(event ?? '').trim()).filter(Boolean))];
	if (events.length === 0) {
		throw new NodeOperationError(node, 'Choose at least one event', {
			description: 'Pick the Tripletex events that should start this workflow in the Events list, e.g. invoice.charged.',
		});
	}
	const invalid = events.filter((event) => !EVENT_NAME.test(event));
	if (invalid.length) {
		throw new NodeOperationError(node, `Not a Tripletex event name: ${invalid.join(', ')}`, {
			description: 'Event names look like subject.verb, e.g. invoice.charged or customer.update; choose them from the Events list.',
		});
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const fields = String(options.payloadFields ?? '').trim();
	return { targetUrl, events: events.sort(), fields };
}

/**
 * Tripletex requires an absolute HTTPS targetUrl. Sandbox allowance: when the Tripletex API
 * itself is on this machine (a Base URL Override on localhost or 127.0.0.1, the local
 * emulator), an http:// webhook URL is accepted; the emulator then accepts http:// only for
 * loopback addresses.
 */
function checkHttps(context: IHookFunctions, targetUrl: string, baseUrl: string): void {
	const target = new URL(targetUrl);
	if (target.protocol === 'https:') return;
	let apiHost = '';
	try {
		apiHost = new URL(baseUrl).hostname;
	} catch {
		// An unreadable base URL is reported by the first request.
	}
	if (LOOPBACK_HOSTS.has(apiHost)) return;
	throw new NodeOperationError(context.getNode(), `Tripletex only delivers events to HTTPS addresses, and n8n's webhook URL is ${targetUrl}`, {
		description:
			"Make n8n reachable from the internet at an https:// address (a reverse proxy or tunnel with a TLS certificate), set n8n's WEBHOOK_URL to it (e.g. WEBHOOK_URL=https://n8n.example.com/), restart n8n and activate the workflow again.",
	});
}

function isNotFound(error: unknown): boolean {
	return error instanceof VendorApiError && error.statusCode === 404;
}

/** The request's answer, or undefined when Tripletex says the record does not exist (404). */
async function unlessNotFound<T>(request: Promise<T>): Promise<T | undefined> {
	// Anything else is passed on as it is: a VendorApiError (a NodeApiError), redacted already.
	return await request.catch((error: unknown) => {
		if (isNotFound(error)) return undefined;
		throw error;
	});
}

/** The subscription as Tripletex has it now; undefined when it no longer exists. */
async function readSubscription(this: IHookFunctions, id: number): Promise<IDataObject | undefined> {
	const response = await unlessNotFound(
		tripletexRequest.call(this, 'GET', `${SUBSCRIPTIONS}/${id}`, { qs: { fields: 'id,event,targetUrl,fields,status' } }),
	);
	return (response?.value as IDataObject | undefined) ?? undefined;
}

/** Deletes a subscription; one already gone counts as deleted. */
async function deleteSubscription(this: IHookFunctions, id: number): Promise<void> {
	await unlessNotFound(tripletexRequest.call(this, 'DELETE', `${SUBSCRIPTIONS}/${id}`));
}

/** Every subscription of the employee token that delivers to this webhook URL. */
async function subscriptionsTo(this: IHookFunctions, targetUrl: string): Promise<IDataObject[]> {
	const all = await tripletexList.call(this, SUBSCRIPTIONS, { fields: 'id,event,targetUrl,status' }, { returnAll: true, limit: 0, pageSize: TRIPLETEX_PAGE_SIZE });
	return all.filter((subscription) => subscription.targetUrl === targetUrl);
}

function disabledError(context: IHookFunctions, disabled: Array<{ subscription: StoredSubscription; status: string }>): NodeOperationError {
	const list = disabled.map(({ subscription, status }) => `"${subscription.event}" (subscription ${subscription.id}): ${status}`).join('; ');
	const reasons = [...new Set(disabled.map(({ status }) => `${status}: ${DISABLED_REASONS[status] ?? 'Tripletex stopped delivering it'}`))].join(' ');
	return new NodeOperationError(context.getNode(), `Tripletex has disabled this trigger's subscription: ${list}`, {
		description:
			`${reasons} Tripletex does not deliver events to a disabled subscription and does not resend them, so events since it was disabled have not reached this workflow. ` +
			'Fix the cause (n8n reachable at its HTTPS webhook URL, answering quickly), then activate the workflow again: the disabled subscription is deleted and a new one created. ' +
			'Then run a full sync (e.g. Get Many by date) for the time it was disabled.',
	});
}

/**
 * True when every chosen event has a live subscription to this webhook URL with the payload
 * fields asked for. Subscriptions Tripletex no longer has are forgotten (create makes them
 * again); ones no longer wanted (event removed, URL or fields changed) are deleted. A disabled
 * subscription fails the activation with its status and what to do.
 */
export async function subscriptionsExist(this: IHookFunctions): Promise<boolean> {
	const { targetUrl, events, fields } = await readSettings.call(this);
	const staticData = this.getWorkflowStaticData('node');
	const kept: StoredSubscription[] = [];
	const disabled: Array<{ subscription: StoredSubscription; status: string }> = [];
	for (const subscription of storedSubscriptions(staticData)) {
		const current = await readSubscription.call(this, subscription.id);
		if (!current) continue;
		const status = String(current.status ?? 'ACTIVE');
		if (status.startsWith('DISABLED')) {
			disabled.push({ subscription, status });
			continue;
		}
		const wanted =
			events.includes(subscription.event) &&
			current.event === subscription.event &&
			(current.targetUrl === undefined || current.targetUrl === targetUrl) &&
			subscription.fields === fields &&
			!kept.some((other) => other.event === subscription.event);
		if (wanted) kept.push(subscription);
		else await deleteSubscription.call(this, subscription.id);
	}
	if (disabled.length) throw disabledError(this, disabled);
	storeSubscriptions(staticData, kept);
	return events.every((event) => kept.some((subscription) => subscription.event === event));
}

/**
 * Subscribes each chosen event that has no subscription yet, with a new random HMAC secret
 * each. Subscriptions to this webhook URL that static data does not list (a create whose answer
 * was lost, an activation whose state was not saved) are deleted first: their secrets are not
 * known, so their deliveries could not be verified.
 */
export async function createSubscriptions(this: IHookFunctions): Promise<boolean> {
	const { targetUrl, events, fields } = await readSettings.call(this);
	const staticData = this.getWorkflowStaticData('node');
	const stored = storedSubscriptions(staticData);
	for (const orphan of await subscriptionsTo.call(this, targetUrl)) {
		if (!stored.some((subscription) => subscription.id === orphan.id)) await deleteSubscription.call(this, Number(orphan.id));
	}
	for (const event of events) {
		if (stored.some((subscription) => subscription.event === event)) continue;
		const secret = randomBytes(32).toString('base64url');
		const body: IDataObject = { event, targetUrl, hmacSharedSecret: secret };
		if (fields) body.fields = fields;
		const response = await tripletexRequest.call(this, 'POST', SUBSCRIPTIONS, { body });
		const id = Number((response.value as IDataObject | undefined)?.id);
		if (!Number.isInteger(id) || id <= 0) {
			throw new NodeOperationError(this.getNode(), `Tripletex answered the subscription to "${event}" without an id`);
		}
		stored.push({ id, event, fields, secret });
		storeSubscriptions(staticData, stored);
	}
	return true;
}

/**
 * Unsubscribes: every subscription in static data, and any other to this webhook URL. One that
 * cannot be deleted now stays in static data (the next activation finds and reuses or deletes
 * it) and the answer is false, as n8n's own triggers do.
 */
export async function deleteSubscriptions(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const left: StoredSubscription[] = [];
	for (const subscription of storedSubscriptions(staticData)) {
		try {
			await deleteSubscription.call(this, subscription.id);
		} catch {
			left.push(subscription);
		}
	}
	let complete = left.length === 0;
	try {
		const targetUrl = this.getNodeWebhookUrl('default');
		if (targetUrl) {
			for (const other of await subscriptionsTo.call(this, targetUrl)) {
				if (!left.some((subscription) => subscription.id === other.id)) await deleteSubscription.call(this, Number(other.id));
			}
		}
	} catch {
		complete = false;
	}
	storeSubscriptions(staticData, left);
	return complete;
}
