/**
 * Removing a member: the motion that leaves a designation without effect.
 *
 * Articles: Z art. 5, I I.3, T I.3 — a designation ends only for repeated acts or omissions that harm
 * the plan's objectives or put the body's working at risk; at least two members put it on the agenda
 * and submit it "a votación de todos los integrantes"; INAI and Tacámbaro add "en la sesión más
 * próxima" (`rules.removal.atNextMeeting`, which the meeting layer uses to schedule the item).
 *
 * Readings:
 *   - the proposers are at least `minProposers` distinct seats of the body, other than the seat of the
 *     member concerned (a member does not count toward their own removal).
 *   - "the vote of all the members" is read as a majority of ALL the body's seats, not of the votes
 *     cast: floor(n / 2) + 1 votes for (4 of 7). An absent seat counts as not in favour, so a missing
 *     member can neither carry nor block the motion by staying away. The seat of the member concerned
 *     votes like any other (the documents exclude nobody). Ballots come through `castBallot`, so quorum
 *     and one-ballot-per-seat hold as for any vote; there is no consensus path — the documents say vote.
 *
 *   - "the next session" (I I.3, T I.3; Zacatecas is silent and reads the same): the proposal goes
 *     onto the agenda of the earliest meeting not yet opened nor cancelled once its last needed
 *     support arrives; with none, onto the next meeting created. A meeting closed or cancelled
 *     without deciding it passes it on to the next one.
 *   - the agreements register records the outcome either way ("No se aprueba: …" when it fails):
 *     the body decided something about a member in both cases.
 *   - when carried, the designation ends at that moment: the person leaves the seat (its place is
 *     vacant and the body's admins are told to fill it), their attendance at that meeting ends, and
 *     they do not sign its minutes; the record of what they took part in stays.
 *
 * Glossary: designación sin efectos → removal; proponentes → proposers; integrante señalado →
 * member concerned (`targetSeatId`); votación de todos los integrantes → votedBy 'all-members'.
 */
import type { BodyRules } from './body-rules';
import type { SeatRef } from './attendance';
import { tallyBallots, type Ballot, type BallotTally } from './decision';

export type RemovalProposalCheck =
	| { ok: true; proposerSeatIds: string[] }
	| { ok: false; reason: 'removal-target-unknown' }
	| { ok: false; reason: 'removal-too-few-proposers'; proposerSeatIds: string[]; required: number };

export interface RemovalOutcome {
	carried: boolean;
	reason: 'removal-carried' | 'removal-majority-of-all-seats-not-reached';
	votesFor: number;
	votesNeeded: number;
	seatsNotVoted: string[];
	tally: BallotTally;
}

/**
 * Whether a removal motion may be put on the agenda: its target is a seat of the body and enough other
 * seats propose it. The agenda form calls it when a member adds a removal item.
 */
export function checkRemovalProposal(
	rules: Pick<BodyRules, 'removal'>,
	seats: readonly SeatRef[],
	motion: { targetSeatId: string; proposerSeatIds: readonly string[] }
): RemovalProposalCheck {
	const seatIds = new Set(seats.map((seat) => seat.seatId));
	if (!seatIds.has(motion.targetSeatId)) return { ok: false, reason: 'removal-target-unknown' };
	const proposerSeatIds = [...new Set(motion.proposerSeatIds)].filter(
		(seatId) => seatIds.has(seatId) && seatId !== motion.targetSeatId
	);
	const required = rules.removal.minProposers;
	if (proposerSeatIds.length < required)
		return { ok: false, reason: 'removal-too-few-proposers', proposerSeatIds, required };
	return { ok: true, proposerSeatIds };
}

/**
 * Whether a removal motion is carried by its ballots: votes for from a majority of all the body's
 * seats. The meeting layer calls it when the facilitator closes the removal vote.
 */
export function decideRemovalMotion(
	rules: Pick<BodyRules, 'decision'>,
	seats: readonly SeatRef[],
	ballots: readonly Ballot[]
): RemovalOutcome {
	const seatIds = [...new Set(seats.map((seat) => seat.seatId))];
	const tally = tallyBallots(rules, seats, ballots);
	const votedSeats = new Set(tally.countedBallots.map((ballot) => ballot.seatId));
	const seatsNotVoted = seatIds.filter((seatId) => !votedSeats.has(seatId));
	const votesNeeded = Math.floor(seatIds.length / 2) + 1;
	const carried = tally.votesFor >= votesNeeded;
	const reason = carried ? 'removal-carried' : 'removal-majority-of-all-seats-not-reached';
	return { carried, reason, votesFor: tally.votesFor, votesNeeded, seatsNotVoted, tally };
}
