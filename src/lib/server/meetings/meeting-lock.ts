/**
 * The meeting's row lock, written once. Every change of a meeting — its room (room-change.ts), its
 * convocatoria (convocations.ts), its cancellation (cancellation.ts), its minutes — takes it first,
 * so changes to one meeting happen one at a time and each is decided on what the previous one
 * committed. Whether the meeting was cancelled is read in the same statement: a cancellation
 * commits under this lock too, so what the lock returns is the truth until the transaction ends.
 */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { convocations, meetings, type Meeting } from '../db/schema';

export interface LockedMeeting {
	meeting: Meeting;
	/** Whether every seat approved its cancellation and it was called off (Z art. 7.4). */
	cancelled: boolean;
}

/**
 * Locks the meeting's row for the rest of `tx` and returns it with its cancellation; null when it
 * is not this body's (or does not exist).
 */
export async function lockMeeting(
	tx: Queryable,
	secretariatId: string,
	meetingId: string
): Promise<LockedMeeting | null> {
	const [row] = await tx
		.select({ meeting: meetings, convocationStatus: convocations.status })
		.from(meetings)
		.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
		.where(and(eq(meetings.id, meetingId), eq(meetings.secretariatId, secretariatId)))
		.for('update', { of: meetings });
	return row ? { meeting: row.meeting, cancelled: row.convocationStatus === 'cancelled' } : null;
}
