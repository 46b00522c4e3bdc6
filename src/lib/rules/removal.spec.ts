import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, BallotChoice } from './decision';
import { copyPresetRules } from './presets/index';
import { checkRemovalProposal, decideRemovalMotion } from './removal';

const rules = copyPresetRules('zacatecas-stl');
const seats = rules.seats.map((seat) => ({ seatId: seat.id }));
const seatIds = seats.map((seat) => seat.seatId);

function ballots(choices: BallotChoice[]): Ballot[] {
	return choices.map((choice, index) => ({
		seatId: seatIds[index],
		personId: `t-${seatIds[index]}`,
		role: 'titular',
		choice,
		castAt: new Date(Date.UTC(2025, 5, 9, 16, index))
	}));
}

describe('checkRemovalProposal (Z art. 5, I I.3, T I.3)', () => {
	it('accepts a motion proposed by two members', () => {
		expect(
			checkRemovalProposal(rules, seats, {
				targetSeatId: 'judicial',
				proposerSeatIds: ['executive', 'academia']
			})
		).toEqual({
			ok: true,
			proposerSeatIds: ['executive', 'academia']
		});
	});

	it.each([
		['one proposer', ['executive'], ['executive']],
		['one seat named twice', ['executive', 'executive'], ['executive']],
		['the member concerned as second proposer', ['executive', 'judicial'], ['executive']],
		['a proposer from outside the body', ['executive', 'facilitator'], ['executive']]
	])('refuses %s', (_label, proposerSeatIds, counted) => {
		expect(
			checkRemovalProposal(rules, seats, { targetSeatId: 'judicial', proposerSeatIds })
		).toEqual({
			ok: false,
			reason: 'removal-too-few-proposers',
			proposerSeatIds: counted,
			required: 2
		});
	});

	it('refuses a motion against a seat the body does not have', () => {
		expect(
			checkRemovalProposal(rules, seats, { targetSeatId: 'church', proposerSeatIds: seatIds })
		).toEqual({ ok: false, reason: 'removal-target-unknown' });
	});
});

describe('decideRemovalMotion: a majority of all the seats', () => {
	it('carries with four of seven votes for', () => {
		const outcome = decideRemovalMotion(rules, seats, ballots(['for', 'for', 'for', 'for']));
		expect(outcome).toMatchObject({
			carried: true,
			reason: 'removal-carried',
			votesFor: 4,
			votesNeeded: 4
		});
		expect(outcome.seatsNotVoted).toEqual(['civil-society', 'academia', 'guarantor']);
	});

	it('fails with three of seven, however few vote against', () => {
		const outcome = decideRemovalMotion(rules, seats, ballots(['for', 'for', 'for', 'abstain']));
		expect(outcome).toMatchObject({
			carried: false,
			reason: 'removal-majority-of-all-seats-not-reached',
			votesFor: 3,
			votesNeeded: 4
		});
	});

	it('counts a seat once even if it somehow voted twice', () => {
		const twice = [
			...ballots(['for', 'for', 'for']),
			{ ...ballots(['for'])[0], castAt: new Date(Date.UTC(2025, 5, 9, 17)) }
		];
		expect(decideRemovalMotion(rules, seats, twice)).toMatchObject({ carried: false, votesFor: 3 });
	});

	it('carries exactly when the votes for reach a majority of all seats', () => {
		const choices = fc.array(
			fc.constantFrom('for', 'against', 'abstain') as fc.Arbitrary<BallotChoice>,
			{ maxLength: seatIds.length }
		);
		fc.assert(
			fc.property(choices, (list) => {
				const outcome = decideRemovalMotion(rules, seats, ballots(list));
				const votesFor = list.filter((choice) => choice === 'for').length;
				expect(outcome.carried).toBe(votesFor >= 4);
				expect(outcome.seatsNotVoted).toHaveLength(seatIds.length - list.length);
			})
		);
	});
});
