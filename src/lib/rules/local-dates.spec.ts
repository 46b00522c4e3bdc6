import { describe, expect, it } from 'vitest';
import {
	addCalendarDays,
	addCalendarYears,
	endOfLocalDay,
	findDayOfWeek,
	findLastDayOfMonth,
	isIsoDate,
	startOfLocalDay,
	toLocalDate
} from './local-dates';

const MEXICO_CITY = 'America/Mexico_City';

describe('calendar days', () => {
	it.each([
		['2024-02-29', true],
		['2025-02-29', false],
		['2024-13-01', false],
		['2024-1-01', false],
		['2024-04-31', false],
		['not a date', false]
	])('isIsoDate(%s) is %s', (value, expected) => {
		expect(isIsoDate(value)).toBe(expected);
	});

	it('adds days across months and years, in both directions', () => {
		expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
		expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addCalendarDays('2025-06-09', -8)).toBe('2025-06-01');
	});

	it('knows the day of the week', () => {
		expect(findDayOfWeek('2025-06-09')).toBe(1);
		expect(findDayOfWeek('2025-06-08')).toBe(0);
		expect(findDayOfWeek('2028-01-01')).toBe(6);
	});

	it('finds the last day of this or a later month, leap years included', () => {
		expect(findLastDayOfMonth('2024-02-10', 0)).toBe('2024-02-29');
		expect(findLastDayOfMonth('2025-01-31', 1)).toBe('2025-02-28');
		expect(findLastDayOfMonth('2025-12-05', 1)).toBe('2026-01-31');
	});

	it('adds years, sending 29 February to 1 March in a common year', () => {
		expect(addCalendarYears('2025-03-10', 1)).toBe('2026-03-10');
		expect(addCalendarYears('2024-02-29', 1)).toBe('2025-03-01');
	});
});

describe('instants in a time zone', () => {
	it('reads Mexico City as UTC-6 all year since daylight saving time ended (Oct 2022)', () => {
		expect(startOfLocalDay('2025-01-15', MEXICO_CITY).toISOString()).toBe(
			'2025-01-15T06:00:00.000Z'
		);
		expect(startOfLocalDay('2025-07-15', MEXICO_CITY).toISOString()).toBe(
			'2025-07-15T06:00:00.000Z'
		);
	});

	it('still knows the UTC-5 summers before the abolition', () => {
		expect(startOfLocalDay('2022-07-15', MEXICO_CITY).toISOString()).toBe(
			'2022-07-15T05:00:00.000Z'
		);
		expect(toLocalDate(new Date('2022-07-15T04:30:00Z'), MEXICO_CITY)).toBe('2022-07-14');
	});

	it('puts instants near midnight on the local day, not the UTC one', () => {
		expect(toLocalDate(new Date('2025-06-02T05:59:59.999Z'), MEXICO_CITY)).toBe('2025-06-01');
		expect(toLocalDate(new Date('2025-06-02T06:00:00.000Z'), MEXICO_CITY)).toBe('2025-06-02');
	});

	it('ends a local day one millisecond before the next one starts', () => {
		expect(endOfLocalDay('2025-06-01', MEXICO_CITY).toISOString()).toBe('2025-06-02T05:59:59.999Z');
	});

	it('follows other Mexican zones, with Tijuana still on daylight saving time', () => {
		expect(startOfLocalDay('2025-01-15', 'America/Cancun').toISOString()).toBe(
			'2025-01-15T05:00:00.000Z'
		);
		expect(startOfLocalDay('2025-07-15', 'America/Tijuana').toISOString()).toBe(
			'2025-07-15T07:00:00.000Z'
		);
		expect(startOfLocalDay('2025-01-15', 'America/Tijuana').toISOString()).toBe(
			'2025-01-15T08:00:00.000Z'
		);
	});

	it('finds the start of a day whose offset changes that very day', () => {
		// America/Mexico_City left UTC-5 at 02:00 on 30 October 2022: the day starts at UTC-5.
		expect(startOfLocalDay('2022-10-30', MEXICO_CITY).toISOString()).toBe(
			'2022-10-30T05:00:00.000Z'
		);
		expect(startOfLocalDay('2022-10-31', MEXICO_CITY).toISOString()).toBe(
			'2022-10-31T06:00:00.000Z'
		);
	});
});
