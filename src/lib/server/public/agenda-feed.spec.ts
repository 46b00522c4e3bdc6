import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildAgendaFeed } from './agenda-feed';

describe('the agenda feed', () => {
	it('is an iCalendar with one event per meeting, a stable UID, its status and sequence, and two hours each', () => {
		const feed = buildAgendaFeed(
			{ slug: 'stl', name: 'STL Zacatecas' },
			'mesa.example',
			[
				{
					id: 'a1',
					title: 'Primera sesión',
					scheduledAt: new Date('2026-03-02T17:00:00Z'),
					place: 'Sala',
					url: 'https://mesa.example/publico/stl/agenda',
					status: 'CONFIRMED',
					sequence: 0
				},
				{
					id: 'b2',
					title: 'Segunda, con coma; y punto y coma',
					scheduledAt: new Date('2026-04-06T17:00:00Z'),
					place: '',
					url: 'https://mesa.example/publico/stl/agenda',
					status: 'CANCELLED',
					sequence: 2
				}
			],
			new Date('2026-02-01T00:00:00Z')
		);
		const calendar = new ICAL.Component(ICAL.parse(feed));
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('STL Zacatecas');
		const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
		expect(events.map((e) => [e.uid, e.summary, e.location])).toEqual([
			['a1@mesa.example', 'Primera sesión', 'Sala'],
			['b2@mesa.example', 'Segunda, con coma; y punto y coma', null]
		]);
		expect(events.map((e) => [e.component.getFirstPropertyValue('status'), e.sequence])).toEqual([
			['CONFIRMED', 0],
			['CANCELLED', 2]
		]);
		expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-03-02T17:00:00.000Z');
		expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-03-02T19:00:00.000Z');
	});
});
