import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/service';

export const PROCOUNTOR_ENVIRONMENTS = {
	production: 'https://api.procountor.com/api',
	test: 'https://pts-api.procountor.com/api',
};

export function procountorBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBaseUrl(credentials, PROCOUNTOR_ENVIRONMENTS, 'production');
}

/** Procountor's documented limit per API client; 60 per second was reported for production. */
export const DEFAULT_REQUESTS_PER_SECOND = 20;
export const MAX_REQUESTS_PER_SECOND = 100;

/** The credential's Requests per Second: a whole number from 1 to 100, else the safe default. */
export function procountorRequestsPerSecond(credentials: ICredentialDataDecryptedObject): number {
	const value = Number(credentials.requestsPerSecond);
	return Number.isInteger(value) && value >= 1 && value <= MAX_REQUESTS_PER_SECOND ? value : DEFAULT_REQUESTS_PER_SECOND;
}

/** Procountor writes date-times without a zone, in Finnish time. */
export const PROCOUNTOR_TIME_ZONE = 'Europe/Helsinki';
