import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendanceRecord } from './attendance';
import {
	castBallot,
	decideAgreement,
	tallyBallots,
	type Ballot,
	type BallotChoice
} from './decision';
import { copyPresetRules } from './presets/index';

const rules = copyPresetRules('tacambaro-stm');
const seats = rules.seats.map((seat) => ({ seatId: seat.id }));
const seatIds = seats.map((seat) => seat.seatId);
const allTitulars: AttendanceRecord[] = seatIds.map((seatId) => ({
	personId: `t-${seatId}`,
	seatId,
	role: 'titular',
	remote: false
}));
const at = (minute: number) => new Date(Date.UTC(2025, 5, 9, 16, minute));

function ballot(
	seatId: string,
	choice: BallotChoice,
	minute = 0,
	role: Ballot['role'] = 'titular'
): Ballot {
	return {
		seatId,
		personId: `${role === 'titular' ? 't' : 's'}-${seatId}`,
		role,
		choice,
		castAt: at(minute)
	};
}

function ballots(choices: BallotChoice[]): Ballot[] {
	return choices.map((choice, index) => ballot(seatIds[index], choice, index));
}

describe('castBallot', () => {
	it('records the ballot of the seat’s present titular', () => {
		const result = castBallot(rules, seats, allTitulars, [], {
			personId: 't-academia',
			seatId: 'academia',
			choice: 'for',
			castAt: at(1)
		});
		expect(result).toEqual({ ok: true, ballot: ballot('academia', 'for', 1) });
	});

	it('rejects a second ballot for the same seat, keeping the first', () => {
		const first = ballot('academia', 'against', 1);
		const result = castBallot(rules, seats, allTitulars, [first], {
			personId: 't-academia',
			seatId: 'academia',
			choice: 'for',
			castAt: at(2)
		});
		expect(result).toEqual({ ok: false, reason: 'seat-already-voted', ballot: first });
	});

	it('lets a substitute’s ballot stand when the titular arrives later', () => {
		const substituteOnly: AttendanceRecord[] = [
			...allTitulars.filter((entry) => entry.seatId !== 'academia'),
			{ personId: 's-academia', seatId: 'academia', role: 'substitute', remote: false }
		];
		const cast = castBallot(rules, seats, substituteOnly, [], {
			personId: 's-academia',
			seatId: 'academia',
			choice: 'for',
			castAt: at(1)
		});
		expect(cast).toEqual({ ok: true, ballot: ballot('academia', 'for', 1, 'substitute') });
		const titularArrives = [
			...substituteOnly,
			{ personId: 't-academia', seatId: 'academia', role: 'titular', remote: false } as const
		];
		const second = castBallot(rules, seats, titularArrives, cast.ok ? [cast.ballot] : [], {
			personId: 't-academia',
			seatId: 'academia',
			choice: 'against',
			castAt: at(2)
		});
		expect(second).toMatchObject({
			ok: false,
			reason: 'seat-already-voted',
			ballot: { personId: 's-academia', choice: 'for' }
		});
	});

	it('refuses the substitute while the titular is present', () => {
		const both: AttendanceRecord[] = [
			...allTitulars,
			{ personId: 's-academia', seatId: 'academia', role: 'substitute', remote: false }
		];
		const result = castBallot(rules, seats, both, [], {
			personId: 's-academia',
			seatId: 'academia',
			choice: 'for',
			castAt: at(1)
		});
		expect(result).toEqual({
			ok: false,
			reason: 'not-seat-voter',
			seatId: 'academia',
			voterPersonId: 't-academia'
		});
	});

	it('refuses the facilitator, an absent seat, an unknown seat and a meeting without quorum', () => {
		const withFacilitator: AttendanceRecord[] = [
			...allTitulars.slice(1),
			{ personId: 'fac', seatId: null, role: 'facilitator', remote: false }
		];
		const attempt = { personId: 'fac', seatId: 'guarantor', choice: 'for' as const, castAt: at(1) };
		expect(castBallot(rules, seats, withFacilitator, [], attempt)).toEqual({
			ok: false,
			reason: 'seat-absent',
			seatId: 'guarantor'
		});
		expect(
			castBallot(rules, seats, withFacilitator, [], { ...attempt, seatId: 'academia' })
		).toMatchObject({ reason: 'not-seat-voter' });
		expect(
			castBallot(rules, seats, withFacilitator, [], { ...attempt, seatId: 'church' })
		).toMatchObject({ reason: 'seat-unknown' });
		const noQuorum = castBallot(rules, seats, allTitulars.slice(0, 3), [], {
			...attempt,
			personId: 't-guarantor'
		});
		expect(noQuorum).toMatchObject({
			ok: false,
			reason: 'quorum-not-met',
			quorum: { shortfall: 1 }
		});
	});
});

