/**
 * The cursor of a polling trigger over an API that filters by "changed since" (a wall-clock
 * date-time) and has no change feed: each poll asks for everything from a little before the
 * latest time seen (the look-back), and the records already handled in that span are
 * remembered by key (id and version), so that none is missed and none is reported twice:
 * - records sharing the boundary time, or written by a transaction that committed late, are
 *   read again by the look-back and recognised by key;
 * - the cursor only moves to times the server wrote, so the clocks of n8n and the vendor do
 *   not matter after the first poll (which starts from n8n's "now" minus the look-back);
 * - when the clocks go back (the repeated hour), the whole hour is read again.
 * The remembered keys are only those the next window can return, so the state stays small.
 */
import { isRepeatedWallClock, shiftWallClock } from './wallClock';

export interface PollWindowState {
	/** The latest record time seen (the vendor's wall clock, `YYYY-MM-DDTHH:mm:ss.SSS`), or when watching began. */
	cursor: string;
	/** Records handled whose time is inside the next window: key → time. */
	seen: Record<string, string>;
}

export interface PollWindowOptions {
	/** How far before the cursor each poll reads again. */
	lookBackMs: number;
	/** The vendor's time zone (its wall clock). */
	timeZone: string;
	/** At most this many keys are remembered (the newest win). */
	maxSeen: number;
}

export interface HandledRecord {
	key: string;
	/** Its time (`YYYY-MM-DDTHH:mm:ss.SSS`). */
	at: string;
}

const HOUR_MS = 3_600_000;

/** Where the next poll starts reading: the cursor minus the look-back, an hour more when the cursor lies in a repeated hour. */
export function pollWindowStart(cursor: string, { lookBackMs, timeZone }: Pick<PollWindowOptions, 'lookBackMs' | 'timeZone'>): string {
	const start = shiftWallClock(cursor, -lookBackMs);
	// Once the clocks went back, the repeated hour's second pass writes times before the cursor.
	return isRepeatedWallClock(cursor, timeZone) ? shiftWallClock(start, -HOUR_MS) : start;
}

export function wasHandled(state: PollWindowState, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(state.seen, key);
}

/** The state after a poll handled `records`: the cursor at the latest time seen, keys outside the next window forgotten. */
export function advancePollWindow(state: PollWindowState, records: HandledRecord[], options: PollWindowOptions): PollWindowState {
	let cursor = state.cursor;
	const seen: Record<string, string> = { ...state.seen };
	for (const { key, at } of records) {
		seen[key] = at;
		if (at > cursor) cursor = at;
	}
	const start = pollWindowStart(cursor, options);
	const kept = Object.entries(seen)
		.filter(([, at]) => at >= start)
		.sort(([keyA, atA], [keyB, atB]) => (atA < atB ? -1 : atA > atB ? 1 : keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
		.slice(-options.maxSeen);
	return { cursor, seen: Object.fromEntries(kept) };
}

/**
 * Sets `key` in a map kept to `max` entries, the least recently set forgotten first. Keys are
 * stored with a prefix: JSON objects keep the insertion order of keys that are not numbers.
 */
export function rememberBounded<T>(map: Record<string, T>, key: string | number, value: T, max: number): void {
	const slot = `#${key}`;
	delete map[slot];
	map[slot] = value;
	const slots = Object.keys(map);
	for (let index = 0; index < slots.length - max; index++) delete map[slots[index]];
}

export function recall<T>(map: Record<string, T> | undefined, key: string | number): T | undefined {
	return map?.[`#${key}`];
}
