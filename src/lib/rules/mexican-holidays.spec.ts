import { describe, expect, it } from 'vitest';
import { findLftRestDay, listLftRestDays, type LftHolidayId } from './mexican-holidays';

// Written by hand from a calendar (first Monday of February, third Mondays of March and November),
// double-checked with Python's datetime.
const expectedRestDays: Record<number, [string, LftHolidayId][]> = {
	2024: [
		['2024-01-01', 'new-year'],
		['2024-02-05', 'constitution-day'],
		['2024-03-18', 'benito-juarez-birthday'],
		['2024-05-01', 'labour-day'],
		['2024-09-16', 'independence-day'],
		['2024-10-01', 'presidential-inauguration'],
		['2024-11-18', 'revolution-day'],
		['2024-12-25', 'christmas']
	],
	2025: [
		['2025-01-01', 'new-year'],
		['2025-02-03', 'constitution-day'],
		['2025-03-17', 'benito-juarez-birthday'],
		['2025-05-01', 'labour-day'],
		['2025-09-16', 'independence-day'],
		['2025-11-17', 'revolution-day'],
		['2025-12-25', 'christmas']
	],
	2026: [
		['2026-01-01', 'new-year'],
		['2026-02-02', 'constitution-day'],
		['2026-03-16', 'benito-juarez-birthday'],
		['2026-05-01', 'labour-day'],
		['2026-09-16', 'independence-day'],
		['2026-11-16', 'revolution-day'],
		['2026-12-25', 'christmas']
	],
	2027: [
		['2027-01-01', 'new-year'],
		['2027-02-01', 'constitution-day'],
		['2027-03-15', 'benito-juarez-birthday'],
		['2027-05-01', 'labour-day'],
		['2027-09-16', 'independence-day'],
		['2027-11-15', 'revolution-day'],
		['2027-12-25', 'christmas']
	],
	2028: [
		['2028-01-01', 'new-year'],
		['2028-02-07', 'constitution-day'],
		['2028-03-20', 'benito-juarez-birthday'],
		['2028-05-01', 'labour-day'],
		['2028-09-16', 'independence-day'],
		['2028-11-20', 'revolution-day'],
		['2028-12-25', 'christmas']
	],
	2029: [
		['2029-01-01', 'new-year'],
		['2029-02-05', 'constitution-day'],
		['2029-03-19', 'benito-juarez-birthday'],
		['2029-05-01', 'labour-day'],
		['2029-09-16', 'independence-day'],
		['2029-11-19', 'revolution-day'],
		['2029-12-25', 'christmas']
	],
	2030: [
		['2030-01-01', 'new-year'],
		['2030-02-04', 'constitution-day'],
		['2030-03-18', 'benito-juarez-birthday'],
		['2030-05-01', 'labour-day'],
		['2030-09-16', 'independence-day'],
		['2030-10-01', 'presidential-inauguration'],
		['2030-11-18', 'revolution-day'],
		['2030-12-25', 'christmas']
	],
	2031: [
		['2031-01-01', 'new-year'],
		['2031-02-03', 'constitution-day'],
		['2031-03-17', 'benito-juarez-birthday'],
		['2031-05-01', 'labour-day'],
		['2031-09-16', 'independence-day'],
		['2031-11-17', 'revolution-day'],
		['2031-12-25', 'christmas']
	]
};

describe('LFT art. 74 rest days, 2024–2031', () => {
	it.each(Object.entries(expectedRestDays))(
		'lists exactly the rest days of %s',
		(year, expected) => {
			const listed = listLftRestDays(Number(year)).map(({ date, holidayId }) => [date, holidayId]);
			expect(listed).toEqual(expected);
		}
	);

	const everyRestDay = Object.values(expectedRestDays).flat();
	it.each(everyRestDay)('%s is the rest day %s', (date, holidayId) => {
		expect(findLftRestDay(date)).toBe(holidayId);
	});
});

describe('LFT art. 74 VII, the inauguration day', () => {
	it.each(['2024-12-01', '2030-12-01', '2036-12-01'])(
		'%s (1 December) is no longer a rest day',
		(date) => {
			expect(findLftRestDay(date)).toBeNull();
		}
	);

	it.each([2025, 2026, 2027, 2028, 2029, 2031])('there is no 1 October rest day in %s', (year) => {
		expect(findLftRestDay(`${year}-10-01`)).toBeNull();
	});

	it('is 1 October every six years from 2024 on', () => {
		expect(findLftRestDay('2036-10-01')).toBe('presidential-inauguration');
		expect(findLftRestDay('2042-10-01')).toBe('presidential-inauguration');
	});

	it('was 1 December for the inaugurations before the reform', () => {
		expect(findLftRestDay('2018-12-01')).toBe('presidential-inauguration');
		expect(findLftRestDay('2012-12-01')).toBe('presidential-inauguration');
		expect(findLftRestDay('2018-10-01')).toBeNull();
	});
});

describe('days that are not rest days', () => {
	it.each([
		['2025-02-05', 'the commemorated date, when it is not the first Monday'],
		['2025-03-21', 'Juárez birthday itself'],
		['2025-11-20', 'Revolution day itself'],
		['2025-12-12', 'Guadalupe day (a common body holiday, not LFT)'],
		['2025-04-17', 'Holy Thursday (not LFT)'],
		['2025-11-02', 'Day of the Dead (not LFT)']
	])('%s — %s', (date) => {
		expect(findLftRestDay(date)).toBeNull();
	});
});