describe('decideAgreement', () => {
	it('records consensus when no seat objects (I IV, T IV)', () => {
		expect(decideAgreement(rules, seats, { objectingSeatIds: [], ballots: [] })).toEqual({
			carried: true,
			reason: 'consensus'
		});
	});

	it('ignores objections from outside the seats', () => {
		expect(
			decideAgreement(rules, seats, { objectingSeatIds: ['facilitator'], ballots: [] })
		).toMatchObject({ reason: 'consensus' });
	});

	it('asks for a vote when a seat objects', () => {
		expect(
			decideAgreement(rules, seats, { objectingSeatIds: ['academia', 'academia'], ballots: [] })
		).toEqual({
			carried: false,
			reason: 'vote-required',
			objectingSeatIds: ['academia']
		});
	});

	const defaults = { decision: rules.decision };
	const withAbstentions = { decision: { ...rules.decision, abstentionsCountTowardMajority: true } };
	const tieCarries = { decision: { ...rules.decision, tieCarries: true } };
	it.each([
		[
			'3 for, 2 against',
			defaults,
			['for', 'for', 'for', 'against', 'against'],
			true,
			'majority-for'
		],
		[
			'2 for, 3 against',
			defaults,
			['for', 'for', 'against', 'against', 'against'],
			false,
			'majority-against'
		],
		[
			'2 for, 1 against, 4 abstain (abstentions do not count)',
			defaults,
			['for', 'for', 'against', 'abstain', 'abstain', 'abstain', 'abstain'],
			true,
			'majority-for'
		],
		[
			'the same when abstentions count',
			withAbstentions,
			['for', 'for', 'against', 'abstain', 'abstain', 'abstain', 'abstain'],
			false,
			'majority-against'
		],
		[
			'2 for, 2 against: a tie does not carry',
			defaults,
			['for', 'for', 'against', 'against'],
			false,
			'tie-does-not-carry'
		],
		[
			'2 for, 2 against where a tie carries',
			tieCarries,
			['for', 'for', 'against', 'against'],
			true,
			'tie-carries'
		],
		[
			'2 for, 1 against, 1 abstain counted: exactly half',
			withAbstentions,
			['for', 'for', 'against', 'abstain'],
			false,
			'tie-does-not-carry'
		],
		['all abstain', tieCarries, ['abstain', 'abstain', 'abstain'], false, 'no-votes-cast']
	] as const)('%s', (_label, decisionRules, choices, carried, reason) => {
		const outcome = decideAgreement(
			{ decision: { ...decisionRules.decision, method: 'vote' } },
			seats,
			{ objectingSeatIds: [], ballots: ballots([...choices]) }
		);
		expect(outcome).toMatchObject({ carried, reason });
	});

	it('reports the counts with the reason', () => {
		const outcome = decideAgreement(rules, seats, {
			objectingSeatIds: ['academia'],
			ballots: ballots(['for', 'against', 'abstain', 'for'])
		});
		expect(outcome).toMatchObject({
			carried: true,
			reason: 'majority-for',
			tally: { votesFor: 2, votesAgainst: 1, abstentions: 1, majorityBase: 3 }
		});
	});

	it('without consensus first, an empty vote carries nothing', () => {
		const outcome = decideAgreement({ decision: { ...rules.decision, method: 'vote' } }, seats, {
			objectingSeatIds: [],
			ballots: []
		});
		expect(outcome).toMatchObject({ carried: false, reason: 'no-votes-cast' });
	});
});

describe('tallyBallots', () => {
	it('counts the earliest ballot of a seat and ignores later ones and strangers', () => {
		const late = ballot('academia', 'against', 9);
		const early = ballot('academia', 'for', 1);
		const stranger = ballot('church', 'for', 2);
		const tally = tallyBallots(rules, seats, [late, stranger, early]);
		expect(tally.countedBallots).toEqual([early]);
		expect(tally.ignoredBallots).toEqual([stranger, late]);
		expect(tally.votesFor).toBe(1);
	});
});

