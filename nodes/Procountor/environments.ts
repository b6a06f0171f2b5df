import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/service';

export const PROCOUNTOR_ENVIRONMENTS = {
	production: 'https://api.procountor.com/api',
	test: 'https://pts-api.procountor.com/api',
};

export function procountorBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBaseUrl(credentials, PROCOUNTOR_ENVIRONMENTS, 'production');
}
