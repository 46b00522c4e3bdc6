/**
 * The state every screen of a meeting reads (src/lib/live/meeting-state.ts), read from the
 * database: by a page's load, by the Yjs server when it opens a live room, and by the room-change
 * engine inside a change's transaction (so what is published is what committed). The public view
 * gets the same state with only the names of people who consented to publication (the consent the
 * public site uses); everyone else appears by role.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { convocations, meetings, type Meeting } from '../db/schema';
import { isoTime, jsonList } from '../db/json-list';
import { findSeatVoter, isMotionSuspended, meetingStanding } from '../../rules';
import type { MeetingState } from '../../live/meeting-state';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import {
	presentQuery,
	seatRefs,
	summariseQuorum,
	toAttendanceRecords,
	toPresent,
	type Present,
	type PresentRow
} from './attendance';

/** The state for the members' screens and the one for the public view, read together. */
export interface RoomStates {
	state: MeetingState;
	publicState: MeetingState;
}

interface MotionRow {
	id: string;
	text: string;
	status: 'consensus' | 'voting' | 'closed';
	outcome: Omit<MeetingState['decisions'][number], 'id' | 'text' | 'agreementNumber'> | null;
	agreementNumber: number | null;
}

interface SpeakerRow {
	id: string;
	memberId: string;
	name: string;
	role: string;
	publicConsent: boolean;
	grantedAt: string | null;
}

/**
 * Everything a screen shows of the meeting, in one query (issue 12: a tap used to spend seven or
 * more round trips here): the meeting with its convocatoria's status, and each part as a JSON
 * list of the same statement, so every part is read from the same snapshot. `withPresent: false`
 * leaves out the attendance, which a change has already read under its lock.
 */
function readRoomRow(
	db: Queryable,
	secretariatId: string,
	meetingId: string,
	withPresent: boolean
) {
	const meeting = sql`${meetings.id}`;
	return db
		.select({
			status: meetings.status,
			currentItem: meetings.currentItem,
			speakingLimitSeconds: meetings.speakingLimitSeconds,
			convocationStatus: convocations.status,
			agenda: jsonList<MeetingState['agenda'][number]>(sql`
				select json_agg(json_build_object('position', a.position, 'kind', a.kind, 'title', a.title)
					order by a.position)
				from agenda_items a where a.meeting_id = ${meeting}`),
			quorumLog: jsonList<Omit<MeetingState['quorumLog'][number], 'at'> & { at: string }>(sql`
				select json_agg(json_build_object('met', q.met, 'seatsPresent', q.seats_present,
					'seatsNeeded', q.seats_needed, 'at', q.at, 'motionEvent', q.motion_event) order by q.at)
				from quorum_log q where q.meeting_id = ${meeting}`),
			motions: jsonList<MotionRow>(sql`
				select json_agg(json_build_object('id', mo.id, 'text', mo.text, 'status', mo.status,
					'outcome', mo.outcome, 'agreementNumber', ag.number) order by mo.opened_at)
				from motions mo left join agreements ag on ag.motion_id = mo.id
				where mo.meeting_id = ${meeting}`),
			// Of the motion under way (at most one is ever open).
			ballots: jsonList<{ seatId: string; choice: 'for' | 'against' | 'abstain' }>(sql`
				select json_agg(json_build_object('seatId', b.seat_id, 'choice', b.choice))
				from ballots b join motions mo on mo.id = b.motion_id
				where mo.meeting_id = ${meeting} and mo.status <> 'closed'`),
			objections: jsonList<{ seatId: string }>(sql`
				select json_agg(json_build_object('seatId', o.seat_id))
				from objections o join motions mo on mo.id = o.motion_id
				where mo.meeting_id = ${meeting} and mo.status <> 'closed'`),
			speakers: jsonList<SpeakerRow>(sql`
				select json_agg(json_build_object('id', s.id, 'memberId', s.member_id, 'name', p.name,
					'role', p.role, 'publicConsent', p.public_consent, 'grantedAt', s.granted_at)
					order by s.rank)
				from speaker_requests s join members p on p.id = s.member_id
				where s.meeting_id = ${meeting} and s.finished_at is null`),
			present: withPresent
				? jsonList<PresentRow>(presentQuery(meeting))
				: sql<PresentRow[]>`'[]'::json`.mapWith(() => [] as PresentRow[])
		})
		.from(meetings)
		.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
		.where(and(eq(meetings.id, meetingId), eq(meetings.secretariatId, secretariatId)));
}

/**
 * Reads the room's states. `known.present` is the attendance a change already read under its lock
 * (nothing is read twice on the way from a tap to the screens).
 */
export async function readRoomStates(
	db: Queryable,
	body: LoadedSecretariat,
	meetingId: string,
	known: { present?: Present[] } = {}
): Promise<RoomStates> {
	const [row] = await readRoomRow(db, body.secretariat.id, meetingId, !known.present);
	if (!row) throw new Error(`meeting ${meetingId} is not of ${body.secretariat.slug}`);
	const present = known.present ?? toPresent(body, row.present);
	const quorum = summariseQuorum(body.rules, present);
	const keyOf = new Map(body.seats.map((seat) => [seat.id, seat.key]));
	const seatKey = (seatId: string) => keyOf.get(seatId) ?? seatId;
	const open = row.motions.find((m) => m.status !== 'closed');
	const count = (choice: 'for' | 'against' | 'abstain') =>
		row.ballots.filter((ballot) => ballot.choice === choice).length;
	const motion: MeetingState['motion'] = open
		? {
				id: open.id,
				text: open.text,
				status: open.status === 'voting' ? 'voting' : 'consensus',
				suspended: isMotionSuspended({
					quorumMet: quorum.met,
					motion: open.status === 'voting' ? 'voting' : 'consensus'
				}),
				objectingSeats: row.objections.map((o) => seatKey(o.seatId)),
				votedSeats: row.ballots.map((b) => seatKey(b.seatId)),
				tally: { for: count('for'), against: count('against'), abstain: count('abstain') }
			}
		: null;
	const current = row.speakers.find((s) => s.grantedAt);
	const speakers = {
		queue: row.speakers.filter((s) => !s.grantedAt),
		current: current ? { ...current, since: isoTime(current.grantedAt!) } : null
	};
	const seats = seatRefs(body.rules);
	const records = toAttendanceRecords(present);
	const voters: Record<string, string> = {};
	for (const { seatId } of seats) {
		const voter = findSeatVoter(body.rules, seats, records, seatId);
		if (voter.ok) voters[seatId] = voter.personId;
	}
	const decisions = row.motions
		.filter((m) => m.status === 'closed' && m.outcome)
		.map((m) => ({ id: m.id, text: m.text, ...m.outcome!, agreementNumber: m.agreementNumber }));
	const base = {
		voters,
		motion,
		decisions,
		meetingId,
		status: meetingStanding(row.status, row.convocationStatus),
		currentItem: row.currentItem,
		agenda: row.agenda,
		quorum,
		quorumLog: row.quorumLog.map((entry) => ({ ...entry, at: isoTime(entry.at) }))
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
			limitSeconds: row.speakingLimitSeconds,
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
