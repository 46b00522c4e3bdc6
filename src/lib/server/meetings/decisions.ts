/**
 * Decisions during a meeting: the facilitator states a proposed agreement; a consensus round lets
 * any seat object; an objection, or the facilitator, opens a vote of one ballot per seat, cast by
 * whoever holds the seat's vote at that moment; the facilitator closes it, the rules decide, and a
 * carried motion enters the agreements register with its number (per body and year). While the
 * meeting has no quorum the motion is suspended; the facilitator may then withdraw it, and it is
 * recorded as withdrawn for lack of quorum, never as an agreement.
 *
 * Articles: consensus first, majority vote where positions differ (I IV, T IV); the facilitator has
 * voice without vote (I III.9, T III.9); no quorum, no meeting (Z art. 7.1, I III.2, T III.2) —
 * nothing is decided without it (rules/room-actions.ts); one ballot per seat, the substitute only
 * for an absent titular (RULES.md defaults). Every step is a room change: the meeting's state, the
 * quorum, the motion's phase and who holds a seat's vote are read and checked under the meeting's
 * row lock (room-change.ts).
 */
import { and, eq, max } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { agreements, ballots, motions, objections } from '../db/schema';
import {
	castBallot,
	decideAgreement,
	tallyBallots,
	toLocalDate,
	type Ballot,
	type BallotChoice
} from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom, type Room, type RoomChangeResult } from './room-change';
import { decideRemoval, mailSeatVacancy, type VacatedSeat } from './removals';
import {
	appendMeetingEvent,
	appendMeetingEvents,
	motionProposedEvents,
	type MeetingEventInput
} from './event-log';
import { recheckLoginSockets } from '../login-sockets';
import { m } from '../../paraglide/messages';

export type DecisionRefusal = 'not-seat-voter' | 'seat-already-voted' | 'vote-required';

export type DecisionResult = RoomChangeResult<DecisionRefusal>;

const seatIdOfKey = (body: LoadedSecretariat, key: string) =>
	body.seats.find((seat) => seat.key === key)!.id;
const seatKeyOfId = (body: LoadedSecretariat, id: string) =>
	body.seats.find((seat) => seat.id === id)?.key ?? id;

/** The facilitator puts a proposed agreement to the body, on the current agenda item. */
export function proposeMotion(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	text: string
): Promise<DecisionResult> {
	return changeMeetingRoom<DecisionRefusal>(
		db,
		body,
		meetingId,
		'propose',
		async ({ tx, meeting }) => {
			const status = body.rules.decision.method === 'vote' ? 'voting' : 'consensus';
			const [motion] = await tx
				.insert(motions)
				.values({
					meetingId,
					agendaPosition: meeting.currentItem,
					// Times are taken under the lock, so they follow the order changes committed in.
					openedAt: new Date(),
					text,
					status
				})
				.returning({ id: motions.id });
			await appendMeetingEvents(
				tx,
				body,
				meetingId,
				motionProposedEvents(motion!.id, meeting.currentItem, text, status)
			);
			return { ok: true };
		}
	);
}

/** A seat objects in the consensus round (through whoever holds its vote); that opens the vote. */
export function objectToMotion(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string
): Promise<DecisionResult> {
	return changeMeetingRoom<DecisionRefusal>(db, body, meetingId, 'object', async (room) => {
		const seat = room.seatVotedBy(memberId);
		if (!seat) return { ok: false, reason: 'not-seat-voter' };
		const motionId = room.motion!.id;
		const made = await room.tx
			.insert(objections)
			.values({ motionId, seatId: seatIdOfKey(body, seat), memberId, at: new Date() })
			.onConflictDoNothing()
			.returning({ motionId: objections.motionId });
		await room.tx.update(motions).set({ status: 'voting' }).where(eq(motions.id, motionId));
		const events: MeetingEventInput[] = [];
		if (made.length > 0)
			events.push({ kind: 'objection', payload: { motion: motionId, seat, member: memberId } });
		if (room.motion!.status === 'consensus')
			events.push({ kind: 'vote-opened', payload: { motion: motionId, by: 'objection' } });
		await appendMeetingEvents(room.tx, body, meetingId, events);
		return { ok: true };
	});
}

/** The facilitator opens the vote without waiting for an objection. */
export function openVote(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string
): Promise<DecisionResult> {
	return changeMeetingRoom<DecisionRefusal>(
		db,
		body,
		meetingId,
		'open-vote',
		async ({ tx, motion }) => {
			await tx.update(motions).set({ status: 'voting' }).where(eq(motions.id, motion!.id));
			if (motion!.status === 'consensus')
				await appendMeetingEvent(tx, body, meetingId, 'vote-opened', {
					motion: motion!.id,
					by: 'facilitator'
				});
			return { ok: true };
		}
	);
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
): Promise<DecisionResult> {
	return changeMeetingRoom<DecisionRefusal>(db, body, meetingId, 'cast-ballot', async (room) => {
		const seat = room.seatVotedBy(memberId);
		if (!seat) return { ok: false, reason: 'not-seat-voter' };
		const motionId = room.motion!.id;
		const cast = castBallot(
			body.rules,
			room.seats,
			room.attendance,
			await readBallots(room.tx, body, motionId),
			{ personId: memberId, seatId: seat, choice, castAt: new Date() }
		);
		if (!cast.ok)
			return {
				ok: false,
				reason: cast.reason === 'seat-already-voted' ? cast.reason : 'not-seat-voter'
			};
		await room.tx.insert(ballots).values({
			motionId,
			seatId: seatIdOfKey(body, seat),
			memberId,
			role: cast.ballot.role,
			choice,
			castAt: cast.ballot.castAt
		});
		// Which seat, who cast it and whether as its titular or its substitute.
		await appendMeetingEvent(room.tx, body, meetingId, 'ballot', {
			motion: motionId,
			seat,
			member: memberId,
			role: cast.ballot.role,
			choice
		});
		return { ok: true };
	});
}

