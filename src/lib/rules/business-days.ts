/**
 * Business days ("días hábiles") of a body: the unit of the notice periods of Z art. 7.3, I III.4 and
 * T III.4. None of the documents defines the term; the product reads it as every calendar day that is
 *   - not a Saturday or Sunday                               → skipped as 'weekend';
 *   - not a rest day of Ley Federal del Trabajo art. 74      → skipped as 'lft-74' (+ holidayId);
 *   - not one of the body's own non-working days             → skipped as 'body'
 *     (e.g. its institution's holiday period, declared by agreement and stored in the rules).
 * A day that is both a weekend day and a rest day is reported as 'weekend' (the first reason that
 * applies, in that order). Days are read in the body's time zone (see local-dates.ts).
 *
 * Glossary: día hábil → business day; día inhábil → non-business (skipped) day;
 * días de descanso obligatorio → 'lft-74'; días inhábiles del órgano → 'body'.
 */
import { findLftRestDay, type LftHolidayId } from './mexican-holidays';
import { addCalendarDays, findDayOfWeek, type IsoDate } from './local-dates';

/** The part of a body's rules the calendar needs (a `BodyRules` fits). */
export interface BusinessCalendar {
	timeZone: string;
	nonWorkingDays: readonly IsoDate[];
}

export type SkippedDay =
	| { date: IsoDate; reason: 'weekend' }
	| { date: IsoDate; reason: 'lft-74'; holidayId: LftHolidayId }
	| { date: IsoDate; reason: 'body' };

export interface BusinessDayWalk {
	/** The day reached. */
	date: IsoDate;
	/** The business days counted on the way, in calendar order (the last or first one is `date`). */
	countedDays: IsoDate[];
	/** The days passed over and why, in calendar order. */
	skippedDays: SkippedDay[];
}

/**
 * Why a calendar day is not a business day for this body, or null when it is one. Every walk below
 * calls it; the UI may call it to mark a date picker.
 */
export function findNonBusinessReason(
	calendar: BusinessCalendar,
	date: IsoDate
): SkippedDay | null {
	const weekday = findDayOfWeek(date);
	if (weekday === 0 || weekday === 6) return { date, reason: 'weekend' };
	const holidayId = findLftRestDay(date);
	if (holidayId) return { date, reason: 'lft-74', holidayId };
	if (calendar.nonWorkingDays.includes(date)) return { date, reason: 'body' };
	return null;
}

/**
 * The `count`-th business day after `from` (or before it, if `count` is negative), `from` itself not
 * counted; `count` 0 returns `from`. The notice rule walks back from the meeting day with it and
 * forward from the issue day to find the earliest meeting day.
 */
export function addBusinessDays(
	calendar: BusinessCalendar,
	from: IsoDate,
	count: number
): BusinessDayWalk {
	if (!Number.isInteger(count)) throw new RangeError(`business days must be whole: ${count}`);
	const step = count < 0 ? -1 : 1;
	const countedDays: IsoDate[] = [];
	const skippedDays: SkippedDay[] = [];
	let date = from;
	while (countedDays.length < Math.abs(count)) {
		date = addCalendarDays(date, step);
		const skipped = findNonBusinessReason(calendar, date);
		if (skipped) skippedDays.push(skipped);
		else countedDays.push(date);
	}
	if (step < 0) {
		countedDays.reverse();
		skippedDays.reverse();
	}
	return { date, countedDays, skippedDays };
}

/**
 * The business days strictly between two calendar days (both excluded) and the days skipped there.
 * This is the measure of "N business days of notice": the notice check (notice.ts) calls it to say how
 * many business days a convocatoria actually gives.
 */
export function countBusinessDaysBetween(
	calendar: BusinessCalendar,
	after: IsoDate,
	before: IsoDate
): { count: number; countedDays: IsoDate[]; skippedDays: SkippedDay[] } {
	const countedDays: IsoDate[] = [];
	const skippedDays: SkippedDay[] = [];
	for (let date = addCalendarDays(after, 1); date < before; date = addCalendarDays(date, 1)) {
		const skipped = findNonBusinessReason(calendar, date);
		if (skipped) skippedDays.push(skipped);
		else countedDays.push(date);
	}
	return { count: countedDays.length, countedDays, skippedDays };
}
