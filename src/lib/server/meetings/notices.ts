/**
 * In-app notices: what a convocatoria, its re-issue, a cancellation request or a cancellation left
 * for each member, shown on the body's overview to the person the membership belongs to.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { meetings, memberNotices, members } from '../db/schema';

/** The newest notices of a signed-in person in one body (through each of their memberships). */
export function listNoticesForUser(
	db: Database,
	secretariatId: string,
	userId: string,
	limit = 20
) {
	return db
		.select({
			id: memberNotices.id,
			kind: memberNotices.kind,
			detail: memberNotices.detail,
			meetingId: memberNotices.meetingId,
			meetingTitle: meetings.title,
			scheduledAt: meetings.scheduledAt,
			readAt: memberNotices.readAt,
			createdAt: memberNotices.createdAt
		})
		.from(memberNotices)
		.innerJoin(members, eq(members.id, memberNotices.memberId))
		.leftJoin(meetings, eq(meetings.id, memberNotices.meetingId))
		.where(and(eq(members.secretariatId, secretariatId), eq(members.userId, userId)))
		.orderBy(desc(memberNotices.createdAt))
		.limit(limit);
}

/** Marks every unread notice of the person in this body as read. */
export async function markNoticesRead(db: Database, secretariatId: string, userId: string) {
	const mine = db
		.select({ id: members.id })
		.from(members)
		.where(and(eq(members.secretariatId, secretariatId), eq(members.userId, userId)));
	await db
		.update(memberNotices)
		.set({ readAt: new Date() })
		.where(and(inArray(memberNotices.memberId, mine), isNull(memberNotices.readAt)));
}
