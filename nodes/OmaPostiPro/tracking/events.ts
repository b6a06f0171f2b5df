import type { IDataObject } from 'n8n-workflow';

import { createHash } from 'crypto';

/**
 * Posti Tracking API v7 answers, read tolerantly: Posti's description declares no required
 * property, and its exact property names are not public (see docs/omapostipro.md, Tracking).
 * Shipments come in `parcelShipments` and `freightShipments`; each has its events.
 */

export type TrackingLanguage = 'en' | 'fi' | 'sv';

/** What a user filters on: delivered, on its way back (returned), a deviation (exception), or any other step. */
export type EventCategory = 'delivered' | 'returned' | 'exception' | 'other';

export interface TrackingEvent {
	/** Posti's event code. */
	eventCode: string;
	/** Posti's own description in the chosen language, else a readable text for the code. */
	description: string;
	/** ISO 8601 in UTC; Posti's text as given when it is not a date-time. */
	time: string;
	/** "00100 HELSINKI", as the event names its place (empty when it names none). */
	location: string;
	locationCode?: string;
	locationName?: string;
	country?: string;
	/** Why it happened, when Posti gives a reason (a deviation). */
	reasonCode?: string;
	category: EventCategory;
	/** Stable identity of the event (tracking number, code, time, place, reason), for de-duplication. */
	eventId: string;
}

export interface TrackedShipment {
	trackingNumber: string;
	type: 'parcel' | 'freight';
	/** Posti's status code of the shipment, e.g. IN_TRANSPORT, DELIVERED. */
	status?: string;
	statusDescription?: string;
	/** Newest first. */
	events: TrackingEvent[];
}

/** Posti's parcel status codes (and the freight ones), as its API description lists them. */
export const STATUS_DESCRIPTIONS: Record<string, string> = {
	WAITING: 'Waiting: the shipment is registered but Posti has not received it yet',
	RECEIVED: 'Received by Posti',
	IN_TRANSPORT: 'In transport',
	READY_FOR_PICKUP: 'Ready for pickup',
	OUT_FOR_DELIVERY: 'Out for delivery',
	DELIVERED: 'Delivered',
	RETURNED_TO_SENDER: 'Returned to the sender',
	RETURN_WAITING: 'Return waiting to be sent back',
	RETURN_IN_TRANSPORT: 'On its way back to the sender',
	RETURN_READY_FOR_PICKUP: 'Return ready for pickup by the sender',
	RETURN_DELIVERED: 'Return delivered to the sender',
	CUSTOMS: 'In customs',
	ORDER_RECEIVED: 'Freight order received',
	IN_DELIVERY: 'In delivery',
};

const RETURN_STATUSES = new Set(['RETURNED_TO_SENDER', 'RETURN_WAITING', 'RETURN_IN_TRANSPORT', 'RETURN_READY_FOR_PICKUP', 'RETURN_DELIVERED']);

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number') return String(value);
	return undefined;
}

/** `{fi, en, sv}`, `[{lang, value}]` or a plain string; the chosen language, then English, Finnish, any. */
export function localized(value: unknown, language: TrackingLanguage): string | undefined {
	if (value === null || value === undefined) return undefined;
	const plain = text(value);
	if (plain !== undefined) return plain;
	let byLanguage: Record<string, unknown> = {};
	if (Array.isArray(value)) {
		for (const entry of value as IDataObject[]) {
			const lang = text(entry?.lang ?? entry?.language);
			if (lang) byLanguage[lang.toLowerCase()] = entry.value ?? entry.text;
		}
	} else if (typeof value === 'object') {
		byLanguage = value as Record<string, unknown>;
	}
	for (const lang of [language, 'en', 'fi', 'sv']) {
		const found = text(byLanguage[lang]);
		if (found) return found;
	}
	return Object.values(byLanguage).map(text).find(Boolean);
}

function statusCode(value: unknown): string | undefined {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const fields = value as IDataObject;
		return text(fields.code ?? fields.value);
	}
	return text(value);
}

function isoTime(raw: string | undefined): { time: string; ms: number } {
	const ms = raw === undefined ? NaN : Date.parse(raw);
	return Number.isNaN(ms) ? { time: raw ?? '', ms: NaN } : { time: new Date(ms).toISOString(), ms };
}

export function eventIdentity(parts: Array<string | undefined>): string {
	return createHash('sha256').update(parts.map((part) => part ?? '').join('\u0000')).digest('hex').slice(0, 24);
}

