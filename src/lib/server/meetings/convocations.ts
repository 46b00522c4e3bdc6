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
 * The database work is committed first; mail goes out after, each message through the outbox
 * (mailer.ts), and each recipient's outbox row is linked in `convocation_deliveries`.
 */
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Database, Queryable } from '../db';
import {
	agendaItems,
	agendaProposals,
	convocationDeliveries,
	convocations,
	meetingObservers,
	meetings,
	memberNotices,
	members,
	outboxMessages,
	type Convocation,
	type ConvocationDocument,
	type Meeting
} from '../db/schema';
import { checkNoticeIssue } from '../../rules/notice';
import { buildMeetingInvitation } from '../calendar/ics-invitation';
import { deliverMail, readMailSettings, type MailSettings } from '../mail/mailer';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { findMeeting } from './meetings';

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

/** Who issues or re-issues, for the mail's ORGANIZER and the log. */
export interface Issuer {
	userId: string;
	name: string;
	email: string;
}

export interface MailContext {
	origin: string;
	settings?: MailSettings;
}

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

/** The stable iCalendar UID of a meeting: every mail of it updates the same calendar event. */
export function invitationUid(meetingId: string): string {
	return `${meetingId}@mesa-abierta`;
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
		const meeting = await lockMeeting(tx, body, meetingId);
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
		const meeting = await lockMeeting(tx, body, meetingId);
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

async function lockMeeting(tx: Queryable, body: LoadedSecretariat, meetingId: string) {
	const [meeting] = await tx
		.select()
		.from(meetings)
		.where(and(eq(meetings.id, meetingId), eq(meetings.secretariatId, body.secretariat.id)))
		.for('update');
	return meeting ?? null;
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

export interface Recipient {
	name: string;
	email: string;
	role: string;
	memberId: string | null;
}

/** Everyone a convocatoria goes to: titulares, substitutes, the facilitator, invited observers. */
export async function listConvocationRecipients(
	db: Queryable,
	secretariatId: string,
	meetingId: string
): Promise<Recipient[]> {
	const people = await db
		.select()
		.from(members)
		.where(
			and(
				eq(members.secretariatId, secretariatId),
				inArray(members.role, ['titular', 'substitute', 'facilitator'])
			)
		)
		.orderBy(asc(members.role), asc(members.name));
	const observers = await db
		.select()
		.from(meetingObservers)
		.where(eq(meetingObservers.meetingId, meetingId))
		.orderBy(asc(meetingObservers.createdAt));
	return [
		...people.map((p) => ({ name: p.name, email: p.email, role: p.role, memberId: p.id })),
		...observers.map((o) => ({ name: o.name, email: o.email, role: 'observer', memberId: null }))
	];
}

type DeliveryKind = 'issue' | 'reissue' | 'cancellation' | 'observer';

/**
 * Mails the convocatoria (or its cancellation) with its .ics to `only` or to every recipient, logs
 * each outbox row, and leaves an in-app notice to each member. Called after the change committed.
 */
export async function mailConvocation(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	kind: DeliveryKind,
	issuer: Issuer,
	context: MailContext,
	only?: Recipient[]
): Promise<void> {
	const meeting = (await findMeeting(db, body.secretariat.id, meetingId))!;
	const convocation = await readConvocation(db, meetingId);
	const everyone = await listConvocationRecipients(db, body.secretariat.id, meetingId);
	const recipients = only ?? everyone;
	const agenda = await db
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId))
		.orderBy(asc(agendaItems.position));
	const when = new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: body.rules.timeZone
	}).format(meeting.scheduledAt);
	const kindLabel =
		meeting.kind === 'ordinary' ? m.meeting_kind_ordinary() : m.meeting_kind_extraordinary();
	const agendaText = agenda
		.map((item, index) => `${toRoman(index + 1)}. ${agendaItemTitle(item)}`)
		.join('\n');
	const documentsText = convocation.documents.map((d) => `- ${d.title}: ${d.url}`).join('\n');
	const link = `${context.origin}/secretariados/${body.secretariat.slug}/sesiones/${meetingId}/convocatoria`;
	const cancelled = kind === 'cancellation';
	const details = {
		secretariat: body.secretariat.name,
		title: meeting.title,
		kind: kindLabel,
		when,
		timeZone: body.rules.timeZone,
		place: meeting.place || '—',
		online: convocation.onlineUrl || '—',
		agenda: agendaText,
		documents: documentsText || '—',
		link
	};
	const subject = cancelled
		? m.convene_mail_cancelled_subject({ title: meeting.title, when })
		: kind === 'reissue'
			? m.convene_mail_reissued_subject({ title: meeting.title, when })
			: m.convene_mail_subject({ title: meeting.title, when });
	const text = cancelled
		? m.convene_mail_cancelled_body({
				...details,
				reason: convocation.cancellationReason || '—'
			})
		: m.convene_mail_body(details);
	const ics = buildMeetingInvitation({
		method: cancelled ? 'CANCEL' : 'REQUEST',
		uid: invitationUid(meetingId),
		sequence: convocation.sequence,
		start: meeting.scheduledAt,
		summary: `${body.secretariat.name}: ${meeting.title}`,
		description: `${kindLabel}\n\n${agendaText}${documentsText ? `\n\n${documentsText}` : ''}`,
		location: [meeting.place, convocation.onlineUrl].filter(Boolean).join(' · '),
		url: convocation.onlineUrl || undefined,
		organizer: { name: issuer.name, email: issuer.email },
		attendees: everyone.map((r) => ({
			name: r.name,
			email: r.email,
			role: r.role === 'observer' ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT'
		})),
		stamp: new Date()
	});
	const settings = context.settings ?? readMailSettings(process.env);
	for (const recipient of recipients) {
		const delivery = await deliverMail(
			db,
			{
				to: recipient.email,
				subject,
				text,
				attachments: [
					{
						filename: cancelled ? 'cancelacion.ics' : 'convocatoria.ics',
						contentType: `text/calendar; method=${cancelled ? 'CANCEL' : 'REQUEST'}; charset=utf-8`,
						content: ics
					}
				]
			},
			settings
		);
		await db.insert(convocationDeliveries).values({
			meetingId,
			outboxMessageId: delivery.id,
			kind,
			sequence: convocation.sequence,
			recipientName: recipient.name,
			recipientRole: recipient.role
		});
		if (recipient.memberId)
			await db.insert(memberNotices).values({
				memberId: recipient.memberId,
				meetingId,
				kind:
					kind === 'cancellation'
						? 'meeting-cancelled'
						: kind === 'reissue'
							? 'convocation-reissued'
							: 'convocation-issued'
			});
	}
}

