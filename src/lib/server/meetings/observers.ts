/**
 * Social observers of the meetings: invited by email to one meeting (and sent its convocatoria with
 * the .ics when it was already issued), and the body's record of which meetings had observers — what
 * the promotion check of Z art. 7.7 reads (rules/observer-promotion.ts).
 *
 * Articles: Z art. 7.7, 11 II; I III.10, V.3; T III.10, VI.4.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { attendance, convocations, meetingObservers, meetings, members } from '../db/schema';
import { normalizeEmail } from '../auth/accounts';
import { checkObserverPromotion, type MeetingObserved } from '../../rules/observer-promotion';
import { toLocalDate } from '../../rules/local-dates';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { readConvocation, type Issuer, type MailContext } from './convocations';
import { mailConvocation } from './convocation-mail';
import { findMeeting } from './meetings';

export type ObserverInviteResult =
	| { ok: true; mailed: boolean }
	| { ok: false; reason: 'meeting-unknown' | 'meeting-cancelled' | 'already-invited' };

/** Invites an observer to a meeting; mails them the convocatoria at once if it is issued. */
export async function inviteObserver(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	input: { name: string; email: string },
	issuer: Issuer,
	context: MailContext
): Promise<ObserverInviteResult> {
	const meeting = await findMeeting(db, body.secretariat.id, meetingId);
	if (!meeting) return { ok: false, reason: 'meeting-unknown' };
	const convocation = await readConvocation(db, meetingId);
	if (convocation.status === 'cancelled') return { ok: false, reason: 'meeting-cancelled' };
	const email = normalizeEmail(input.email);
	const inserted = await db
		.insert(meetingObservers)
		.values({ meetingId, name: input.name, email, invitedBy: issuer.userId })
		.onConflictDoNothing()
		.returning();
	if (inserted.length === 0) return { ok: false, reason: 'already-invited' };
	if (convocation.status !== 'issued') return { ok: true, mailed: false };
	await mailConvocation(db, body, meetingId, 'observer', issuer, context, [
		{ name: input.name, email, role: 'observer', memberId: null }
	]);
	return { ok: true, mailed: true };
}

/** The observers invited to a meeting. */
export function listMeetingObservers(db: Database, meetingId: string) {
	return db
		.select()
		.from(meetingObservers)
		.where(eq(meetingObservers.meetingId, meetingId))
		.orderBy(asc(meetingObservers.createdAt));
}

/**
 * The body's meetings as the promotion check reads them: local day, cancelled, held, and whether
 * an observer was invited to it or an observer member attended it.
 */
export async function listMeetingsObserved(
	db: Database,
	body: LoadedSecretariat
): Promise<MeetingObserved[]> {
	const rows = await db
		.select({
			id: meetings.id,
			scheduledAt: meetings.scheduledAt,
			status: meetings.status,
			convocation: convocations.status
		})
		.from(meetings)
		.leftJoin(convocations, eq(convocations.meetingId, meetings.id))
		.where(eq(meetings.secretariatId, body.secretariat.id));
	if (rows.length === 0) return [];
	const ids = rows.map((row) => row.id);
	const invited = await db
		.selectDistinct({ meetingId: meetingObservers.meetingId })
		.from(meetingObservers)
		.where(inArray(meetingObservers.meetingId, ids));
	const attended = await db
		.selectDistinct({ meetingId: attendance.meetingId })
		.from(attendance)
		.innerJoin(members, eq(members.id, attendance.memberId))
		.where(and(inArray(attendance.meetingId, ids), eq(members.role, 'observer')));
	const observed = new Set([...invited, ...attended].map((row) => row.meetingId));
	return rows.map((row) => ({
		day: toLocalDate(row.scheduledAt, body.rules.timeZone),
		cancelled: row.convocation === 'cancelled',
		held: row.status !== 'scheduled',
		hasObservers: observed.has(row.id)
	}));
}

/** The observer-promotion warning of the body today (Z art. 7.7), for its overview and meetings list. */
export async function readObserverPromotion(
	db: Database,
	body: LoadedSecretariat,
	now = new Date()
) {
	return checkObserverPromotion(body.rules, {
		installedOn: body.secretariat.installedOn,
		today: toLocalDate(now, body.rules.timeZone),
		meetings: await listMeetingsObserved(db, body)
	});
}
