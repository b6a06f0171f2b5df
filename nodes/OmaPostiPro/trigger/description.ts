import type { INodeProperties } from 'n8n-workflow';

import { trackingLanguageOption } from '../actions/common.descriptions';

/** Posti registers some scans later than they happened (and clocks differ): each poll reads this far back again. */
export const DEFAULT_LATE_EVENT_MINUTES = 60;

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Needs a Posti Tracking API service account with contract ("normal") access and the event-date search, which Posti enables on request. Each poll emits one item per new event.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Only Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Delivered', value: 'delivered', description: 'The parcel was delivered (status DELIVERED)' },
			{ name: 'Exception', value: 'exception', description: 'Posti gave a reason with the event (a deviation, e.g. the address was not found)' },
			{ name: 'Returned', value: 'returned', description: 'The parcel is on its way back or back at the sender (RETURNED_TO_SENDER, RETURN_*)' },
		],
		default: [],
		description: 'Leave empty to get every tracking event',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			trackingLanguageOption,
			{
				displayName: 'Late Event Window (Minutes)',
				name: 'lateEventMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1440 },
				default: DEFAULT_LATE_EVENT_MINUTES,
				description:
					'Each poll also reads this far back, so that events Posti registers late (or whose clock differs) are not missed; events already emitted are not emitted again',
			},
		],
	},
];
