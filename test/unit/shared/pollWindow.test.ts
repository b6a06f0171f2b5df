import { advancePollWindow, pollWindowStart, recall, rememberBounded, wasHandled } from '../../../nodes/shared/pollWindow';
import { isRepeatedWallClock, shiftWallClock, toWallClock, wallClockAt, wholeSeconds } from '../../../nodes/shared/wallClock';

const HELSINKI = 'Europe/Helsinki';
const options = { lookBackMs: 5 * 60_000, timeZone: HELSINKI, maxSeen: 100 };

describe("wall clocks (Procountor's date-times without a zone)", () => {
	test('an instant as Helsinki time, summer (+03:00) and winter (+02:00), to the millisecond', () => {
		expect(wallClockAt(Date.parse('2026-07-01T09:00:00.042Z'), HELSINKI)).toBe('2026-07-01T12:00:00.042');
		expect(wallClockAt(Date.parse('2026-12-31T22:30:00Z'), HELSINKI)).toBe('2027-01-01T00:30:00.000');
	});

	test('a date-time without a zone is taken as the wall clock; one with a zone is converted; anything else is not a time', () => {
		expect(toWallClock('2026-07-01T12:00:00', HELSINKI)).toBe('2026-07-01T12:00:00.000');
		expect(toWallClock('2026-07-01T12:00:00.5', HELSINKI)).toBe('2026-07-01T12:00:00.500');
		expect(toWallClock('2026-07-01T12:00', HELSINKI)).toBe('2026-07-01T12:00:00.000');
		expect(toWallClock('2026-07-01T09:00:00Z', HELSINKI)).toBe('2026-07-01T12:00:00.000');
		expect(toWallClock('2026-01-15T10:00:00+01:00', HELSINKI)).toBe('2026-01-15T11:00:00.000');
		expect(toWallClock('2026-01-15T10:00:00+0100', HELSINKI)).toBe('2026-01-15T11:00:00.000');
		for (const bad of ['2026-07-01', 'yesterday', '', null, 1751360400000, '2026-13-01T00:00:00']) expect(toWallClock(bad, HELSINKI)).toBeUndefined();
	});

	test('shifting is calendar arithmetic; filters get whole seconds, rounded down', () => {
		expect(shiftWallClock('2026-07-01T00:02:00.000', -5 * 60_000)).toBe('2026-06-30T23:57:00.000');
		expect(wholeSeconds('2026-07-01T11:55:00.999')).toBe('2026-07-01T11:55:00');
	});

	test('the hour repeated when the clocks go back (last Sunday of October, 03:00-04:00) is recognised, and only it', () => {
		expect(isRepeatedWallClock('2026-10-25T03:30:00.000', HELSINKI)).toBe(true);
		expect(isRepeatedWallClock('2026-10-25T03:00:00.000', HELSINKI)).toBe(true);
		expect(isRepeatedWallClock('2026-10-25T02:59:59.999', HELSINKI)).toBe(false);
		expect(isRepeatedWallClock('2026-10-25T04:00:00.000', HELSINKI)).toBe(false);
		// The hour skipped in March is not repeated.
		expect(isRepeatedWallClock('2026-03-29T03:30:00.000', HELSINKI)).toBe(false);
		expect(isRepeatedWallClock('2026-07-01T03:30:00.000', HELSINKI)).toBe(false);
	});
});

describe('the poll window', () => {
	test('starts the look-back before the cursor; inside a repeated hour, an hour earlier still', () => {
		expect(pollWindowStart('2026-07-01T12:00:00.000', options)).toBe('2026-07-01T11:55:00.000');
		// 03:50 of the first pass: the second pass writes 03:00-03:59 again, all of it before the cursor.
		expect(pollWindowStart('2026-10-25T03:50:00.000', options)).toBe('2026-10-25T02:45:00.000');
		expect(pollWindowStart('2026-10-25T04:02:00.000', options)).toBe('2026-10-25T03:57:00.000');
	});

	test('when the clocks go back, a change in the second pass of the hour is not missed', () => {
		// Seen at 03:50 (summer time); the next change is written at 03:10 (winter time), 20 minutes later.
		let state = advancePollWindow({ cursor: '2026-10-25T03:40:00.000', seen: {} }, [{ key: '1@a', at: '2026-10-25T03:50:00.000' }], options);
		const start = pollWindowStart(state.cursor, options);
		expect('2026-10-25T03:10:00.000' >= start).toBe(true);
		state = advancePollWindow(state, [{ key: '2@b', at: '2026-10-25T03:10:00.000' }], options);
		expect(state.cursor).toBe('2026-10-25T03:50:00.000');
		expect(wasHandled(state, '1@a') && wasHandled(state, '2@b')).toBe(true);
	});

	test('the cursor moves to the latest time seen, never back; keys outside the next window are forgotten; at most maxSeen kept', () => {
		let state = advancePollWindow(
			{ cursor: '2026-07-01T12:00:00.000', seen: { 'old@1': '2026-07-01T11:50:00.000' } },
			[
				{ key: 'a', at: '2026-07-01T12:10:00.000' },
				{ key: 'b', at: '2026-07-01T12:06:00.000' },
				{ key: 'c', at: '2026-07-01T12:04:59.999' },
			],
			options,
		);
		expect(state).toEqual({ cursor: '2026-07-01T12:10:00.000', seen: { b: '2026-07-01T12:06:00.000', a: '2026-07-01T12:10:00.000' } });
		state = advancePollWindow(state, [], options);
		expect(state.cursor).toBe('2026-07-01T12:10:00.000');
		const many = Array.from({ length: 150 }, (_, index) => ({ key: `k${index}`, at: `2026-07-01T12:11:${String(Math.floor(index / 3)).padStart(2, '0')}.000` }));
		state = advancePollWindow(state, many, options);
		expect(Object.keys(state.seen)).toHaveLength(100);
		expect(wasHandled(state, 'k149')).toBe(true);
		expect(wasHandled(state, 'k0')).toBe(false);
	});

	test('bounded memory forgets the least recently set first, and keeps numeric ids in order', () => {
		const map: Record<string, string> = {};
		for (const id of [30, 10, 20]) rememberBounded(map, id, `s${id}`, 2);
		expect(Object.keys(map)).toEqual(['#10', '#20']);
		rememberBounded(map, 10, 'again', 2);
		rememberBounded(map, 40, 's40', 2);
		expect(map).toEqual({ '#10': 'again', '#40': 's40' });
		expect(recall(map, 10)).toBe('again');
		expect(recall(map, 20)).toBeUndefined();
		expect(recall(undefined, 1)).toBeUndefined();
	});
});
