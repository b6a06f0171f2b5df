/**
 * What every Posti route shares: the two environments on one port (production-like at the
 * root, demo-like under /demo with the x-gateway-secret check), the two auth modes (raw
 * API key for v1, Bearer token for v2 and the 2025-04 APIs) and role checks.
 */
import type { Router } from '../framework/router';
import type { SandboxRequest, SandboxResponse } from '../framework/types';
import type { PostiApiKeyGrant, PostiConfig } from './config';
import { gatewayError, gatewayForbidden, messageError } from './errors';
import type { ShipmentStore } from './state';
import { bearerToken, type AccessToken, type PostiEnvironment, type TokenStore } from './tokens';

export const DEMO_PREFIX = '/demo';

export interface PostiCore {
	readonly config: PostiConfig;
	readonly tokens: TokenStore;
	readonly store: ShipmentStore;
	now(): number;
}

/** Who is calling: an API key (v1) or an OAuth token (v2, 2025-04). */
export type Caller =
	| { kind: 'apiKey'; grant: PostiApiKeyGrant; contracts: string[]; label: string }
	| { kind: 'token'; token: AccessToken; contracts: string[]; label: string };

export type AuthMode = 'none' | 'apiKey' | 'bearer';

export interface RouteOptions {
	auth: AuthMode;
	/** Role a Bearer token must have. */
	role?: string;
	/** Also answer under /demo without x-gateway-secret (only the token endpoint). Default false. */
	noGatewaySecret?: boolean;
}

export class Ctx {
	constructor(
		readonly core: PostiCore,
		readonly req: SandboxRequest,
		readonly environment: PostiEnvironment,
		private readonly who: Caller | undefined,
	) {}

	get caller(): Caller {
		if (!this.who) throw new Error('route has no caller');
		return this.who;
	}

	now(): number {
		return this.core.now();
	}

	/** `http://host:port` plus /demo in demo: the gateway G the request came to. */
	gateway(): string {
		const proto = headerValue(this.req.headers['x-forwarded-proto']) ?? 'http';
		const host = headerValue(this.req.headers.host) ?? '127.0.0.1';
		return `${proto}://${host}${this.environment === 'demo' ? DEMO_PREFIX : ''}`;
	}
}

export type Handler = (ctx: Ctx) => SandboxResponse | Promise<SandboxResponse>;

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export function environmentOf(path: string): PostiEnvironment {
	return path === DEMO_PREFIX || path.startsWith(`${DEMO_PREFIX}/`) ? 'demo' : 'production';
}

/** Under /demo every call except the token call needs the gateway secret (CloudFront answers 403). */
export function checkGatewaySecret(core: PostiCore, req: SandboxRequest): void {
	if (environmentOf(req.path) !== 'demo') return;
	if (headerValue(req.headers['x-gateway-secret']) !== core.config.gatewaySecret) throw gatewayForbidden();
}

/** Registers the route at the root (production-like) and under /demo. */
export function addRoute(router: Router, core: PostiCore, method: string, template: string, handler: Handler, options: RouteOptions): void {
	for (const environment of ['production', 'demo'] as const) {
		const path = environment === 'demo' ? `${DEMO_PREFIX}${template}` : template;
		router.add(method, path, async (req) => {
			if (!options.noGatewaySecret) checkGatewaySecret(core, req);
			const caller = authenticate(core, req, environment, options);
			return handler(new Ctx(core, req, environment, caller));
		});
	}
}

function authenticate(core: PostiCore, req: SandboxRequest, environment: PostiEnvironment, options: RouteOptions): Caller | undefined {
	if (options.auth === 'none') return undefined;
	if (options.auth === 'apiKey') {
		const grant = apiKeyGrant(core, req.headers.authorization);
		if (!grant) throw messageError(401, 'Unauthorized');
		return { kind: 'apiKey', grant, contracts: grant.contracts, label: `apiKey:${maskKey(grant.apiKey)}` };
	}
	const token = authenticateBearer(core, req, environment);
	if (options.role && !token.roles.includes(options.role)) {
		throw gatewayError(403, 'FORBIDDEN', `The API client has no access to this API: role ${options.role} is missing`);
	}
	return { kind: 'token', token, contracts: token.contracts, label: `client:${token.clientId}` };
}

export function apiKeyGrant(core: PostiCore, header: string | undefined): PostiApiKeyGrant | undefined {
	const value = (header ?? '').trim();
	if (!value) return undefined;
	return core.config.apiKeys.find((k) => k.apiKey === value);
}

export function authenticateBearer(core: PostiCore, req: SandboxRequest, environment: PostiEnvironment): AccessToken {
	const value = bearerToken(req.headers.authorization);
	if (!value) throw gatewayError(401, 'UNAUTHORIZED', 'Missing or malformed Authorization header: use "Bearer <access_token>"');
	const token = core.tokens.find(value);
	if (!token) throw gatewayError(401, 'INVALID_TOKEN', 'Invalid access token');
	if (token.environment !== environment) {
		throw gatewayError(401, 'INVALID_TOKEN', `Invalid access token: it was issued by the ${token.environment} token endpoint`);
	}
	if (core.tokens.isExpired(token, core.now())) throw gatewayError(401, 'EXPIRED', 'Access token has expired');
	return token;
}

/** First four characters only: enough to tell keys apart in state, never the key. */
export function maskKey(key: string): string {
	return `${key.slice(0, 4)}…`;
}
