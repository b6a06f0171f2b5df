/** Calendar date (YYYY-MM-DD) in a time zone, `days` after today there. */
export function dateInTimeZone(timeZone: string, days = 0, now: Date = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).formatToParts(now);
	const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const shifted = new Date(Date.UTC(value('year'), value('month') - 1, value('day') + days));
	return shifted.toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Accepts "2026-07-15", "2026-07-15T10:00:00Z" or a Date-like value; returns YYYY-MM-DD or undefined. */
export function toIsoDate(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string' && ISO_DATE.test(value)) return value;
	const parsed = new Date(String(value));
	if (Number.isNaN(parsed.getTime())) return undefined;
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)
		? value.slice(0, 10)
		: parsed.toISOString().slice(0, 10);
}
