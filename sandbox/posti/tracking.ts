/**
 * Tracking events of the shipments the sandbox created, as Posti's Tracking API v7 would list
 * them: they appear as the sandbox clock passes each step's time after the create. The shape
 * (parcelShipments[].trackingNumber, status, events[].eventCode, reasonCode, eventShortName,
 * eventDescription, timestamp, location) is our reading of Posti's description, whose exact
 * property names are not public; the event codes are Posti's parcel status codes and the
 * reason codes are the sandbox's own (see docs/research-posti-tracking.md).
 *
 * Which path a parcel takes follows its order reference: `…-return` is not collected and goes
 * back to the sender, `…-exception` is delayed once (address not found) and then delivered;
 * any other is delivered. Pickup-point services wait at the pickup point, home services go out
 * for delivery.
 */
import { wallClockDateTime, zoneOffsetMinutes } from '../framework/wall-clock';
import { CONTRACT_NUMBER, PICKUP_POINTS, SAMPLE_DELIVERED_PARCEL, SERVICES } from './seed';
import type { Shipment } from './state';

const HOUR = 3_600_000;
const HELSINKI = 'Europe/Helsinki';

type Localized = { fi: string; sv: string; en: string };

interface Step {
	afterMs: number;
	code: string;
	reasonCode?: string;
	name: Localized;
	description: Localized;
	where: 'sender' | 'terminal' | 'destination' | 'none';
}

const T = (fi: string, sv: string, en: string): Localized => ({ fi, sv, en });

const WAITING: Step = {
	afterMs: 0,
	code: 'WAITING',
	name: T('Odottaa', 'Väntar', 'Waiting'),
	description: T('Lähettäjä on ilmoittanut lähetyksen tiedot. Lähetys ei ole vielä Postilla.', 'Avsändaren har meddelat försändelsens uppgifter. Försändelsen har ännu inte kommit till Posti.', 'The sender has registered the shipment. It has not reached Posti yet.'),
	where: 'none',
};
const RECEIVED: Step = {
	afterMs: 2 * HOUR,
	code: 'RECEIVED',
	name: T('Vastaanotettu', 'Mottagen', 'Received'),
	description: T('Lähetys on vastaanotettu.', 'Försändelsen har tagits emot.', 'The shipment has been received by Posti.'),
	where: 'sender',
};
const IN_TRANSPORT: Step = {
	afterMs: 6 * HOUR,
	code: 'IN_TRANSPORT',
	name: T('Kuljetuksessa', 'Under transport', 'In transport'),
	description: T('Lähetys on kuljetuksessa.', 'Försändelsen är under transport.', 'The shipment is in transport.'),
	where: 'terminal',
};
const READY_FOR_PICKUP: Step = {
	afterMs: 20 * HOUR,
	code: 'READY_FOR_PICKUP',
	name: T('Noudettavissa', 'Kan avhämtas', 'Ready for pickup'),
	description: T('Lähetys on noudettavissa noutopisteestä.', 'Försändelsen kan avhämtas på utlämningsstället.', 'The shipment can be collected from the pickup point.'),
	where: 'destination',
};
const OUT_FOR_DELIVERY: Step = {
	afterMs: 20 * HOUR,
	code: 'OUT_FOR_DELIVERY',
	name: T('Jakelussa', 'Ute för utdelning', 'Out for delivery'),
	description: T('Lähetys on jakelussa.', 'Försändelsen är ute för utdelning.', 'The shipment is out for delivery.'),
	where: 'destination',
};
const DELIVERED: Step = {
	afterMs: 26 * HOUR,
	code: 'DELIVERED',
	name: T('Toimitettu', 'Utlämnad', 'Delivered'),
	description: T('Lähetys on luovutettu vastaanottajalle.', 'Försändelsen har lämnats ut till mottagaren.', 'The shipment has been delivered to the recipient.'),
	where: 'destination',
};
const DELAYED: Step = {
	afterMs: 20 * HOUR,
	code: 'IN_TRANSPORT',
	reasonCode: 'ADDRESS_NOT_FOUND',
	name: T('Viivästynyt', 'Försenad', 'Delayed'),
	description: T('Osoitetta ei löytynyt. Lähetys toimitetaan uudelleen.', 'Adressen hittades inte. Försändelsen delas ut på nytt.', 'The address could not be found. Delivery will be tried again.'),
	where: 'destination',
};
const RETURN_IN_TRANSPORT: Step = {
	afterMs: 30 * HOUR,
	code: 'RETURN_IN_TRANSPORT',
	reasonCode: 'NOT_COLLECTED',
	name: T('Palautuksessa', 'Under retur', 'Being returned'),
	description: T('Lähetystä ei noudettu. Se palautetaan lähettäjälle.', 'Försändelsen hämtades inte. Den returneras till avsändaren.', 'The shipment was not collected and is on its way back to the sender.'),
	where: 'destination',
};
const RETURNED_TO_SENDER: Step = {
	afterMs: 40 * HOUR,
	code: 'RETURNED_TO_SENDER',
	name: T('Palautettu', 'Returnerad', 'Returned'),
	description: T('Lähetys on palautettu lähettäjälle.', 'Försändelsen har returnerats till avsändaren.', 'The shipment has been returned to the sender.'),
	where: 'sender',
};

