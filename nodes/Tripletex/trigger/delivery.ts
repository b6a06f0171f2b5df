/**
 * One delivery from Tripletex: checked against the subscription's HMAC secret, claimed by its
 * idempotency key (a copy is answered 200 and starts nothing), then one output item. Never
 * throws: n8n would answer 500 and still start an execution.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { claimDelivery } from '../../shared/deliveryDedup';
import { tripletexRequest } from '../transport';
import { isDeleteEvent, recordPath } from './records';
import { signatureMatches } from './signature';
import { storedSubscriptions } from './staticData';

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']> & {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
};

interface Delivery {
	subscriptionId: number;
	event: string;
	id: number;
	value: IDataObject | null;
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first !== '' ? first : undefined;
}

/** The body as it arrived: n8n 1.x and 2.x keep it as `rawBody` once they have read it. */
async function rawBodyOf(request: WebhookRequest): Promise<Buffer | undefined> {
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	const raw = request.rawBody as unknown;
	if (Buffer.isBuffer(raw)) return raw;
	return typeof raw === 'string' ? Buffer.from(raw) : undefined;
}

function parseDelivery(raw: Buffer): Delivery | undefined {
	try {
		const body = JSON.parse(raw.toString('utf8')) as IDataObject;
		const subscriptionId = Number(body.subscriptionId);
		const id = Number(body.id);
		if (!Number.isInteger(subscriptionId) || typeof body.event !== 'string' || !Number.isFinite(id)) return undefined;
		const value = body.value && typeof body.value === 'object' ? (body.value as IDataObject) : null;
		return { subscriptionId, event: body.event, id, value };
	} catch {
		return undefined;
	}
}

function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

async function fetchRecord(context: IWebhookFunctions, delivery: Delivery): Promise<IDataObject> {
	if (isDeleteEvent(delivery.event)) return { record: null };
	const path = recordPath(delivery.event, delivery.id);
	if (!path) return { record: null, recordError: `Tripletex has no record to read for "${delivery.event}" events` };
	const fields = String(context.getNodeParameter('recordFields', '*') || '*');
	try {
		const response = await tripletexRequest.call(context, 'GET', path, { qs: { fields } });
		return { record: (response.value as IDataObject | undefined) ?? null };
	} catch (error) {
		// The event itself is never dropped for it: the item says why the record is missing.
		return { record: null, recordError: (error as Error).message };
	}
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const headers = this.getHeaderData() as IDataObject;
	const idempotencyKey = header(headers, 'idempotency-key');
	const signature = header(headers, 'x-request-signature');
	const raw = await rawBodyOf(this.getRequestObject() as WebhookRequest);
	// Each refusal says which check failed (none of it is secret); all are 401 and start nothing.
	if (!raw) return answer(this, 401, { message: 'The request body could not be read, so its signature cannot be checked' });
	if (!idempotencyKey || !signature) return answer(this, 401, { message: 'The idempotency-key or x-request-signature header is missing' });
	const delivery = parseDelivery(raw);
	if (!delivery) return answer(this, 401, { message: 'The body is not a Tripletex event delivery' });
	const subscription = storedSubscriptions(this.getWorkflowStaticData('node')).find((entry) => entry.id === delivery.subscriptionId);
	if (!subscription) return answer(this, 401, { message: `Subscription ${delivery.subscriptionId} is not one of this trigger's` });
	if (!signatureMatches(subscription.secret, idempotencyKey, raw, signature)) return answer(this, 401, { message: 'The signature does not match' });

	const workflow = this.getWorkflow();
	const first = await claimDelivery(this, ['tripletexTrigger', workflow.id, this.getNode().id], idempotencyKey);
	if (!first) return answer(this, 200, { message: 'Duplicate delivery ignored' });

	const json: IDataObject = {
		event: delivery.event,
		id: delivery.id,
		subscriptionId: delivery.subscriptionId,
		value: delivery.value,
		idempotencyKey,
	};
	if (this.getNodeParameter('fetchFullRecord', false)) Object.assign(json, await fetchRecord(this, delivery));
	return { workflowData: [[{ json }]] };
}