type MotionOutcome = NonNullable<typeof motions.$inferSelect.outcome>;

/**
 * Closes the motion under way with its outcome (reason and counts) at `closedAt`, and records it in
 * the sealed log with its number in the agreements register, if it has one.
 */
async function closeWith(
	room: Room,
	outcome: MotionOutcome,
	closedAt: Date,
	agreement: string | null
): Promise<void> {
	await room.tx
		.update(motions)
		.set({ status: 'closed', closedAt, outcome })
		.where(eq(motions.id, room.motion!.id));
	await appendMeetingEvent(
		room.tx,
		room.body,
		room.meeting.id,
		outcome.reason === 'withdrawn-no-quorum' ? 'motion-withdrawn' : 'motion-closed',
		{ motion: room.motion!.id, ...outcome, agreement }
	);
}

/**
 * Numbers a decision in the body's agreements register (per body and year): every carried motion,
 * and a removal whatever its outcome, worded as what the body decided.
 */
async function registerAgreement(room: Room, closedAt: Date, carried: boolean): Promise<string> {
	const { tx, body, motion } = room;
	const year = Number(toLocalDate(closedAt, body.rules.timeZone).slice(0, 4));
	const [last] = await tx
		.select({ number: max(agreements.number) })
		.from(agreements)
		.where(and(eq(agreements.secretariatId, body.secretariat.id), eq(agreements.year, year)));
	const number = (last?.number ?? 0) + 1;
	await tx.insert(agreements).values({
		secretariatId: body.secretariat.id,
		year,
		number,
		motionId: motion!.id,
		text: carried
			? motion!.text
			: m.removal_not_carried_agreement({ text: motion!.text }, { locale: 'es-MX' })
	});
	return `${year}-${number}`;
}

/**
 * The facilitator closes the motion: the rules decide (consensus, or the tally against the body's
 * majority rule); the outcome and counts stay on the motion, and a carried one is numbered in the
 * agreements register.
 */
export async function closeMotion(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string
): Promise<DecisionResult> {
	let vacated: VacatedSeat | null = null;
	const result = await changeMeetingRoom<DecisionRefusal>(
		db,
		body,
		meetingId,
		'close-motion',
		async (room) => {
			const motion = room.motion!;
			const cast = await readBallots(room.tx, body, motion.id);
			const closedAt = new Date();
			if (motion.removalProposalId) {
				// A removal is decided by a majority of all the seats (rules/removal.ts), carried or
				// not, and the register records either outcome.
				const decided = await decideRemoval(room, cast, closedAt);
				vacated = decided.vacated;
				const agreement = await registerAgreement(room, closedAt, decided.outcome.carried);
				await closeWith(room, decided.outcome, closedAt, agreement);
				return { ok: true };
			}
			const objectingSeatIds = (
				await room.tx.select().from(objections).where(eq(objections.motionId, motion.id))
			).map((row) => seatKeyOfId(body, row.seatId));
			// Once a vote is open the motion is decided by it, objections or not.
			const decision =
				motion.status === 'voting'
					? { ...body.rules.decision, method: 'vote' as const }
					: body.rules.decision;
			const outcome = decideAgreement({ decision }, room.seats, {
				objectingSeatIds,
				ballots: cast
			});
			if (outcome.reason === 'vote-required') return { ok: false, reason: 'vote-required' };
			const agreement = outcome.carried ? await registerAgreement(room, closedAt, true) : null;
			await closeWith(
				room,
				{
					carried: outcome.carried,
					reason: outcome.reason,
					votesFor: 'tally' in outcome ? outcome.tally.votesFor : 0,
					votesAgainst: 'tally' in outcome ? outcome.tally.votesAgainst : 0,
					abstentions: 'tally' in outcome ? outcome.tally.abstentions : 0
				},
				closedAt,
				agreement
			);
			return { ok: true };
		}
	);
	if (result.ok && vacated) {
		const { userId } = vacated as VacatedSeat;
		// Out of the body: their phone's and laptop's rooms close now, not at the next ping round.
		if (userId) recheckLoginSockets({ userId });
		await mailSeatVacancy(db, body, vacated);
	}
	return result;
}

/**
 * The facilitator withdraws a motion suspended for lack of quorum (only then: rules/room-actions).
 * It is closed as withdrawn with the ballots cast so far, never as an agreement.
 */
export function withdrawMotion(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string
): Promise<DecisionResult> {
	return changeMeetingRoom<DecisionRefusal>(
		db,
		body,
		meetingId,
		'withdraw-motion',
		async (room) => {
			const tally = tallyBallots(
				body.rules,
				room.seats,
				await readBallots(room.tx, body, room.motion!.id)
			);
			await closeWith(
				room,
				{
					carried: false,
					reason: 'withdrawn-no-quorum',
					votesFor: tally.votesFor,
					votesAgainst: tally.votesAgainst,
					abstentions: tally.abstentions
				},
				new Date(),
				null
			);
			return { ok: true };
		}
	);
}
