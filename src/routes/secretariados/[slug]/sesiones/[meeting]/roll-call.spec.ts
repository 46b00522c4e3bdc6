import { describe, expect, it } from 'vitest';
import { buildRollCall } from './roll-call';

describe('the roll call by seat', () => {
	const seats = [
		{ id: 's2', key: 'academia', sector: 'academia' as const, organisation: 'UAZ', sortOrder: 2 },
		{ id: 's1', key: 'executive', sector: 'executive' as const, organisation: '', sortOrder: 1 }
	];
	const people = [
		{ id: 'p1', name: 'Ana', role: 'substitute' as const, seatId: 's1' },
		{ id: 'p2', name: 'Beto', role: 'titular' as const, seatId: 's1' },
		{ id: 'p3', name: 'Carla', role: 'titular' as const, seatId: 's2' },
		{ id: 'p4', name: 'Dora', role: 'observer' as const, seatId: null },
		{ id: 'p5', name: 'Eva', role: 'facilitator' as const, seatId: null },
		{ id: 'p6', name: 'Fer', role: 'secretariat-admin' as const, seatId: null }
	];

	it('lists the seats in the body’s order, titular before substitute, a vacancy as null', () => {
		const { seats: rows } = buildRollCall(seats, people);
		expect(rows.map((s) => [s.key, s.titular?.name ?? null, s.substitute?.name ?? null])).toEqual([
			['executive', 'Beto', 'Ana'],
			['academia', 'Carla', null]
		]);
	});

	it('puts the people without a seat apart, facilitator first, and leaves admins out', () => {
		expect(buildRollCall(seats, people).others.map((p) => p.name)).toEqual(['Eva', 'Dora']);
	});
});
