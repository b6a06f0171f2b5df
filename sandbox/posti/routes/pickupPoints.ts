/**
 * 2025-04 pickup points (Bearer with role 2025-04):
 *   POST /2025-04/pickuppoints                 search by postcode, address or coordinates
 *   GET  /2025-04/pickuppoints/{CC}            every point of a country
 *   GET  /2025-04/pickuppoints/{CC}/{pupCode}  one point
 * Request bodies are additionalProperties:false ("Extra inputs are not permitted").
 * `Accept-Language` fi/sv/en localises names and cities. The list carries no active flag:
 * an inactive point is only refused at shipment create (E41).
 */
import type { Router } from '../../framework/router';
import type { SandboxResponse } from '../../framework/types';
import { addRoute, type Ctx, type PostiCore } from '../api';
import { gatewayError } from '../errors';
import { AREAS, PICKUP_POINTS, ROLE_PICKUP_POINTS, type PickupPointSeed } from '../seed';

type Obj = Record<string, unknown>;
type Language = 'fi' | 'sv' | 'en';

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

const SERVICES_BY_TYPE: Record<PickupPointSeed['type'], string[]> = {
	PICKUPPOINT: ['PO2103', 'PO2461', 'PO2108'],
	PARCELLOCKER: ['PO2103', 'PO2461'],
	POSTOFFICE: ['PO2102', 'PO2103', 'PO2461', 'PO2108'],
};

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

function openingHours(type: PickupPointSeed['type']): Array<{ day: string; from: string; to: string }> {
	if (type === 'PARCELLOCKER') return DAYS.map((day) => ({ day, from: '00:00', to: '24:00' }));
	if (type === 'POSTOFFICE') return DAYS.slice(0, 6).map((day, i) => ({ day, from: '10:00', to: i === 5 ? '16:00' : '20:00' }));
	return DAYS.map((day, i) => ({ day, from: i === 6 ? '10:00' : '07:00', to: i === 6 ? '21:00' : '22:00' }));
}

export function language(header: string | string[] | undefined): Language {
	const value = (Array.isArray(header) ? header[0] : header ?? '').toLowerCase();
	for (const part of value.split(',')) {
		const tag = part.split(';')[0].trim().slice(0, 2);
		if (tag === 'fi' || tag === 'sv' || tag === 'en') return tag;
	}
	return 'fi';
}

function localName(name: string, lang: Language): string {
	if (lang === 'sv') return name.replace(/^Pakettiautomaatti/, 'Paketautomat');
	if (lang === 'en') return name.replace(/^Pakettiautomaatti/, 'Parcel locker');
	return name;
}

function localCity(city: string, lang: Language): string {
	return lang === 'sv' ? (AREAS.find((a) => a.city === city)?.sv ?? city) : city;
}

export function pointView(point: PickupPointSeed, lang: Language, distance?: number): Obj {
	return {
		id: point.id,
		pupCode: point.id,
		publicName: localName(point.name, lang),
		type: point.type,
		address: { streetAddress: point.street, postcode: point.postcode, city: localCity(point.city, lang), countryCode: 'FI' },
		location: { latitude: point.latitude, longitude: point.longitude },
		...(distance !== undefined ? { distance } : {}),
		services: SERVICES_BY_TYPE[point.type],
		openingHours: openingHours(point.type),
	};
}

/** Great-circle distance in whole metres. */
export function distanceMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
	const rad = (d: number) => (d * Math.PI) / 180;
	const dLat = rad(b.latitude - a.latitude);
	const dLon = rad(b.longitude - a.longitude);
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
	return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

interface Issue {
	field: string;
	message: string;
}

function validation(issues: Issue[]): never {
	const message = issues.every((i) => i.message === 'Extra inputs are not permitted')
		? 'Extra inputs are not permitted'
		: issues.map((i) => `${i.field}: ${i.message}`).join('; ');
	throw gatewayError(422, 'VALIDATION_ERROR', message, issues);
}

function extras(value: Obj, allowed: string[], path: string, issues: Issue[]): void {
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key)) issues.push({ field: path ? `${path}.${key}` : key, message: 'Extra inputs are not permitted' });
	}
}

type Center = { latitude: number; longitude: number } | undefined;

function centerOfPostcode(postcode: string): Center {
	const points = PICKUP_POINTS.filter((p) => p.postcode === postcode);
	if (points.length) {
		return {
			latitude: points.reduce((s, p) => s + p.latitude, 0) / points.length,
			longitude: points.reduce((s, p) => s + p.longitude, 0) / points.length,
		};
	}
	return AREAS.find((a) => postcode.startsWith(a.prefix));
}

const normalise = (s: string) => s.toLocaleLowerCase('fi').replace(/\s+/g, ' ').trim();

/** A tiny geocoder over the seed: postcode in the text, then a known street, then a city name. */
function centerOfAddress(address: string): Center {
	const postcode = /\b(\d{5})\b/.exec(address)?.[1];
	if (postcode) return centerOfPostcode(postcode);
	const text = normalise(address);
	const street = PICKUP_POINTS.find((p) => text.includes(normalise(p.street.replace(/\s+\d.*$/, ''))));
	if (street) return street;
	return AREAS.find((a) => text.includes(a.city.toLowerCase()) || text.includes(a.sv.toLocaleLowerCase('sv')));
}

