/**
 * Posti sandbox seed: the credentials, the contract they are linked to, the services the
 * emulator knows and ~25 pickup points around Helsinki, Turku, Tampere and Oulu.
 * The points are realistic in shape and place but made up: they are not Posti's register.
 */
export const DEFAULT_API_KEY = 'sandbox-posti-api-key';
export const DEFAULT_CLIENT_ID = 'sandbox-posti-client';
export const DEFAULT_CLIENT_SECRET = 'sandbox-posti-secret';
/** OAuth client with role shippingapi only: pickup points answer 403. */
export const SHIPPING_ONLY_CLIENT_ID = 'sandbox-posti-shipping-only';
export const DEFAULT_GATEWAY_SECRET = 'sandbox-gateway-secret';
/** Logistics Service Contract number (senderPartners id POSTI). */
export const CONTRACT_NUMBER = '654321';
/** Transport id for freight (senderPartners id ITELLALOG). */
export const TRANSPORT_ID = 'TR654321';
export const ROLE_SHIPPING = 'shippingapi';
export const ROLE_PICKUP_POINTS = '2025-04';
/** Found by search and get, but a shipment to it fails with E41. */
export const INACTIVE_PICKUP_POINT_ID = '001099999';

/** First shipmentNo handed out after a reset (numeric strings). */
export const FIRST_SHIPMENT_NO = 700_000_000_001;

export interface ServiceSeed {
	id: string;
	name: string;
	/** Needs agent.quickId (delivered to a pickup point or parcel locker). */
	pickupPoint: boolean;
	/** Notifies the receiver: receiver phone or email required. */
	notifies: boolean;
	/** Freight: senderPartners id ITELLALOG with the transport id. */
	freight: boolean;
}

export const SERVICES: ServiceSeed[] = [
	{ id: 'PO2103', name: 'Postipaketti', pickupPoint: true, notifies: true, freight: false },
	{ id: 'PO2102', name: 'Express-paketti', pickupPoint: false, notifies: false, freight: false },
	{ id: 'PO2104', name: 'Kotipaketti', pickupPoint: false, notifies: true, freight: false },
	{ id: 'PO2461', name: 'Pikkupaketti', pickupPoint: true, notifies: true, freight: false },
	{ id: 'PO2108', name: 'Palautus', pickupPoint: false, notifies: false, freight: false },
	{ id: 'POF1', name: 'Rahti', pickupPoint: false, notifies: false, freight: true },
];

export const MEDIA = ['laser-a5', 'laser-a4', 'thermo-se', 'thermo-225'] as const;
export type Media = (typeof MEDIA)[number];

export type PickupPointType = 'PICKUPPOINT' | 'PARCELLOCKER' | 'POSTOFFICE';

export interface PickupPointSeed {
	id: string;
	/** Finnish name; `Pakettiautomaatti` is translated for sv/en. */
	name: string;
	type: PickupPointType;
	street: string;
	postcode: string;
	city: 'HELSINKI' | 'TURKU' | 'TAMPERE' | 'OULU';
	latitude: number;
	longitude: number;
	active: boolean;
}

const p = (
	id: string,
	name: string,
	type: PickupPointType,
	street: string,
	postcode: string,
	city: PickupPointSeed['city'],
	latitude: number,
	longitude: number,
	active = true,
): PickupPointSeed => ({ id, name, type, street, postcode, city, latitude, longitude, active });

