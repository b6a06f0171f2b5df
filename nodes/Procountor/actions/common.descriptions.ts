import type { INodeProperties } from 'n8n-workflow';

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const businessPartnerLocator: INodeProperties = {
	displayName: 'Business Partner',
	name: 'businessPartner',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchBusinessPartners', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234567',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'Not a valid Procountor business partner ID' } }],
		},
	],
};

export const productLocator: INodeProperties = {
	displayName: 'Product',
	name: 'product',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchProducts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234567',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'Not a valid Procountor product ID' } }],
		},
	],
};

export const binaryPropertyInput: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to upload',
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 1,
	description:
		'How many items to send at the same time. Higher is faster for large batches; the node still keeps every credential under Procountor\'s 20 requests per second.',
};

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
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1234567',
		description,
	};
}
