import {
	DEFAULT_ACTIVATION_REQUEST_ID,
	DEFAULT_API_KEY,
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_INTEGRATION_ID,
	OWN_COMPANY,
	SECOND_COMPANY,
} from './seed';

/** An integration (client application) registered with Procountor. */
export interface ClientGrant {
	clientId: string;
	clientSecret: string;
}

/** An API key a customer created for one client, bound to one user and one company. */
export interface ApiKeyGrant {
	apiKey: string;
	clientId: string;
	companyId: number;
	userId?: number;
}

export interface ActivationRequestConfig {
	requestId: string;
	integrationId: number;
	/** Companies the customer picked (ids from the seed). */
	companyIds: number[];
	/** When the request expires (ISO instant); null = 24 h after the emulator (re)starts. */
	expires: string | null;
}

export interface ProcountorConfig {
	clients: ClientGrant[];
	apiKeys: ApiKeyGrant[];
	/** Access-token lifetime (Procountor: 3600 s). */
	tokenLifetimeMs: number;
	/** Self-service activation requests waiting for the integrator (GET/PUT /integrations/{requestId}). */
	activationRequests: ActivationRequestConfig[];
	/** Status of every answer while a client is suspended for exceeding 20 requests/s (undocumented by Procountor). */
	suspensionStatus: number;
}

export function defaultProcountorConfig(): ProcountorConfig {
	return {
		clients: [{ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }],
		apiKeys: [{ apiKey: DEFAULT_API_KEY, clientId: DEFAULT_CLIENT_ID, companyId: OWN_COMPANY.id, userId: OWN_COMPANY.userId }],
		tokenLifetimeMs: 3_600_000,
		activationRequests: [
			{
				requestId: DEFAULT_ACTIVATION_REQUEST_ID,
				integrationId: DEFAULT_INTEGRATION_ID,
				companyIds: [OWN_COMPANY.id, SECOND_COMPANY.id],
				expires: null,
			},
		],
		suspensionStatus: 403,
	};
}

/** Validates and merges a partial config; throws Error naming the bad key. */
export function mergeProcountorConfig(current: ProcountorConfig, patch: Record<string, unknown>): ProcountorConfig {
	const next = structuredClone(current);
	for (const [key, value] of Object.entries(patch)) {
		switch (key) {
			case 'clients':
				if (!Array.isArray(value) || value.some((c) => typeof c?.clientId !== 'string' || typeof c?.clientSecret !== 'string')) {
					throw new Error('clients must be an array of {clientId, clientSecret}');
				}
				next.clients = value.map((c: ClientGrant) => ({ clientId: c.clientId, clientSecret: c.clientSecret }));
				break;
			case 'apiKeys':
				if (
					!Array.isArray(value) ||
					value.some((k) => typeof k?.apiKey !== 'string' || typeof k?.clientId !== 'string' || typeof k?.companyId !== 'number')
				) {
					throw new Error('apiKeys must be an array of {apiKey, clientId, companyId, userId?}');
				}
				next.apiKeys = value.map((k: ApiKeyGrant) => ({
					apiKey: k.apiKey,
					clientId: k.clientId,
					companyId: k.companyId,
					...(typeof k.userId === 'number' ? { userId: k.userId } : {}),
				}));
				break;
			case 'tokenLifetimeMs':
				if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error('tokenLifetimeMs must be a number > 0');
				next.tokenLifetimeMs = value;
				break;
			case 'activationRequests':
				if (!Array.isArray(value)) throw new Error('activationRequests must be an array');
				next.activationRequests = value.map((r, i) => {
					const req = r as Partial<ActivationRequestConfig>;
					if (typeof req?.requestId !== 'string') throw new Error(`activationRequests[${i}].requestId must be a string`);
					if (req.expires !== undefined && req.expires !== null && Number.isNaN(Date.parse(req.expires))) {
						throw new Error(`activationRequests[${i}].expires must be an ISO instant or null`);
					}
					return {
						requestId: req.requestId,
						integrationId: typeof req.integrationId === 'number' ? req.integrationId : DEFAULT_INTEGRATION_ID,
						companyIds: Array.isArray(req.companyIds) ? req.companyIds.filter((n) => typeof n === 'number') : [OWN_COMPANY.id],
						expires: req.expires ?? null,
					};
				});
				break;
			case 'suspensionStatus':
				if (typeof value !== 'number' || !Number.isInteger(value) || value < 400 || value > 599) {
					throw new Error('suspensionStatus must be an HTTP status 400-599');
				}
				next.suspensionStatus = value;
				break;
			default:
				throw new Error(`unknown Procountor config key "${key}"`);
		}
	}
	return next;
}
