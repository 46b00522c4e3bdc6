/**
 * The room-change engine: the one way a meeting's room changes. Every tap in the room — a check-in,
 * an agenda move, a motion, a ballot, a turn to speak, the close — is one transaction that
 *   1. takes the meeting's row lock (meeting-lock.ts), so changes of one meeting happen one at a
 *      time, each decided on what the previous one committed;
 *   2. reads the room under that lock, in one statement after it (attendance, the motion under way,
 *      the last quorum entry, the cancellation: meeting-lock.ts says why not in the lock's own), and
 *      asks the rules whether the action may happen in it now (rules/room-actions.ts: closed,
 *      cancelled, quorum, the motion's phase) — the route handlers only say who may act;
 *   3. runs the change, which may refuse with its own reason (who holds a seat's vote, say) before
 *      it writes anything;
 *   4. reads the new state inside the transaction (one statement, room-state.ts), and logs the
 *      quorum it makes when that moved, naming the motion it suspended or resumed (Z art. 7.1);
 *   5. once committed, publishes that state (with the new quorum entry) to the
 *      meeting's live rooms (broadcast.ts; its place in the queue is taken under the lock, so
 *      screens receive states in commit order). A refused or rolled-back change publishes nothing.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	convocations,
	meetings,
	motions,
	quorumLog,
	type Meeting,
	type Motion
} from '../db/schema';
import { jsonList, jsonValue } from '../db/json-list';
import {
	checkRoomAction,
	findSeatVoter,
	type AttendanceRecord,
	type RoomAction,
	type RoomActionRefusal,
	type SeatRef
} from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import type { MeetingState } from '../../live/meeting-state';
import { reserveMeetingPublish, type PublishSlot } from '../broadcast';
import { lockMeeting } from './meeting-lock';
import {
	presentQuery,
	seatRefs,
	summariseQuorum,
	toAttendanceRecords,
	toPresent,
	type Present,
	type PresentRow,
	type QuorumSummary
} from './attendance';
import { readRoomStates, type RoomStates } from './room-state';
import { appendQuorumEvent, chainEndQuery, knowChainEnd } from './event-log';

/** What a change sees of the room, read under the meeting's row lock before it runs. */
export interface Room {
	tx: Queryable;
	body: LoadedSecretariat;
	meeting: Meeting;
	present: Present[];
	seats: SeatRef[];
	attendance: AttendanceRecord[];
	quorum: QuorumSummary;
	/** The motion under way (consensus round or vote), if any. */
	motion: Motion | null;
	/** The seat (key) whose vote this member holds right now, if any. */
	seatVotedBy(memberId: string): string | null;
	/** Says the change checked someone in or out (or moved a seat), so attendance is read again. */
	attendanceChanged(): void;
}

export type RoomChangeResult<Reason extends string, Done extends object = object> =
	({ ok: true } & Done) | { ok: false; reason: Reason | RoomActionRefusal | 'meeting-unknown' };

/** What a change answers: done (with what it made), or refused with its own reason, before writing. */
export type ChangeOutcome<Reason extends string, Done extends object> =
	({ ok: true } & Done) | { ok: false; reason: Reason };

/** The motion under way in a meeting (at most one is ever open). */
export async function readOpenMotion(tx: Queryable, meetingId: string): Promise<Motion | null> {
	const [motion] = await tx
		.select()
		.from(motions)
		.where(and(eq(motions.meetingId, meetingId), ne(motions.status, 'closed')));
	return motion ?? null;
}

/** The quorum as last logged: a change logs it again only when it moved. */
interface LastQuorum {
	met: boolean;
	seatsPresent: number;
}

/**
 * What a change decides on, read in one statement once the lock is held (issue 12: it was five):
 * whether the meeting was called off, who is present, the motion under way, the last quorum entry
 * and the end of the sealed record's chain (handed to event-log.ts, which appends after it). Its
 * own statement, not the lock's, so it sees what the lock's previous holder committed.
 */
async function readLockedRoom(tx: Queryable, body: LoadedSecretariat, meetingId: string) {
	const [row] = await tx
		.select({
			convocationStatus: convocations.status,
			motion: motions,
			present: jsonList<PresentRow>(presentQuery(sql`${meetings.id}`)),
			lastQuorum: jsonValue<LastQuorum>(sql`
				select json_build_object('met', q.met, 'seatsPresent', q.seats_present)
				from quorum_log q where q.meeting_id = ${meetings.id}
				order by q.at desc, q.id desc limit 1`),
			chainEnd: chainEndQuery(sql`${meetings.id}`)
		})
		.from(meetings)
		.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
		.leftJoin(motions, and(eq(motions.meetingId, meetings.id), ne(motions.status, 'closed')))
		.where(eq(meetings.id, meetingId));
	knowChainEnd(tx, meetingId, row?.chainEnd ?? null);
	return {
		cancelled: row?.convocationStatus === 'cancelled',
		present: toPresent(body, row?.present ?? []),
		motion: row?.motion ?? null,
		lastQuorum: row?.lastQuorum ?? null
	};
}