export const PICKUP_POINTS: PickupPointSeed[] = [
	// Helsinki
	p('001000100', 'Posti, Elielinaukio', 'POSTOFFICE', 'Elielinaukio 2', '00100', 'HELSINKI', 60.1712, 24.9413),
	p('001000200', 'Posti, K-Market Kamppi', 'PICKUPPOINT', 'Urho Kekkosen katu 1', '00100', 'HELSINKI', 60.169, 24.932),
	p('001000300', 'Pakettiautomaatti, Sokos Helsinki', 'PARCELLOCKER', 'Mannerheimintie 9', '00100', 'HELSINKI', 60.1695, 24.941),
	p('001000400', 'Posti, R-kioski Kaivokatu', 'PICKUPPOINT', 'Kaivokatu 1', '00100', 'HELSINKI', 60.1706, 24.9436),
	p('001000500', 'Pakettiautomaatti, Alepa Kalevankatu', 'PARCELLOCKER', 'Kalevankatu 16', '00100', 'HELSINKI', 60.166, 24.9357),
	p('001002500', 'Posti, Stockmann Helsinki', 'PICKUPPOINT', 'Aleksanterinkatu 52', '00100', 'HELSINKI', 60.1687, 24.941),
	p('001015000', 'Posti, K-Market Punavuori', 'PICKUPPOINT', 'Pursimiehenkatu 8', '00150', 'HELSINKI', 60.1609, 24.9403),
	p('001053000', 'Pakettiautomaatti, S-Market Hakaniemi', 'PARCELLOCKER', 'Hämeentie 3', '00530', 'HELSINKI', 60.1795, 24.951),
	p(INACTIVE_PICKUP_POINT_ID, 'Posti, K-Market Eteläranta', 'PICKUPPOINT', 'Eteläranta 10', '00130', 'HELSINKI', 60.1673, 24.9532, false),
	// Turku
	p('001003200', 'Posti, K-Market Aurakatu', 'PICKUPPOINT', 'Aurakatu 1', '20100', 'TURKU', 60.4512, 22.269),
	p('002010001', 'Posti, Hansakortteli', 'POSTOFFICE', 'Yliopistonkatu 25', '20100', 'TURKU', 60.4513, 22.2659),
	p('002010002', 'Pakettiautomaatti, Sokos Wiklund', 'PARCELLOCKER', 'Eerikinkatu 11', '20100', 'TURKU', 60.4505, 22.2665),
	p('002010003', 'Posti, R-kioski Humalistonkatu', 'PICKUPPOINT', 'Humalistonkatu 7', '20100', 'TURKU', 60.4535, 22.2605),
	p('002070001', 'Pakettiautomaatti, Prisma Kupittaa', 'PARCELLOCKER', 'Uudenmaantie 17', '20700', 'TURKU', 60.4495, 22.296),
	p('002090001', 'Posti, S-Market Hirvensalo', 'PICKUPPOINT', 'Hirvensalontie 2', '20900', 'TURKU', 60.42, 22.247),
	// Tampere
	p('003310001', 'Posti, Koskikeskus', 'POSTOFFICE', 'Hatanpään valtatie 1', '33100', 'TAMPERE', 61.4946, 23.7647),
	p('003310002', 'Posti, K-Market Hämeenkatu', 'PICKUPPOINT', 'Hämeenkatu 10', '33100', 'TAMPERE', 61.4981, 23.7652),
	p('003310003', 'Pakettiautomaatti, Stockmann Tampere', 'PARCELLOCKER', 'Hämeenkatu 4', '33100', 'TAMPERE', 61.4986, 23.7609),
	p('003323001', 'Pakettiautomaatti, S-Market Pyynikintori', 'PARCELLOCKER', 'Pyynikintori 2', '33230', 'TAMPERE', 61.496, 23.74),
	p('003354001', 'Posti, K-Supermarket Kaleva', 'PICKUPPOINT', 'Sammonkatu 40', '33540', 'TAMPERE', 61.499, 23.805),
	// Oulu
	p('009010001', 'Posti, Kauppakeskus Valkea', 'POSTOFFICE', 'Isokatu 25', '90100', 'OULU', 65.0125, 25.47),
	p('009010002', 'Posti, R-kioski Rotuaari', 'PICKUPPOINT', 'Kirkkokatu 17', '90100', 'OULU', 65.013, 25.468),
	p('009010003', 'Pakettiautomaatti, Stockmann Oulu', 'PARCELLOCKER', 'Kirkkokatu 16', '90100', 'OULU', 65.0135, 25.469),
	p('009040001', 'Pakettiautomaatti, Prisma Limingantulli', 'PARCELLOCKER', 'Nuottasaarentie 3', '90400', 'OULU', 65.001, 25.452),
	p('009013001', 'Posti, K-Citymarket Raksila', 'PICKUPPOINT', 'Tehtaankatu 2', '90130', 'OULU', 65.0125, 25.495),
];

/** Centres used when a search names a postcode or city without an exact point (first two postcode digits). */
export const AREAS: Array<{ prefix: string; city: PickupPointSeed['city']; sv: string; latitude: number; longitude: number }> = [
	{ prefix: '00', city: 'HELSINKI', sv: 'HELSINGFORS', latitude: 60.1699, longitude: 24.9384 },
	{ prefix: '20', city: 'TURKU', sv: 'ÅBO', latitude: 60.4518, longitude: 22.2666 },
	{ prefix: '33', city: 'TAMPERE', sv: 'TAMMERFORS', latitude: 61.4978, longitude: 23.761 },
	{ prefix: '90', city: 'OULU', sv: 'ULEÅBORG', latitude: 65.0121, longitude: 25.4651 },
];

/** Posti service accounts for the Tracking API (HTTP Basic at /oauth/token). */
export const DEFAULT_TRACKING_ACCOUNT = 'sandbox-tracking-account';
export const DEFAULT_TRACKING_SECRET = 'sandbox-tracking-secret';
/** "Normal" access without the restricted event-date search. */
export const TRACKING_NO_EVENT_SEARCH_ACCOUNT = 'sandbox-tracking-no-event-search';
/**
 * A parcel of the sandbox contract that was not booked through the sandbox (as parcels booked
 * in OmaPosti Pro's own screens are not): delivered, its events relative to the last reset, so
 * Track and the templates have a delivery to show after a reset.
 */
export const SAMPLE_DELIVERED_PARCEL = 'JJFI65432100000099999';
