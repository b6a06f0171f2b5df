import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption as concurrency, idLocator, idParameter as id } from '../../shared/descriptions';

export { binaryPropertyInput, binaryPropertyOutput, returnAllOrLimit } from '../../shared/descriptions';

export const customerLocator: INodeProperties = idLocator({
	displayName: 'Customer',
	name: 'customer',
	searchListMethod: 'searchCustomers',
	placeholder: 'e.g. 12345678',
	invalidIdMessage: 'Not a valid Tripletex customer ID',
});

export const concurrencyOption = concurrency('Tripletex rate limits still apply');

export function idParameter(displayName: string, name: string, description: string): INodeProperties {
	return id(displayName, name, description, 'e.g. 12345678');
}
