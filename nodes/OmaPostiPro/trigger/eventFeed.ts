import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../../shared/request';
import type { EventCategory, TrackingEvent, TrackingLanguage } from '../tracking/events';
import { readShipments, shipmentCount } from '../tracking/events';
import { trackingRequest } from '../tracking/transport';

/** Posti returns at most 100 shipments per answer. */
export const PAGE_SIZE = 100;
/** 50 pages = 5000 shipments with events in one window; more means the window must be shorter. */
export const MAX_PAGES = 50;
/** After a long stop the trigger catches up one day per poll. */
export const MAX_WINDOW_MS = 24 * 60 * 60 * 1000;

/** One event of the contract's shipments, as the trigger emits it. */
export interface FeedEvent extends TrackingEvent {
	trackingNumber: string;
	shipmentType: 'parcel' | 'freight';
	shipmentStatus: string | null;
	shipmentStatusDescription: string | null;
	/** Epoch ms of `time`. */
	timeMs: number;
}

/** The trigger's node static data: where the next window starts and what it already emitted. */
export interface FeedState extends IDataObject {
	/** ISO instant: the end (exclusive) of the last window read in full. */
	cursor?: string;
	/** ISO instant of the first activation: nothing older is emitted, not even through the overlap. */
	since?: string;
	/** eventId → event time (epoch ms) of the events emitted whose time is still inside the overlap. */
	seen?: Record<string, number>;
}

/**
 * Every event in `[from, to)` of the shipments Posti lists for `GET /tracking/7/shipments/event/date`
 * (shipments having events in that interval; `from` inclusive, `to` exclusive), all pages,
 * oldest first. Throws, without a partial result, when a page fails.
 */
export async function readEventWindow(
	this: RequestContext,
	node: INode,
	window: { from: number; to: number },
	language: TrackingLanguage,
): Promise<FeedEvent[]> {
	const events: FeedEvent[] = [];
	const from = new Date(window.from).toISOString();
	const to = new Date(window.to).toISOString();
	for (let page = 0; ; page++) {
		if (page === MAX_PAGES) {
			throw new NodeOperationError(node, `Posti lists more than ${MAX_PAGES * PAGE_SIZE} shipments with events between ${from} and ${to}`, {
				description: 'Poll more often so that each poll reads a shorter time. Nothing was emitted for this window; the next poll reads it again.',
			});
		}
		const { body, notFound } = await trackingRequest.call(this, '/shipments/event/date', {
			qs: { from, to, start: page * PAGE_SIZE, limit: PAGE_SIZE },
		});
		if (notFound) break;
		for (const shipment of readShipments(body, language)) {
			for (const event of shipment.events) {
				const timeMs = Date.parse(event.time);
				if (Number.isNaN(timeMs) || timeMs < window.from || timeMs >= window.to) continue;
				events.push({
					...event,
					trackingNumber: shipment.trackingNumber,
					shipmentType: shipment.type,
					shipmentStatus: shipment.status ?? null,
					shipmentStatusDescription: shipment.statusDescription ?? null,
					timeMs,
				});
			}
		}
		if (shipmentCount(body) < PAGE_SIZE) break;
	}
	return events.sort((a, b) => a.timeMs - b.timeMs);
}

export function matchesCategories(event: FeedEvent, categories: EventCategory[]): boolean {
	return categories.length === 0 || categories.includes(event.category);
}

export interface PollPlan {
	from: number;
	to: number;
}

/**
 * The next window: from the cursor less the overlap (late and skewed events), but not before the
 * first activation, to now, at most a day.
 */
export function planWindow(state: FeedState, now: number, overlapMs: number): PollPlan {
	const cursorMs = Date.parse(state.cursor ?? '');
	const start = Number.isNaN(cursorMs) ? now : cursorMs;
	const sinceMs = Date.parse(state.since ?? '');
	const from = Number.isNaN(sinceMs) ? start - overlapMs : Math.max(start - overlapMs, sinceMs);
	return { from, to: Math.max(start, Math.min(now, start + MAX_WINDOW_MS)) };
}

/**
 * The events of the window not emitted before, and the state after emitting them: the cursor at
 * the window's end, and the emitted events kept while they can still appear in the next window.
 */
export function advance(state: FeedState, plan: PollPlan, events: FeedEvent[], categories: EventCategory[], overlapMs: number): { fresh: FeedEvent[]; next: FeedState } {
	const seen: Record<string, number> = { ...(state.seen ?? {}) };
	const fresh: FeedEvent[] = [];
	for (const event of events) {
		if (!matchesCategories(event, categories) || seen[event.eventId] !== undefined) continue;
		seen[event.eventId] = event.timeMs;
		fresh.push(event);
	}
	const horizon = plan.to - overlapMs;
	for (const [eventId, timeMs] of Object.entries(seen)) if (timeMs < horizon) delete seen[eventId];
	return { fresh, next: { cursor: new Date(plan.to).toISOString(), since: state.since, seen } };
}

/** The item the trigger emits for an event. */
export function eventItem(event: FeedEvent): IDataObject {
	const item: IDataObject = {
		trackingNumber: event.trackingNumber,
		eventCode: event.eventCode,
		description: event.description,
		time: event.time,
		location: event.location,
	};
	for (const key of ['locationCode', 'locationName', 'country', 'reasonCode'] as const) if (event[key]) item[key] = event[key];
	return {
		...item,
		category: event.category,
		eventId: event.eventId,
		shipmentType: event.shipmentType,
		shipmentStatus: event.shipmentStatus,
		shipmentStatusDescription: event.shipmentStatusDescription,
	};
}
