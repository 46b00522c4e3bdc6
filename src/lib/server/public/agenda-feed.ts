/**
 * Section b's agenda as an iCalendar feed (RFC 5545), written with ical.js: every meeting of the
 * body, past and coming, one VEVENT each with a stable UID, so a calendar app that subscribes keeps
 * its events in step when a meeting moves or is called off (STATUS and SEQUENCE, RFC 5545 3.8.1.11
 * and 3.8.7.4: a cancelled meeting stays in the feed as CANCELLED with a higher SEQUENCE, so the
 * calendar marks its copy instead of keeping it as coming). Meetings are given two hours, the usual
 * length.
 */
import ICAL from 'ical.js';

export interface AgendaEntry {
	id: string;
	title: string;
	scheduledAt: Date;
	place: string;
	url: string;
	status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
	sequence: number;
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

/** The feed's text for a body's meetings. */
export function buildAgendaFeed(
	body: { slug: string; name: string },
	host: string,
	entries: AgendaEntry[],
	now = new Date()
): string {
	const calendar = new ICAL.Component(['vcalendar', [], []]);
	calendar.updatePropertyWithValue('prodid', '-//Mesa Abierta//Agenda publica//ES');
	calendar.updatePropertyWithValue('version', '2.0');
	calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
	calendar.updatePropertyWithValue('x-wr-calname', body.name);
	for (const entry of entries) {
		const component = new ICAL.Component('vevent');
		const event = new ICAL.Event(component);
		event.uid = `${entry.id}@${host}`;
		event.summary = entry.title;
		event.startDate = ICAL.Time.fromJSDate(entry.scheduledAt, true);
		event.endDate = ICAL.Time.fromJSDate(
			new Date(entry.scheduledAt.getTime() + TWO_HOURS_MS),
			true
		);
		if (entry.place) event.location = entry.place;
		event.sequence = entry.sequence;
		component.updatePropertyWithValue('status', entry.status);
		component.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
		component.updatePropertyWithValue('url', entry.url);
		calendar.addSubcomponent(component);
	}
	return calendar.toString();
}
