import { wallClockParts, zoneOffsetMinutes } from '../framework/wall-clock';

/** Calendar dates (YYYY-MM-DD) in Europe/Oslo, where Tripletex's days start and end. */
const OSLO = 'Europe/Oslo';

export function osloDate(epochMs: number): string {
	const p = wallClockParts(epochMs, OSLO);
	return `${p.year}-${p.month}-${p.day}`;
}

/** Strict YYYY-MM-DD that names a real calendar day. */
export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The instant 00:00 Europe/Oslo begins on `date`. */
export function osloMidnight(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	const utcMidnight = Date.UTC(y, m - 1, d);
	// Oslo is UTC+1 or +2, and DST never switches around midnight, so the offset an hour
	// before UTC midnight is the one in force at Oslo midnight.
	return utcMidnight - zoneOffsetMinutes(utcMidnight - 3_600_000, OSLO) * 60_000;
}

export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function yearOf(date: string): number {
	return Number(date.slice(0, 4));
}
