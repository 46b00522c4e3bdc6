/**
 * Sends mail. Every message is first written to `outbox_messages`; with SMTP_URL set it is then
 * handed to the SMTP server through nodemailer and marked `sent` or `failed`. Without SMTP_URL it
 * stays `stored`, and instance admins read it at /admin/outbox — so the embedded set-up works
 * with no mail server, and the table doubles as the delivery log.
 *
 * Once SMTP has taken a message, its body is erased from the table: bodies carry sign-in links
 * (invitations, password resets) that nobody but the recipient should be able to read later.
 */
import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db';
import { outboxMessages } from '../db/schema';

export interface MailAttachment {
	filename: string;
	/** e.g. 'text/calendar; method=REQUEST; charset=utf-8' for a convocatoria's invitation. */
	contentType: string;
	/** Text content (an .ics is text), or base64 with `encoding: 'base64'` (a PDF). */
	content: string;
	encoding?: 'base64';
}

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html?: string;
	/** Kept in the outbox with the message until SMTP takes it. */
	attachments?: MailAttachment[];
}

export type MailStatus = 'stored' | 'sent' | 'failed';

export interface MailSettings {
	smtpUrl: string | undefined;
	from: string;
}

/** Reads the mail settings from the environment. */
export function readMailSettings(env: Record<string, string | undefined>): MailSettings {
	return {
		smtpUrl: env.SMTP_URL || undefined,
		from: env.MAIL_FROM || 'Mesa Abierta <no-reply@localhost>'
	};
}

const transports = new Map<string, Transporter>();
function transportFor(smtpUrl: string): Transporter {
	let transport = transports.get(smtpUrl);
	if (!transport) {
		transport = nodemailer.createTransport(smtpUrl);
		transports.set(smtpUrl, transport);
	}
	return transport;
}

/** Records a mail in the outbox and delivers it when SMTP is configured; never throws on SMTP errors. */
export async function sendMail(
	db: Database,
	mail: Mail,
	settings: MailSettings = readMailSettings(process.env)
): Promise<MailStatus> {
	return (await deliverMail(db, mail, settings)).status;
}

/**
 * As `sendMail`, and also returns the outbox row's id: callers that keep their own delivery log
 * (a convocatoria's recipients) link their rows to it.
 */
export async function deliverMail(
	db: Database,
	mail: Mail,
	settings: MailSettings = readMailSettings(process.env)
): Promise<{ id: string; status: MailStatus }> {
	const [row] = await db
		.insert(outboxMessages)
		.values({
			toAddress: mail.to,
			subject: mail.subject,
			textBody: mail.text,
			htmlBody: mail.html ?? null,
			attachments: mail.attachments?.length ? mail.attachments : null,
			status: 'stored'
		})
		.returning({ id: outboxMessages.id });
	const id = row!.id;
	if (!settings.smtpUrl) return { id, status: 'stored' };
	try {
		await transportFor(settings.smtpUrl).sendMail({ from: settings.from, ...mail });
		await db
			.update(outboxMessages)
			.set({ status: 'sent', sentAt: new Date(), textBody: '', htmlBody: null, attachments: null })
			.where(eq(outboxMessages.id, id));
		return { id, status: 'sent' };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		await db
			.update(outboxMessages)
			.set({ status: 'failed', error: message })
			.where(eq(outboxMessages.id, id));
		return { id, status: 'failed' };
	}
}
