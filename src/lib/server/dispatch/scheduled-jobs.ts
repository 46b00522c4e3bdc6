/**
 * The jobs that run by the clock: the reminder before the monthly dispatch's deadline (I III.8,
 * T III.8) and the reminder before a member's term ends (Z art. 5, I I.7, T I.6). What is due is
 * decided by `findDueReminders` (rules/dispatch-schedule.ts); here each due reminder is first
 * recorded in `scheduled_reminders` — whose unique index on kind, key and recipient lets only one
 * run ever record it — and only then noticed in-app (`member_notices`) and mailed once.
 *
 * server/index.ts calls `runScheduledJobs` at start-up and every hour; it is bundled there, so
 * this file and what it imports use relative paths and `process.env` only.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import {
	memberNotices,
	members,
	scheduledReminders,
	seats,
	secretariats,
	users
} from '../db/schema';
import { deliverMail, readMailSettings, type MailSettings } from '../mail/mailer';
import { loadSecretariat } from '../secretariats/secretariats';
import { log } from '../log';
import { requireMessage } from '../../i18n/messages';
import { formatCalendarDay } from '../../i18n/time';
import {
	findDueReminders,
	groupPendingDispatches,
	type DueReminder
} from '../../rules/dispatch-schedule';
import { listDispatchableVersions, readDispatchSettings } from './dispatch-data';

const say = (key: string, locale: string, inputs: Record<string, unknown> = {}) =>
	requireMessage(key, inputs, locale === 'en' ? 'en' : 'es-MX');

const longDay = (day: string, locale: string) =>
	formatCalendarDay(day, { locale: locale === 'en' ? 'en' : 'es-MX' });

/** What a run did: how many reminders it recorded and sent. */
export interface ScheduledJobsReport {
	remindersSent: number;
}

/** Runs every job once at `now`; sends only what is due and was never sent. Never throws per body. */
export async function runScheduledJobs(
	db: Database,
	now = new Date(),
	mailSettings: MailSettings = readMailSettings(process.env)
): Promise<ScheduledJobsReport> {
	let remindersSent = 0;
	const bodies = await db.select({ slug: secretariats.slug }).from(secretariats);
	for (const { slug } of bodies) {
		try {
			remindersSent += await remindBody(db, slug, now, mailSettings);
		} catch (error) {
			log.error({ err: error, slug }, 'scheduled reminders failed for a body');
		}
	}
	return { remindersSent };
}

async function remindBody(
	db: Database,
	slug: string,
	now: Date,
	mailSettings: MailSettings
): Promise<number> {
	const body = await loadSecretariat(db, slug);
	if (!body) return 0;
	const settings = await readDispatchSettings(db, body.secretariat.id);
	const people = await db
		.select({
			memberId: members.id,
			role: members.role,
			name: members.name,
			email: members.email,
			termEndsOn: members.termEndsOn,
			seatSector: seats.sector,
			locale: users.locale
		})
		.from(members)
		.leftJoin(seats, eq(seats.id, members.seatId))
		.leftJoin(users, eq(users.id, members.userId))
		.where(and(eq(members.secretariatId, body.secretariat.id), isNull(members.endedAt)));
	const pending = groupPendingDispatches(
		body.rules,
		await listDispatchableVersions(db, body.secretariat.id),
		now
	);
	const due = findDueReminders({
		rules: body.rules,
		pending,
		people: people.map((p) => ({ ...p, seatSector: p.seatSector ?? null })),
		reminderDays: settings.reminderDays,
		termReminderDays: settings.termReminderDays,
		now
	});
	let sent = 0;
	for (const reminder of due) {
		const recipient = people.find((p) => p.memberId === reminder.recipientMemberId);
		if (!recipient) continue;
		const [recorded] = await db
			.insert(scheduledReminders)
			.values({
				secretariatId: body.secretariat.id,
				kind: reminder.kind,
				key: reminder.key,
				memberId: recipient.memberId
			})
			.onConflictDoNothing()
			.returning({ id: scheduledReminders.id });
		if (!recorded) continue;
		const subject = people.find((p) => p.memberId === reminder.subjectMemberId);
		await db.insert(memberNotices).values({
			memberId: recipient.memberId,
			kind: reminder.kind,
			detail: JSON.stringify({ day: reminder.day, name: subject?.name ?? '' })
		});
		if (recipient.email) {
			const mail = composeReminder(reminder, {
				bodyName: body.secretariat.name,
				slug,
				locale: recipient.locale ?? 'es-MX',
				subjectName: subject?.name ?? ''
			});
			const delivery = await deliverMail(db, { to: recipient.email, ...mail }, mailSettings);
			await db
				.update(scheduledReminders)
				.set({ outboxId: delivery.id })
				.where(eq(scheduledReminders.id, recorded.id));
		}
		sent += 1;
	}
	return sent;
}

function composeReminder(
	reminder: DueReminder,
	context: { bodyName: string; slug: string; locale: string; subjectName: string }
): { subject: string; text: string } {
	const origin = process.env.ORIGIN ?? '';
	const { locale } = context;
	const date = longDay(reminder.day, locale);
	if (reminder.kind === 'dispatch-due')
		return {
			subject: say('dispatch_reminder_subject', locale, { body: context.bodyName }),
			text: say('dispatch_reminder_body', locale, {
				body: context.bodyName,
				date,
				url: `${origin}/secretariados/${context.slug}/envio-mensual`
			})
		};
	return {
		subject: say('term_reminder_subject', locale, { body: context.bodyName }),
		text: say('term_reminder_body', locale, {
			body: context.bodyName,
			name: context.subjectName,
			date,
			url: `${origin}/secretariados/${context.slug}/fin-del-periodo`
		})
	};
}

/** The reminders already recorded for a body, oldest first (tests read it). */
export function listSentReminders(db: Database, secretariatId: string) {
	return db
		.select()
		.from(scheduledReminders)
		.where(eq(scheduledReminders.secretariatId, secretariatId))
		.orderBy(asc(scheduledReminders.createdAt));
}
