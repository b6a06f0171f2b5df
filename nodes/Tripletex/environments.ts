import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/service';

export const TRIPLETEX_ENVIRONMENTS = {
	production: 'https://tripletex.no/v2',
	test: 'https://api-test.tripletex.tech/v2',
};

export function tripletexBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return resolveBaseUrl(credentials, TRIPLETEX_ENVIRONMENTS, 'production');
}
