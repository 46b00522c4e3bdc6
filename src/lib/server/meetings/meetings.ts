/**
 * Meetings (sesiones) and their live room state, owned by the server: attendance, quorum and its
 * log, the current agenda item. Every change is one transaction under the meeting's row lock,
 * decided by the rules module, committed, and only then published (broadcast.ts) to the screens.
 *
 * Articles: the order of a meeting pre-fills the agenda (Z art. 8 I–VI); quorum by the body's rule
 * (Z art. 7.1, I III.2, T III.2), a seat counted once whoever of its holders is present, remote
 * attendance counting when the rules say so (RULES.md defaults); the quorum log is what the minutes
 * cite.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	agendaItems,
	agreements,
	attendance,
	ballots,
	meetings,
	members,
	motions,
	objections,
	quorumLog,
	type Meeting
} from '../db/schema';
import { computeQuorum, findSeatVoter, type AttendanceRecord, type BodyRules } from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { readSpeakers } from './speakers';
import type { MeetingState } from '../../live/meeting-state';
import { reserveMeetingPublish, type PublishSlot } from '../broadcast';

export type { MeetingState };

export interface MeetingInput {
	kind: 'ordinary' | 'extraordinary';
	title: string;
	scheduledAt: Date;
	place: string;
}

/** Creates a meeting with the body's order of a meeting as its agenda. */
export async function createMeeting(
	db: Database,
	secretariat: LoadedSecretariat,
	input: MeetingInput
): Promise<Meeting> {
	return db.transaction(async (tx) => {
		const [meeting] = await tx
			.insert(meetings)
			.values({ secretariatId: secretariat.secretariat.id, ...input })
			.returning();
		await tx.insert(agendaItems).values(
			secretariat.rules.meetingOrder.items.map((kind, position) => ({
				meetingId: meeting!.id,
				position,
				kind
			}))
		);
		return meeting!;
	});
}

/** The body's meetings, newest first. */
export function listMeetings(db: Database, secretariatId: string): Promise<Meeting[]> {
	return db
		.select()
		.from(meetings)
		.where(eq(meetings.secretariatId, secretariatId))
		.orderBy(desc(meetings.scheduledAt));
}

/** One meeting of this body, or null (a meeting id of another body is null too). */
export async function findMeeting(
	db: Queryable,
	secretariatId: string,
	meetingId: string
): Promise<Meeting | null> {
	const [meeting] = await db
		.select()
		.from(meetings)
		.where(and(eq(meetings.id, meetingId), eq(meetings.secretariatId, secretariatId)));
	return meeting ?? null;
}

/** Who is checked in now, as the rules module reads attendance. */
async function listPresent(tx: Queryable, meetingId: string) {
	return tx
		.select({
			memberId: members.id,
			name: members.name,
			role: members.role,
			seatId: members.seatId,
			remote: attendance.remote
		})
		.from(attendance)
		.innerJoin(members, eq(members.id, attendance.memberId))
		.where(and(eq(attendance.meetingId, meetingId), isNull(attendance.checkedOutAt)))
		.orderBy(asc(attendance.checkedInAt));
}

/** The body's seats as the rules module names them (by key). */
export function seatRefs(rules: BodyRules) {
	return rules.seats.map((seat) => ({ seatId: seat.id }));
}

/** Present people as the rules module reads attendance; seat ids are keys, person ids member ids. */
export function toAttendanceRecords(
	present: { memberId: string; role: string; seatId: string | null; remote: boolean }[]
): AttendanceRecord[] {
	return present.map((p) => ({
		personId: p.memberId,
		seatId: p.seatId,
		// An admin attending without another role has no seat and no vote: a guest, for the rules.
		role: p.role === 'secretariat-admin' ? 'guest' : (p.role as AttendanceRecord['role']),
		remote: p.remote
	}));
}

type Present = Awaited<ReturnType<typeof readPresent>>[number];
type QuorumLogEntry = typeof quorumLog.$inferSelect;

/** Who is present now, with each seat's key: what the rules module decides on. */
export async function readPresent(
	tx: Queryable,
	secretariat: LoadedSecretariat,
	meetingId: string
) {
	const keyOf = new Map(secretariat.seats.map((seat) => [seat.id, seat.key]));
	return (await listPresent(tx, meetingId)).map((p) => ({
		...p,
		seatId: p.seatId ? (keyOf.get(p.seatId) ?? null) : null
	}));
}

