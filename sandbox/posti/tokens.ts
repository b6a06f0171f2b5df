import { randomBytes } from 'node:crypto';

import { BearerTokenStore, type IssuedToken } from '../framework/tokens';
import type { PostiClientGrant } from './config';

export { bearerToken } from '../framework/tokens';

/** `production` = the root of the port, `demo` = under /demo. A token works only where it was issued. */
export type PostiEnvironment = 'production' | 'demo';

/** `token` is the bearer value (`PostiExt.1.…`). */
export interface AccessToken extends IssuedToken {
	clientId: string;
	roles: string[];
	contracts: string[];
	environment: PostiEnvironment;
}

export class TokenStore extends BearerTokenStore<AccessToken> {
	issue(client: PostiClientGrant, environment: PostiEnvironment, now: number, lifetimeMs: number): AccessToken {
		// Real tokens are opaque and long (~2350 characters); length matters for header limits only.
		const value = `PostiExt.1.${randomBytes(96).toString('base64url')}`;
		const fields = { clientId: client.clientId, roles: [...client.roles], contracts: [...client.contracts], environment };
		return this.add(value, fields, now, lifetimeMs);
	}

	isExpired(token: AccessToken, now: number): boolean {
		return !this.isActive(token, now);
	}

	protected describe(t: AccessToken): Record<string, unknown> {
		return { clientId: t.clientId, roles: t.roles, environment: t.environment };
	}
}
