/**
 * The mails of a convocatoria: to everyone it convenes (titulares, substitutes, the facilitator,
 * invited observers), with the agenda and an .ics invitation (ics-invitation.ts: METHOD:REQUEST, or
 * CANCEL once cancelled; one UID per meeting; the row's SEQUENCE), each through the outbox and logged
 * per recipient in `convocation_deliveries`, with an in-app notice to each member. Called by
 * convocations.ts, cancellation.ts and observers.ts after their change committed.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { formatDateTime } from '$lib/i18n/time';
import { agendaItemTitle } from '$lib/i18n/rules';
import type { Database, Queryable } from '../db';
import {
	agendaItems,
	convocationDeliveries,
	convocations,
	meetingObservers,
	memberNotices,
	members,
	outboxMessages
} from '../db/schema';
import { buildMeetingInvitation } from '../calendar/ics-invitation';
import { deliverMail, readMailSettings, type MailSettings } from '../mail/mailer';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { findMeeting } from './meetings';

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

/** The stable iCalendar UID of a meeting: every mail of it updates the same calendar event. */
export function invitationUid(meetingId: string): string {
	return `${meetingId}@mesa-abierta`;
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
				inArray(members.role, ['titular', 'substitute', 'facilitator']),
				isNull(members.endedAt)
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
	const [convocation] = await db
		.select()
		.from(convocations)
		.where(eq(convocations.meetingId, meetingId));
	if (!convocation) throw new Error(`meeting ${meetingId} has no convocatoria to mail`);
	const everyone = await listConvocationRecipients(db, body.secretariat.id, meetingId);
	const recipients = only ?? everyone;
	const agenda = await db
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId))
		.orderBy(asc(agendaItems.position));
	const when = formatDateTime(meeting.scheduledAt, body.rules.timeZone, { dateStyle: 'full' });
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
