import {
	CONTRACT_NUMBER,
	DEFAULT_API_KEY,
	DEFAULT_TRACKING_ACCOUNT,
	DEFAULT_TRACKING_SECRET,
	TRACKING_NO_EVENT_SEARCH_ACCOUNT,
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

/** A Posti service account for the Tracking API (HTTP Basic at /oauth/token). */
export interface PostiTrackingAccount {
	accountName: string;
	secret: string;
	/** "normal" access (external: the contracts' shipments) or "public" (any shipment, fewer fields). */
	access: 'external' | 'public';
	contracts: string[];
	/** The restricted GET /tracking/7/shipments/event/date. */
	eventSearch: boolean;
}

export interface PostiConfig {
	apiKeys: PostiApiKeyGrant[];
	clients: PostiClientGrant[];
	trackingAccounts: PostiTrackingAccount[];
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
		trackingAccounts: [
			{ accountName: DEFAULT_TRACKING_ACCOUNT, secret: DEFAULT_TRACKING_SECRET, access: 'external', contracts, eventSearch: true },
			{ accountName: TRACKING_NO_EVENT_SEARCH_ACCOUNT, secret: DEFAULT_TRACKING_SECRET, access: 'external', contracts, eventSearch: false },
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
			case 'trackingAccounts':
				if (
					!Array.isArray(value) ||
					value.some(
						(a) =>
							typeof a?.accountName !== 'string' ||
							typeof a?.secret !== 'string' ||
							(a?.access !== 'external' && a?.access !== 'public') ||
							!isStringArray(a?.contracts) ||
							typeof a?.eventSearch !== 'boolean',
					)
				) {
					throw new Error("trackingAccounts must be an array of {accountName, secret, access: 'external'|'public', contracts: string[], eventSearch: boolean}");
				}
				next.trackingAccounts = value.map((a: PostiTrackingAccount) => ({ ...a, contracts: [...a.contracts] }));
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
