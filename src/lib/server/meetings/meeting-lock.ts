/**
 * The meeting's row lock, written once. Every change of a meeting — its room (room-change.ts), its
 * convocatoria (convocations.ts), its cancellation (cancellation.ts), its minutes — takes it first,
 * so changes to one meeting happen one at a time and each is decided on what the previous one
 * committed.
 *
 * The lock's statement reads the meeting row only. Whatever else a change decides on is read by a
 * later statement: under READ COMMITTED a statement that waited for the lock sees the locked row
 * as its holder committed it, but every other table as it was when the statement began — a
 * cancellation committed while a check-in waited would be missed by a join here.
 */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { meetings, type Meeting } from '../db/schema';

/** Locks the meeting's row for the rest of `tx`; null when it is not this body's (or does not exist). */
export async function lockMeeting(
	tx: Queryable,
	secretariatId: string,
	meetingId: string
): Promise<Meeting | null> {
	const [meeting] = await tx
		.select()
		.from(meetings)
		.where(and(eq(meetings.id, meetingId), eq(meetings.secretariatId, secretariatId)))
		.for('update');
	return meeting ?? null;
}