function quorumOf(
	rules: BodyRules,
	present: { memberId: string; role: string; seatId: string | null; remote: boolean }[]
) {
	const result = computeQuorum(rules, seatRefs(rules), toAttendanceRecords(present));
	return {
		met: result.ok,
		seatsPresent: result.seatsPresent.length,
		seatsNeeded: result.seatsNeeded,
		seatCount: rules.seats.length
	};
}

/** The quorum log of a meeting, oldest first: what the minutes cite. */
function readQuorumLog(db: Queryable, meetingId: string) {
	return db
		.select()
		.from(quorumLog)
		.where(eq(quorumLog.meetingId, meetingId))
		.orderBy(asc(quorumLog.at));
}

/**
 * The room state every screen shows, read from the database. Attendance rows carry the seat's
 * database id; the rules know seats by key, so keys are mapped here. `meeting` may be the row
 * already read (a change under the row lock passes it, with the attendance and quorum log it read:
 * nothing is read twice on the way from a tap to the screens). Independent reads run together.
 */
export async function readMeetingState(
	db: Queryable,
	secretariat: LoadedSecretariat,
	meetingOrId: Meeting | string,
	known: { present?: Present[]; log?: QuorumLogEntry[] } = {}
): Promise<MeetingState> {
	const meeting =
		typeof meetingOrId === 'string'
			? await findMeeting(db, secretariat.secretariat.id, meetingOrId)
			: meetingOrId;
	if (!meeting)
		throw new Error(`meeting ${String(meetingOrId)} is not of ${secretariat.secretariat.slug}`);
	const [present, agenda, log, meetingMotions, numbers, speakers] = await Promise.all([
		known.present ?? readPresent(db, secretariat, meeting.id),
		db
			.select({ position: agendaItems.position, kind: agendaItems.kind, title: agendaItems.title })
			.from(agendaItems)
			.where(eq(agendaItems.meetingId, meeting.id))
			.orderBy(asc(agendaItems.position)),
		known.log ?? readQuorumLog(db, meeting.id),
		db
			.select()
			.from(motions)
			.where(eq(motions.meetingId, meeting.id))
			.orderBy(asc(motions.openedAt)),
		db
			.select({ motionId: agreements.motionId, number: agreements.number })
			.from(agreements)
			.innerJoin(motions, eq(motions.id, agreements.motionId))
			.where(eq(motions.meetingId, meeting.id)),
		readSpeakers(db, meeting.id)
	]);
	const seats = seatRefs(secretariat.rules);
	const records = toAttendanceRecords(present);
	const voters: Record<string, string> = {};
	for (const { seatId } of seats) {
		const voter = findSeatVoter(secretariat.rules, seats, records, seatId);
		if (voter.ok) voters[seatId] = voter.personId;
	}
	const keyOf = new Map(secretariat.seats.map((seat) => [seat.id, seat.key]));
	const open = meetingMotions.find((motion) => motion.status !== 'closed');
	let motion: MeetingState['motion'] = null;
	if (open) {
		const [cast, objecting] = await Promise.all([
			db.select().from(ballots).where(eq(ballots.motionId, open.id)),
			db.select().from(objections).where(eq(objections.motionId, open.id))
		]);
		motion = {
			id: open.id,
			text: open.text,
			status: open.status === 'voting' ? 'voting' : 'consensus',
			objectingSeats: objecting.map((row) => keyOf.get(row.seatId) ?? row.seatId),
			votedSeats: cast.map((row) => keyOf.get(row.seatId) ?? row.seatId),
			tally: {
				for: cast.filter((row) => row.choice === 'for').length,
				against: cast.filter((row) => row.choice === 'against').length,
				abstain: cast.filter((row) => row.choice === 'abstain').length
			}
		};
	}
	const numberOf = new Map(numbers.map((row) => [row.motionId, row.number]));
	const decisions = meetingMotions
		.filter((m) => m.status === 'closed' && m.outcome)
		.map((m) => ({
			id: m.id,
			text: m.text,
			...m.outcome!,
			agreementNumber: numberOf.get(m.id) ?? null
		}));
	return {
		speakers,
		voters,
		motion,
		decisions,
		meetingId: meeting.id,
		status: meeting.status,
		currentItem: meeting.currentItem,
		agenda,
		present,
		quorum: quorumOf(secretariat.rules, present),
		quorumLog: log.map((entry) => ({
			met: entry.met,
			seatsPresent: entry.seatsPresent,
			seatsNeeded: entry.seatsNeeded,
			at: entry.at.toISOString()
		}))
	};
}

/** Whether a change's result is a refusal (`{ ok: false, reason }`): nothing changed then. */
function isRefusal(result: unknown): boolean {
	return typeof result === 'object' && result !== null && 'ok' in result && result.ok === false;
}

