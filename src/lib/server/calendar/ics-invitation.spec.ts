import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildMeetingInvitation } from './ics-invitation';

const base = {
	method: 'REQUEST' as const,
	uid: 'meeting-1@mesa-abierta',
	sequence: 2,
	start: new Date('2026-12-03T16:00:00Z'),
	summary: 'Sesión ordinaria, acentos: ñ',
	description: 'Orden del día:\nI. Lista; II, aprobación',
	location: 'Sala 1',
	organizer: { name: 'Gerardo', email: 'g@x.mx' },
	attendees: [
		{ name: 'Ana', email: 'a@x.mx' },
		{ name: 'Obs', email: 'o@x.mx', role: 'OPT-PARTICIPANT' as const }
	],
	stamp: new Date('2026-11-20T10:00:00Z')
};

describe('buildMeetingInvitation', () => {
	it('writes a parseable REQUEST with a stable UID, SEQUENCE, UTC times, organizer and attendees', () => {
		const calendar = new ICAL.Component(ICAL.parse(buildMeetingInvitation(base)));
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
		expect(event.uid).toBe(base.uid);
		expect(event.sequence).toBe(2);
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-03T16:00:00.000Z');
		expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-03T18:00:00.000Z');
		expect(event.summary).toBe(base.summary);
		expect(event.description).toBe(base.description);
		expect(event.organizer).toBe('mailto:g@x.mx');
		expect(event.attendees.map((a) => a.getFirstValue())).toEqual([
			'mailto:a@x.mx',
			'mailto:o@x.mx'
		]);
		expect(event.attendees[1]!.getParameter('role')).toBe('OPT-PARTICIPANT');
	});
	it('writes a CANCEL with the event cancelled', () => {
		const calendar = new ICAL.Component(
			ICAL.parse(buildMeetingInvitation({ ...base, method: 'CANCEL' }))
		);
		expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe(
			'CANCELLED'
		);
	});
});
