/**
 * Calendar dates and instants in a body's time zone (the ground the business-day, notice,
 * cancellation, term and oversight rules stand on).
 *
 * Model: an instant is a `Date`; a calendar day is an ISO string 'YYYY-MM-DD' (`IsoDate`), always
 * read in the body's IANA time zone. Offsets come from the runtime's tz database through `Intl`, not
 * from a constant: America/Mexico_City is UTC-6 all year since Mexico abolished daylight saving time
 * (last change 30 Oct 2022), but dates before then had UTC-5 summers and America/Tijuana still has them.
 *
 * Articles: none of its own; it carries the time-zone half of the notice (Z art. 7.3, I III.4,
 * T III.4), cancellation (Z art. 7.4), term (Z art. 5, I I.4, T I.4) and oversight (I III.8, T III.8)
 * rules, whose days are the body's local days.
 *
 * Glossary: día natural → calendar day (`IsoDate`); zona horaria → time zone; día de la semana → weekday.
 */

/** 'YYYY-MM-DD', a calendar day with no time zone of its own. */
export type IsoDate = string;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function readIsoDate(date: IsoDate): { year: number; month: number; day: number } {
	const match = ISO_DATE_PATTERN.exec(date);
	if (!match) throw new RangeError(`not an ISO date: ${date}`);
	return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function writeIsoDate(utcMs: number): IsoDate {
	return new Date(utcMs).toISOString().slice(0, 10);
}

function utcMidnightOf(date: IsoDate): number {
	const { year, month, day } = readIsoDate(date);
	return Date.UTC(year, month - 1, day);
}

/**
 * Whether a string is a real calendar day in ISO form ('2024-02-30' is not).
 * The body-rules schema calls it to validate the body's own non-working days.
 */
export function isIsoDate(value: string): boolean {
	if (!ISO_DATE_PATTERN.test(value)) return false;
	return writeIsoDate(utcMidnightOf(value)) === value;
}

/**
 * The calendar day `days` after (or, if negative, before) `date`. Pure day arithmetic with no time
 * zone, used by every walk over the calendar (business days, term ends, month ends).
 */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
	return writeIsoDate(utcMidnightOf(date) + days * MS_PER_DAY);
}

/** Day of the week of a calendar day, 0 = Sunday … 6 = Saturday; the business-day rule reads it. */
export function findDayOfWeek(date: IsoDate): number {
	return new Date(utcMidnightOf(date)).getUTCDay();
}

/** The last calendar day of the month `monthOffset` months after the month of `date`. Oversight deadlines use it. */
export function findLastDayOfMonth(date: IsoDate, monthOffset: number): IsoDate {
	const { year, month } = readIsoDate(date);
	return writeIsoDate(Date.UTC(year, month + monthOffset, 0));
}

/** The same month and day `years` later; 29 Feb falls to 1 Mar in a common year. Term ends use it. */
export function addCalendarYears(date: IsoDate, years: number): IsoDate {
	const { year, month, day } = readIsoDate(date);
	return writeIsoDate(Date.UTC(year + years, month - 1, day));
}

function readZonedParts(instant: Date, timeZone: string): Record<string, number> {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	const parts: Record<string, number> = {};
	for (const part of formatter.formatToParts(instant)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return parts;
}

function measureZoneOffset(utcMs: number, timeZone: string): number {
	const parts = readZonedParts(new Date(utcMs), timeZone);
	const wallClock = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second
	);
	return wallClock - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * The calendar day an instant falls on in the body's time zone — e.g. 2025-06-02T05:59Z is still
 * 1 June in Mexico City. Every rule that turns a meeting or notice time into a day calls it.
 */
export function toLocalDate(instant: Date, timeZone: string): IsoDate {
	const parts = readZonedParts(instant, timeZone);
	return writeIsoDate(Date.UTC(parts.year, parts.month - 1, parts.day));
}

/**
 * The instant a calendar day starts (00:00 local) in the body's time zone. Two passes settle the offset
 * on days when it changes. Notice, cancellation, term and oversight deadlines are built from it.
 */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
	const wallMidnight = utcMidnightOf(date);
	let instant = wallMidnight - measureZoneOffset(wallMidnight, timeZone);
	instant = wallMidnight - measureZoneOffset(instant, timeZone);
	return new Date(instant);
}

/** The last millisecond of a calendar day in the body's time zone: an inclusive deadline "by the end of `date`". */
export function endOfLocalDay(date: IsoDate, timeZone: string): Date {
	return new Date(startOfLocalDay(addCalendarDays(date, 1), timeZone).getTime() - 1);
}
