/**
 * The official rest days of Mexico's Ley Federal del Trabajo, art. 74, which the documents' "días
 * hábiles" exclude (Z art. 7.3, I III.4, T III.4 count notice in business days).
 *
 * LFT art. 74, as in force:
 *   I    1 January                                      → 'new-year'
 *   II   first Monday of February (for 5 February)      → 'constitution-day'
 *   III  third Monday of March (for 21 March)           → 'benito-juarez-birthday'
 *   IV   1 May                                          → 'labour-day'
 *   V    16 September                                   → 'independence-day'
 *   VI   third Monday of November (for 20 November)     → 'revolution-day'
 *   VII  1 October every six years, when the new federal executive takes office (2024, 2030, …)
 *                                                       → 'presidential-inauguration'
 *        The 2024 decree moved VII from 1 December; 1 December is kept only for the inaugurations
 *        before the change (2006, 2012, 2018). 1 December is NOT a rest day from 2024 on.
 *   VIII 25 December                                    → 'christmas'
 *   IX   election days of ordinary elections: always a Sunday (LGIPE art. 22 and the state
 *        laws), hence already a weekend day; not listed here.
 * The Monday rules (II, III, VI) date from the 2006 reform; this calendar is meant for 2006 onward.
 *
 * Glossary: día de descanso obligatorio → rest day; Ley Federal del Trabajo (LFT) → 'lft-74'.
 */
import { findDayOfWeek, type IsoDate } from './local-dates';

export type LftHolidayId =
	| 'new-year'
	| 'constitution-day'
	| 'benito-juarez-birthday'
	| 'labour-day'
	| 'independence-day'
	| 'presidential-inauguration'
	| 'revolution-day'
	| 'christmas';

export interface LftRestDay {
	date: IsoDate;
	holidayId: LftHolidayId;
}

/** The first year whose federal executive takes office on 1 October (LFT art. 74 VII as reformed). */
const FIRST_OCTOBER_INAUGURATION_YEAR = 2024;
const PRESIDENTIAL_TERM_YEARS = 6;

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

function toIsoDate(year: number, month: number, day: number): IsoDate {
	return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function findNthMonday(year: number, month: number, nth: number): IsoDate {
	const firstWeekday = findDayOfWeek(toIsoDate(year, month, 1));
	const firstMonday = 1 + ((8 - firstWeekday) % 7);
	return toIsoDate(year, month, firstMonday + 7 * (nth - 1));
}

function findInaugurationDay(year: number): IsoDate | null {
	const yearsFromReform = year - FIRST_OCTOBER_INAUGURATION_YEAR;
	if (yearsFromReform % PRESIDENTIAL_TERM_YEARS !== 0) return null;
	return yearsFromReform >= 0 ? toIsoDate(year, 10, 1) : toIsoDate(year, 12, 1);
}

/**
 * The LFT art. 74 rest days of one year, in calendar order. The business-day rule calls it through
 * `findLftRestDay`; the UI may call it to show the calendar a body's deadlines were computed with.
 */
export function listLftRestDays(year: number): LftRestDay[] {
	const restDays: LftRestDay[] = [
		{ date: toIsoDate(year, 1, 1), holidayId: 'new-year' },
		{ date: findNthMonday(year, 2, 1), holidayId: 'constitution-day' },
		{ date: findNthMonday(year, 3, 3), holidayId: 'benito-juarez-birthday' },
		{ date: toIsoDate(year, 5, 1), holidayId: 'labour-day' },
		{ date: toIsoDate(year, 9, 16), holidayId: 'independence-day' },
		{ date: findNthMonday(year, 11, 3), holidayId: 'revolution-day' },
		{ date: toIsoDate(year, 12, 25), holidayId: 'christmas' }
	];
	const inauguration = findInaugurationDay(year);
	if (inauguration) restDays.push({ date: inauguration, holidayId: 'presidential-inauguration' });
	return restDays.sort((left, right) => left.date.localeCompare(right.date));
}

/**
 * Which LFT art. 74 rest day a calendar day is, or null. The business-day rule calls it for every
 * day it walks over, so that each skipped day can say why it was skipped.
 */
export function findLftRestDay(date: IsoDate): LftHolidayId | null {
	const year = Number(date.slice(0, 4));
	return listLftRestDays(year).find((restDay) => restDay.date === date)?.holidayId ?? null;
}
