/**
 * The iCalendar invitation (RFC 5545 / 5546 iTIP) sent with a convocatoria, built with ical.js:
 * METHOD:REQUEST for an issue or re-issue, METHOD:CANCEL for a cancellation. The UID is the same for
 * every mail of one meeting, and SEQUENCE grows with each re-issue, so calendar programs update the
 * event they already have instead of adding another. Times are written in UTC (…Z): unambiguous in
 * every program, and shown in each reader's zone (the body's is America/Mexico_City).
 */
import ICAL from 'ical.js';

export interface InvitationPerson {
	name: string;
	email: string;
	/** REQ-PARTICIPANT for the members, OPT-PARTICIPANT for observers and the facilitator. */
	role?: 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'NON-PARTICIPANT';
}

export interface InvitationInput {
	method: 'REQUEST' | 'CANCEL';
	uid: string;
	sequence: number;
	start: Date;
	/** Assumed two hours after the start when not known. */
	end?: Date;
	summary: string;
	description: string;
	location: string;
	url?: string;
	organizer: InvitationPerson;
	attendees: InvitationPerson[];
	stamp: Date;
}

const DEFAULT_LENGTH_MS = 2 * 3_600_000;

function person(property: ICAL.Property, who: InvitationPerson) {
	property.setParameter('cn', who.name);
	property.setValue(`mailto:${who.email}`);
}

/** The .ics text of a meeting's invitation. The convocatoria module attaches it to each mail. */
export function buildMeetingInvitation(input: InvitationInput): string {
	const calendar = new ICAL.Component(['vcalendar', [], []]);
	calendar.addPropertyWithValue('prodid', '-//Mesa Abierta//Convocatoria//ES');
	calendar.addPropertyWithValue('version', '2.0');
	calendar.addPropertyWithValue('calscale', 'GREGORIAN');
	calendar.addPropertyWithValue('method', input.method);
	const event = new ICAL.Component('vevent');
	event.addPropertyWithValue('uid', input.uid);
	event.addPropertyWithValue('sequence', input.sequence);
	event.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(input.stamp, true));
	event.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(input.start, true));
	const end = input.end ?? new Date(input.start.getTime() + DEFAULT_LENGTH_MS);
	event.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(end, true));
	event.addPropertyWithValue('summary', input.summary);
	event.addPropertyWithValue('description', input.description);
	if (input.location) event.addPropertyWithValue('location', input.location);
	if (input.url) event.addPropertyWithValue('url', input.url);
	event.addPropertyWithValue('status', input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
	const organizer = new ICAL.Property('organizer');
	person(organizer, input.organizer);
	event.addProperty(organizer);
	for (const attendee of input.attendees) {
		const property = new ICAL.Property('attendee');
		person(property, attendee);
		property.setParameter('role', attendee.role ?? 'REQ-PARTICIPANT');
		property.setParameter('partstat', 'NEEDS-ACTION');
		property.setParameter('rsvp', 'FALSE');
		event.addProperty(property);
	}
	calendar.addSubcomponent(event);
	return calendar.toString();
}
