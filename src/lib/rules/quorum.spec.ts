import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendanceRecord } from './attendance';
import { computeQuorum, computeRequiredQuorum } from './quorum';
import { copyPresetRules } from './presets/index';

const zacatecas = copyPresetRules('zacatecas-stl');
const inai = copyPresetRules('inai-stl');
const tacambaro = copyPresetRules('tacambaro-stm');
const seatsOf = (rules: { seats: { id: string }[] }) =>
	rules.seats.map((seat) => ({ seatId: seat.id }));
const zacatecasSeats = seatsOf(zacatecas);

function titular(seatId: string, remote = false): AttendanceRecord {
	return { personId: `titular-${seatId}`, seatId, role: 'titular', remote };
}
function substitute(seatId: string, remote = false): AttendanceRecord {
	return { personId: `substitute-${seatId}`, seatId, role: 'substitute', remote };
}

describe('computeRequiredQuorum', () => {
	it.each([
		[3, 2],
		[4, 3],
		[5, 3],
		[6, 4],
		[7, 4],
		[8, 5]
	])('"50 %% + 1" of %i seats is %i (Z art. 7.1, T III.2)', (seatCount, expected) => {
		expect(computeRequiredQuorum({ kind: 'majority' }, seatCount)).toBe(expected);
	});

	it('"all" is every seat (I III.2) and "fixed" is the number given', () => {
		expect(computeRequiredQuorum({ kind: 'all' }, 3)).toBe(3);
		expect(computeRequiredQuorum({ kind: 'fixed', seats: 5 }, 7)).toBe(5);
	});
});

describe('computeQuorum', () => {
	it('meets the Zacatecas quorum with four of seven seats (Z art. 7.1)', () => {
		const attendance = ['executive', 'judicial', 'academia']
			.map((seatId) => titular(seatId))
			.concat(substitute('guarantor'));
		const quorum = computeQuorum(zacatecas, zacatecasSeats, attendance);
		expect(quorum).toEqual({
			ok: true,
			seatsPresent: ['executive', 'judicial', 'academia', 'guarantor'],
			seatsPresentRemotely: [],
			seatsMissing: ['legislative', 'municipal-government', 'civil-society'],
			seatsNeeded: 4
		});
	});

	it('misses it with three, saying how many seats are short', () => {
		const quorum = computeQuorum(
			zacatecas,
			zacatecasSeats,
			['executive', 'judicial', 'academia'].map((seatId) => titular(seatId))
		);
		expect(quorum).toMatchObject({
			ok: false,
			reason: 'quorum-not-met',
			shortfall: 1,
			seatsNeeded: 4
		});
	});

	it('needs all three INAI seats, by titular or substitute (I III.2)', () => {
		const inaiSeats = seatsOf(inai);
		expect(
			computeQuorum(inai, inaiSeats, [titular('authority'), titular('guarantor')])
		).toMatchObject({ ok: false, shortfall: 1 });
		expect(
			computeQuorum(inai, inaiSeats, [
				titular('authority'),
				titular('guarantor'),
				substitute('civil-society')
			]).ok
		).toBe(true);
	});

	it('takes Tacámbaro’s majority over the seats it actually has (T III.2)', () => {
		expect(computeQuorum(tacambaro, seatsOf(tacambaro), []).seatsNeeded).toBe(4);
		expect(computeQuorum(tacambaro, seatsOf(tacambaro).slice(0, 5), []).seatsNeeded).toBe(3);
	});

	it('counts a seat once when both its titular and its substitute came', () => {
		const quorum = computeQuorum(zacatecas, zacatecasSeats, [
			titular('executive'),
			substitute('executive'),
			titular('judicial')
		]);
		expect(quorum.seatsPresent).toEqual(['executive', 'judicial']);
	});

	it('counts a seat once even if the body lists it twice', () => {
		const quorum = computeQuorum(
			inai,
			[...seatsOf(inai), { seatId: 'authority' }],
			[titular('authority')]
		);
		expect(quorum.seatsPresent).toEqual(['authority']);
		expect(quorum.seatsNeeded).toBe(3);
	});

	it('never counts facilitator, companions, guests or observers', () => {
		const attendance: AttendanceRecord[] = [
			{ personId: 'f', seatId: null, role: 'facilitator', remote: false },
			{ personId: 'c', seatId: 'executive', role: 'companion', remote: false },
			{ personId: 'g', seatId: null, role: 'guest', remote: false },
			{ personId: 'o', seatId: null, role: 'observer', remote: false }
		];
		expect(computeQuorum(zacatecas, zacatecasSeats, attendance).seatsPresent).toEqual([]);
	});

	it('counts remote attendance by default and names the seats present only remotely', () => {
		const attendance = [
			titular('executive', true),
			titular('judicial', true),
			substitute('judicial'),
			titular('academia'),
			titular('guarantor')
		];
		const quorum = computeQuorum(zacatecas, zacatecasSeats, attendance);
		expect(quorum.ok).toBe(true);
		expect(quorum.seatsPresentRemotely).toEqual(['executive']);
	});

	it('ignores remote attendance when the body says it does not count', () => {
		const attendance = [
			titular('executive', true),
			titular('judicial'),
			titular('academia'),
			titular('guarantor')
		];
		const quorum = computeQuorum(
			{ ...zacatecas, remoteAttendanceCounts: false },
			zacatecasSeats,
			attendance
		);
		expect(quorum).toMatchObject({
			ok: false,
			seatsPresent: ['judicial', 'academia', 'guarantor']
		});
	});
});

const seatIds = zacatecasSeats.map((seat) => seat.seatId);
const attendanceRecord = fc.record({
	personId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'),
	seatId: fc.option(fc.constantFrom(...seatIds, 'ghost'), { nil: null }),
	role: fc.constantFrom(
		'titular',
		'substitute',
		'facilitator',
		'companion',
		'guest',
		'observer'
	) as fc.Arbitrary<AttendanceRecord['role']>,
	remote: fc.boolean()
});
const attendanceList = fc.array(attendanceRecord, { maxLength: 20 });
const rulesVariant = fc.record({
	remoteAttendanceCounts: fc.boolean(),
	substitutesPerSeat: fc.constantFrom(0 as const, 1 as const)
});

describe('quorum invariants', () => {
	it('a seat never counts twice, and present and missing seats split the body', () => {
		fc.assert(
			fc.property(rulesVariant, attendanceList, (variant, attendance) => {
				const quorum = computeQuorum({ ...zacatecas, ...variant }, zacatecasSeats, attendance);
				expect(new Set(quorum.seatsPresent).size).toBe(quorum.seatsPresent.length);
				expect([...quorum.seatsPresent, ...quorum.seatsMissing].sort()).toEqual(
					[...seatIds].sort()
				);
				expect(quorum.ok).toBe(quorum.seatsPresent.length >= quorum.seatsNeeded);
			})
		);
	});

	it('adding attendance never loses quorum nor a present seat', () => {
		fc.assert(
			fc.property(rulesVariant, attendanceList, attendanceList, (variant, before, arrivals) => {
				const rules = { ...zacatecas, ...variant };
				const earlier = computeQuorum(rules, zacatecasSeats, before);
				const later = computeQuorum(rules, zacatecasSeats, [...before, ...arrivals]);
				if (earlier.ok) expect(later.ok).toBe(true);
				for (const seatId of earlier.seatsPresent) expect(later.seatsPresent).toContain(seatId);
			})
		);
	});
});
