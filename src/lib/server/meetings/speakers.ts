/**
 * The speakers' list: anyone with voice asks for the floor from the phone (facilitator, titulares,
 * substitutes, companions, guests — Z art. 7.10–11, I III.9); the facilitator orders the queue and
 * grants the floor, which ends whoever spoke before. Runs under the meeting's row lock like every
 * change of the room.
 */
import { and, asc, eq, isNotNull, isNull, max } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { members, speakerRequests } from '../db/schema';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { changeMeetingRoom } from './meetings';

export type SpeakerRefusal = 'meeting-unknown' | 'already-waiting' | 'not-waiting';

const waiting = (meetingId: string) =>
	and(
		eq(speakerRequests.meetingId, meetingId),
		isNull(speakerRequests.grantedAt),
		isNull(speakerRequests.finishedAt)
	);

async function run(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	change: (tx: Queryable) => Promise<{ ok: true } | { ok: false; reason: SpeakerRefusal }>
) {
	return (
		(await changeMeetingRoom(db, body, meetingId, change)) ?? {
			ok: false as const,
			reason: 'meeting-unknown' as const
		}
	);
}

/** A member asks for the floor; once in the queue at a time. */
export function requestFloor(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string
) {
	return run(db, body, meetingId, async (tx) => {
		const [already] = await tx
			.select({ id: speakerRequests.id })
			.from(speakerRequests)
			.where(and(waiting(meetingId), eq(speakerRequests.memberId, memberId)));
		if (already) return { ok: false, reason: 'already-waiting' };
		const [last] = await tx
			.select({ rank: max(speakerRequests.rank) })
			.from(speakerRequests)
			.where(eq(speakerRequests.meetingId, meetingId));
		await tx.insert(speakerRequests).values({ meetingId, memberId, rank: (last?.rank ?? 0) + 1 });
		return { ok: true };
	});
}

/** A member withdraws their request before being given the floor. */
export function withdrawFloorRequest(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string
) {
	return run(db, body, meetingId, async (tx) => {
		const removed = await tx
			.delete(speakerRequests)
			.where(and(waiting(meetingId), eq(speakerRequests.memberId, memberId)))
			.returning({ id: speakerRequests.id });
		return removed.length > 0 ? { ok: true } : { ok: false, reason: 'not-waiting' };
	});
}

/** The facilitator gives the floor to a waiting request (the first, by default), ending the current speaker. */
export function grantFloor(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	requestId: string | null
) {
	return run(db, body, meetingId, async (tx) => {
		const queue = await tx
			.select()
			.from(speakerRequests)
			.where(waiting(meetingId))
			.orderBy(asc(speakerRequests.rank));
		const next = requestId ? queue.find((request) => request.id === requestId) : queue[0];
		if (!next) return { ok: false, reason: 'not-waiting' };
		const now = new Date();
		await endCurrentSpeaker(tx, meetingId, now);
		await tx.update(speakerRequests).set({ grantedAt: now }).where(eq(speakerRequests.id, next.id));
		return { ok: true };
	});
}

/** The facilitator ends the current intervention. */
export function finishFloor(db: Database, body: LoadedSecretariat, meetingId: string) {
	return run(db, body, meetingId, async (tx) => {
		await endCurrentSpeaker(tx, meetingId, new Date());
		return { ok: true };
	});
}

/** The facilitator moves a waiting request one place up the queue. */
export function moveFloorRequestUp(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	requestId: string
) {
	return run(db, body, meetingId, async (tx) => {
		const queue = await tx
			.select()
			.from(speakerRequests)
			.where(waiting(meetingId))
			.orderBy(asc(speakerRequests.rank));
		const index = queue.findIndex((request) => request.id === requestId);
		if (index < 0) return { ok: false, reason: 'not-waiting' };
		if (index === 0) return { ok: true };
		const [above, moving] = [queue[index - 1]!, queue[index]!];
		await tx
			.update(speakerRequests)
			.set({ rank: moving.rank })
			.where(eq(speakerRequests.id, above.id));
		await tx
			.update(speakerRequests)
			.set({ rank: above.rank })
			.where(eq(speakerRequests.id, moving.id));
		return { ok: true };
	});
}

async function endCurrentSpeaker(tx: Queryable, meetingId: string, at: Date) {
	await tx
		.update(speakerRequests)
		.set({ finishedAt: at })
		.where(
			and(
				eq(speakerRequests.meetingId, meetingId),
				isNotNull(speakerRequests.grantedAt),
				isNull(speakerRequests.finishedAt)
			)
		);
}

/** The queue in order and the current speaker, for the room state. */
export async function readSpeakers(db: Queryable, meetingId: string) {
	const rows = await db
		.select({
			id: speakerRequests.id,
			memberId: speakerRequests.memberId,
			name: members.name,
			grantedAt: speakerRequests.grantedAt,
			finishedAt: speakerRequests.finishedAt
		})
		.from(speakerRequests)
		.innerJoin(members, eq(members.id, speakerRequests.memberId))
		.where(and(eq(speakerRequests.meetingId, meetingId), isNull(speakerRequests.finishedAt)))
		.orderBy(asc(speakerRequests.rank));
	const current = rows.find((row) => row.grantedAt);
	return {
		queue: rows
			.filter((row) => !row.grantedAt)
			.map(({ id, memberId, name }) => ({ id, memberId, name })),
		current: current
			? {
					id: current.id,
					memberId: current.memberId,
					name: current.name,
					since: current.grantedAt!.toISOString()
				}
			: null
	};
}
