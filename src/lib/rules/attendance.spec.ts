import { describe, expect, it } from 'vitest';
import { listPresentSeatHolders, type AttendanceRecord } from './attendance';

const seats = [{ seatId: 'guarantor' }, { seatId: 'authority' }, { seatId: 'civil-society' }];
const withSubstitutes = { substitutesPerSeat: 1, remoteAttendanceCounts: true } as const;

function record(
	personId: string,
	seatId: string | null,
	role: AttendanceRecord['role'],
	remote = false
): AttendanceRecord {
	return { personId, seatId, role, remote };
}

describe('listPresentSeatHolders', () => {
	it('keeps the titulars and substitutes of the body’s seats, in input order', () => {
		const attendance = [
			record('ana', 'guarantor', 'titular'),
			record('beto', 'authority', 'substitute', true)
		];
		expect(listPresentSeatHolders(withSubstitutes, seats, attendance)).toEqual(attendance);
	});

	it.each([
		['a facilitator', record('fer', null, 'facilitator')],
		[
			'a companion carrying the seat of the member who brought them',
			record('cam', 'guarantor', 'companion')
		],
		['a guest', record('gus', null, 'guest')],
		['an observer', record('olga', null, 'observer')],
		['a titular of a seat that is not the body’s', record('tito', 'ghost-seat', 'titular')],
		['a titular without a seat', record('tito', null, 'titular')]
	])('drops %s', (_label, entry) => {
		expect(listPresentSeatHolders(withSubstitutes, seats, [entry])).toEqual([]);
	});

	it('drops substitutes when the body has none', () => {
		const attendance = [record('beto', 'authority', 'substitute')];
		expect(
			listPresentSeatHolders(
				{ substitutesPerSeat: 0, remoteAttendanceCounts: true },
				seats,
				attendance
			)
		).toEqual([]);
	});

	it('drops remote people when remote attendance does not count', () => {
		const attendance = [
			record('ana', 'guarantor', 'titular', true),
			record('beto', 'authority', 'titular', false)
		];
		const rules = { substitutesPerSeat: 1, remoteAttendanceCounts: false } as const;
		expect(listPresentSeatHolders(rules, seats, attendance).map((entry) => entry.personId)).toEqual(
			['beto']
		);
	});
});
