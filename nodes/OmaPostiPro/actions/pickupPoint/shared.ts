import type { IExecuteFunctions } from 'n8n-workflow';

import { fail } from '../../../shared/validation';
import { postiAuthentication } from '../../environments';

/** Pickup points live on Posti's 2025-04 gateway, which takes only OAuth tokens. */
export async function requireOAuthClient(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	const credentials = await this.getCredentials('omaPostiProApi');
	if (postiAuthentication(credentials) === 'oAuthClient') return;
	fail(
		this.getNode(),
		'Pickup points need an OAuth client: the OmaPosti Pro API key does not work for them',
		itemIndex,
		'Switch the OmaPosti Pro credential to Authentication "OAuth Client" with a client from developer.posti.com that has the API role 2025-04 (and shippingapi for shipments). Nothing was sent.',
	);
}