export function categoryOf(code: string, reasonCode: string | undefined, shipmentStatus: string | undefined, isNewest: boolean): EventCategory {
	const status = STATUS_DESCRIPTIONS[code] !== undefined ? code : isNewest ? shipmentStatus : undefined;
	if (status === 'DELIVERED') return 'delivered';
	if (status && RETURN_STATUSES.has(status)) return 'returned';
	if (reasonCode) return 'exception';
	return 'other';
}

interface RawEvent {
	code: string;
	reasonCode?: string;
	description: string;
	time: string;
	ms: number;
	locationCode?: string;
	locationName?: string;
	country?: string;
	order: number;
}

function readEvent(raw: IDataObject, order: number, language: TrackingLanguage): RawEvent {
	const code = text(raw.eventCode ?? raw.code) ?? '';
	const place = raw.location && typeof raw.location === 'object' ? (raw.location as IDataObject) : {};
	const { time, ms } = isoTime(text(raw.timestamp ?? raw.eventTime ?? raw.time));
	const description =
		localized(raw.eventDescription ?? raw.description, language) ??
		localized(raw.eventShortName ?? raw.eventName ?? raw.name, language) ??
		STATUS_DESCRIPTIONS[code] ??
		code;
	return {
		code,
		reasonCode: text(raw.reasonCode ?? raw.reason),
		description,
		time,
		ms,
		locationCode: text(place.code ?? place.postcode ?? raw.locationCode),
		locationName: localized(place.name ?? raw.locationName, language),
		country: text(place.country ?? place.countryCode ?? raw.country),
		order,
	};
}

/** Newest first; events without a readable time last; for equal times the later in Posti's list first. */
function newestFirst(a: RawEvent, b: RawEvent): number {
	const aValid = !Number.isNaN(a.ms);
	const bValid = !Number.isNaN(b.ms);
	if (aValid !== bValid) return aValid ? -1 : 1;
	if (aValid && a.ms !== b.ms) return b.ms - a.ms;
	return b.order - a.order;
}

function readShipment(raw: IDataObject, type: 'parcel' | 'freight', language: TrackingLanguage): TrackedShipment {
	const trackingNumber = text(raw.trackingNumber ?? raw.trackingCode ?? raw.waybillNumber) ?? '';
	const status = statusCode(raw.status ?? raw.statusCode ?? raw.phase);
	const rawEvents = Array.isArray(raw.events) ? (raw.events as IDataObject[]) : [];
	const sorted = rawEvents
		.filter((event) => event && typeof event === 'object')
		.map((event, index) => readEvent(event, index, language))
		.sort(newestFirst);
	const events = sorted.map((event, index): TrackingEvent => {
		const location = [event.locationCode, event.locationName].filter(Boolean).join(' ');
		const result: TrackingEvent = {
			eventCode: event.code,
			description: event.description,
			time: event.time,
			location,
			category: categoryOf(event.code, event.reasonCode, status, index === 0),
			eventId: eventIdentity([trackingNumber, event.code, event.time, event.locationCode, event.reasonCode]),
		};
		if (event.locationCode) result.locationCode = event.locationCode;
		if (event.locationName) result.locationName = event.locationName;
		if (event.country) result.country = event.country;
		if (event.reasonCode) result.reasonCode = event.reasonCode;
		return result;
	});
	const shipment: TrackedShipment = { trackingNumber, type, events };
	if (status) {
		shipment.status = status;
		shipment.statusDescription = STATUS_DESCRIPTIONS[status] ?? status;
	}
	return shipment;
}

/** Every shipment of a search answer, parcels first. */
export function readShipments(body: IDataObject, language: TrackingLanguage): TrackedShipment[] {
	const list = (value: unknown) => (Array.isArray(value) ? (value as IDataObject[]).filter((entry) => entry && typeof entry === 'object') : []);
	return [
		...list(body.parcelShipments).map((raw) => readShipment(raw, 'parcel', language)),
		...list(body.freightShipments).map((raw) => readShipment(raw, 'freight', language)),
	];
}

/** How many shipments the answer held (paging counts them, not events). */
export function shipmentCount(body: IDataObject): number {
	const length = (value: unknown) => (Array.isArray(value) ? value.length : 0);
	return length(body.parcelShipments) + length(body.freightShipments);
}
