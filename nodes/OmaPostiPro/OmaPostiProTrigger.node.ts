import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { redisCoordinationTest } from '../shared/coordinationFor';
import { coordinationProperty } from '../shared/descriptions';
import { trackingLanguageOption } from './actions/common.descriptions';
import { credentialTest } from './methods';
import type { EventCategory, TrackingLanguage } from './tracking/events';
import type { FeedState } from './tracking/eventFeed';
import { advance, eventItem, matchesCategories, planWindow, readEventWindow } from './tracking/eventFeed';

/** Posti registers some scans later than they happened (and clocks differ): each poll reads this far back again. */
const DEFAULT_LATE_EVENT_MINUTES = 60;
/** A manual run shows the latest matching event of this period. */
const SAMPLE_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

export class OmaPostiProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OmaPosti Pro Trigger',
		name: 'omaPostiProTrigger',
		icon: { light: 'file:omapostipro.svg', dark: 'file:omapostipro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length ? "Posti events: " + $parameter["events"].join(", ") : "Any Posti tracking event" }}',
		description: "Starts the workflow on new Posti tracking events of your contract's shipments (Posti Tracking API)",
		defaults: { name: 'OmaPosti Pro Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'postiTrackingApi', required: true, testedBy: 'postiTrackingApiTest' },
			{ name: 'nordicCommerceRedisApi', required: true, displayOptions: { show: { coordination: ['redis'] } }, testedBy: 'redisCoordinationTest' },
		],
		properties: [
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
			coordinationProperty,
		],
	};

	methods = { credentialTest: { ...credentialTest, redisCoordinationTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const categories = this.getNodeParameter('events', []) as EventCategory[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const language = (options.language as TrackingLanguage | undefined) ?? 'en';
		const overlapMs = Math.max(1, Number(options.lateEventMinutes) || DEFAULT_LATE_EVENT_MINUTES) * 60_000;
		const now = Date.now();

		if (this.getMode() === 'manual') {
			const events = await readEventWindow.call(this, this.getNode(), { from: now - SAMPLE_PERIOD_MS, to: now }, language);
			const latest = events.filter((event) => matchesCategories(event, categories)).pop();
			return latest ? [[{ json: eventItem(latest) }]] : null;
		}

		const state = this.getWorkflowStaticData('node') as FeedState;
		if (!state.cursor) {
			// First activation: from now on, without the history.
			state.cursor = new Date(now).toISOString();
			state.since = state.cursor;
			state.seen = {};
			return null;
		}
		const plan = planWindow(state, now, overlapMs);
		const events = await readEventWindow.call(this, this.getNode(), plan, language);
		// Only a window read in full moves the cursor (a failing page threw above).
		const { fresh, next } = advance(state, plan, events, categories, overlapMs);
		state.cursor = next.cursor;
		state.seen = next.seen;
		return fresh.length ? [fresh.map((event) => ({ json: eventItem(event) }))] : null;
	}
}
