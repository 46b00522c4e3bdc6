/**
 * The convocatoria of a meeting: drafted (date, place, online link, agenda, documents; the members
 * propose agenda items and the facilitator integrates them), issued when the notice complies with
 * the body's business days, mailed with an .ics invitation to every titular, substitute, facilitator
 * and invited observer, shown as an in-app notice, and logged per recipient. A change of date, place
 * or link re-issues it under the same check (same UID, SEQUENCE + 1).
 *
 * Articles: notice of ≥ 5 / 2 business days with the agenda (Z art. 7.3, I III.4, T III.4) —
 * `checkNoticeIssue`; who convenes (Z art. 11 I, I V.2, T VI.2) — `checkConvener`, asked by the
 * routes; the facilitator integrates the members' proposals (Z art. 9, I VI, T VI); the observers
 * are convened like the members (Z art. 11 II, T VI.4).
 *
 * The database work is committed first; mail goes out after (convocation-mail.ts). Proposals:
 * agenda-proposals.ts; cancellation: cancellation.ts.
 */
import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '../db';
import {
	agendaItems,
	convocations,
	meetings,
	type Convocation,
	type ConvocationDocument,
	type Meeting
} from '../db/schema';
import { checkNoticeIssue } from '../../rules/notice';
import { lockMeeting } from './meeting-lock';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { mailConvocation, type Issuer, type MailContext } from './convocation-mail';

export type { Issuer, MailContext };

export type ConvocationRefusal =
	| 'meeting-unknown'
	| 'meeting-cancelled'
	| 'meeting-started'
	| 'already-issued'
	| 'not-issued'
	| 'notice-too-late'
	| 'notice-agenda-missing'
	| 'proposal-unknown';

export type ConvocationResult =
	| { ok: true }
	| { ok: false; reason: Exclude<ConvocationRefusal, 'notice-too-late'> }
	| {
			ok: false;
			reason: 'notice-too-late';
			latestIssue: Date;
			businessDaysGiven: number;
			businessDaysRequired: number;
	  };

const EMPTY: Omit<Convocation, 'meetingId' | 'createdAt'> = {
	status: 'draft',
	onlineUrl: '',
	documents: [],
	sequence: 0,
	issuedAt: null,
	issuedBy: null,
	issuedFor: null,
	cancellationRequestedAt: null,
	cancellationRequestedBy: null,
	cancellationReason: null,
	cancelledAt: null
};

/** A meeting's convocatoria; a meeting without a row has an empty draft. */
export async function readConvocation(
	db: Queryable,
	meetingId: string
): Promise<Omit<Convocation, 'createdAt'>> {
	const [row] = await db.select().from(convocations).where(eq(convocations.meetingId, meetingId));
	return row ?? { ...EMPTY, meetingId };
}

export interface DraftInput {
	kind: Meeting['kind'];
	title: string;
	scheduledAt: Date;
	place: string;
	onlineUrl: string;
	documents: ConvocationDocument[];
}

/**
 * Saves the meeting's convocatoria details. While a draft, nothing else happens. Once issued, a new
 * date, place or link must be convened again: the notice is checked against the new date at `now`
 * (refused, with the latest compliant issue, when late — nothing saved) and the re-issue is mailed.
 */
