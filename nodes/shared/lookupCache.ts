/**
 * Per-execution memo of lookups (account by number, VAT type by code...). Promises are
 * cached, so items running concurrently share one request; failures are not cached.
 */
export class LookupCache {
	private readonly entries = new Map<string, Promise<unknown>>();

	has(key: string): boolean {
		return this.entries.has(key);
	}

	/** Seeds an entry from a batch request (e.g. many account numbers in one call). */
	set<T>(key: string, pending: Promise<T>): void {
		this.entries.set(key, pending);
		pending.catch(() => this.entries.delete(key));
	}

	async get<T>(key: string, load: () => Promise<T>): Promise<T> {
		const cached = this.entries.get(key);
		if (cached) return await (cached as Promise<T>);
		const pending = load();
		this.set(key, pending);
		return await pending;
	}
}