/**
 * Runs a change of the room state under the meeting's row lock — so changes to one meeting happen
 * one at a time, each decided on what the previous committed — then logs the quorum if it moved,
 * reads the new state in the same transaction and, once committed, publishes it to the meeting's
 * live room (broadcast.ts; its place in the queue is taken under the lock, so screens get states
 * in commit order). A refused change publishes nothing; a rolled-back one neither.
 * Returns null when the meeting is not this body's; a change may refuse with its own reason.
 */
export async function changeMeetingRoom<T>(
	db: Database,
	secretariat: LoadedSecretariat,
	meetingId: string,
	change: (tx: Queryable, meeting: Meeting) => Promise<T>
): Promise<T | null> {
	const publish: { slot: PublishSlot | null; state: MeetingState | null } = {
		slot: null,
		state: null
	};
	let committed = false;
	try {
		const result = await db.transaction(async (tx) => {
			const [meeting] = await tx
				.select()
				.from(meetings)
				.where(
					and(eq(meetings.id, meetingId), eq(meetings.secretariatId, secretariat.secretariat.id))
				)
				.for('update');
			if (!meeting) return null;
			publish.slot = reserveMeetingPublish(secretariat.secretariat.slug, meetingId);
			const result = await change(tx, meeting);
			const [present, log] = await Promise.all([
				readPresent(tx, secretariat, meetingId),
				readQuorumLog(tx, meetingId)
			]);
			const quorum = quorumOf(secretariat.rules, present);
			const last = log.at(-1);
			if (!last || last.met !== quorum.met || last.seatsPresent !== quorum.seatsPresent) {
				const [entry] = await tx
					.insert(quorumLog)
					.values({
						meetingId,
						met: quorum.met,
						seatsPresent: quorum.seatsPresent,
						seatsNeeded: quorum.seatsNeeded
					})
					.returning();
				log.push(entry!);
			}
			if (!isRefusal(result))
				publish.state = await readMeetingState(tx, secretariat, meeting, { present, log });
			return result;
		});
		committed = true;
		return result;
	} finally {
		// Only what committed reaches a screen; a place given up lets the next publish through.
		if (committed && publish.state) publish.slot?.send(publish.state);
		else publish.slot?.cancel();
	}
}

/** Checks a member in (again) or out; the facilitator may do it for anyone of the body. */
export function setAttendance(
	db: Database,
	secretariat: LoadedSecretariat,
	meetingId: string,
	input: { memberId: string; present: boolean; remote: boolean; by: string }
): Promise<boolean> {
	const changed = changeMeetingRoom(db, secretariat, meetingId, async (tx) => {
		if (input.present) {
			await tx
				.insert(attendance)
				.values({
					meetingId,
					memberId: input.memberId,
					remote: input.remote,
					checkedInBy: input.by
				})
				.onConflictDoUpdate({
					target: [attendance.meetingId, attendance.memberId],
					set: {
						remote: input.remote,
						checkedInAt: new Date(),
						checkedOutAt: null,
						checkedInBy: input.by
					}
				});
		} else {
			await tx
				.update(attendance)
				.set({ checkedOutAt: new Date() })
				.where(and(eq(attendance.meetingId, meetingId), eq(attendance.memberId, input.memberId)));
		}
		return true;
	});
	return changed.then((done) => done === true);
}

/** Opens the meeting, or moves its current agenda item (kept within the agenda). */
export function updateMeetingProgress(
	db: Database,
	secretariat: LoadedSecretariat,
	meetingId: string,
	change: { status?: 'open' | 'closed'; itemDelta?: number }
): Promise<boolean> {
	const changed = changeMeetingRoom(db, secretariat, meetingId, async (tx, meeting) => {
		const items = await tx
			.select({ position: agendaItems.position })
			.from(agendaItems)
			.where(eq(agendaItems.meetingId, meetingId));
		const last = Math.max(0, items.length - 1);
		const currentItem = Math.min(last, Math.max(0, meeting.currentItem + (change.itemDelta ?? 0)));
		const [updated] = await tx
			.update(meetings)
			.set({
				status: change.status ?? meeting.status,
				currentItem,
				// The minutes' start time: when the facilitator first opened the meeting.
				startedAt: change.status === 'open' && !meeting.startedAt ? new Date() : meeting.startedAt
			})
			.where(eq(meetings.id, meetingId))
			.returning();
		// The row the published state is read from (changeMeetingRoom's) shows the change.
		Object.assign(meeting, updated);
		return true;
	});
	return changed.then((done) => done === true);
}
