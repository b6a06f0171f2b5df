import { randomUUID } from 'node:crypto';

import type { EmployeeTokenGrant } from './config';
import { osloMidnight } from './dates';

export interface Session {
	id: number;
	/** The session token (Basic password). Never logged or exposed by the control endpoint. */
	token: string;
	consumerTokenId: number;
	employeeTokenId: number;
	grant: EmployeeTokenGrant;
	expirationDate: string;
	createdAt: number;
	/** Epoch ms after which the token is refused. */
	expiresAt: number;
	revoked: boolean;
}

export class SessionStore {
	private readonly sessions = new Map<string, Session>();
	private nextId = 700001;

	create(input: {
		grant: EmployeeTokenGrant;
		consumerTokenId: number;
		employeeTokenId: number;
		expirationDate: string;
		now: number;
		lifetimeMs: number | null;
	}): Session {
		const id = this.nextId++;
		// Tripletex session tokens are base64 of {"tokenId":…,"token":"<uuid>"}.
		const token = Buffer.from(JSON.stringify({ tokenId: id, token: randomUUID() })).toString('base64');
		const endOfDate = osloMidnight(input.expirationDate);
		const session: Session = {
			id,
			token,
			consumerTokenId: input.consumerTokenId,
			employeeTokenId: input.employeeTokenId,
			grant: input.grant,
			expirationDate: input.expirationDate,
			createdAt: input.now,
			expiresAt: input.lifetimeMs === null ? endOfDate : Math.min(endOfDate, input.now + input.lifetimeMs),
			revoked: false,
		};
		this.sessions.set(token, session);
		return session;
	}

	find(token: string): Session | undefined {
		return this.sessions.get(token);
	}

	isActive(session: Session, now: number): boolean {
		return !session.revoked && now < session.expiresAt;
	}

	/** Ends one session (by token) or, without a token, all of them. */
	expire(token?: string): void {
		for (const session of this.sessions.values()) {
			if (token === undefined || session.token === token) session.revoked = true;
		}
	}

	delete(token: string): boolean {
		return this.sessions.delete(token);
	}

	clear(): void {
		this.sessions.clear();
	}

	snapshot(now: number): unknown[] {
		return [...this.sessions.values()].map((s) => ({
			id: s.id,
			employeeId: s.grant.employeeId,
			companyId: s.grant.companyId,
			expirationDate: s.expirationDate,
			expiresAt: new Date(s.expiresAt).toISOString(),
			active: this.isActive(s, now),
		}));
	}
}

export function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
