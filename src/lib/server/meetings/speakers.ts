/**
 * The speakers' list: anyone with voice asks for the floor from the phone (facilitator, titulares,
 * substitutes, companions, guests — Z art. 7.10–11, I III.9); the facilitator orders the queue and
 * grants the floor, which ends whoever spoke before. Each step is a room change (room-change.ts):
 * under the meeting's row lock, refused in a closed or cancelled meeting. The state screens read
 * the list from is room-state.ts's.
 */
import { and, asc, eq, isNotNull, isNull, max } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { speakerRequests } from '../db/schema';
import type { RoomAction } from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom, type RoomChangeResult } from './room-change';
import { appendMeetingEvent, type MeetingEventKind } from './event-log';
import type { EventPayload } from '../../rules/event-chain';

export type SpeakerRefusal = 'already-waiting' | 'not-waiting';
export type SpeakerResult = RoomChangeResult<SpeakerRefusal>;

const waiting = (meetingId: string) =>
	and(
		eq(speakerRequests.meetingId, meetingId),
		isNull(speakerRequests.grantedAt),
		isNull(speakerRequests.finishedAt)
	);

/** What a step of the list did, for the sealed log (event-log.ts); null when it changed nothing. */
type SpeakerEvent = { kind: MeetingEventKind; payload: EventPayload } | null;

function run(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	action: RoomAction,
	change: (
		tx: Queryable
	) => Promise<{ ok: true; event: SpeakerEvent } | { ok: false; reason: SpeakerRefusal }>
): Promise<SpeakerResult> {
	return changeMeetingRoom<SpeakerRefusal>(db, body, meetingId, action, async ({ tx }) => {
		const done = await change(tx);
		if (!done.ok) return done;
		if (done.event)
			await appendMeetingEvent(tx, body, meetingId, done.event.kind, done.event.payload);
		return { ok: true };
	});
}

/** A member asks for the floor; once in the queue at a time. */
export function requestFloor(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string
) {
	return run(db, body, meetingId, 'request-floor', async (tx) => {
		const [already] = await tx
			.select({ id: speakerRequests.id })
			.from(speakerRequests)
			.where(and(waiting(meetingId), eq(speakerRequests.memberId, memberId)));
		if (already) return { ok: false, reason: 'already-waiting' };
		const [last] = await tx
			.select({ rank: max(speakerRequests.rank) })
			.from(speakerRequests)
			.where(eq(speakerRequests.meetingId, meetingId));
		const [made] = await tx
			.insert(speakerRequests)
			.values({ meetingId, memberId, rank: (last?.rank ?? 0) + 1, requestedAt: new Date() })
			.returning({ id: speakerRequests.id });
		return {
			ok: true,
			event: { kind: 'floor-requested', payload: { request: made!.id, member: memberId } }
		};
	});
}

/** A member withdraws their request before being given the floor. */
export function withdrawFloorRequest(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string
) {
	return run(db, body, meetingId, 'withdraw-floor', async (tx) => {
		const removed = await tx
			.delete(speakerRequests)
			.where(and(waiting(meetingId), eq(speakerRequests.memberId, memberId)))
			.returning({ id: speakerRequests.id });
		return removed[0]
			? {
					ok: true,
					event: { kind: 'floor-withdrawn', payload: { request: removed[0].id, member: memberId } }
				}
			: { ok: false, reason: 'not-waiting' };
	});
}

/** The facilitator gives the floor to a waiting request (the first, by default), ending the current speaker. */
export function grantFloor(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	requestId: string | null
) {
	return run(db, body, meetingId, 'grant-floor', async (tx) => {
		const queue = await tx
			.select()
			.from(speakerRequests)
			.where(waiting(meetingId))
			.orderBy(asc(speakerRequests.rank));
		const next = requestId ? queue.find((request) => request.id === requestId) : queue[0];
		if (!next) return { ok: false, reason: 'not-waiting' };
		const now = new Date();
		const ended = await endCurrentSpeaker(tx, meetingId, now);
		await tx.update(speakerRequests).set({ grantedAt: now }).where(eq(speakerRequests.id, next.id));
		return {
			ok: true,
			event: {
				kind: 'floor-granted',
				payload: { request: next.id, member: next.memberId, ended: ended?.id ?? null }
			}
		};
	});
}

/** The facilitator ends the current intervention. */
export function finishFloor(db: Database, body: LoadedSecretariat, meetingId: string) {
	return run(db, body, meetingId, 'finish-floor', async (tx) => {
		const ended = await endCurrentSpeaker(tx, meetingId, new Date());
		return {
			ok: true,
			event: ended
				? { kind: 'floor-finished', payload: { request: ended.id, member: ended.memberId } }
				: null
		};
	});
}

/** The facilitator moves a waiting request one place up the queue. */
export function moveFloorRequestUp(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	requestId: string
) {
	return run(db, body, meetingId, 'move-floor', async (tx) => {
		const queue = await tx
			.select()
			.from(speakerRequests)
			.where(waiting(meetingId))
			.orderBy(asc(speakerRequests.rank));
		const index = queue.findIndex((request) => request.id === requestId);
		if (index < 0) return { ok: false, reason: 'not-waiting' };
		if (index === 0) return { ok: true, event: null };
		const [above, moving] = [queue[index - 1]!, queue[index]!];
		await tx
			.update(speakerRequests)
			.set({ rank: moving.rank })
			.where(eq(speakerRequests.id, above.id));
		await tx
			.update(speakerRequests)
			.set({ rank: above.rank })
			.where(eq(speakerRequests.id, moving.id));
		return {
			ok: true,
			event: { kind: 'floor-moved-up', payload: { request: moving.id, member: moving.memberId } }
		};
	});
}

/** Ends whoever has the floor; answers their request, or undefined when nobody had it. */
async function endCurrentSpeaker(tx: Queryable, meetingId: string, at: Date) {
	const [ended] = await tx
		.update(speakerRequests)
		.set({ finishedAt: at })
		.where(
			and(
				eq(speakerRequests.meetingId, meetingId),
				isNotNull(speakerRequests.grantedAt),
				isNull(speakerRequests.finishedAt)
			)
		)
		.returning({ id: speakerRequests.id, memberId: speakerRequests.memberId });
	return ended;
}