function agendaItemTitle(item: { kind: string; title: string }): string {
	if (item.title) return item.title;
	const key = `agenda_item_${item.kind.replace(/-/g, '_')}` as keyof typeof m;
	const message = m[key] as (() => string) | undefined;
	return message ? message() : item.kind;
}

/** I, II, … as the order of a meeting numbers its items (Z art. 8). */
export function toRoman(n: number): string {
	const numerals: [number, string][] = [
		[10, 'X'],
		[9, 'IX'],
		[5, 'V'],
		[4, 'IV'],
		[1, 'I']
	];
	let out = '';
	for (const [value, numeral] of numerals) {
		while (n >= value) {
			out += numeral;
			n -= value;
		}
	}
	return out;
}

/** The delivery log of a meeting's convocatoria: each mail with its outbox status. */
export function listDeliveries(db: Queryable, meetingId: string) {
	return db
		.select({
			id: convocationDeliveries.id,
			kind: convocationDeliveries.kind,
			sequence: convocationDeliveries.sequence,
			recipientName: convocationDeliveries.recipientName,
			recipientRole: convocationDeliveries.recipientRole,
			to: outboxMessages.toAddress,
			status: outboxMessages.status,
			error: outboxMessages.error,
			sentAt: outboxMessages.sentAt,
			createdAt: convocationDeliveries.createdAt
		})
		.from(convocationDeliveries)
		.innerJoin(outboxMessages, eq(outboxMessages.id, convocationDeliveries.outboxMessageId))
		.where(eq(convocationDeliveries.meetingId, meetingId))
		.orderBy(desc(convocationDeliveries.createdAt), asc(convocationDeliveries.recipientName));
}

/** A member's proposal for the agenda of a meeting not yet under way. */
export async function proposeAgendaItem(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	memberId: string,
	text: string
): Promise<ConvocationResult> {
	const meeting = await findMeeting(db, body.secretariat.id, meetingId);
	if (!meeting) return { ok: false, reason: 'meeting-unknown' };
	if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' };
	await db.insert(agendaProposals).values({ meetingId, memberId, text });
	return { ok: true };
}

/**
 * The facilitator integrates a proposal into the agenda — as a topic before the closing item
 * (distribution of material, Z art. 8 VI), when there is one — or declines it.
 */
export function decideAgendaProposal(
	db: Database,
	body: LoadedSecretariat,
	meetingId: string,
	proposalId: string,
	decision: 'integrate' | 'decline'
): Promise<ConvocationResult> {
	return db.transaction(async (tx) => {
		const meeting = await lockMeeting(tx, body, meetingId);
		if (!meeting) return { ok: false, reason: 'meeting-unknown' };
		if (meeting.status !== 'scheduled') return { ok: false, reason: 'meeting-started' };
		const [proposal] = await tx
			.select()
			.from(agendaProposals)
			.where(
				and(
					eq(agendaProposals.id, proposalId),
					eq(agendaProposals.meetingId, meetingId),
					eq(agendaProposals.status, 'pending')
				)
			);
		if (!proposal) return { ok: false, reason: 'proposal-unknown' };
		if (decision === 'integrate') {
			const items = await tx
				.select()
				.from(agendaItems)
				.where(eq(agendaItems.meetingId, meetingId))
				.orderBy(asc(agendaItems.position));
			const last = items.at(-1);
			let position = ((await maxPosition(tx, meetingId)) ?? -1) + 1;
			if (last && last.kind === 'materials-distribution') {
				position = last.position;
				// The closing item is the last one, so the next position is free for it.
				await tx
					.update(agendaItems)
					.set({ position: position + 1 })
					.where(eq(agendaItems.id, last.id));
			}
			await tx
				.insert(agendaItems)
				.values({ meetingId, position, kind: 'topics-and-conclusions', title: proposal.text });
		}
		await tx
			.update(agendaProposals)
			.set({ status: decision === 'integrate' ? 'integrated' : 'declined', decidedAt: new Date() })
			.where(eq(agendaProposals.id, proposal.id));
		return { ok: true };
	});
}

async function maxPosition(tx: Queryable, meetingId: string) {
	const [row] = await tx
		.select({ position: max(agendaItems.position) })
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId));
	return row?.position ?? null;
}

/** A meeting's agenda proposals with who made them, oldest first. */
export function listAgendaProposals(db: Queryable, meetingId: string) {
	return db
		.select({
			id: agendaProposals.id,
			text: agendaProposals.text,
			status: agendaProposals.status,
			memberName: members.name,
			createdAt: agendaProposals.createdAt
		})
		.from(agendaProposals)
		.innerJoin(members, eq(members.id, agendaProposals.memberId))
		.where(eq(agendaProposals.meetingId, meetingId))
		.orderBy(asc(agendaProposals.createdAt));
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
