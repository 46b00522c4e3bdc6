import { describe, expect, it } from 'vitest';
import { readNonWorkingDaysFromIcs } from './ics-import';

const calendar = (events: string) =>
	[
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Municipio//Calendario//ES',
		events,
		'END:VCALENDAR'
	].join('\r\n');

const event = (lines: string[]) =>
	['BEGIN:VEVENT', 'UID:' + Math.random(), 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'].join(
		'\r\n'
	);

describe('reading non-working days from an .ics file', () => {
	it('takes each all-day event, its end date exclusive', () => {
		const text = calendar(
			[
				event([
					'SUMMARY:Día del servidor público',
					'DTSTART;VALUE=DATE:20260928',
					'DTEND;VALUE=DATE:20260929'
				]),
				event([
					'SUMMARY:Vacaciones de invierno',
					'DTSTART;VALUE=DATE:20261221',
					'DTEND;VALUE=DATE:20261224'
				])
			].join('\r\n')
		);
		expect(readNonWorkingDaysFromIcs(text, 2026)).toEqual({
			ok: true,
			dates: ['2026-09-28', '2026-12-21', '2026-12-22', '2026-12-23']
		});
	});

	it('takes the start date of a timed event and expands yearly recurrences up to the year asked', () => {
		const text = calendar(
			[
				event([
					'SUMMARY:Aniversario del municipio',
					'DTSTART;VALUE=DATE:20250510',
					'RRULE:FREQ=YEARLY'
				]),
				event(['SUMMARY:Jornada', 'DTSTART:20260302T090000', 'DTEND:20260302T180000'])
			].join('\r\n')
		);
		expect(readNonWorkingDaysFromIcs(text, 2027)).toEqual({
			ok: true,
			dates: ['2025-05-10', '2026-03-02', '2026-05-10', '2027-05-10']
		});
	});

	it('refuses what is not a calendar, and a calendar without events', () => {
		expect(readNonWorkingDaysFromIcs('esto no es un calendario', 2026)).toEqual({
			ok: false,
			reason: 'ics-unreadable'
		});
		expect(readNonWorkingDaysFromIcs(calendar(''), 2026)).toEqual({
			ok: false,
			reason: 'ics-empty'
		});
	});
});