function readSearch(ctx: Ctx): { center: Center; countryCode: string; limit: number } {
	const body = ctx.req.body;
	if (body.kind === 'invalid-json') validation([{ field: 'body', message: `Invalid JSON: ${body.error}` }]);
	if (body.kind !== 'json' || !isObject(body.value)) validation([{ field: 'body', message: 'A JSON object is required' }]);
	const value = body.value as Obj;
	const issues: Issue[] = [];
	extras(value, ['searchCriteria', 'limit', 'pagingContinuationToken'], '', issues);
	if (value.limit !== undefined && (!Number.isInteger(value.limit) || (value.limit as number) < 1 || (value.limit as number) > MAX_LIMIT)) {
		issues.push({ field: 'limit', message: `Input should be a whole number from 1 to ${MAX_LIMIT}` });
	}
	const criteria = value.searchCriteria;
	let center: Center;
	let countryCode = '';
	if (!isObject(criteria)) {
		issues.push({ field: 'searchCriteria', message: 'Field required' });
	} else {
		extras(criteria, ['location'], 'searchCriteria', issues);
		const location = criteria.location;
		if (!isObject(location)) {
			issues.push({ field: 'searchCriteria.location', message: 'Field required' });
		} else {
			extras(location, ['postcode', 'address', 'coordinates', 'countryCode'], 'searchCriteria.location', issues);
			if (typeof location.countryCode !== 'string' || !/^[A-Za-z]{2}$/.test(location.countryCode)) {
				issues.push({ field: 'searchCriteria.location.countryCode', message: 'A two-letter country code is required' });
			} else {
				countryCode = location.countryCode.toUpperCase();
			}
			const given = ['postcode', 'address', 'coordinates'].filter((k) => location[k] !== undefined);
			if (given.length !== 1) {
				issues.push({ field: 'searchCriteria.location', message: 'Give exactly one of postcode, address or coordinates' });
			} else if (given[0] === 'postcode') {
				if (typeof location.postcode !== 'string' || (countryCode === 'FI' && !/^\d{5}$/.test(location.postcode))) {
					issues.push({ field: 'searchCriteria.location.postcode', message: 'A postcode string is required (5 digits in FI)' });
				} else center = centerOfPostcode(location.postcode);
			} else if (given[0] === 'address') {
				if (typeof location.address !== 'string' || location.address.trim() === '') {
					issues.push({ field: 'searchCriteria.location.address', message: 'A non-empty address string is required' });
				} else center = centerOfAddress(location.address);
			} else {
				const c = location.coordinates;
				if (!isObject(c)) {
					issues.push({ field: 'searchCriteria.location.coordinates', message: 'An object {latitude, longitude} is required' });
				} else {
					extras(c, ['latitude', 'longitude'], 'searchCriteria.location.coordinates', issues);
					const ok = (v: unknown, max: number) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max;
					if (!ok(c.latitude, 90)) issues.push({ field: 'searchCriteria.location.coordinates.latitude', message: 'A number from -90 to 90 is required' });
					if (!ok(c.longitude, 180)) issues.push({ field: 'searchCriteria.location.coordinates.longitude', message: 'A number from -180 to 180 is required' });
					if (!issues.length) center = { latitude: c.latitude as number, longitude: c.longitude as number };
				}
			}
		}
	}
	if (issues.length) validation(issues);
	return { center, countryCode, limit: (value.limit as number | undefined) ?? DEFAULT_LIMIT };
}

function listResponse(points: Obj[], lang: Language): SandboxResponse {
	return { status: 200, headers: { 'content-language': lang }, body: { pickupPoints: points, pagingContinuationToken: null } };
}

export function registerPickupPointRoutes(router: Router, core: PostiCore): void {
	const auth = { auth: 'bearer' as const, role: ROLE_PICKUP_POINTS };
	addRoute(
		router,
		core,
		'POST',
		'/2025-04/pickuppoints',
		(ctx) => {
			const { center, countryCode, limit } = readSearch(ctx);
			const lang = language(ctx.req.headers['accept-language']);
			if (countryCode !== 'FI' || !center) return listResponse([], lang);
			const found = PICKUP_POINTS.map((p) => ({ p, d: distanceMetres(center, p) }))
				.sort((a, b) => a.d - b.d || a.p.id.localeCompare(b.p.id))
				.slice(0, limit)
				.map(({ p, d }) => pointView(p, lang, d));
			return listResponse(found, lang);
		},
		auth,
	);
	addRoute(
		router,
		core,
		'GET',
		'/2025-04/pickuppoints/{countryCode}',
		(ctx) => {
			const lang = language(ctx.req.headers['accept-language']);
			const points = ctx.req.params.countryCode.toUpperCase() === 'FI' ? PICKUP_POINTS : [];
			return listResponse(points.map((p) => pointView(p, lang)), lang);
		},
		auth,
	);
	addRoute(
		router,
		core,
		'GET',
		'/2025-04/pickuppoints/{countryCode}/{pupCode}',
		(ctx) => {
			const { countryCode, pupCode } = ctx.req.params;
			const point = countryCode.toUpperCase() === 'FI' ? PICKUP_POINTS.find((p) => p.id === pupCode) : undefined;
			if (!point) throw gatewayError(404, 'NOT_FOUND', `Pickup point ${countryCode.toUpperCase()}/${pupCode} not found`);
			const lang = language(ctx.req.headers['accept-language']);
			return { status: 200, headers: { 'content-language': lang }, body: pointView(point, lang) };
		},
		auth,
	);
}