function describeRoom(
	tx: Queryable,
	body: LoadedSecretariat,
	meeting: Meeting,
	present: Present[],
	motion: Motion | null,
	onAttendanceChange: () => void
): Room {
	const seats = seatRefs(body.rules);
	const attendance = toAttendanceRecords(present);
	return {
		tx,
		body,
		meeting,
		present,
		seats,
		attendance,
		quorum: summariseQuorum(body.rules, present),
		motion,
		seatVotedBy(memberId) {
			for (const { seatId } of seats) {
				const voter = findSeatVoter(body.rules, seats, attendance, seatId);
				if (voter.ok && voter.personId === memberId) return seatId;
			}
			return null;
		},
		attendanceChanged: onAttendanceChange
	};
}

/**
 * Logs the quorum when the change moved it (or on the meeting's first change). When quorum was
 * lost or regained with a motion under way, the entry says the motion was suspended or resumed.
 * Answers the entry as the screens show it, or null when the quorum did not move.
 */
async function logQuorumMove(
	tx: Queryable,
	body: LoadedSecretariat,
	meetingId: string,
	quorum: QuorumSummary,
	last: LastQuorum | null
): Promise<MeetingState['quorumLog'][number] | null> {
	if (last && last.met === quorum.met && last.seatsPresent === quorum.seatsPresent) return null;
	const flipped = last !== null && last.met !== quorum.met;
	const motion = flipped ? await readOpenMotion(tx, meetingId) : null;
	const entry = {
		met: quorum.met,
		seatsPresent: quorum.seatsPresent,
		seatsNeeded: quorum.seatsNeeded,
		// Read after the lock was taken, so entries are in the order their changes committed
		// (a transaction's own start time, the column's default, is not).
		at: new Date(),
		motionEvent: motion ? (quorum.met ? ('resumed' as const) : ('suspended' as const)) : null
	};
	await tx.insert(quorumLog).values({ meetingId, motionId: motion?.id ?? null, ...entry });
	await appendQuorumEvent(tx, body, meetingId, quorum, motion?.id ?? null);
	return { ...entry, at: entry.at.toISOString() };
}

/** The states read before the quorum's entry was written, with that entry: the newest, so the last. */
function withQuorumEntry(states: RoomStates, entry: MeetingState['quorumLog'][number]): RoomStates {
	const add = (state: MeetingState) => ({ ...state, quorumLog: [...state.quorumLog, entry] });
	return { state: add(states.state), publicState: add(states.publicState) };
}

/**
 * Runs `change` as `action` on the meeting's room: under the row lock, after the rules allowed the
 * action in the room as it is, then logs the quorum, reads the new state and publishes it once
 * committed. Answers 'meeting-unknown' when the meeting is not this body's, the rules' refusal
 * when the action may not happen now, or whatever the change answered.
 */
export async function changeMeetingRoom<Reason extends string, Done extends object = object>(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	action: RoomAction,
	change: (room: Room) => Promise<ChangeOutcome<Reason, Done>>
): Promise<RoomChangeResult<Reason, Done>> {
	const publish: { slot: PublishSlot | null; states: RoomStates | null } = {
		slot: null,
		states: null
	};
	let committed = false;
	try {
		const result = await db.transaction(async (tx): Promise<RoomChangeResult<Reason, Done>> => {
			const meeting = await lockMeeting(tx, body.secretariat.id, meetingId);
			if (!meeting) return { ok: false, reason: 'meeting-unknown' };
			const { cancelled, present, motion, lastQuorum } = await readLockedRoom(tx, body, meetingId);
			let attendanceMoved = false;
			const room = describeRoom(tx, body, meeting, present, motion, () => {
				attendanceMoved = true;
			});
			const allowed = checkRoomAction(action, {
				status: meeting.status,
				cancelled,
				quorumMet: room.quorum.met,
				motion: motion ? (motion.status === 'voting' ? 'voting' : 'consensus') : null
			});
			if (!allowed.ok) return allowed;
			publish.slot = reserveMeetingPublish(body.secretariat.slug, meetingId);
			const outcome = await change(room);
			if (!outcome.ok) return outcome;
			// The new state in one read (with the attendance only if the change moved it), then the
			// quorum it makes is logged if it moved, and that entry added to what is published.
			const states = await readRoomStates(tx, body, meetingId, attendanceMoved ? {} : { present });
			const entry = await logQuorumMove(tx, body, meetingId, states.state.quorum, lastQuorum);
			publish.states = entry ? withQuorumEntry(states, entry) : states;
			return outcome;
		});
		committed = true;
		return result;
	} finally {
		// Only what committed reaches a screen; a place given up lets the next publish through.
		if (committed && publish.states) publish.slot?.send(publish.states);
		else publish.slot?.cancel();
	}
}