function steps(shipment: Shipment): Step[] {
	const atPickupPoint = SERVICES.find((service) => service.id === shipment.service.id)?.pickupPoint ?? shipment.agent !== null;
	const arrival = atPickupPoint ? READY_FOR_PICKUP : OUT_FOR_DELIVERY;
	const reference = (shipment.orderNo ?? shipment.senderReference ?? '').toLowerCase();
	if (reference.endsWith('-return')) return [WAITING, RECEIVED, IN_TRANSPORT, arrival, RETURN_IN_TRANSPORT, RETURNED_TO_SENDER];
	if (reference.endsWith('-exception')) return [WAITING, RECEIVED, IN_TRANSPORT, DELAYED, { ...arrival, afterMs: 30 * HOUR }, { ...DELIVERED, afterMs: 50 * HOUR }];
	return [WAITING, RECEIVED, IN_TRANSPORT, arrival, DELIVERED];
}

function place(shipment: Shipment, where: Step['where']): { code: string; name: string; country: string } | undefined {
	const text = (party: Record<string, unknown>, key: string) => (typeof party[key] === 'string' ? (party[key] as string) : '');
	if (where === 'sender') return { code: text(shipment.sender, 'zipcode'), name: text(shipment.sender, 'city'), country: text(shipment.sender, 'country') || 'FI' };
	if (where === 'terminal') return { code: '01530', name: 'VANTAA', country: 'FI' };
	if (where === 'destination') {
		const point = shipment.agent ? PICKUP_POINTS.find((p) => p.id === shipment.agent?.quickId) : undefined;
		if (point) return { code: point.postcode, name: point.name, country: 'FI' };
		return { code: text(shipment.receiver, 'zipcode'), name: text(shipment.receiver, 'city'), country: text(shipment.receiver, 'country') || 'FI' };
	}
	return undefined;
}

export interface TrackingEventRecord {
	eventCode: string;
	reasonCode?: string;
	eventShortName: Localized;
	eventDescription: Localized;
	/** ISO 8601 with the Finnish offset, as Posti's systems give local times. */
	timestamp: string;
	timeMs: number;
	location?: { code: string; name: string; country: string };
}

/** Helsinki wall time with its offset (EET +02:00 / EEST +03:00). */
export function helsinkiTimestamp(ms: number): string {
	const offsetMinutes = zoneOffsetMinutes(ms, HELSINKI);
	const sign = offsetMinutes >= 0 ? '+' : '-';
	const abs = Math.abs(offsetMinutes);
	return `${wallClockDateTime(ms, HELSINKI)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The events a parcel has at `now` (oldest first, as Posti's answers list them). */
export function eventsAt(shipment: Shipment, now: number): TrackingEventRecord[] {
	return steps(shipment)
		.map((step) => ({ step, timeMs: Math.floor((shipment.createdAt + step.afterMs) / 1000) * 1000 }))
		.filter(({ timeMs }) => timeMs <= now)
		.map(({ step, timeMs }) => {
			const record: TrackingEventRecord = {
				eventCode: step.code,
				eventShortName: step.name,
				eventDescription: step.description,
				timestamp: helsinkiTimestamp(timeMs),
				timeMs,
			};
			if (step.reasonCode) record.reasonCode = step.reasonCode;
			const location = place(shipment, step.where);
			if (location) record.location = location;
			return record;
		});
}

/** A parcel as the Tracking API answers it; `null` before the shipment exists at `now`. */
export function parcelShipment(shipment: Shipment, parcelNo: string, now: number, access: 'external' | 'public'): Record<string, unknown> | null {
	if (shipment.createdAt > now) return null;
	const events = eventsAt(shipment, now).map(({ timeMs: _timeMs, ...event }) => (access === 'public' ? { ...event, reasonCode: undefined } : event));
	const status = events[events.length - 1]?.eventCode ?? 'WAITING';
	const body: Record<string, unknown> = {
		trackingNumber: parcelNo,
		status,
		product: { code: shipment.service.id.replace(/^PO/, ''), name: { fi: shipment.service.name, sv: shipment.service.name, en: shipment.service.name } },
		events: events.map((event) => JSON.parse(JSON.stringify(event))),
	};
	if (access === 'external') {
		body.senderReference = shipment.senderReference;
		body.contractNumber = shipment.contract;
		body.destinationPostcode = typeof shipment.receiver.zipcode === 'string' ? shipment.receiver.zipcode : undefined;
	}
	return JSON.parse(JSON.stringify(body));
}

/** The sample parcel, booked 30 hours before `resetAt` and so delivered 4 hours before it. */
export function sampleShipment(resetAt: number): Shipment {
	return {
		id: 'sample-delivered-parcel',
		shipmentNo: '700000099999',
		status: 'PRINTED',
		apiVersion: 'v2',
		environment: 'production',
		createdBy: 'OmaPosti Pro (not the sandbox API)',
		contract: CONTRACT_NUMBER,
		orderNo: 'store-sample',
		senderReference: 'store-sample',
		service: { id: 'PO2103', name: 'Postipaketti', addons: [] },
		sender: { name: 'Sandbox Kauppa Oy', address1: 'Mannerheimintie 1', zipcode: '00100', city: 'HELSINKI', country: 'FI' },
		receiver: { name: 'Maija Meikäläinen', address1: 'Aurakatu 2', zipcode: '20100', city: 'TURKU', country: 'FI', email: 'maija@example.fi' },
		agent: { quickId: '001003200' },
		parcels: [{ parcelNo: SAMPLE_DELIVERED_PARCEL }],
		labelIds: [],
		createdAt: Math.floor((resetAt - 30 * HOUR) / 1000) * 1000,
	};
}
