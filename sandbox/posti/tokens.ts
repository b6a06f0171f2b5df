import { randomBytes } from 'node:crypto';

import type { PostiClientGrant } from './config';

/** `production` = the root of the port, `demo` = under /demo. A token works only where it was issued. */
export type PostiEnvironment = 'production' | 'demo';

export interface AccessToken {
	id: number;
	/** The bearer value (`PostiExt.1.…`). Never logged or exposed by the control endpoint. */
	token: string;
	clientId: string;
	roles: string[];
	contracts: string[];
	environment: PostiEnvironment;
	createdAt: number;
	expiresAt: number;
	revoked: boolean;
}

export class TokenStore {
	private readonly tokens = new Map<string, AccessToken>();
	private nextId = 1;

	issue(client: PostiClientGrant, environment: PostiEnvironment, now: number, lifetimeMs: number): AccessToken {
		const token: AccessToken = {
			id: this.nextId++,
			// Real tokens are opaque and long (~2350 characters); length matters for header limits only.
			token: `PostiExt.1.${randomBytes(96).toString('base64url')}`,
			clientId: client.clientId,
			roles: [...client.roles],
			contracts: [...client.contracts],
			environment,
			createdAt: now,
			expiresAt: now + lifetimeMs,
			revoked: false,
		};
		this.tokens.set(token.token, token);
		return token;
	}

	find(token: string | undefined): AccessToken | undefined {
		return token === undefined ? undefined : this.tokens.get(token);
	}

	isExpired(token: AccessToken, now: number): boolean {
		return token.revoked || now >= token.expiresAt;
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
			clientId: t.clientId,
			roles: t.roles,
			environment: t.environment,
			expiresAt: new Date(t.expiresAt).toISOString(),
			active: !this.isExpired(t, now),
		}));
	}
}

export function bearerToken(header: string | undefined): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match?.[1];
}
