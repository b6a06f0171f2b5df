/**
 * One poll of the OmaPosti Pro Trigger. The node's static data holds the cursor (the end of the
 * last window read in full), the first activation and the events emitted inside the late-event
 * window; it is written only after every page of the window was read, so a failing poll emits
 * nothing and loses nothing: the next one reads the same window again.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { EventCategory, TrackingLanguage } from '../tracking/events';
import { DEFAULT_LATE_EVENT_MINUTES } from './description';
import type { FeedState } from './eventFeed';
import { advance, eventItem, matchesCategories, planWindow, readEventWindow } from './eventFeed';

/** A manual run shows the latest matching event of this period. */
const SAMPLE_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

export async function pollOmaPostiPro(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
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
