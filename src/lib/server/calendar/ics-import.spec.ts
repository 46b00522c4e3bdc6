import { describe, expect, it } from 'vitest';
import { importWindow, MAX_DATES, readNonWorkingDaysFromIcs } from './ics-import';

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

const window = importWindow('2026-11-30');

describe('the import window', () => {
	it('runs from the start of the year to the end of the second year after it', () => {
		expect(importWindow('2026-11-30')).toEqual({ from: '2026-01-01', until: '2028-12-31' });
	});
});

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
		expect(readNonWorkingDaysFromIcs(text, importWindow('2026-05-01'))).toEqual({
			ok: true,
			dates: ['2026-09-28', '2026-12-21', '2026-12-22', '2026-12-23']
		});
	});

	it('takes the start date of a timed event and expands yearly recurrences inside the window only', () => {
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
		expect(readNonWorkingDaysFromIcs(text, { from: '2026-01-01', until: '2027-12-31' })).toEqual({
			ok: true,
			dates: ['2026-03-02', '2026-05-10', '2027-05-10']
		});
	});

	it('refuses what is not a calendar, and a calendar without events', () => {
		expect(readNonWorkingDaysFromIcs('esto no es un calendario', window)).toEqual({
			ok: false,
			reason: 'ics-unreadable'
		});
		expect(readNonWorkingDaysFromIcs(calendar(''), window)).toEqual({
			ok: false,
			reason: 'ics-empty'
		});
	});

	it('refuses an unbounded recurrence that repeats more often than daily', () => {
		const text = calendar(event(['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=SECONDLY']));
		expect(readNonWorkingDaysFromIcs(text, window)).toEqual({
			ok: false,
			reason: 'ics-beyond-window'
		});
	});

	it('refuses a rule whose next occurrence never comes, instead of searching for it forever', () => {
		const text = calendar(
			event(['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'])
		);
		expect(readNonWorkingDaysFromIcs(text, window)).toEqual({
			ok: false,
			reason: 'ics-beyond-window'
		});
	});

	it('refuses a file that gives more days than the limit, and keeps a daily rule of fewer', () => {
		const daily = (count: number) =>
			calendar(event(['DTSTART;VALUE=DATE:20260101', `RRULE:FREQ=DAILY;COUNT=${count}`]));
		expect(readNonWorkingDaysFromIcs(daily(MAX_DATES + 1), window)).toEqual({
			ok: false,
			reason: 'ics-beyond-window'
		});
		const kept = readNonWorkingDaysFromIcs(daily(MAX_DATES), window);
		expect(kept.ok && kept.dates.length).toBe(MAX_DATES);
	});

	it('walks an unbounded daily rule only up to the end of the window and refuses it', () => {
		const text = calendar(event(['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY']));
		expect(readNonWorkingDaysFromIcs(text, window)).toEqual({
			ok: false,
			reason: 'ics-beyond-window'
		});
	});
});
