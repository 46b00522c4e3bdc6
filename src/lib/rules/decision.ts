/**
 * How the body takes a decision: consensus first, a vote where positions differ.
 *
 * Articles: I IV and T IV (decisions by consensus; by majority vote only where there are different
 * positions); Zacatecas is silent and takes the same default (RULES.md). Z art. 7, I III.1, T III.1
 * (members have voice and vote).
 * RULES.md defaults, each a parameter of `rules.decision`:
 *   - consensus: the facilitator asks for objections; with none the agreement is recorded "por
 *     consenso"; any member's objection opens a vote;
 *   - "majority" is of the votes cast for and against; abstentions are recorded and do not count
 *     (`abstentionsCountTowardMajority: false`); a tie does not carry (`tieCarries: false`). A "tie"
 *     means the votes for are exactly half of the majority base (for = against when abstentions
 *     do not count). A motion nobody voted for or against never carries ('no-votes-cast').
 *   - one ballot per seat. Decision: a second ballot for a seat is REJECTED by `castBallot`
 *     ('seat-already-voted'), so a ballot once cast by a substitute stands when the titular arrives;
 *     should two ballots of a seat ever reach a tally anyway, the earliest counts and the rest are
 *     returned as `ignoredBallots`.
 *
 * Glossary: acuerdo → agreement; consenso → 'consensus'; postura distinta / objeción → objection;
 * votación → vote; voto a favor / en contra / abstención → 'for' / 'against' / 'abstain';
 * mayoría de votos → majority; empate → tie.
 */
import type { BodyRules } from './body-rules';
import type { AttendanceRecord, SeatRef } from './attendance';
import { computeQuorum, type QuorumResult } from './quorum';
import { findSeatVoter } from './voting-rights';

export type BallotChoice = 'for' | 'against' | 'abstain';

export interface Ballot {
	seatId: string;
	personId: string;
	role: 'titular' | 'substitute';
	choice: BallotChoice;
	castAt: Date;
}

export type CastBallotResult =
	| { ok: true; ballot: Ballot }
	| { ok: false; reason: 'seat-unknown' | 'seat-absent'; seatId: string }
	| { ok: false; reason: 'seat-already-voted'; ballot: Ballot }
	| { ok: false; reason: 'quorum-not-met'; quorum: QuorumResult }
	| { ok: false; reason: 'not-seat-voter'; seatId: string; voterPersonId: string };

export interface BallotTally {
	votesFor: number;
	votesAgainst: number;
	abstentions: number;
	/** The number the votes for must exceed half of: for + against (+ abstentions if they count). */
	majorityBase: number;
	countedBallots: Ballot[];
	ignoredBallots: Ballot[];
}

export type DecisionOutcome =
	| { carried: true; reason: 'consensus' }
	| { carried: false; reason: 'vote-required'; objectingSeatIds: string[] }
	| { carried: true; reason: 'majority-for' | 'tie-carries'; tally: BallotTally }
	| {
			carried: false;
			reason: 'majority-against' | 'tie-does-not-carry' | 'no-votes-cast';
			tally: BallotTally;
	  };

type DecisionRules = Pick<
	BodyRules,
	'decision' | 'quorum' | 'substitutesPerSeat' | 'remoteAttendanceCounts'
>;

/**
 * Whether `personId` may cast a ballot for `seatId` now, and the ballot if so: the seat must be the
 * body's, must not have voted on this motion, the meeting must have quorum, and the person must be
 * the seat's voter (present titular, else present substitute). The meeting layer calls it for every
 * ballot a member taps, before storing it.
 */
