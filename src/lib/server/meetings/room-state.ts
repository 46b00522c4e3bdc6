/**
 * The state every screen of a meeting reads (src/lib/live/meeting-state.ts), read from the
 * database: by a page's load, by the Yjs server when it opens a live room, and by the room-change
 * engine inside a change's transaction (so what is published is what committed). The public view
 * gets the same state with only the names of people who consented to publication (the consent the
 * public site uses); everyone else appears by role.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../db';
import {
	agendaItems,
	agreements,
	ballots,
	convocations,
	meetings,
	members,
	motions,
	objections,
	quorumLog,
	speakerRequests,
	type Meeting
} from '../db/schema';
import { findSeatVoter, isMotionSuspended, meetingStanding } from '../../rules';
import type { MeetingState } from '../../live/meeting-state';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import {
	readPresent,
	seatRefs,
	summariseQuorum,
	toAttendanceRecords,
	type Present
} from './attendance';

/** The state for the members' screens and the one for the public view, read together. */
export interface RoomStates {
	state: MeetingState;
	publicState: MeetingState;
}

/** The queue in order and the current speaker, with whether each consented to be named. */
async function readSpeakers(db: Queryable, meetingId: string) {
	const rows = await db
		.select({
			id: speakerRequests.id,
			memberId: speakerRequests.memberId,
			name: members.name,
			role: members.role,
			publicConsent: members.publicConsent,
			grantedAt: speakerRequests.grantedAt
		})
		.from(speakerRequests)
		.innerJoin(members, eq(members.id, speakerRequests.memberId))
		.where(and(eq(speakerRequests.meetingId, meetingId), isNull(speakerRequests.finishedAt)))
		.orderBy(asc(speakerRequests.rank));
	const current = rows.find((row) => row.grantedAt);
	return {
		queue: rows.filter((row) => !row.grantedAt),
		current: current ? { ...current, since: current.grantedAt!.toISOString() } : null
	};
}

/** The motion under way with its objections and ballots, per seat key. */
async function readMotion(
	db: Queryable,
	body: LoadedSecretariat,
	open: typeof motions.$inferSelect | undefined,
	quorumMet: boolean
): Promise<MeetingState['motion']> {
	if (!open) return null;
	const keyOf = new Map(body.seats.map((seat) => [seat.id, seat.key]));
	const [cast, objecting] = await Promise.all([
		db.select().from(ballots).where(eq(ballots.motionId, open.id)),
		db.select().from(objections).where(eq(objections.motionId, open.id))
	]);
	const status = open.status === 'voting' ? 'voting' : 'consensus';
	const count = (choice: 'for' | 'against' | 'abstain') =>
		cast.filter((row) => row.choice === choice).length;
	return {
		id: open.id,
		text: open.text,
		status,
		suspended: isMotionSuspended({ quorumMet, motion: status }),
		objectingSeats: objecting.map((row) => keyOf.get(row.seatId) ?? row.seatId),
		votedSeats: cast.map((row) => keyOf.get(row.seatId) ?? row.seatId),
		tally: { for: count('for'), against: count('against'), abstain: count('abstain') }
	};
}

/**
 * Reads the room's states. `known.present` is the attendance a change already read under its lock
 * (nothing is read twice on the way from a tap to the screens); independent reads run together.
 */
export async function readRoomStates(
	db: Queryable,
	body: LoadedSecretariat,
	meetingId: string,
	known: { present?: Present[] } = {}
): Promise<RoomStates> {
	const [meetingRow, present, agenda, log, meetingMotions, numbers, speakers] = await Promise.all([
		db
			.select({ meeting: meetings, convocationStatus: convocations.status })
			.from(meetings)
			.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
			.where(and(eq(meetings.id, meetingId), eq(meetings.secretariatId, body.secretariat.id))),
		known.present ?? readPresent(db, body, meetingId),
		db
			.select({
				position: agendaItems.position,
				kind: agendaItems.kind,
				title: agendaItems.title
			})
			.from(agendaItems)
			.where(eq(agendaItems.meetingId, meetingId))
			.orderBy(asc(agendaItems.position)),
		db
			.select()
			.from(quorumLog)
			.where(eq(quorumLog.meetingId, meetingId))
			.orderBy(asc(quorumLog.at)),
		db
			.select()
			.from(motions)
			.where(eq(motions.meetingId, meetingId))
			.orderBy(asc(motions.openedAt)),
		db
			.select({ motionId: agreements.motionId, number: agreements.number })
			.from(agreements)
			.innerJoin(motions, eq(motions.id, agreements.motionId))
			.where(eq(motions.meetingId, meetingId)),
		readSpeakers(db, meetingId)
	]);
	if (!meetingRow[0]) throw new Error(`meeting ${meetingId} is not of ${body.secretariat.slug}`);
	const { meeting, convocationStatus } = meetingRow[0];
	const quorum = summariseQuorum(body.rules, present);
	const motion = await readMotion(
		db,
		body,
		meetingMotions.find((m) => m.status !== 'closed'),
		quorum.met
	);
	const seats = seatRefs(body.rules);
	const records = toAttendanceRecords(present);
	const voters: Record<string, string> = {};
	for (const { seatId } of seats) {
		const voter = findSeatVoter(body.rules, seats, records, seatId);
		if (voter.ok) voters[seatId] = voter.personId;
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
	const base = {
		voters,
		motion,
		decisions,
		meetingId,
		status: meetingStanding(meeting.status, convocationStatus),
		currentItem: meeting.currentItem,
		agenda,
		quorum,
		quorumLog: log.map((entry) => ({
			met: entry.met,
			seatsPresent: entry.seatsPresent,
			seatsNeeded: entry.seatsNeeded,
			at: entry.at.toISOString(),
			motionEvent: entry.motionEvent
		}))
	};
	/** A person as a screen shows them: by name, or on the public view by role unless they consented. */
	const person = <P extends { name: string; publicConsent: boolean }>(p: P, publicView: boolean) =>
		publicView && !p.publicConsent ? null : p.name;
	const build = (publicView: boolean): MeetingState => ({
		...base,
		present: present.map((p) => ({
			memberId: p.memberId,
			name: person(p, publicView),
			role: p.role,
			seatId: p.seatId,
			remote: p.remote
		})),
		speakers: {
			limitSeconds: meeting.speakingLimitSeconds,
			queue: speakers.queue.map((s) => ({
				id: s.id,
				memberId: s.memberId,
				name: person(s, publicView),
				role: s.role
			})),
			current: speakers.current && {
				id: speakers.current.id,
				memberId: speakers.current.memberId,
				name: person(speakers.current, publicView),
				role: speakers.current.role,
				since: speakers.current.since
			}
		}
	});
	return { state: build(false), publicState: build(true) };
}

/** The members' state of one meeting of this body (it throws for another body's meeting). */
export async function readMeetingState(
	db: Queryable,
	body: LoadedSecretariat,
	meetingOrId: Meeting | string
): Promise<MeetingState> {
	const meetingId = typeof meetingOrId === 'string' ? meetingOrId : meetingOrId.id;
	return (await readRoomStates(db, body, meetingId)).state;
}
