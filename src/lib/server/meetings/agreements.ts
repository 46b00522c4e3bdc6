/**
 * The agreements register and its follow-up: every carried motion (numbered per body and year in
 * decisions.ts) with the member responsible, a due date, a status and dated notes by their authors;
 * and the open agreements of earlier meetings that the next meeting's follow-up item reviews.
 *
 * Articles: Z art. 8 IV (reports and follow-up of agreements at each meeting); Z art. 9, I VI, T VI
 * (the facilitator keeps the register of agreements and follows them up). Overdue and open:
 * rules/agreement-follow-up.ts.
 */
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db';
import {
	agreementNotes,
	agreementTracking,
	agreements,
	meetings,
	members,
	motions,
	type AgreementStatus
} from '../db/schema';
import { isAgreementOpen, isAgreementOverdue } from '../../rules/agreement-follow-up';
import { toLocalDate } from '../../rules/local-dates';
import type { LoadedSecretariat } from '../secretariats/secretariats';

export interface AgreementFilters {
	status?: AgreementStatus | 'open' | 'overdue';
	responsibleMemberId?: string;
	year?: number;
}

export interface RegisterEntry {
	id: string;
	year: number;
	number: number;
	text: string;
	meetingId: string;
	meetingTitle: string;
	meetingAt: Date;
	status: AgreementStatus;
	dueOn: string | null;
	responsibleMemberId: string | null;
	responsibleName: string | null;
	overdue: boolean;
	notes: { id: string; authorName: string; text: string; createdAt: Date }[];
}

/** The body's register, newest first, filtered; each entry with its notes, oldest first. */
export async function listAgreements(
	db: Database,
	body: LoadedSecretariat,
	filters: AgreementFilters = {},
	now = new Date(),
	before?: { scheduledAt: Date }
): Promise<RegisterEntry[]> {
	const conditions = [eq(agreements.secretariatId, body.secretariat.id)];
	if (filters.year) conditions.push(eq(agreements.year, filters.year));
	if (filters.responsibleMemberId)
		conditions.push(eq(agreementTracking.responsibleMemberId, filters.responsibleMemberId));
	if (before) conditions.push(lt(meetings.scheduledAt, before.scheduledAt));
	const rows = await db
		.select({
			id: agreements.id,
			year: agreements.year,
			number: agreements.number,
			text: agreements.text,
			meetingId: meetings.id,
			meetingTitle: meetings.title,
			meetingAt: meetings.scheduledAt,
			status: agreementTracking.status,
			dueOn: agreementTracking.dueOn,
			responsibleMemberId: agreementTracking.responsibleMemberId,
			responsibleName: members.name
		})
		.from(agreements)
		.innerJoin(motions, eq(motions.id, agreements.motionId))
		.innerJoin(meetings, eq(meetings.id, motions.meetingId))
		.leftJoin(agreementTracking, eq(agreementTracking.agreementId, agreements.id))
		.leftJoin(members, eq(members.id, agreementTracking.responsibleMemberId))
		.where(and(...conditions))
		.orderBy(desc(agreements.year), desc(agreements.number));
	const today = toLocalDate(now, body.rules.timeZone);
	const entries = rows.map((row) => {
		const status: AgreementStatus = row.status ?? 'pending';
		return {
			...row,
			status,
			overdue: isAgreementOverdue({ status, dueOn: row.dueOn }, today),
			notes: [] as RegisterEntry['notes']
		};
	});
	const kept = entries.filter((entry) => {
		if (!filters.status) return true;
		if (filters.status === 'open') return isAgreementOpen(entry.status);
		if (filters.status === 'overdue') return entry.overdue;
		return entry.status === filters.status;
	});
	if (kept.length === 0) return kept;
	const notes = await db
		.select()
		.from(agreementNotes)
		.where(
			inArray(
				agreementNotes.agreementId,
				kept.map((entry) => entry.id)
			)
		)
		.orderBy(asc(agreementNotes.createdAt));
	const byId = new Map(kept.map((entry) => [entry.id, entry]));
	for (const note of notes)
		byId.get(note.agreementId)?.notes.push({
			id: note.id,
			authorName: note.authorName,
			text: note.text,
			createdAt: note.createdAt
		});
	return kept;
}

/**
 * The open agreements of the body's earlier meetings: what the follow-up item of this meeting
 * (Z art. 8 IV) reviews, with their status and notes.
 */
export function listOpenAgreementsForMeeting(
	db: Database,
	body: LoadedSecretariat,
	meeting: { scheduledAt: Date },
	now = new Date()
): Promise<RegisterEntry[]> {
	return listAgreements(db, body, { status: 'open' }, now, meeting);
}

async function findAgreement(db: Database, body: LoadedSecretariat, agreementId: string) {
	const [agreement] = await db
		.select()
		.from(agreements)
		.where(and(eq(agreements.id, agreementId), eq(agreements.secretariatId, body.secretariat.id)));
	return agreement ?? null;
}

export type FollowUpResult =
	{ ok: true } | { ok: false; reason: 'agreement-unknown' | 'responsible-unknown' };

/** Sets who answers for an agreement, by when, and its status. */
export async function updateAgreementFollowUp(
	db: Database,
	body: LoadedSecretariat,
	agreementId: string,
	input: { responsibleMemberId: string | null; dueOn: string | null; status: AgreementStatus }
): Promise<FollowUpResult> {
	if (!(await findAgreement(db, body, agreementId)))
		return { ok: false, reason: 'agreement-unknown' };
	if (input.responsibleMemberId) {
		const [member] = await db
			.select({ id: members.id })
			.from(members)
			.where(
				and(
					eq(members.id, input.responsibleMemberId),
					eq(members.secretariatId, body.secretariat.id)
				)
			);
		if (!member) return { ok: false, reason: 'responsible-unknown' };
	}
	const values = { ...input, updatedAt: new Date() };
	await db
		.insert(agreementTracking)
		.values({ agreementId, ...values })
		.onConflictDoUpdate({ target: agreementTracking.agreementId, set: values });
	return { ok: true };
}

/** Adds a dated follow-up note by its author to an agreement of the body. */
export async function addAgreementNote(
	db: Database,
	body: LoadedSecretariat,
	agreementId: string,
	input: { authorId: string; authorName: string; text: string }
): Promise<FollowUpResult> {
	if (!(await findAgreement(db, body, agreementId)))
		return { ok: false, reason: 'agreement-unknown' };
	await db.insert(agreementNotes).values({ agreementId, ...input });
	return { ok: true };
}
