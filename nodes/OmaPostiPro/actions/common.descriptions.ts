import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption as concurrency } from '../../shared/descriptions';

export { binaryPropertyOutput } from '../../shared/descriptions';

export const concurrencyOption = concurrency("the node still keeps every credential under Posti's 50 requests per second");

export const countryCodeParameter: INodeProperties = {
	displayName: 'Country Code',
	name: 'countryCode',
	type: 'string',
	default: 'FI',
	placeholder: 'e.g. FI',
	description: 'Two-letter country code (ISO 3166-1 alpha-2)',
};

/** The languages Posti answers in. */
const languages = [
	{ name: 'English', value: 'en' },
	{ name: 'Finnish', value: 'fi' },
	{ name: 'Swedish', value: 'sv' },
];

export const pickupPointLanguageOption: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'options',
	options: languages,
	default: 'fi',
	description: 'Language of names and opening hours (Accept-Language)',
};

export const trackingLanguageOption: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'options',
	options: languages,
	default: 'en',
	description: "Language of the events' descriptions, when Posti gives them in it (else English, then Finnish)",
};
