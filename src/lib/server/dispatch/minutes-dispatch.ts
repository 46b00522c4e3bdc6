/**
 * Sends one month's approved minutes to the oversight body (I III.8, V.5; T III.8, VI.12;
 * Z art. 11 III): one mail to the body's `oversight_email` and to each other configured recipient,
 * with every pending version's PDF attached, and a delivery log (which versions, to whom, when, by
 * whom, each mail's outbox row). The versions are claimed under the body's lock before any mail
 * leaves, so two clicks never send the same month twice.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { minutesDispatchDeliveries, minutesDispatches, minutesDispatchItems } from '../db/schema';
import { minutesVersions } from '../db/schema';
import {
	deliverMail,
	readMailSettings,
	type MailAttachment,
	type MailSettings
} from '../mail/mailer';
import { withLockedSecretariat, type LoadedSecretariat } from '../secretariats/secretariats';
import { issueMinutesPdf, verificationUrl } from '../minutes/minutes-files';
import { groupPendingDispatches } from '../../rules/dispatch-schedule';
import { es } from '../documents/es';
import { formatMonth } from '../../i18n/time';
import { listDispatchableVersions, readDispatchSettings } from './dispatch-data';

export type DispatchResult =
	| { ok: true; dispatchId: string; versions: number; recipients: string[] }
	| { ok: false; reason: 'no-recipients' | 'nothing-pending' };

/** The addresses the month's minutes go to: the oversight body's, then the others, once each. */
export function listDispatchRecipients(
	oversightEmail: string | null,
	extraRecipients: readonly string[]
): string[] {
	const all = [oversightEmail, ...extraRecipients]
		.filter((address): address is string => Boolean(address && address.trim()))
		.map((address) => address.trim().toLowerCase());
	return [...new Set(all)];
}

/** "noviembre de 2026" for 2026-11: the mail is in Spanish, like the documents it carries. */
const spanishMonth = (month: string) => formatMonth(month, { locale: 'es-MX' });

/** The file name of a version's PDF in a mail or a ZIP. */
export const minutesPdfFilename = (slug: string, meetingStart: Date, number: number) =>
	`${slug.toUpperCase()}-ACTA-${meetingStart.toISOString().slice(0, 10)}-v${number}.pdf`;

/**
 * Sends the pending versions of `month` (YYYY-MM) of the body, as `sender`. The "Envío mensual"
 * page calls it after the matrix and the rules (`checkDispatcher`) let the person in.
 */
export async function dispatchMonthMinutes(
	db: Database,
	body: LoadedSecretariat,
	input: {
		month: string;
		sender: { id: string; name: string };
		origin: string;
		now?: Date;
		mailSettings?: MailSettings;
	}
): Promise<DispatchResult> {
	const now = input.now ?? new Date();
	const settings = await readDispatchSettings(db, body.secretariat.id);
	const recipients = listDispatchRecipients(
		body.secretariat.oversightEmail,
		settings.extraRecipients
	);
	if (recipients.length === 0) return { ok: false, reason: 'no-recipients' };

	const claimed = await withLockedSecretariat(db, body.secretariat.id, async (tx, current) => {
		const months = groupPendingDispatches(
			current.rules,
			await listDispatchableVersions(tx, body.secretariat.id),
			now
		);
		const month = months.find((m) => m.month === input.month);
		if (!month) return null;
		const [dispatch] = await tx
			.insert(minutesDispatches)
			.values({
				secretariatId: body.secretariat.id,
				month: input.month,
				sentBy: input.sender.id,
				sentByName: input.sender.name
			})
			.returning();
		await tx
			.insert(minutesDispatchItems)
			.values(month.versions.map((v) => ({ dispatchId: dispatch!.id, versionId: v.versionId })));
		return { dispatchId: dispatch!.id, versionIds: month.versions.map((v) => v.versionId) };
	});
	if (!claimed) return { ok: false, reason: 'nothing-pending' };

	const { attachments, lines, rows } = await renderDispatchFiles(
		db,
		body,
		claimed.versionIds,
		input.origin
	).catch(async (failure: unknown) => {
		// No mail left: release the versions, so that the month is offered again.
		await db.delete(minutesDispatches).where(eq(minutesDispatches.id, claimed.dispatchId));
		throw failure;
	});
	const month = spanishMonth(input.month);
	const subject = es('dispatch_mail_subject', { body: body.secretariat.name, month });
	const text = es('dispatch_mail_body', {
		body: body.secretariat.name,
		month,
		list: lines.join('\n'),
		sender: input.sender.name
	});
	for (const to of recipients) {
		const delivery = await deliverMail(
			db,
			{ to, subject, text, attachments },
			input.mailSettings ?? readMailSettings(process.env)
		);
		await db
			.insert(minutesDispatchDeliveries)
			.values({ dispatchId: claimed.dispatchId, toAddress: to, outboxId: delivery.id });
	}
	return { ok: true, dispatchId: claimed.dispatchId, versions: rows.length, recipients };
}

/** Each claimed version's PDF as an attachment, and its line in the mail. */
async function renderDispatchFiles(
	db: Database,
	body: LoadedSecretariat,
	versionIds: string[],
	origin: string
) {
	const attachments: MailAttachment[] = [];
	const lines: string[] = [];
	const rows = (await listDispatchableVersions(db, body.secretariat.id)).filter((row) =>
		versionIds.includes(row.versionId)
	);
	for (const row of rows) {
		const [version] = await db
			.select()
			.from(minutesVersions)
			.where(eq(minutesVersions.id, row.versionId));
		const pdf = await issueMinutesPdf(db, version!, origin);
		const filename = minutesPdfFilename(body.secretariat.slug, row.meetingStart, row.number);
		attachments.push({
			filename,
			contentType: 'application/pdf',
			content: Buffer.from(pdf).toString('base64'),
			encoding: 'base64'
		});
		lines.push(
			es('dispatch_mail_line', {
				title: row.meetingTitle,
				number: row.number,
				file: filename,
				hash: row.sha256,
				verify: verificationUrl(origin, row.sha256)
			})
		);
	}
	return { attachments, lines, rows };
}
