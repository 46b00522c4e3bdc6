/**
 * Decisions during a meeting: the facilitator states a proposed agreement; a consensus round lets
 * any seat object; an objection, or the facilitator, opens a vote of one ballot per seat, cast by
 * whoever holds the seat's vote at that moment; the facilitator closes it, the rules decide, and a
 * carried motion enters the agreements register with its number (per body and year).
 *
 * Articles: consensus first, majority vote where positions differ (I IV, T IV); the facilitator has
 * voice without vote (I III.9, T III.9); no quorum, no meeting (Z art. 7.1) — so no vote is opened
 * and no ballot cast without it; one ballot per seat, the substitute only for an absent titular
 * (RULES.md defaults). Every step runs under the meeting's row lock (changeMeetingRoom).
 */
import { and, eq, max, ne } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { agreements, ballots, motions, objections, type Meeting, type Motion } from '../db/schema';
import {
	castBallot,
	computeQuorum,
	decideAgreement,
	findSeatVoter,
	toLocalDate,
	type Ballot,
	type BallotChoice
} from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom, readPresent, seatRefs, toAttendanceRecords } from './meetings';

export type DecisionRefusal =
	| 'meeting-unknown'
	| 'motion-already-open'
	| 'no-open-motion'
	| 'quorum-not-met'
	| 'not-seat-voter'
	| 'seat-already-voted'
	| 'not-in-consensus'
	| 'not-voting'
	| 'vote-required';

export type DecisionResult = { ok: true } | { ok: false; reason: DecisionRefusal };

async function openMotion(tx: Queryable, meetingId: string): Promise<Motion | null> {
	const [motion] = await tx
		.select()
		.from(motions)
		.where(and(eq(motions.meetingId, meetingId), ne(motions.status, 'closed')));
	return motion ?? null;
}

/** The rules' view of the room now: seats, attendance and whether quorum stands. */
async function readRoom(tx: Queryable, body: LoadedSecretariat, meetingId: string) {
	const attendance = toAttendanceRecords(await readPresent(tx, body, meetingId));
	const seats = seatRefs(body.rules);
	return { seats, attendance, quorumMet: computeQuorum(body.rules, seats, attendance).ok };
}

/** The seat (key) whose vote this member holds right now, if any. */
function seatVotedBy(
	body: LoadedSecretariat,
	room: Awaited<ReturnType<typeof readRoom>>,
	memberId: string
) {
	for (const { seatId } of room.seats) {
		const voter = findSeatVoter(body.rules, room.seats, room.attendance, seatId);
		if (voter.ok && voter.personId === memberId) return seatId;
	}
	return null;
}

const seatIdOfKey = (body: LoadedSecretariat, key: string) =>
	body.seats.find((seat) => seat.key === key)!.id;
const seatKeyOfId = (body: LoadedSecretariat, id: string) =>
	body.seats.find((seat) => seat.id === id)?.key ?? id;

function run(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	change: (tx: Queryable, meeting: Meeting) => Promise<DecisionResult>
): Promise<DecisionResult> {
	return changeMeetingRoom(db, body, meetingId, change).then(
		(result) => result ?? { ok: false, reason: 'meeting-unknown' }
	);
}

/** The facilitator puts a proposed agreement to the body, on the current agenda item. */
export function proposeMotion(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	text: string
) {
	return run(db, body, meetingId, async (tx, meeting) => {
		if (await openMotion(tx, meetingId)) return { ok: false, reason: 'motion-already-open' };
		const byVote = body.rules.decision.method === 'vote';
		if (byVote && !(await readRoom(tx, body, meetingId)).quorumMet)
			return { ok: false, reason: 'quorum-not-met' };
		await tx.insert(motions).values({
			meetingId,
			agendaPosition: meeting.currentItem,
			text,
			status: byVote ? 'voting' : 'consensus'
		});
		return { ok: true };
	});
}

/** A seat objects in the consensus round (through whoever holds its vote); with quorum, that opens a vote. */
export function objectToMotion(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string
) {
	return run(db, body, meetingId, async (tx) => {
		const motion = await openMotion(tx, meetingId);
		if (!motion) return { ok: false, reason: 'no-open-motion' };
		if (motion.status !== 'consensus') return { ok: false, reason: 'not-in-consensus' };
		const room = await readRoom(tx, body, meetingId);
		const seat = seatVotedBy(body, room, memberId);
		if (!seat) return { ok: false, reason: 'not-seat-voter' };
		await tx
			.insert(objections)
			.values({ motionId: motion.id, seatId: seatIdOfKey(body, seat), memberId })
			.onConflictDoNothing();
		if (room.quorumMet)
			await tx.update(motions).set({ status: 'voting' }).where(eq(motions.id, motion.id));
		return { ok: true };
	});
}