export async function saveConvocation(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	input: DraftInput,
	issuer: Issuer,
	context: MailContext,
	now = new Date()
): Promise<ConvocationResult> {
	const outcome = await db.transaction(async (tx) => {
		const meeting = await lockMeeting(tx, body.secretariat.id, meetingId);
		if (!meeting) return { ok: false, reason: 'meeting-unknown' } as const;
		const current = await readConvocation(tx, meetingId);
		if (current.status === 'cancelled') return { ok: false, reason: 'meeting-cancelled' } as const;
		if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' } as const;
		const changed =
			meeting.scheduledAt.getTime() !== input.scheduledAt.getTime() ||
			meeting.place !== input.place ||
			current.onlineUrl !== input.onlineUrl ||
			meeting.kind !== input.kind;
		const reissue = current.status === 'issued' && changed;
		if (reissue) {
			const check = await checkNotice(tx, body, meetingId, input.kind, input.scheduledAt, now);
			if (!check.ok) return check;
		}
		await tx
			.update(meetings)
			.set({
				kind: input.kind,
				title: input.title,
				scheduledAt: input.scheduledAt,
				place: input.place
			})
			.where(eq(meetings.id, meetingId));
		const values = {
			onlineUrl: input.onlineUrl,
			documents: input.documents,
			...(reissue
				? {
						sequence: current.sequence + 1,
						issuedAt: now,
						issuedBy: issuer.userId,
						issuedFor: input.scheduledAt
					}
				: {})
		};
		await tx
			.insert(convocations)
			.values({ meetingId, ...values })
			.onConflictDoUpdate({ target: convocations.meetingId, set: values });
		return { ok: true, reissue } as const;
	});
	if (!outcome.ok) return outcome;
	if (outcome.reissue) await mailConvocation(db, body, meetingId, 'reissue', issuer, context);
	return { ok: true };
}

/**
 * Issues a drafted convocatoria at `now`: refused with the latest compliant moment when the notice
 * is late for the body's business days (its calendar and non-working days), else marked issued and
 * mailed to everyone convened.
 */
export async function issueConvocation(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	issuer: Issuer,
	context: MailContext,
	now = new Date()
): Promise<ConvocationResult> {
	const outcome = await db.transaction(async (tx) => {
		const meeting = await lockMeeting(tx, body.secretariat.id, meetingId);
		if (!meeting) return { ok: false, reason: 'meeting-unknown' } as const;
		const current = await readConvocation(tx, meetingId);
		if (current.status === 'cancelled') return { ok: false, reason: 'meeting-cancelled' } as const;
		if (current.status === 'issued') return { ok: false, reason: 'already-issued' } as const;
		if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' } as const;
		const check = await checkNotice(tx, body, meetingId, meeting.kind, meeting.scheduledAt, now);
		if (!check.ok) return check;
		const values = {
			status: 'issued' as const,
			sequence: 0,
			issuedAt: now,
			issuedBy: issuer.userId,
			issuedFor: meeting.scheduledAt
		};
		await tx
			.insert(convocations)
			.values({ meetingId, ...values })
			.onConflictDoUpdate({ target: convocations.meetingId, set: values });
		return { ok: true } as const;
	});
	if (!outcome.ok) return outcome;
	await mailConvocation(db, body, meetingId, 'issue', issuer, context);
	return { ok: true };
}

async function checkNotice(
	tx: Queryable,
	body: LoadedSecretariat,
	meetingId: string,
	kind: Meeting['kind'],
	meetingStart: Date,
	now: Date
): Promise<ConvocationResult> {
	const agenda = await tx
		.select({ position: agendaItems.position })
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId));
	const check = checkNoticeIssue(body.rules, {
		meetingKind: kind,
		issuedAt: now,
		meetingStart,
		agendaAttached: agenda.length > 0
	});
	if (check.ok) return { ok: true };
	if (check.reason === 'notice-too-late')
		return {
			ok: false,
			reason: 'notice-too-late',
			latestIssue: check.latestIssue,
			businessDaysGiven: check.businessDaysGiven,
			businessDaysRequired: check.window.businessDaysRequired
		};
	return { ok: false, reason: 'notice-agenda-missing' };
}

/** Each meeting's convocatoria status in a body (meetings without one are drafts). */
export async function listConvocationStatuses(
	db: Queryable,
	secretariatId: string
): Promise<Record<string, Convocation['status']>> {
	const rows = await db
		.select({ meetingId: convocations.meetingId, status: convocations.status })
		.from(convocations)
		.innerJoin(meetings, eq(meetings.id, convocations.meetingId))
		.where(eq(meetings.secretariatId, secretariatId));
	return Object.fromEntries(rows.map((row) => [row.meetingId, row.status]));
}
