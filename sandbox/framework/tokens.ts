/** What every bearer token an emulator issues carries; each emulator adds whom it was issued to. */
export interface IssuedToken {
	id: number;
	/** The bearer value. Never logged or exposed by the control endpoint. */
	token: string;
	createdAt: number;
	expiresAt: number;
	revoked: boolean;
}

/** The fields an emulator gives a token besides those the store sets. */
export type TokenFields<T extends IssuedToken> = Omit<T, keyof IssuedToken>;

/**
 * The OAuth access tokens one emulator issued, by bearer value. Subclasses issue them (their
 * own value format and fields) and say what the control endpoint shows of each.
 */
export abstract class BearerTokenStore<T extends IssuedToken> {
	private readonly tokens = new Map<string, T>();
	private nextId = 1;

	/** Keeps a new token that is valid for `lifetimeMs` from `now`. */
	protected add(value: string, fields: TokenFields<T>, now: number, lifetimeMs: number): T {
		const token = { id: this.nextId++, token: value, ...fields, createdAt: now, expiresAt: now + lifetimeMs, revoked: false } as T;
		this.tokens.set(token.token, token);
		return token;
	}

	/** What the control endpoint shows of a token besides its id, expiry and state (never the value). */
	protected abstract describe(token: T): Record<string, unknown>;

	find(token: string | undefined): T | undefined {
		return token === undefined ? undefined : this.tokens.get(token);
	}

	isActive(token: T, now: number): boolean {
		return !token.revoked && now < token.expiresAt;
	}

	/** Ends one token or, without one, all of them. */
	expire(token?: string): void {
		for (const t of this.tokens.values()) if (token === undefined || t.token === token) t.revoked = true;
	}

	clear(): void {
		this.tokens.clear();
	}

	snapshot(now: number): unknown[] {
		return [...this.tokens.values()].map((t) => ({
			id: t.id,
			...this.describe(t),
			expiresAt: new Date(t.expiresAt).toISOString(),
			active: this.isActive(t, now),
		}));
	}
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match?.[1];
}
