/**
 * The one time formatter: the body's zone, not the machine's; Spanish on the 24-hour clock so no
 * sentence ends in "p.m.."; English complete.
 */
import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatDate, formatDateTime, formatMonth, formatTime } from './time';

const es = { locale: 'es-MX' } as const;
const en = { locale: 'en' } as const;
// 05:59 UTC on 1 January 2026 is 23:59 on 31 December 2025 in Mexico City (UTC−6).
const lateNight = '2026-01-01T05:59:00Z';
// ICU versions differ on the space before "PM" (U+202F or U+0020): compare words, not that space.
const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('formatTime', () => {
	it('shows the hour in the body’s time zone, not the machine’s', () => {
		expect(formatTime(lateNight, 'America/Mexico_City', es)).toBe('23:59');
		expect(formatTime(lateNight, 'America/Tijuana', es)).toBe('21:59');
		expect(formatTime(lateNight, 'America/Cancun', es)).toBe('00:59');
	});

	it('writes Spanish on the 24-hour clock and English on the 12-hour one', () => {
		expect(formatTime('2026-03-02T15:05:00Z', 'America/Mexico_City', es)).toBe('09:05');
		expect(spaced(formatTime(lateNight, 'America/Mexico_City', en))).toBe('11:59 PM');
	});
});

describe('formatDateTime', () => {
	it('puts the day of the body’s zone with the time', () => {
		expect(formatDateTime(lateNight, 'America/Mexico_City', { ...es, dateStyle: 'full' })).toBe(
			'miércoles, 31 de diciembre de 2025, 23:59'
		);
		expect(formatDateTime(lateNight, 'America/Cancun', { ...es, dateStyle: 'full' })).toBe(
			'jueves, 1 de enero de 2026, 00:59'
		);
		expect(
			spaced(formatDateTime(lateNight, 'America/Mexico_City', { ...en, dateStyle: 'full' }))
		).toBe('Wednesday, December 31, 2025 at 11:59 PM');
	});

	it('never ends in a period, so a sentence never reads "p.m.."', () => {
		const instants = ['2026-01-01T05:59:00Z', '2026-06-15T18:30:00Z', '2026-11-30T23:00:00Z'];
		for (const locale of ['es-MX', 'en']) {
			for (const dateStyle of ['full', 'long', 'medium', 'short'] as const) {
				for (const instant of instants) {
					const text = formatDateTime(instant, 'America/Mexico_City', { locale, dateStyle });
					expect(text).not.toMatch(/\.$/);
					expect(`${text}.`).not.toContain('..');
					expect(text).not.toMatch(/[ap]\.\s?m\./);
				}
			}
		}
	});

	it('accepts Date, ISO string and epoch alike', () => {
		const date = new Date(lateNight);
		const zone = 'America/Mexico_City';
		expect(formatDateTime(date, zone, es)).toBe(formatDateTime(lateNight, zone, es));
		expect(formatDateTime(date.getTime(), zone, es)).toBe(formatDateTime(lateNight, zone, es));
	});
});

describe('formatDate, formatCalendarDay and formatMonth', () => {
	it('gives the day of the instant in the body’s zone', () => {
		expect(formatDate(lateNight, 'America/Mexico_City', es)).toBe('31 de diciembre de 2025');
		expect(formatDate(lateNight, 'America/Cancun', en)).toBe('January 1, 2026');
	});

	it('shows a calendar day as that day, whatever the zone of the machine', () => {
		expect(formatCalendarDay('2026-12-07', es)).toBe('7 de diciembre de 2026');
		expect(formatCalendarDay('2026-12-07', { ...en, dateStyle: 'full' })).toBe(
			'Monday, December 7, 2026'
		);
	});

	it('names a month', () => {
		expect(formatMonth('2026-12', es)).toBe('diciembre de 2026');
		expect(formatMonth('2026-12-31', en)).toBe('December 2026');
	});
});
