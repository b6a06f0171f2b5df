import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import type { TrackedShipment, TrackingLanguage } from '../../tracking/events';
import { readShipments } from '../../tracking/events';
import { readTrackingNumbers } from '../../tracking/trackingNumbers';
import { trackingRequest } from '../../tracking/transport';
import { trackingLanguageOption } from '../common.descriptions';

/** Tracking numbers per request: well under Posti's 100 shipments per answer. */
const NUMBERS_PER_REQUEST = 20;

const properties: INodeProperties[] = [
	{
		displayName: 'Tracking Numbers',
		name: 'trackingNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. JJFI65432100000000001',
		description:
			'One or more Posti tracking numbers, separated by commas, spaces or new lines, or an expression giving an array (such as the trackingNumbers of Shipment → Create). One output item per tracking number.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [trackingLanguageOption],
	},
];

const displayOptions = { show: { resource: ['shipment'], operation: ['track'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function itemFor(trackingNumber: string, shipments: TrackedShipment[]): IDataObject {
	if (shipments.length === 0) return { trackingNumber, found: false, status: null, latestEvent: null, events: [] };
	const [first] = shipments;
	const events = shipments.length === 1 ? first.events : shipments.flatMap((shipment) => shipment.events).sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
	return {
		trackingNumber,
		found: true,
		type: first.type,
		status: first.status ?? null,
		statusDescription: first.statusDescription ?? null,
		latestEvent: (events[0] as unknown as IDataObject) ?? null,
		events: events as unknown as IDataObject[],
	};
}

/**
 * `GET /tracking/7/shipments/trackingnumber/{n}` for one number, `…/trackingnumbers/{a,b,…}`
 * for several (at most 20 per request). One item per tracking number, its events newest first.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const numbers = readTrackingNumbers(this.getNode(), this.getNodeParameter('trackingNumbers', itemIndex, ''), itemIndex);
		const language = ((this.getNodeParameter('options', itemIndex, {}) as IDataObject).language as TrackingLanguage | undefined) ?? 'en';
		const byNumber = new Map<string, TrackedShipment[]>(numbers.map((number) => [number, []]));
		for (let start = 0; start < numbers.length; start += NUMBERS_PER_REQUEST) {
			const chunk = numbers.slice(start, start + NUMBERS_PER_REQUEST);
			const path =
				chunk.length === 1
					? `/shipments/trackingnumber/${encodeURIComponent(chunk[0])}`
					: `/shipments/trackingnumbers/${chunk.map(encodeURIComponent).join(',')}`;
			const answer = await trackingRequest.call(this, path, { itemIndex });
			if (answer.notFound) continue;
			for (const shipment of readShipments(answer.body, language)) {
				const owner = chunk.length === 1 ? chunk[0] : shipment.trackingNumber.toUpperCase();
				byNumber.get(owner)?.push(shipment);
			}
		}
		return numbers.map((number) => itemFor(number, byNumber.get(number) ?? []));
	});
}
