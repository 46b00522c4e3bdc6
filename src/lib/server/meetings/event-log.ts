/**
 * The meeting's event log, written: each change of the live room appends what it did to the
 * meeting's chain (rules/event-chain.ts) in its own transaction, after the meeting's row lock was
 * taken (room-change.ts, cancellation.ts), so the events are numbered in commit order without gaps,
 * a refused or rolled-back change leaves none, and `(meeting_id, seq)` being the primary key makes a
 * second writer at the same place fail rather than fork the chain.
 *
 * Cost: one read of the last event (by primary key) per transaction — none for a room change, whose
 * one read under the lock brings it (`knowChainEnd`) — and one INSERT per call whatever the number
 * of events it carries.
 */
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { jsonValue } from '../db/json-list';
import { meetingEvents } from '../db/schema';
import {
	chainEvent,
	chainHead,
	type ChainHead,
	type ChainedEvent,
	type EventPayload
} from '../../rules/event-chain';
import type { LoadedSecretariat } from '../secretariats/secretariats';

/** The kinds of event a room change records (docs/DOMAIN.md lists each one's payload). */
export type MeetingEventKind =
	| 'check-in'
	| 'check-out'
	| 'meeting-opened'
	| 'agenda-moved'
	| 'motion-proposed'
	| 'objection'
	| 'vote-opened'
	| 'ballot'
	| 'quorum-changed'
	| 'motion-suspended'
	| 'motion-resumed'
	| 'motion-closed'
	| 'motion-withdrawn'
	| 'removal-decided'
	| 'floor-requested'
	| 'floor-withdrawn'
	| 'floor-granted'
	| 'floor-finished'
	| 'floor-moved-up'
	| 'meeting-closed'
	| 'meeting-cancelled';

export interface MeetingEventInput {
	kind: MeetingEventKind;
	payload?: EventPayload;
}

/** The events of a motion put to the body: proposed, and its vote opened when it starts as one. */
export function motionProposedEvents(
	motionId: string,
	agendaPosition: number,
	text: string,
	status: 'consensus' | 'voting'
): MeetingEventInput[] {
	const events: MeetingEventInput[] = [
		{ kind: 'motion-proposed', payload: { motion: motionId, agendaPosition, text, phase: status } }
	];
	if (status === 'voting')
		events.push({ kind: 'vote-opened', payload: { motion: motionId, by: 'rules' } });
	return events;
}

/**
 * Who made the change: the routes pass the signed-in person's access (SecretariatAccess, which
 * carries `user`) as the body; seeding and tests pass the plain body, and the system acted.
 */
export function actorOf(body: LoadedSecretariat): string | null {
	const user = (body as { user?: { id?: unknown } }).user;
	return typeof user?.id === 'string' ? user.id : null;
}

/**
 * Appends `events`, in order, to the meeting's chain. Call it inside the change's transaction, once
 * the meeting's row lock is held: the last event read here is then the last committed.
 */
export async function appendMeetingEvents(
	tx: Queryable,
	body: LoadedSecretariat,
	meetingId: string,
	events: readonly MeetingEventInput[]
): Promise<void> {
	if (events.length === 0) return;
	const heads = headsWritten.get(tx) ?? new Map<string, ChainLink | null>();
	headsWritten.set(tx, heads);
	let previous = heads.has(meetingId) ? heads.get(meetingId)! : await readLastLink(tx, meetingId);
	const at = new Date().toISOString();
	const actor = actorOf(body);
	const rows = events.map(({ kind, payload }) => {
		const event = chainEvent(previous, { meetingId, at, kind, actor, payload: payload ?? {} });
		previous = event;
		return { ...event, at: new Date(event.at) };
	});
	await tx.insert(meetingEvents).values(rows);
	heads.set(meetingId, previous);
}

export type ChainLink = Pick<ChainedEvent, 'seq' | 'hash'>;

/**
 * The last event each open transaction wrote per meeting: a change that appends twice (its own
 * events, then the quorum's) reads the chain's end once. Valid for the transaction only — which
 * holds the meeting's lock, so nobody else appends meanwhile — and dropped with it.
 */
const headsWritten = new WeakMap<Queryable, Map<string, ChainLink | null>>();

/**
 * Tells the log the chain's end, read by the caller under the meeting's lock in the same
 * transaction (room-change.ts reads it with the room), so appending does not read it again.
 */
export function knowChainEnd(tx: Queryable, meetingId: string, end: ChainLink | null): void {
	const heads = headsWritten.get(tx) ?? new Map<string, ChainLink | null>();
	headsWritten.set(tx, heads);
	heads.set(meetingId, end);
}

/** The chain's end as a JSON object, for a statement that reads it with other things. */
export function chainEndQuery(meeting: SQL) {
	return jsonValue<ChainLink>(sql`
		select json_build_object('seq', e.seq, 'hash', e.hash) from meeting_events e
		where e.meeting_id = ${meeting} order by e.seq desc limit 1`);
}

async function readLastLink(tx: Queryable, meetingId: string): Promise<ChainLink | null> {
	const [last] = await tx
		.select({ seq: meetingEvents.seq, hash: meetingEvents.hash })
		.from(meetingEvents)
		.where(eq(meetingEvents.meetingId, meetingId))
		.orderBy(desc(meetingEvents.seq))
		.limit(1);
	return last ?? null;
}

/** One event appended to the meeting's chain (see appendMeetingEvents). */
export function appendMeetingEvent(
	tx: Queryable,
	body: LoadedSecretariat,
	meetingId: string,
	kind: MeetingEventKind,
	payload: EventPayload = {}
): Promise<void> {
	return appendMeetingEvents(tx, body, meetingId, [{ kind, payload }]);
}

/**
 * The quorum moved (room-change.ts logs it): recorded as such, or — when it was lost or regained
 * with a motion under way — as that motion's suspension or resumption (Z art. 7.1).
 */
export function appendQuorumEvent(
	tx: Queryable,
	body: LoadedSecretariat,
	meetingId: string,
	quorum: { met: boolean; seatsPresent: number; seatsNeeded: number },
	suspendedOrResumed: string | null
): Promise<void> {
	const { met, seatsPresent, seatsNeeded } = quorum;
	const counts = { met, seatsPresent, seatsNeeded };
	if (suspendedOrResumed === null)
		return appendMeetingEvent(tx, body, meetingId, 'quorum-changed', counts);
	const kind = met ? 'motion-resumed' : 'motion-suspended';
	return appendMeetingEvent(tx, body, meetingId, kind, { ...counts, motion: suspendedOrResumed });
}

/** A meeting's whole chain, in order, as the hash was taken over it. */
export async function readMeetingEvents(db: Queryable, meetingId: string): Promise<ChainedEvent[]> {
	const rows = await db
		.select()
		.from(meetingEvents)
		.where(eq(meetingEvents.meetingId, meetingId))
		.orderBy(meetingEvents.seq);
	return rows.map((row) => ({
		seq: row.seq,
		meetingId: row.meetingId,
		at: row.at.toISOString(),
		kind: row.kind,
		actor: row.actor,
		payload: row.payload,
		prevHash: row.prevHash,
		hash: row.hash
	}));
}

/** The head of the meeting's chain now: what a frozen version of the minutes seals. */
export async function readMeetingEventHead(tx: Queryable, meetingId: string): Promise<ChainHead> {
	const last = await readLastLink(tx, meetingId);
	return last ? { events: last.seq, sha256: last.hash } : chainHead([]);
}