/** The facilitator opens the vote without waiting for an objection. */
export function openVote(db: Database, body: LoadedSecretariat, meetingId: string) {
	return run(db, body, meetingId, async (tx) => {
		const motion = await openMotion(tx, meetingId);
		if (!motion) return { ok: false, reason: 'no-open-motion' };
		if (motion.status !== 'consensus') return { ok: false, reason: 'not-in-consensus' };
		if (!(await readRoom(tx, body, meetingId)).quorumMet)
			return { ok: false, reason: 'quorum-not-met' };
		await tx.update(motions).set({ status: 'voting' }).where(eq(motions.id, motion.id));
		return { ok: true };
	});
}

async function readBallots(
	tx: Queryable,
	body: LoadedSecretariat,
	motionId: string
): Promise<Ballot[]> {
	const rows = await tx.select().from(ballots).where(eq(ballots.motionId, motionId));
	return rows.map((row) => ({
		seatId: seatKeyOfId(body, row.seatId),
		personId: row.memberId,
		role: row.role,
		choice: row.choice,
		castAt: row.castAt
	}));
}

/** A member casts the ballot of the seat whose vote they hold now; the rules check it first. */
export function castMotionBallot(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string,
	choice: BallotChoice
) {
	return run(db, body, meetingId, async (tx) => {
		const motion = await openMotion(tx, meetingId);
		if (!motion) return { ok: false, reason: 'no-open-motion' };
		if (motion.status !== 'voting') return { ok: false, reason: 'not-voting' };
		const room = await readRoom(tx, body, meetingId);
		const seat = seatVotedBy(body, room, memberId);
		if (!seat) return { ok: false, reason: room.quorumMet ? 'not-seat-voter' : 'quorum-not-met' };
		const cast = castBallot(
			body.rules,
			room.seats,
			room.attendance,
			await readBallots(tx, body, motion.id),
			{
				personId: memberId,
				seatId: seat,
				choice,
				castAt: new Date()
			}
		);
		if (!cast.ok) {
			const reason =
				cast.reason === 'seat-already-voted' || cast.reason === 'quorum-not-met'
					? cast.reason
					: 'not-seat-voter';
			return { ok: false, reason };
		}
		await tx.insert(ballots).values({
			motionId: motion.id,
			seatId: seatIdOfKey(body, seat),
			memberId,
			role: cast.ballot.role,
			choice
		});
		return { ok: true };
	});
}

/**
 * The facilitator closes the motion: the rules decide (consensus, or the tally against the body's
 * majority rule); the outcome and counts stay on the motion, and a carried one is numbered in the
 * agreements register.
 */
export function closeMotion(db: Database, body: LoadedSecretariat, meetingId: string) {
	return run(db, body, meetingId, async (tx) => {
		const motion = await openMotion(tx, meetingId);
		if (!motion) return { ok: false, reason: 'no-open-motion' };
		const objectingSeatIds = (
			await tx.select().from(objections).where(eq(objections.motionId, motion.id))
		).map((row) => seatKeyOfId(body, row.seatId));
		const cast = await readBallots(tx, body, motion.id);
		// Once a vote is open the motion is decided by it, objections or not.
		const decision =
			motion.status === 'voting'
				? { ...body.rules.decision, method: 'vote' as const }
				: body.rules.decision;
		const outcome = decideAgreement({ decision }, seatRefs(body.rules), {
			objectingSeatIds,
			ballots: cast
		});
		if (outcome.reason === 'vote-required') return { ok: false, reason: 'vote-required' };
		const counts =
			'tally' in outcome
				? {
						votesFor: outcome.tally.votesFor,
						votesAgainst: outcome.tally.votesAgainst,
						abstentions: outcome.tally.abstentions
					}
				: { votesFor: 0, votesAgainst: 0, abstentions: 0 };
		const closedAt = new Date();
		await tx
			.update(motions)
			.set({
				status: 'closed',
				closedAt,
				outcome: { carried: outcome.carried, reason: outcome.reason, ...counts }
			})
			.where(eq(motions.id, motion.id));
		if (outcome.carried) {
			const year = Number(toLocalDate(closedAt, body.rules.timeZone).slice(0, 4));
			const [last] = await tx
				.select({ number: max(agreements.number) })
				.from(agreements)
				.where(and(eq(agreements.secretariatId, body.secretariat.id), eq(agreements.year, year)));
			await tx.insert(agreements).values({
				secretariatId: body.secretariat.id,
				year,
				number: (last?.number ?? 0) + 1,
				motionId: motion.id,
				text: motion.text
			});
		}
		return { ok: true };
	});
}
