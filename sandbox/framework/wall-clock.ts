/** The wall clock of a vendor's time zone (Helsinki for Posti and Procountor, Oslo for Tripletex) at an instant. */

export interface WallClockParts {
	/** Four digits. */
	year: string;
	/** Two digits each. */
	month: string;
	day: string;
	hour: string;
	minute: string;
	second: string;
}

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

export function wallClockParts(epochMs: number, timeZone: string): WallClockParts {
	const parts = formatter(timeZone).formatToParts(new Date(epochMs));
	const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** `2017-01-30T15:20:00`: whole seconds, no zone. */
export function wallClockDateTime(epochMs: number, timeZone: string): string {
	const p = wallClockParts(epochMs, timeZone);
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in minutes. */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
	const p = wallClockParts(epochMs, timeZone);
	const asIfUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
	return Math.round((asIfUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}
