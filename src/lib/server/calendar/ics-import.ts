/**
 * Reads a body's own non-working days out of an iCalendar file (.ics, RFC 5545) — the calendar an
 * institution already publishes of its holidays — with ical.js. Every event's days count: an
 * all-day event its dates (DTEND exclusive, as the RFC says), a timed one the date it starts on.
 * Recurring events are expanded within the years asked for.
 */
import ICAL from 'ical.js';

export type IcsImport =
	{ ok: true; dates: string[] } | { ok: false; reason: 'ics-unreadable' | 'ics-empty' };

const MAX_DAYS_PER_EVENT = 31;

function isoDate(time: ICAL.Time): string {
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}

/** The days an event occurrence covers, from its start to its end (exclusive for all-day events). */
function daysOf(start: ICAL.Time, end: ICAL.Time | null): string[] {
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
 * The sorted, distinct dates of the events of an .ics text, recurrences expanded up to the end of
 * `untilYear`. The non-working-days page calls it on an uploaded file.
 */
export function readNonWorkingDaysFromIcs(text: string, untilYear: number): IcsImport {
	try {
		return collectDates(new ICAL.Component(ICAL.parse(text)), untilYear);
	} catch {
		// ical.js throws on malformed input anywhere: in the parse, or in an event's dates.
		return { ok: false, reason: 'ics-unreadable' };
	}
}

const MAX_DATES = 1000;

function collectDates(calendar: ICAL.Component, untilYear: number): IcsImport {
	const dates = new Set<string>();
	for (const component of calendar.getAllSubcomponents('vevent')) {
		const event = new ICAL.Event(component);
		if (!event.startDate) continue;
		if (!event.isRecurring()) {
			for (const day of daysOf(event.startDate, event.endDate)) dates.add(day);
			continue;
		}
		const iterator = event.iterator();
		for (
			let next = iterator.next(), n = 0;
			next && next.year <= untilYear && n < 500;
			next = iterator.next(), n++
		) {
			const occurrence = event.getOccurrenceDetails(next);
			for (const day of daysOf(occurrence.startDate, occurrence.endDate)) dates.add(day);
		}
	}
	if (dates.size === 0) return { ok: false, reason: 'ics-empty' };
	return { ok: true, dates: [...dates].sort().slice(-MAX_DATES) };
}
