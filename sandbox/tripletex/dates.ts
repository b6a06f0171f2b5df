/** Calendar dates (YYYY-MM-DD) in Europe/Oslo, where Tripletex's days start and end. */
const OSLO = 'Europe/Oslo';

const osloParts = new Intl.DateTimeFormat('en-CA', {
	timeZone: OSLO,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
});

function partsAt(epochMs: number): Record<string, number> {
	return Object.fromEntries(
		osloParts
			.formatToParts(new Date(epochMs))
			.filter((p) => p.type !== 'literal')
			.map((p) => [p.type, Number(p.value)]),
	);
}

export function osloDate(epochMs: number): string {
	const p = partsAt(epochMs);
	return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
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
	const p = partsAt(utcMidnight - 3_600_000);
	const asIfUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	const offset = asIfUtc - (utcMidnight - 3_600_000);
	return utcMidnight - offset;
}

export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function yearOf(date: string): number {
	return Number(date.slice(0, 4));
}
