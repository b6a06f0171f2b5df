import { randomBytes } from 'node:crypto';

import type { ApiKeyGrant } from './config';

export interface AccessToken {
	id: number;
	/** The bearer value. Never logged or exposed by the control endpoint. */
	token: string;
	clientId: string;
	companyId: number;
	userId: number;
	createdAt: number;
	expiresAt: number;
	revoked: boolean;
}

export class TokenStore {
	private readonly tokens = new Map<string, AccessToken>();
	private nextId = 1;

	issue(grant: ApiKeyGrant, userId: number, now: number, lifetimeMs: number): AccessToken {
		const token: AccessToken = {
			id: this.nextId++,
			token: randomBytes(24).toString('base64url'),
			clientId: grant.clientId,
			companyId: grant.companyId,
			userId,
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

	isActive(token: AccessToken, now: number): boolean {
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
			clientId: t.clientId,
			companyId: t.companyId,
			userId: t.userId,
			expiresAt: new Date(t.expiresAt).toISOString(),
			active: this.isActive(t, now),
		}));
	}
}

export function bearerToken(header: string | undefined): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match?.[1];
}
