import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { fail } from './validation';

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

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
	const shifted = new Date(`${date}T00:00:00Z`);
	shifted.setUTCDate(shifted.getUTCDate() + days);
	return shifted.toISOString().slice(0, 10);
}

/** What the date fields take, for messages. */
export const ACCEPTED_DATE_FORMS =
	'Give a date as YYYY-MM-DD (e.g. 2026-07-15), an ISO date-time (2026-07-15T10:30:00+03:00 is taken as the date at its own offset; ' +
	"without an offset, the date in the workflow's time zone), or a DateTime such as {{ $now }} (its own zone)";

export class CalendarDateError extends Error {}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[[A-Za-z0-9_/+-]+\])?$/i;

function isRealDate(year: number, month: number, day: number): boolean {
	if (year < 1 || month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A Luxon DateTime (what n8n expressions such as {{ $now }} and DateTime values give), without importing Luxon. */
interface DateTimeLike {
	isLuxonDateTime: true;
	isValid: boolean;
	invalidReason?: string | null;
	toISODate(): string | null;
}

function isDateTimeLike(value: unknown): value is DateTimeLike {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as DateTimeLike).isLuxonDateTime === true &&
		typeof (value as DateTimeLike).toISODate === 'function'
	);
}

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return Object.prototype.toString.call(value).slice(8, -1);
}

/**
 * The calendar date a value names, as YYYY-MM-DD; undefined when empty. Throws
 * CalendarDateError for anything else.
 *
 * - "2026-03-01": as given, if it is a real date (2026-02-30 and 2026-13-01 are not).
 * - "2026-03-01T00:30:00+01:00" (or Z): the date at the value's own offset, here 2026-03-01.
 * - "2026-03-01T00:30:00" (no offset): a wall-clock time in the workflow's time zone, so its date.
 * - A Luxon DateTime: the date in the DateTime's own zone.
 * - A JS Date (an instant): the date in `timeZone`, the workflow's time zone.
 * - Anything else ("03/01/2026", "1 March", epoch numbers) is rejected: the reading would be a guess.
 */
export function toCalendarDate(value: unknown, timeZone: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		const match = DATE.exec(text) ?? DATE_TIME.exec(text);
		if (!match) throw new CalendarDateError(`${describe(value)} is not a date in a form the node accepts`);
		const [, year, month, day, hour, minute, second, offset] = match;
		if (!isRealDate(Number(year), Number(month), Number(day))) {
			throw new CalendarDateError(`${describe(value)} is not a real date (${year}-${month} has no day ${Number(day)})`);
		}
		if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) {
			throw new CalendarDateError(`${describe(value)} has an impossible time of day`);
		}
		if (offset && /^[+-]/.test(offset) && Number(offset.slice(1, 3)) > 18) {
			throw new CalendarDateError(`${describe(value)} has an impossible UTC offset`);
		}
		return `${year}-${month}-${day}`;
	}
	if (isDateTimeLike(value)) {
		const date = value.isValid ? value.toISODate() : null;
		if (!date) throw new CalendarDateError(`the DateTime is invalid${value.invalidReason ? ` (${value.invalidReason})` : ''}`);
		return date;
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new CalendarDateError('the Date is invalid');
		return dateInTimeZone(timeZone, 0, value);
	}
	throw new CalendarDateError(`${describe(value)} is not a date in a form the node accepts`);
}

/** The workflow's time zone (n8n's, per workflow or instance), for dates given as instants. */
export function workflowTimeZone(this: IExecuteFunctions): string {
	const zone = typeof this.getTimezone === 'function' ? this.getTimezone() : undefined;
	return zone || 'UTC';
}

/**
 * Reads a date given in a node parameter (or a collection's field, as `raw`) as YYYY-MM-DD.
 * A value in no accepted form fails the item before anything is sent, naming the field
 * and the item. Empty gives undefined, or fails when `required`.
 */
export function readDateValue(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
	options: { required?: boolean; emptyHint?: string } = {},
): string | undefined {
	let date: string | undefined;
	try {
		date = toCalendarDate(raw, workflowTimeZone.call(this));
	} catch (error) {
		fail(
			this.getNode(),
			`${label} in item ${itemIndex} is not a valid date: ${(error as Error).message}`,
			itemIndex,
			`${ACCEPTED_DATE_FORMS}. Nothing was sent.`,
		);
	}
	if (date === undefined && options.required) {
		fail(
			this.getNode(),
			`${label} in item ${itemIndex} is missing`,
			itemIndex,
			`${options.emptyHint ? `${options.emptyHint} ` : ''}${ACCEPTED_DATE_FORMS}. Nothing was sent.`,
		);
	}
	return date;
}

/** `readDateValue` for the node parameter `name`. */
export function readDateParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	options: { required?: boolean; emptyHint?: string } = {},
): string | undefined {
	return readDateValue.call(this, this.getNodeParameter(name, itemIndex, ''), label, itemIndex, options);
}

/** zod: a date inside a list (e.g. a posting's date) read like a date parameter; "" means not set. */
export function calendarDateSchema(timeZone: string) {
	return z.unknown().transform((value, context) => {
		try {
			return toCalendarDate(value, timeZone);
		} catch (error) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: `${(error as Error).message}; give YYYY-MM-DD, an ISO date-time, or a DateTime`,
			});
			return z.NEVER;
		}
	});
}
