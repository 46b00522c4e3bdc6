/**
 * Reads a body's own non-working days out of an iCalendar file (.ics, RFC 5545) — the calendar an
 * institution already publishes of its holidays — with ical.js. Every event's days count: an
 * all-day event its dates (DTEND exclusive, as the RFC says), a timed one the date it starts on.
 *
 * The work is bounded whatever the file says: only days inside the import window (the body's term,
 * `importWindow`) are kept, recurrences are expanded only up to the window's end, a file that would
 * give more than MAX_DATES days or repeats more often than daily is refused ('ics-beyond-window'),
 * and the whole reading runs under a time limit — some rules (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30)
 * send ical.js's iterator searching forever for an occurrence that never comes.
 */
import vm from 'node:vm';
import ICAL from 'ical.js';
import { addCalendarYears, type IsoDate } from '../../rules/local-dates';

export type IcsRefusal = 'ics-unreadable' | 'ics-empty' | 'ics-beyond-window';
export type IcsImport = { ok: true; dates: IsoDate[] } | { ok: false; reason: IcsRefusal };

/** The days an import may add, both ends included. */
export interface ImportWindow {
	from: IsoDate;
	until: IsoDate;
}

/** At most this many days from one file: a year of holidays is tens, a term's a few hundred. */
export const MAX_DATES = 400;
/** Recurrence steps walked in all (also those before the window): bounds a rule that starts in 1900. */
const MAX_STEPS = 5000;
const MAX_DAYS_PER_EVENT = 31;
/** The event loop is never held longer than this by one file. */
const TIME_LIMIT_MS = 250;
const SUB_DAILY = new Set(['SECONDLY', 'MINUTELY', 'HOURLY']);

/**
 * The window of an import made on `today`: from the start of its year to the end of the second
 * year after it — three calendar years, the longest term in the rules (a municipal administration,
 * T I.4), so the whole term of any body falls inside.
 */
export function importWindow(today: IsoDate): ImportWindow {
	const year = today.slice(0, 4);
	return { from: `${year}-01-01`, until: addCalendarYears(`${year}-12-31`, 2) };
}

class BeyondWindow extends Error {}

function isoDate(time: ICAL.Time): IsoDate {
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}

/** The days an event occurrence covers, from its start to its end (exclusive for all-day events). */
function daysOf(start: ICAL.Time, end: ICAL.Time | null): IsoDate[] {
	const days = [isoDate(start)];
	if (!start.isDate || !end) return days;
	const cursor = start.clone();
	cursor.adjust(1, 0, 0, 0);
	while (cursor.compare(end) < 0 && days.length < MAX_DAYS_PER_EVENT) {
		days.push(isoDate(cursor));
		cursor.adjust(1, 0, 0, 0);
	}
	return days;
}

/**
 * The sorted, distinct days of the events of an .ics text that fall inside `window`. The
 * non-working-days page calls it on an uploaded file.
 */
export function readNonWorkingDaysFromIcs(text: string, window: ImportWindow): IcsImport {
	try {
		// vm's timeout interrupts the synchronous work from a watchdog thread, wherever it loops.
		const dates = new vm.Script('collect()').runInNewContext(
			{ collect: () => collectDates(new ICAL.Component(ICAL.parse(text)), window) },
			{ timeout: TIME_LIMIT_MS }
		) as IsoDate[];
		if (dates.length === 0) return { ok: false, reason: 'ics-empty' };
		return { ok: true, dates };
	} catch (failure) {
		if (failure instanceof BeyondWindow) return { ok: false, reason: 'ics-beyond-window' };
		if ((failure as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
			return { ok: false, reason: 'ics-beyond-window' };
		// ical.js throws on malformed input anywhere: in the parse, or in an event's dates.
		return { ok: false, reason: 'ics-unreadable' };
	}
}

function collectDates(calendar: ICAL.Component, window: ImportWindow): IsoDate[] {
	const dates = new Set<IsoDate>();
	const add = (start: ICAL.Time, end: ICAL.Time | null) => {
		for (const day of daysOf(start, end)) {
			if (day < window.from || day > window.until) continue;
			dates.add(day);
			if (dates.size > MAX_DATES) throw new BeyondWindow();
		}
	};
	let steps = 0;
	for (const component of calendar.getAllSubcomponents('vevent')) {
		const event = new ICAL.Event(component);
		if (!event.startDate) continue;
		if (!event.isRecurring()) {
			add(event.startDate, event.endDate);
			continue;
		}
		for (const rule of component.getAllProperties('rrule')) {
			const value = rule.getFirstValue() as ICAL.Recur | null;
			if (value && SUB_DAILY.has(value.freq)) throw new BeyondWindow();
		}
		const iterator = event.iterator();
		for (
			let next = iterator.next();
			next && isoDate(next) <= window.until;
			next = iterator.next()
		) {
			if (++steps > MAX_STEPS) throw new BeyondWindow();
			const occurrence = event.getOccurrenceDetails(next);
			add(occurrence.startDate, occurrence.endDate);
		}
	}
	return [...dates].sort();
}