const ballotList = fc.array(
	fc.record({
		seatId: fc.constantFrom(...seatIds, 'church'),
		personId: fc.constantFrom('a', 'b', 'c'),
		role: fc.constantFrom('titular', 'substitute') as fc.Arbitrary<Ballot['role']>,
		choice: fc.constantFrom('for', 'against', 'abstain') as fc.Arbitrary<BallotChoice>,
		castAt: fc.integer({ min: 0, max: 120 }).map(at)
	}),
	{ maxLength: 25 }
);

describe('decision invariants', () => {
	it('a seat never has two counted ballots', () => {
		fc.assert(
			fc.property(ballotList, fc.boolean(), (list, abstentionsCount) => {
				const tally = tallyBallots(
					{ decision: { ...rules.decision, abstentionsCountTowardMajority: abstentionsCount } },
					seats,
					list
				);
				const countedSeats = tally.countedBallots.map((entry) => entry.seatId);
				expect(new Set(countedSeats).size).toBe(countedSeats.length);
				expect(tally.votesFor + tally.votesAgainst + tally.abstentions).toBe(countedSeats.length);
				expect(tally.countedBallots.length + tally.ignoredBallots.length).toBe(list.length);
			})
		);
	});

	it('while people arrive, no seat gets two ballots and no substitute votes beside its titular', () => {
		const quorumFloor = allTitulars.slice(0, 4);
		const lateSeatIds = seatIds.slice(4);
		const arrival = fc.record({
			kind: fc.constant('arrival' as const),
			seatId: fc.constantFrom(...lateSeatIds),
			role: fc.constantFrom('titular', 'substitute') as fc.Arbitrary<'titular' | 'substitute'>
		});
		const attempt = fc.record({
			kind: fc.constant('attempt' as const),
			seatId: fc.constantFrom(...seatIds),
			role: fc.constantFrom('titular', 'substitute') as fc.Arbitrary<'titular' | 'substitute'>,
			choice: fc.constantFrom('for', 'against', 'abstain') as fc.Arbitrary<BallotChoice>
		});
		fc.assert(
			fc.property(fc.array(fc.oneof(arrival, attempt), { maxLength: 40 }), (events) => {
				const attendance: AttendanceRecord[] = [...quorumFloor];
				const stored: Ballot[] = [];
				events.forEach((event, index) => {
					const personId = `${event.role === 'titular' ? 't' : 's'}-${event.seatId}`;
					if (event.kind === 'arrival') {
						attendance.push({ personId, seatId: event.seatId, role: event.role, remote: false });
						return;
					}
					const titularHere = attendance.some(
						(entry) => entry.seatId === event.seatId && entry.role === 'titular'
					);
					const result = castBallot(rules, seats, attendance, stored, {
						personId,
						seatId: event.seatId,
						choice: event.choice,
						castAt: at(index)
					});
					if (!result.ok) return;
					if (result.ballot.role === 'substitute') expect(titularHere).toBe(false);
					stored.push(result.ballot);
				});
				expect(new Set(stored.map((entry) => entry.seatId)).size).toBe(stored.length);
			})
		);
	});

	it('a motion carries only with more votes for than against, unless a tie carries', () => {
		fc.assert(
			fc.property(
				ballotList,
				fc.boolean(),
				fc.boolean(),
				(list, abstentionsCount, tieCarriesFlag) => {
					const decision = {
						method: 'vote' as const,
						abstentionsCountTowardMajority: abstentionsCount,
						tieCarries: tieCarriesFlag
					};
					const outcome = decideAgreement({ decision }, seats, {
						objectingSeatIds: [],
						ballots: list
					});
					if (outcome.carried && 'tally' in outcome) {
						expect(outcome.tally.votesFor).toBeGreaterThan(0);
						expect(outcome.tally.votesFor * 2).toBeGreaterThanOrEqual(outcome.tally.majorityBase);
						if (!tieCarriesFlag)
							expect(outcome.tally.votesFor).toBeGreaterThan(outcome.tally.votesAgainst);
					}
				}
			)
		);
	});
});
