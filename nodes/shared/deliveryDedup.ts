import { LEDGER_MAX_ENTRIES, LEDGER_TTL_MS } from './coordination';
import type { NodeContext } from './coordinationFor';
import { coordinationFor } from './coordinationFor';
import { fingerprint } from './fingerprint';

/**
 * How long, and for how many keys, a delivery is remembered: the coordination ledger's window
 * (24 hours; at most 10,000 entries, shared with the ledger of writes, oldest dropped first).
 */
export const DELIVERY_DEDUP_WINDOW = { ttlMs: LEDGER_TTL_MS, maxEntries: LEDGER_MAX_ENTRIES };

/**
 * Claims a webhook delivery by the key its sender gives every copy of it (Tripletex's
 * `idempotency-key`), within `scope` (e.g. workflow and node): true for the first claim,
 * false for a copy seen within the window, including a copy arriving at the same moment (the
 * check and the record run under the coordination lock on the key).
 *
 * Process-wide: static data is saved per execution, so it cannot stop two copies that arrive
 * together. With the in-process backend this holds within one n8n process (the main process,
 * or the one webhook processor); with the node's Coordination set to Redis it holds across them.
 */
export async function claimDelivery(context: NodeContext, scope: unknown[], deliveryKey: string): Promise<boolean> {
	const key = `delivery:${fingerprint(...scope, deliveryKey)}`;
	const backend = await coordinationFor(context);
	return await backend.withLock(key, async () => {
		if (await backend.ledger.get(key)) return false;
		await backend.ledger.set(key, { state: 'written', at: Date.now() });
		return true;
	});
}