export function castBallot(
	rules: DecisionRules,
	seats: readonly SeatRef[],
	attendance: readonly AttendanceRecord[],
	ballots: readonly Ballot[],
	attempt: { personId: string; seatId: string; choice: BallotChoice; castAt: Date }
): CastBallotResult {
	if (!seats.some((seat) => seat.seatId === attempt.seatId))
		return { ok: false, reason: 'seat-unknown', seatId: attempt.seatId };
	const earlier = ballots.find((ballot) => ballot.seatId === attempt.seatId);
	if (earlier) return { ok: false, reason: 'seat-already-voted', ballot: earlier };
	const quorum = computeQuorum(rules, seats, attendance);
	if (!quorum.ok) return { ok: false, reason: 'quorum-not-met', quorum };
	const voter = findSeatVoter(rules, seats, attendance, attempt.seatId);
	if (!voter.ok) return { ok: false, reason: voter.reason, seatId: attempt.seatId };
	if (voter.personId !== attempt.personId) {
		return {
			ok: false,
			reason: 'not-seat-voter',
			seatId: attempt.seatId,
			voterPersonId: voter.personId
		};
	}
	const ballot: Ballot = {
		seatId: attempt.seatId,
		personId: attempt.personId,
		role: voter.role,
		choice: attempt.choice,
		castAt: attempt.castAt
	};
	return { ok: true, ballot };
}

/**
 * The count of a motion's ballots: one per seat of the body (the earliest, if a seat somehow has
 * more), the rest ignored; and the base the majority is measured on. `decideAgreement` and the
 * removal rule call it; the projector shows it live.
 */
export function tallyBallots(
	rules: Pick<BodyRules, 'decision'>,
	seats: readonly SeatRef[],
	ballots: readonly Ballot[]
): BallotTally {
	const seatIds = new Set(seats.map((seat) => seat.seatId));
	const votedSeats = new Set<string>();
	const countedBallots: Ballot[] = [];
	const ignoredBallots: Ballot[] = [];
	const chronological = [...ballots].sort(
		(left, right) => left.castAt.getTime() - right.castAt.getTime()
	);
	for (const ballot of chronological) {
		if (!seatIds.has(ballot.seatId) || votedSeats.has(ballot.seatId)) ignoredBallots.push(ballot);
		else {
			votedSeats.add(ballot.seatId);
			countedBallots.push(ballot);
		}
	}
	const countChoice = (choice: BallotChoice) =>
		countedBallots.filter((ballot) => ballot.choice === choice).length;
	const [votesFor, votesAgainst, abstentions] = [
		countChoice('for'),
		countChoice('against'),
		countChoice('abstain')
	];
	const majorityBase =
		votesFor + votesAgainst + (rules.decision.abstentionsCountTowardMajority ? abstentions : 0);
	return { votesFor, votesAgainst, abstentions, majorityBase, countedBallots, ignoredBallots };
}

/**
 * The outcome of an agreement: by consensus when no member's seat objects (and the body decides by
 * consensus first); otherwise the tally against the body's majority rule, with the reason as a code.
 * With objections and no ballots yet it answers 'vote-required'. The meeting layer calls it when the
 * facilitator closes the item; the minutes record the reason and the counts.
 */
export function decideAgreement(
	rules: Pick<BodyRules, 'decision'>,
	seats: readonly SeatRef[],
	input: { objectingSeatIds: readonly string[]; ballots: readonly Ballot[] }
): DecisionOutcome {
	const seatIds = new Set(seats.map((seat) => seat.seatId));
	const objectingSeatIds = [...new Set(input.objectingSeatIds)].filter((seatId) =>
		seatIds.has(seatId)
	);
	if (rules.decision.method === 'consensus-then-vote') {
		if (objectingSeatIds.length === 0) return { carried: true, reason: 'consensus' };
		if (input.ballots.length === 0)
			return { carried: false, reason: 'vote-required', objectingSeatIds };
	}
	const tally = tallyBallots(rules, seats, input.ballots);
	if (tally.votesFor + tally.votesAgainst === 0)
		return { carried: false, reason: 'no-votes-cast', tally };
	const doubledFor = tally.votesFor * 2;
	if (doubledFor > tally.majorityBase) return { carried: true, reason: 'majority-for', tally };
	if (doubledFor < tally.majorityBase) return { carried: false, reason: 'majority-against', tally };
	return rules.decision.tieCarries
		? { carried: true, reason: 'tie-carries', tally }
		: { carried: false, reason: 'tie-does-not-carry', tally };
}
