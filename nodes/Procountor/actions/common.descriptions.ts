import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption as concurrency, idLocator, idParameter as id } from '../../shared/descriptions';

export { binaryPropertyInput, returnAllOrLimit } from '../../shared/descriptions';

export const businessPartnerLocator: INodeProperties = idLocator({
	displayName: 'Business Partner',
	name: 'businessPartner',
	searchListMethod: 'searchBusinessPartners',
	placeholder: 'e.g. 1234567',
	invalidIdMessage: 'Not a valid Procountor business partner ID',
});

export const productLocator: INodeProperties = idLocator({
	displayName: 'Product',
	name: 'product',
	searchListMethod: 'searchProducts',
	placeholder: 'e.g. 1234567',
	invalidIdMessage: 'Not a valid Procountor product ID',
});

export const concurrencyOption = concurrency(
	"the node still keeps every credential under Procountor's 20 requests per second",
);

export const characterSetOption: INodeProperties = {
	displayName: 'Characters Outside Windows-1252',
	name: 'characterSet',
	type: 'options',
	options: [
		{
			name: 'Reject',
			value: 'reject',
			description: 'Fail the item and name the field, so the text can be fixed at the source',
		},
		{
			name: 'Replace',
			value: 'replace',
			description: 'Drop emoji and symbols, strip foreign accents (ő → o), turn other letters into "?"',
		},
	],
	default: 'reject',
	description: 'Procountor accepts only the Windows-1252 character set; emoji and most non-Latin scripts are outside it',
};

export function idParameter(displayName: string, name: string, description: string): INodeProperties {
	return id(displayName, name, description, 'e.g. 1234567');
}
