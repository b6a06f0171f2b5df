import { randomBytes } from 'node:crypto';

import { BearerTokenStore, type IssuedToken } from '../framework/tokens';
import type { ApiKeyGrant } from './config';

export { bearerToken } from '../framework/tokens';

export interface AccessToken extends IssuedToken {
	clientId: string;
	companyId: number;
	userId: number;
}

export class TokenStore extends BearerTokenStore<AccessToken> {
	issue(grant: ApiKeyGrant, userId: number, now: number, lifetimeMs: number): AccessToken {
		return this.add(randomBytes(24).toString('base64url'), { clientId: grant.clientId, companyId: grant.companyId, userId }, now, lifetimeMs);
	}

	protected describe(t: AccessToken): Record<string, unknown> {
		return { clientId: t.clientId, companyId: t.companyId, userId: t.userId };
	}
}
