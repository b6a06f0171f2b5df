import { DateTime } from 'luxon';

import { addDays, CalendarDateError, calendarDateSchema, toCalendarDate } from '../../../nodes/shared/dates';

const OSLO = 'Europe/Oslo';

describe('calendar dates from parameters and input', () => {
	it.each([
		['2026-03-01', '2026-03-01'],
		['  2026-03-01 ', '2026-03-01'],
		['2028-02-29', '2028-02-29'],
		// The date at the value's own offset, never converted to UTC or the server's zone.
		['2026-03-01T00:30:00+01:00', '2026-03-01'],
		['2026-03-01T00:30:00.000+01:00', '2026-03-01'],
		['2026-02-28T23:30:00-05:00', '2026-02-28'],
		['2026-03-01T00:30:00Z', '2026-03-01'],
		['2026-03-01T23:59:59+1400', '2026-03-01'],
		// Without an offset: a wall-clock time in the workflow's time zone, so its own date.
		['2026-03-01T00:30:00', '2026-03-01'],
		['2026-03-01 00:30', '2026-03-01'],
	])('%p → %p', (input, expected) => {
		expect(toCalendarDate(input, OSLO)).toBe(expected);
	});

	it('a DateTime for 00:30 Oslo time is that day in Oslo, not the day before (as it was in UTC)', () => {
		const value = DateTime.fromISO('2026-03-01T00:30:00', { zone: OSLO });
		expect(value.toUTC().toISODate()).toBe('2026-02-28');
		expect(toCalendarDate(value, 'UTC')).toBe('2026-03-01');
		expect(toCalendarDate(DateTime.fromISO('2026-07-15T23:30:00', { zone: 'America/New_York' }), OSLO)).toBe('2026-07-15');
	});

	it('a JS Date (an instant) is read in the workflow time zone', () => {
		const instant = new Date('2026-02-28T23:30:00Z');
		expect(toCalendarDate(instant, OSLO)).toBe('2026-03-01');
		expect(toCalendarDate(instant, 'UTC')).toBe('2026-02-28');
		expect(toCalendarDate(instant, 'America/New_York')).toBe('2026-02-28');
	});

	it.each([[undefined], [null], [''], ['   ']])('%p is empty (undefined)', (input) => {
		expect(toCalendarDate(input, OSLO)).toBeUndefined();
	});

	it.each([
		['2026-02-30', /not a real date \(2026-02 has no day 30\)/],
		['2027-02-29', /not a real date/],
		['2026-13-01', /not a real date/],
		['2026-00-10', /not a real date/],
		['2026-04-31T10:00:00Z', /not a real date/],
		['2026-03-01T25:00:00Z', /impossible time of day/],
		['2026-03-01T10:00:00+25:00', /impossible UTC offset/],
		['03/01/2026', /not a date in a form the node accepts/],
		['1 March 2026', /not a date in a form the node accepts/],
		['2026-3-1', /not a date in a form the node accepts/],
		['20260301', /not a date in a form the node accepts/],
		['[DateTime: 2026-03-01T00:30:00.000+01:00]', /not a date in a form the node accepts/],
		[1772321400000, /not a date in a form the node accepts/],
		[true, /not a date in a form the node accepts/],
		[{ date: '2026-03-01' }, /not a date in a form the node accepts/],
		[new Date('nope'), /the Date is invalid/],
		[DateTime.invalid('broken'), /the DateTime is invalid \(broken\)/],
	])('rejects %p', (input, message) => {
		expect(() => toCalendarDate(input, OSLO)).toThrow(CalendarDateError);
		expect(() => toCalendarDate(input, OSLO)).toThrow(message);
	});

	it('adds days across months and leap years', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-20', 14)).toBe('2027-01-03');
	});

	it('the zod schema gives the same reading inside lists (e.g. a posting date)', () => {
		const schema = calendarDateSchema(OSLO);
		expect(schema.parse('2026-03-01T00:30:00+01:00')).toBe('2026-03-01');
		expect(schema.parse('')).toBeUndefined();
		const bad = schema.safeParse('2026-02-30');
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toContain('is not a real date');
	});
});
