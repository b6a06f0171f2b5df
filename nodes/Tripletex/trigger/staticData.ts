import type { IDataObject } from 'n8n-workflow';

/**
 * One Tripletex subscription this trigger made, as kept in the node's static data. `secret` is
 * the HMAC secret sent with it: Tripletex never returns it, deliveries are checked with it, and
 * it never goes into an output item, a message or a log.
 */
export interface StoredSubscription {
	id: number;
	event: string;
	/** The payload fields asked for ('' for Tripletex's default). */
	fields: string;
	secret: string;
}

function isStoredSubscription(value: unknown): value is StoredSubscription {
	const entry = value as Partial<StoredSubscription> | null;
	return (
		typeof entry === 'object' &&
		entry !== null &&
		typeof entry.id === 'number' &&
		typeof entry.event === 'string' &&
		typeof entry.secret === 'string' &&
		entry.secret !== ''
	);
}

export function storedSubscriptions(staticData: IDataObject): StoredSubscription[] {
	const list = staticData.subscriptions;
	return Array.isArray(list) ? list.filter(isStoredSubscription).map((entry) => ({ ...entry, fields: entry.fields ?? '' })) : [];
}

export function storeSubscriptions(staticData: IDataObject, subscriptions: StoredSubscription[]): void {
	if (subscriptions.length === 0) delete staticData.subscriptions;
	else staticData.subscriptions = subscriptions.map((entry) => ({ ...entry })) as unknown as IDataObject[];
}
