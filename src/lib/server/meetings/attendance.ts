/**
 * Attendance at a meeting: who is present now, as the rules read it, and each check-in and
 * check-out as a stretch of presence that is never overwritten (the minutes list every arrival and
 * departure). A check-in or check-out is a change of the room: it runs through the room-change
 * engine, under the meeting's row lock, which then logs the quorum if it moved.
 *
 * Articles: a seat counts once whoever of its holders is present, remote attendance counts when
 * the rules say so (RULES.md defaults; Z art. 7.1, I III.2, T III.2 for the quorum itself).
 */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { attendance, members } from '../db/schema';
import { computeQuorum, type AttendanceRecord, type BodyRules } from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom, type RoomChangeResult } from './room-change';
import { actorOf, appendMeetingEvents, type MeetingEventInput } from './event-log';

/** A person checked in now; `seatId` is the seat's key, as the rules name seats. */
export interface Present {
	memberId: string;
	name: string;
	role: string;
	seatId: string | null;
	remote: boolean;
	/** Whether the person agreed to the public site naming them (the public view names only them). */
	publicConsent: boolean;
}

/** A present person as the database holds them: the seat by its id, which `toPresent` names by key. */
export type PresentRow = Omit<Present, 'seatId'> & { seatId: string | null };

/**
 * Who is present at `meeting` (a column of an outer statement, or a value), in order of arrival,
 * as a JSON list: a part of the room's one-query reads (room-state.ts, room-change.ts).
 */
export function presentQuery(meeting: SQL) {
	return sql`
		select json_agg(json_build_object('memberId', p.id, 'name', p.name, 'role', p.role,
			'seatId', p.seat_id, 'remote', a.remote, 'publicConsent', p.public_consent)
			order by a.checked_in_at)
		from attendance a join members p on p.id = a.member_id
		where a.meeting_id = ${meeting} and a.checked_out_at is null`;
}

/** Present people with each seat named by its key: what the rules decide on. */
export function toPresent(body: LoadedSecretariat, rows: readonly PresentRow[]): Present[] {
	const keyOf = new Map(body.seats.map((seat) => [seat.id, seat.key]));
	return rows.map((row) => ({
		...row,
		seatId: row.seatId ? (keyOf.get(row.seatId) ?? null) : null
	}));
}

/** The body's seats as the rules module names them (by key). */
export function seatRefs(rules: BodyRules) {
	return rules.seats.map((seat) => ({ seatId: seat.id }));
}

/** Present people as the rules module reads attendance; seat ids are keys, person ids member ids. */
export function toAttendanceRecords(
	present: readonly { memberId: string; role: string; seatId: string | null; remote: boolean }[]
): AttendanceRecord[] {
	return present.map((p) => ({
		personId: p.memberId,
		seatId: p.seatId,
		// An admin attending without another role has no seat and no vote: a guest, for the rules.
		role: p.role === 'secretariat-admin' ? 'guest' : (p.role as AttendanceRecord['role']),
		remote: p.remote
	}));
}

export interface QuorumSummary {
	met: boolean;
	seatsPresent: number;
	seatsNeeded: number;
	seatCount: number;
}

/** The quorum the present people make under the body's rule. */
export function summariseQuorum(rules: BodyRules, present: readonly Present[]): QuorumSummary {
	const result = computeQuorum(rules, seatRefs(rules), toAttendanceRecords(present));
	return {
		met: result.ok,
		seatsPresent: result.seatsPresent.length,
		seatsNeeded: result.seatsNeeded,
		seatCount: rules.seats.length
	};
}

/**
 * Checks a member in (in the room or remotely) or out; the route decides who may do it for whom.
 * Checking in someone already present the same way changes nothing; switching between the room
 * and remote closes one stretch and opens another, so the minutes show both.
 */
export function setAttendance(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	input: {
		memberId: string;
		present: boolean;
		remote: boolean;
		by: string;
		/** Whether the member is the acting person's own, when the caller knows (else it is read). */
		self?: boolean;
	}
): Promise<RoomChangeResult<never>> {
	return changeMeetingRoom<never>(
		db,
		body,
		meetingId,
		input.present ? 'check-in' : 'check-out',
		async (room) => {
			const now = new Date();
			const here = room.present.find((p) => p.memberId === input.memberId);
			if (input.present && here?.remote === input.remote) return { ok: true };
			if (here || !input.present)
				await room.tx
					.update(attendance)
					.set({ checkedOutAt: now, checkedOutBy: input.by })
					.where(
						and(
							eq(attendance.meetingId, meetingId),
							eq(attendance.memberId, input.memberId),
							isNull(attendance.checkedOutAt)
						)
					);
			if (input.present)
				await room.tx.insert(attendance).values({
					meetingId,
					memberId: input.memberId,
					remote: input.remote,
					checkedInAt: now,
					checkedInBy: input.by
				});
			room.attendanceChanged();
			await appendMeetingEvents(
				room.tx,
				body,
				meetingId,
				await attendanceEvents(room.tx, body, input, here ?? null)
			);
			return { ok: true };
		}
	);
}

/**
 * What a check-in or check-out records in the sealed log: the stretch closed (if one was open) and
 * the one opened, each saying whether the person did it themselves or the facilitator did it for
 * them (the account that acted is the event's actor).
 */
async function attendanceEvents(
	tx: Queryable,
	body: LoadedSecretariat,
	input: { memberId: string; present: boolean; remote: boolean; self?: boolean },
	here: Present | null
): Promise<MeetingEventInput[]> {
	const actor = actorOf(body);
	const self = actor !== null && (input.self ?? (await isOwnMember(tx, input.memberId, actor)));
	const by = actor === null ? 'system' : self ? 'self' : 'facilitator';
	const events: MeetingEventInput[] = [];
	if (here)
		events.push({
			kind: 'check-out',
			payload: { member: input.memberId, remote: here.remote, by }
		});
	if (input.present)
		events.push({
			kind: 'check-in',
			payload: { member: input.memberId, remote: input.remote, by }
		});
	return events;
}

async function isOwnMember(tx: Queryable, memberId: string, userId: string): Promise<boolean> {
	const [member] = await tx
		.select({ userId: members.userId })
		.from(members)
		.where(eq(members.id, memberId));
	return member?.userId === userId;
}
