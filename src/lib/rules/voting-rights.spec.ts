import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendanceRecord } from './attendance';
import { copyPresetRules } from './presets/index';
import { computeParticipationRights, findSeatVoter } from './voting-rights';

const rules = copyPresetRules('zacatecas-stl');
const seats = rules.seats.map((seat) => ({ seatId: seat.id }));

function person(
	personId: string,
	seatId: string | null,
	role: AttendanceRecord['role'],
	remote = false
): AttendanceRecord {
	return { personId, seatId, role, remote };
}

describe('findSeatVoter', () => {
	it('gives the vote to the present titular', () => {
		const attendance = [
			person('sub', 'executive', 'substitute'),
			person('tit', 'executive', 'titular')
		];
		expect(findSeatVoter(rules, seats, attendance, 'executive')).toEqual({
			ok: true,
			seatId: 'executive',
			personId: 'tit',
			role: 'titular',
			remote: false
		});
	});

	it('gives it to the substitute when the titular is absent (Z art. 7.1, T III.2)', () => {
		const voter = findSeatVoter(
			rules,
			seats,
			[person('sub', 'executive', 'substitute', true)],
			'executive'
		);
		expect(voter).toMatchObject({ ok: true, personId: 'sub', role: 'substitute', remote: true });
	});

	it('gives it to nobody when neither is present, and refuses an unknown seat', () => {
		expect(findSeatVoter(rules, seats, [], 'executive')).toEqual({
			ok: false,
			reason: 'seat-absent',
			seatId: 'executive'
		});
		expect(findSeatVoter(rules, seats, [], 'church')).toEqual({
			ok: false,
			reason: 'seat-unknown',
			seatId: 'church'
		});
	});

	it('passes the vote to the substitute when the remote titular does not count', () => {
		const attendance = [
			person('tit', 'executive', 'titular', true),
			person('sub', 'executive', 'substitute')
		];
		expect(
			findSeatVoter({ ...rules, remoteAttendanceCounts: false }, seats, attendance, 'executive')
		).toMatchObject({ personId: 'sub' });
	});
});

describe('computeParticipationRights', () => {
	const attendance = [
		person('tit', 'executive', 'titular'),
		person('sub', 'executive', 'substitute'),
		person('alone', 'judicial', 'substitute'),
		person('fac', null, 'facilitator'),
		person('com', 'executive', 'companion'),
		person('gue', null, 'guest'),
		person('obs', null, 'observer'),
		person('ghost', 'church', 'titular')
	];

	it.each([
		['tit', 'voice-and-vote', 'seat-voter'],
		['alone', 'voice-and-vote', 'seat-voter'],
		['sub', 'voice', 'another-holder-votes'],
		['fac', 'voice', 'facilitator'],
		['com', 'voice', 'companion'],
		['gue', 'voice', 'guest'],
		['obs', 'none', 'observer'],
		['ghost', 'none', 'not-a-seat-holder'],
		['someone-from-the-public', 'none', 'not-checked-in']
	])('%s has %s (%s)', (personId, participation, basis) => {
		expect(computeParticipationRights(rules, seats, attendance, personId)).toEqual({
			personId,
			participation,
			basis
		});
	});

	it('follows the body when companions or guests have no voice', () => {
		const quiet = { ...rules, attendeeVoice: { companions: false, guests: false } };
		expect(computeParticipationRights(quiet, seats, attendance, 'com').participation).toBe('none');
		expect(computeParticipationRights(quiet, seats, attendance, 'gue').participation).toBe('none');
	});

	it('says why a remote titular has no rights when remote attendance does not count', () => {
		const remoteOnly = [person('tit', 'executive', 'titular', true)];
		expect(
			computeParticipationRights(
				{ ...rules, remoteAttendanceCounts: false },
				seats,
				remoteOnly,
				'tit'
			)
		).toEqual({
			personId: 'tit',
			participation: 'none',
			basis: 'remote-not-counted'
		});
	});

	it('gives a person with several records the widest rights', () => {
		const twice = [person('ana', null, 'facilitator'), person('ana', 'judicial', 'titular')];
		expect(computeParticipationRights(rules, seats, twice, 'ana').participation).toBe(
			'voice-and-vote'
		);
	});
});

const seatIds = seats.map((seat) => seat.seatId);
const attendanceList = fc.array(
	fc.record({
		personId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
		seatId: fc.option(fc.constantFrom(...seatIds), { nil: null }),
		role: fc.constantFrom(
			'titular',
			'substitute',
			'facilitator',
			'companion',
			'guest',
			'observer'
		) as fc.Arbitrary<AttendanceRecord['role']>,
		remote: fc.boolean()
	}),
	{ maxLength: 16 }
);

describe('voting-rights invariants', () => {
	it('a substitute never votes while its titular is present', () => {
		fc.assert(
			fc.property(attendanceList, fc.constantFrom(...seatIds), (attendance, seatId) => {
				const voter = findSeatVoter(rules, seats, attendance, seatId);
				const titularPresent = attendance.some(
					(entry) => entry.seatId === seatId && entry.role === 'titular'
				);
				if (titularPresent) expect(voter).toMatchObject({ ok: true, role: 'titular' });
				if (voter.ok)
					expect(attendance).toContainEqual(
						expect.objectContaining({ personId: voter.personId, seatId, role: voter.role })
					);
			})
		);
	});

	it('nobody but the seat’s voter has a vote, and observers and the public never speak', () => {
		fc.assert(
			fc.property(attendanceList, (attendance) => {
				for (const personId of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'public']) {
					const rights = computeParticipationRights(rules, seats, attendance, personId);
					const voters = seatIds.map((seatId) => findSeatVoter(rules, seats, attendance, seatId));
					const votesForSomeSeat = voters.some((voter) => voter.ok && voter.personId === personId);
					expect(rights.participation === 'voice-and-vote').toBe(votesForSomeSeat);
					if (rights.basis === 'observer' || rights.basis === 'not-checked-in')
						expect(rights.participation).toBe('none');
				}
			})
		);
	});
});
