/**
 * Meetings (sesiones) as records: created with the body's order of a meeting as their agenda,
 * listed, found. What happens in a meeting's room — attendance, quorum, motions, the speakers'
 * list, opening and closing — is a room change (room-change.ts and the modules that use it).
 *
 * Articles: the order of a meeting pre-fills the agenda (Z art. 8 I–VI, "indicative, not
 * limiting"; INAI and Tacámbaro are silent and use it too).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import { agendaItems, meetings, type Meeting } from '../db/schema';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { attachScheduledRemovals } from './removals';

export interface MeetingInput {
	kind: 'ordinary' | 'extraordinary';
	title: string;
	scheduledAt: Date;
	place: string;
}

/**
 * Creates a meeting with the body's order of a meeting as its agenda, and any removal proposal
 * waiting for the next meeting (removals.ts: INAI and Tacámbaro say "en la sesión más próxima").
 */
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
		await attachScheduledRemovals(tx, secretariat);
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
