import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { parseOrThrow } from '../../../shared/validation';
import { pickupPointSearchSchema } from '../../schemas';
import { omaPostiProRequest } from '../../transport';
import { countryCodeParameter, pickupPointLanguageOption } from '../common.descriptions';
import { requireOAuthClient } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{ name: 'Postcode', value: 'postcode' },
			{ name: 'Address', value: 'address' },
			{ name: 'Coordinates', value: 'coordinates' },
		],
		default: 'postcode',
	},
	{
		displayName: 'Postcode',
		name: 'postcode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 20100',
		displayOptions: { show: { searchBy: ['postcode'] } },
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Aurakatu 1, Turku',
		displayOptions: { show: { searchBy: ['address'] } },
	},
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { numberPrecision: 6 },
		default: 0,
		displayOptions: { show: { searchBy: ['coordinates'] } },
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { numberPrecision: 6 },
		default: 0,
		displayOptions: { show: { searchBy: ['coordinates'] } },
	},
	countryCodeParameter,
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pickupPointLanguageOption],
	},
];

const displayOptions = { show: { resource: ['pickupPoint'], operation: ['search'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function location(search: ReturnType<typeof pickupPointSearchSchema.parse>): IDataObject {
	switch (search.searchBy) {
		case 'postcode':
			return { postcode: search.postcode, countryCode: search.countryCode };
		case 'address':
			return { address: search.address, countryCode: search.countryCode };
		default:
			return { coordinates: { latitude: search.latitude, longitude: search.longitude }, countryCode: search.countryCode };
	}
}

/** `POST /2025-04/pickuppoints`: one output item per point, nearest first. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		await requireOAuthClient.call(this, itemIndex);
		const searchBy = this.getNodeParameter('searchBy', itemIndex) as string;
		const input = {
			searchBy,
			postcode: searchBy === 'postcode' ? this.getNodeParameter('postcode', itemIndex, '') : undefined,
			address: searchBy === 'address' ? this.getNodeParameter('address', itemIndex, '') : undefined,
			latitude: searchBy === 'coordinates' ? this.getNodeParameter('latitude', itemIndex, 0) : undefined,
			longitude: searchBy === 'coordinates' ? this.getNodeParameter('longitude', itemIndex, 0) : undefined,
			countryCode: this.getNodeParameter('countryCode', itemIndex, 'FI'),
			limit: this.getNodeParameter('limit', itemIndex, 50),
		};
		const search = parseOrThrow(this.getNode(), pickupPointSearchSchema, input, itemIndex);
		const language = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).language as string | undefined;
		const response = await omaPostiProRequest.call(this, 'POST', '/2025-04/pickuppoints', {
			body: { searchCriteria: { location: location(search) }, limit: search.limit },
			headers: language ? { 'Accept-Language': language } : undefined,
			// A search writes nothing: safe to repeat after a timeout.
			intent: 'read',
			itemIndex,
		});
		const points = Array.isArray(response.pickupPoints) ? (response.pickupPoints as IDataObject[]) : [];
		return points.slice(0, search.limit);
	});
}
