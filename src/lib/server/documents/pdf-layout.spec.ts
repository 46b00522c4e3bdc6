import { describe, expect, it } from 'vitest';
import { formatTime, initialsLabels, initialsOf } from './pdf-layout';

describe('initials', () => {
	it.each([
		['María José Pérez', 'MJP'],
		['Ana de la Cruz', 'AC'],
		['Ángel Ñúñez', 'ÁÑ'],
		['  Luis   Ortega ', 'LO']
	])('%s → %s', (name, initials) => {
		expect(initialsOf(name)).toBe(initials);
	});
	it('numbers the labels of people who share initials, so every box is told apart', () => {
		expect(initialsLabels(['Juan López', 'Ana Ruiz', 'José Luna'])).toEqual(['JL1', 'AR', 'JL2']);
	});
});

describe('formatTime', () => {
	it('writes times on the 24-hour clock in the body time zone', () => {
		expect(formatTime('2026-11-20T23:05:00Z', 'America/Mexico_City')).toBe('17:05');
	});
});
