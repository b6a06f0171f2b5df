import {
	CLIENT_COMPANIES,
	DEFAULT_CONSUMER_TOKEN,
	DEFAULT_EMPLOYEE_ID,
	DEFAULT_EMPLOYEE_TOKEN,
	OWN_COMPANY_ID,
} from './seed';
import { checkWebhookSettings, defaultWebhookSettings, type WebhookSettings } from './webhooks';

/** An employee token a customer created in Tripletex ("API-tilgang -> Ny nøkkel"). */
export interface EmployeeTokenGrant {
	token: string;
	employeeId: number;
	/** The company the token belongs to (Basic username 0 or blank). */
	companyId: number;
	/** Accountant clients the token may act for (Basic username = client company id). */
	clientCompanyIds: number[];
	/** The consumer token (application) the employee token was created for; any when absent. */
	consumerToken?: string;
}

export interface TripletexConfig {
	consumerTokens: string[];
	employeeTokens: EmployeeTokenGrant[];
	/**
	 * Extra cap on a session's life in ms (null = none). Sessions always end at 00:00
	 * Europe/Oslo on their expirationDate; this lets tests expire one mid-batch.
	 */
	sessionLifetimeMs: number | null;
	/**
	 * How `POST /token/session/:create` answers. 'not-found' and 'method-not-allowed'
	 * imitate servers older than API 2.74 (no POST) or a wrong Base URL, to check that the
	 * node then fails clearly and never falls back to the PUT (tokens in the query string).
	 */
	sessionCreateWithBody: 'enabled' | 'not-found' | 'method-not-allowed';
	/** Webhook deliveries: retry back-off, timeout, delay, when a failing subscription is disabled. */
	webhooks: WebhookSettings;
}

export function defaultTripletexConfig(): TripletexConfig {
	return {
		consumerTokens: [DEFAULT_CONSUMER_TOKEN],
		employeeTokens: [
			{
				token: DEFAULT_EMPLOYEE_TOKEN,
				employeeId: DEFAULT_EMPLOYEE_ID,
				companyId: OWN_COMPANY_ID,
				clientCompanyIds: CLIENT_COMPANIES.map((c) => c.id),
				consumerToken: DEFAULT_CONSUMER_TOKEN,
			},
		],
		sessionLifetimeMs: null,
		sessionCreateWithBody: 'enabled',
		webhooks: defaultWebhookSettings(),
	};
}

/** Validates and merges a partial config; throws Error naming the bad key. */
export function mergeTripletexConfig(current: TripletexConfig, patch: Record<string, unknown>): TripletexConfig {
	const next: TripletexConfig = structuredClone(current);
	for (const [key, value] of Object.entries(patch)) {
		switch (key) {
			case 'consumerTokens':
				if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error('consumerTokens must be an array of strings');
				next.consumerTokens = value as string[];
				break;
			case 'employeeTokens':
				if (!Array.isArray(value)) throw new Error('employeeTokens must be an array');
				next.employeeTokens = value.map((grant, i) => {
					const g = grant as Partial<EmployeeTokenGrant>;
					if (typeof g?.token !== 'string') throw new Error(`employeeTokens[${i}].token must be a string`);
					return {
						token: g.token,
						employeeId: typeof g.employeeId === 'number' ? g.employeeId : DEFAULT_EMPLOYEE_ID,
						companyId: typeof g.companyId === 'number' ? g.companyId : OWN_COMPANY_ID,
						clientCompanyIds: Array.isArray(g.clientCompanyIds) ? g.clientCompanyIds.filter((n) => typeof n === 'number') : [],
						...(typeof g.consumerToken === 'string' ? { consumerToken: g.consumerToken } : {}),
					};
				});
				break;
			case 'sessionLifetimeMs':
				if (value !== null && (typeof value !== 'number' || value <= 0)) throw new Error('sessionLifetimeMs must be a number > 0 or null');
				next.sessionLifetimeMs = value as number | null;
				break;
			case 'sessionCreateWithBody':
				if (!['enabled', 'not-found', 'method-not-allowed'].includes(value as string)) {
					throw new Error("sessionCreateWithBody must be 'enabled', 'not-found' or 'method-not-allowed'");
				}
				next.sessionCreateWithBody = value as TripletexConfig['sessionCreateWithBody'];
				break;
			case 'webhooks':
				next.webhooks = checkWebhookSettings(next.webhooks, value);
				break;
			default:
				throw new Error(`unknown Tripletex config key "${key}"`);
		}
	}
	return next;
}
