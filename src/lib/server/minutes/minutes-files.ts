/**
 * The minutes' PDF as it is handed out, and the copy each member receives (Z art. 7.6, I III.7,
 * T III.7). Every PDF issued of an approved version has its SHA-256 kept (minutes_pdfs), so that
 * /verificar recognises the very file someone uploads. The copy is a mail with the link to the PDF
 * and the version's hash, sent once every signer has signed or refused.
 */
import { m } from '$lib/paraglide/messages';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { members, type Meeting, type MinutesVersion } from '../db/schema';
import { sendMail } from '../mail/mailer';
import { renderMinutesPdf } from '../documents/minutes-pdf';
import { listVersionSignatures, recordMinutesPdf } from './minutes';
import { sha256Hex } from './minutes-content';
import { latestEfirmaSignature } from '../efirma/efirma-signing';

/** The public verification page of a version. */
export const verificationUrl = (origin: string, sha256: string) => `${origin}/verificar/${sha256}`;

/** Where a member downloads a version's PDF. */
export const minutesPdfPath = (slug: string, meetingId: string, number: number) =>
	`/secretariados/${slug}/sesiones/${meetingId}/acta/${number}/pdf`;

/**
 * Renders a version with its signatures so far, and records the file's hash if approved. Once a
 * signer signed it with e.firma, the file is the signed one (every e.firma signature so far, each
 * an incremental update; its hash was recorded when it was signed).
 */
export async function issueMinutesPdf(
	db: Database,
	version: MinutesVersion,
	origin: string
): Promise<Uint8Array> {
	const signed = await latestEfirmaSignature(db, version.id);
	if (signed) return new Uint8Array(signed.pdf);
	const signatures = await listVersionSignatures(db, version.id);
	const pdf = await renderMinutesPdf(version, signatures, verificationUrl(origin, version.sha256));
	await recordMinutesPdf(db, version, sha256Hex(pdf), signatures.length);
	return pdf;
}

/**
 * Sends each member of the body with voice or a seat a copy of the signed minutes: a link to the
 * PDF (members download it signed in) and the hash to verify it. Returns how many were sent.
 */
export async function mailSignedMinutes(
	db: Database,
	context: { origin: string; slug: string; bodyName: string; meeting: Meeting },
	version: MinutesVersion
): Promise<number> {
	const people = await db
		.select({ email: members.email, role: members.role })
		.from(members)
		.where(and(eq(members.secretariatId, context.meeting.secretariatId), isNull(members.endedAt)));
	const recipients = new Set(
		people
			.filter((p) => ['titular', 'substitute', 'facilitator'].includes(p.role) && p.email)
			.map((p) => p.email)
	);
	// The PDF is issued now, so the hash of the file behind the link is known to /verificar.
	await issueMinutesPdf(db, version, context.origin);
	for (const to of recipients) {
		await sendMail(db, {
			to,
			subject: m.minutes_copy_subject({ title: context.meeting.title }),
			text: m.minutes_copy_body({
				title: context.meeting.title,
				body: context.bodyName,
				number: version.number,
				url: context.origin + minutesPdfPath(context.slug, context.meeting.id, version.number),
				hash: version.sha256,
				verify: verificationUrl(context.origin, version.sha256)
			})
		});
	}
	return recipients.size;
}
