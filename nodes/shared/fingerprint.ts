import { createHash } from 'crypto';

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
function stableJson(value: unknown): string {
	if (value === undefined) return 'null';
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('base64'));
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, entry]) => entry !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(',')}}`;
}

/**
 * A one-way digest of a value: keys for locks, limiters and the ledger are built from
 * credentials (tokens, client IDs) and payloads, and must never carry them in clear.
 */
export function fingerprint(...parts: unknown[]): string {
	return createHash('sha256').update(stableJson(parts)).digest('hex').slice(0, 32);
}
