/**
 * Wall-clock date-times of one time zone, as APIs without zones write them
 * (`2026-07-01T10:15:00`, Procountor in Finnish time): normalised to
 * `YYYY-MM-DDTHH:mm:ss.SSS`, so that comparing the strings compares the times.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
		formatters.set(timeZone, format);
	}
	return format;
}

/** The wall clock in `timeZone` at an instant. */
export function wallClockAt(epochMs: number, timeZone: string): string {
	const parts = formatter(timeZone).formatToParts(new Date(epochMs));
	const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '00';
	const millis = String(((epochMs % 1000) + 1000) % 1000).padStart(3, '0');
	return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}.${millis}`;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A date-time as the wall clock of `timeZone`: without a zone it is taken as that wall clock
 * already; with one (`Z`, `+03:00`) it is converted. Undefined when it is not a date-time.
 */
export function toWallClock(value: unknown, timeZone: string): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = DATE_TIME.exec(value.trim());
	if (!match) return undefined;
	const [, date, hourMinute, seconds = '00', fraction = '', zone] = match;
	const local = `${date}T${hourMinute}:${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}`;
	if (Number.isNaN(Date.parse(`${local}Z`))) return undefined;
	if (!zone) return local;
	const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
	return wallClockAt(Date.parse(`${local}${offset}`), timeZone);
}

/** A wall clock moved by `ms` on the calendar (the zone's clock changes are not applied). */
export function shiftWallClock(value: string, ms: number): string {
	return new Date(Date.parse(`${value}Z`) + ms).toISOString().slice(0, 23);
}

/** Without the fraction, rounded down: `2026-07-01T10:15:00` (what APIs take as a date-time filter). */
export function wholeSeconds(value: string): string {
	return value.slice(0, 19);
}

function zoneOffsetMs(epochMs: number, timeZone: string): number {
	const wall = wallClockAt(epochMs, timeZone);
	return Date.parse(`${wall}Z`) - epochMs;
}

/**
 * Whether a wall-clock time happens twice in the zone: the hour repeated when the clocks go
 * back (in Finland, 03:00-04:00 on the last Sunday of October).
 */
export function isRepeatedWallClock(value: string, timeZone: string): boolean {
	const naive = Date.parse(`${value}Z`);
	const dayAround = 36 * 3_600_000;
	const offsets = new Set([zoneOffsetMs(naive - dayAround, timeZone), zoneOffsetMs(naive + dayAround, timeZone)]);
	const instants = [...offsets].map((offset) => naive - offset).filter((instant) => wallClockAt(instant, timeZone) === value);
	return new Set(instants).size > 1;
}
