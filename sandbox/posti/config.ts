import {
	CONTRACT_NUMBER,
	DEFAULT_API_KEY,
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_GATEWAY_SECRET,
	ROLE_PICKUP_POINTS,
	ROLE_SHIPPING,
	SHIPPING_ONLY_CLIENT_ID,
	TRANSPORT_ID,
} from './seed';

/** An OmaPosti Pro Integrations-page key (v1, sent raw in Authorization). */
export interface PostiApiKeyGrant {
	apiKey: string;
	/** Contract numbers / transport ids the key may ship under (senderPartners[].custNo). */
	contracts: string[];
}

/** A developer.posti.com application account user (v2, OAuth client_credentials). */
export interface PostiClientGrant {
	clientId: string;
	clientSecret: string;
	/** API roles, e.g. `shippingapi`, `2025-04`. */
	roles: string[];
	contracts: string[];
}

export interface PostiConfig {
	apiKeys: PostiApiKeyGrant[];
	clients: PostiClientGrant[];
	/** `x-gateway-secret` every call under /demo needs, except the token call. */
	gatewaySecret: string;
	/** Access-token lifetime (Posti: 3600 s). */
	tokenLifetimeMs: number;
	/** How long a label link answers after the create (Posti: 1 h). */
	labelLifetimeMs: number;
}

export function defaultPostiConfig(): PostiConfig {
	const contracts = [CONTRACT_NUMBER, TRANSPORT_ID];
	return {
		apiKeys: [{ apiKey: DEFAULT_API_KEY, contracts }],
		clients: [
			{ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, roles: [ROLE_SHIPPING, ROLE_PICKUP_POINTS], contracts },
			{ clientId: SHIPPING_ONLY_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, roles: [ROLE_SHIPPING], contracts },
		],
		gatewaySecret: DEFAULT_GATEWAY_SECRET,
		tokenLifetimeMs: 3_600_000,
		labelLifetimeMs: 3_600_000,
	};
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Validates and merges a partial config; throws Error naming the bad key. */
export function mergePostiConfig(current: PostiConfig, patch: Record<string, unknown>): PostiConfig {
	const next = structuredClone(current);
	for (const [key, value] of Object.entries(patch)) {
		switch (key) {
			case 'apiKeys':
				if (!Array.isArray(value) || value.some((k) => typeof k?.apiKey !== 'string' || !isStringArray(k?.contracts))) {
					throw new Error('apiKeys must be an array of {apiKey, contracts: string[]}');
				}
				next.apiKeys = value.map((k: PostiApiKeyGrant) => ({ apiKey: k.apiKey, contracts: [...k.contracts] }));
				break;
			case 'clients':
				if (
					!Array.isArray(value) ||
					value.some(
						(c) =>
							typeof c?.clientId !== 'string' ||
							typeof c?.clientSecret !== 'string' ||
							!isStringArray(c?.roles) ||
							!isStringArray(c?.contracts),
					)
				) {
					throw new Error('clients must be an array of {clientId, clientSecret, roles: string[], contracts: string[]}');
				}
				next.clients = value.map((c: PostiClientGrant) => ({
					clientId: c.clientId,
					clientSecret: c.clientSecret,
					roles: [...c.roles],
					contracts: [...c.contracts],
				}));
				break;
			case 'gatewaySecret':
				if (typeof value !== 'string' || value === '') throw new Error('gatewaySecret must be a non-empty string');
				next.gatewaySecret = value;
				break;
			case 'tokenLifetimeMs':
			case 'labelLifetimeMs':
				if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error(`${key} must be a number > 0`);
				next[key] = value;
				break;
			default:
				throw new Error(`unknown Posti config key "${key}"`);
		}
	}
	return next;
}
