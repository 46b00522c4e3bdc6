import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addBusinessDays,
	countBusinessDaysBetween,
	findNonBusinessReason,
	type BusinessCalendar
} from './business-days';
import { addCalendarDays } from './local-dates';

const federalCalendar: BusinessCalendar = { timeZone: 'America/Mexico_City', nonWorkingDays: [] };
const bodyCalendar: BusinessCalendar = {
	timeZone: 'America/Mexico_City',
	nonWorkingDays: ['2025-12-12', '2025-12-26']
};

describe('which days are business days', () => {
	it.each([
		['2025-06-09', null],
		['2025-06-07', { date: '2025-06-07', reason: 'weekend' }],
		['2025-06-08', { date: '2025-06-08', reason: 'weekend' }],
		['2025-09-16', { date: '2025-09-16', reason: 'lft-74', holidayId: 'independence-day' }],
		[
			'2024-10-01',
			{ date: '2024-10-01', reason: 'lft-74', holidayId: 'presidential-inauguration' }
		],
		['2025-12-12', null]
	])('for the federal calendar, %s → %j', (date, expected) => {
		expect(findNonBusinessReason(federalCalendar, date)).toEqual(expected);
	});

	it("adds the body's own non-working days", () => {
		expect(findNonBusinessReason(bodyCalendar, '2025-12-12')).toEqual({
			date: '2025-12-12',
			reason: 'body'
		});
	});

	it('reports a rest day on a weekend as a weekend (1 January 2028 is a Saturday)', () => {
		expect(findNonBusinessReason(federalCalendar, '2028-01-01')).toEqual({
			date: '2028-01-01',
			reason: 'weekend'
		});
	});
});

describe('addBusinessDays', () => {
	it('steps over a weekend', () => {
		const walk = addBusinessDays(federalCalendar, '2025-06-06', 1);
		expect(walk.date).toBe('2025-06-09');
		expect(walk.skippedDays).toEqual([
			{ date: '2025-06-07', reason: 'weekend' },
			{ date: '2025-06-08', reason: 'weekend' }
		]);
	});

	it('steps over a long weekend with a Monday rest day', () => {
		const walk = addBusinessDays(federalCalendar, '2025-11-14', 1);
		expect(walk.date).toBe('2025-11-18');
		expect(walk.skippedDays.map((day) => day.reason)).toEqual(['weekend', 'weekend', 'lft-74']);
	});

	it('walks back across the year end, in calendar order', () => {
		const walk = addBusinessDays(federalCalendar, '2024-01-08', -5);
		expect(walk.date).toBe('2023-12-29');
		expect(walk.countedDays).toEqual([
			'2023-12-29',
			'2024-01-02',
			'2024-01-03',
			'2024-01-04',
			'2024-01-05'
		]);
		expect(walk.skippedDays).toEqual([
			{ date: '2023-12-30', reason: 'weekend' },
			{ date: '2023-12-31', reason: 'weekend' },
			{ date: '2024-01-01', reason: 'lft-74', holidayId: 'new-year' },
			{ date: '2024-01-06', reason: 'weekend' },
			{ date: '2024-01-07', reason: 'weekend' }
		]);
	});

	it("skips the body's own days", () => {
		expect(addBusinessDays(bodyCalendar, '2025-12-11', 1).date).toBe('2025-12-15');
		expect(addBusinessDays(bodyCalendar, '2025-12-24', 1).date).toBe('2025-12-29');
	});

	it('returns the day itself for zero and refuses fractions', () => {
		expect(addBusinessDays(federalCalendar, '2025-06-07', 0)).toEqual({
			date: '2025-06-07',
			countedDays: [],
			skippedDays: []
		});
		expect(() => addBusinessDays(federalCalendar, '2025-06-07', 1.5)).toThrow(RangeError);
	});
});

describe('countBusinessDaysBetween', () => {
	it('counts strictly between the two days', () => {
		expect(countBusinessDaysBetween(federalCalendar, '2025-06-01', '2025-06-09').count).toBe(5);
		expect(countBusinessDaysBetween(federalCalendar, '2025-06-02', '2025-06-09').count).toBe(4);
		expect(countBusinessDaysBetween(federalCalendar, '2025-06-09', '2025-06-09').count).toBe(0);
		expect(countBusinessDaysBetween(federalCalendar, '2025-06-10', '2025-06-09').count).toBe(0);
	});
});

const isoDay = fc
	.integer({ min: 0, max: 365 * 8 })
	.map((offset) => addCalendarDays('2024-01-01', offset));

describe('business-day invariants', () => {
	it('a walk of n business days lands on a business day with n − 1 business days in between', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: 1, max: 30 }), (from, count) => {
				const walk = addBusinessDays(federalCalendar, from, count);
				expect(findNonBusinessReason(federalCalendar, walk.date)).toBeNull();
				expect(walk.countedDays).toHaveLength(count);
				expect(countBusinessDaysBetween(federalCalendar, from, walk.date).count).toBe(count - 1);
			})
		);
	});

	it('walking back n business days and forward n again reaches the first business day from the start', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: 1, max: 30 }), (from, count) => {
				const back = addBusinessDays(federalCalendar, from, -count);
				const forward = addBusinessDays(federalCalendar, back.date, count);
				expect(countBusinessDaysBetween(federalCalendar, back.date, from).count).toBe(count - 1);
				expect(forward.date >= from).toBe(true);
				expect(forward.date === from).toBe(findNonBusinessReason(federalCalendar, from) === null);
			})
		);
	});

	it('every day between two days is either counted or skipped, once', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: 0, max: 60 }), (from, span) => {
				const to = addCalendarDays(from, span);
				const between = countBusinessDaysBetween(bodyCalendar, from, to);
				const all = [...between.countedDays, ...between.skippedDays.map((day) => day.date)].sort();
				expect(all).toEqual(
					Array.from({ length: Math.max(0, span - 1) }, (_, index) =>
						addCalendarDays(from, index + 1)
					)
				);
			})
		);
	});
});
