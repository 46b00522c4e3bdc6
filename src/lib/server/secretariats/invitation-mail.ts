/**
 * The mail that tells a member of a secretariat how to get in: an invitation link for someone
 * without an account, or a notice with the body's address for someone who has one.
 */
import { m } from '$lib/paraglide/messages';
import type { Database } from '../db';
import { sendMail, type MailStatus } from '../mail/mailer';
import type { InvitationOutcome } from './members';

/** Sends the invitation or notice in the inviter's language; returns the delivery status. */
export function mailMemberInvitation(
	db: Database,
	outcome: InvitationOutcome,
	context: { origin: string; inviter: string; secretariatName: string; secretariatSlug: string }
): Promise<MailStatus> {
	if (outcome.kind === 'linked') {
		return sendMail(db, {
			to: outcome.email,
			subject: m.mail_member_added_subject({ secretariat: context.secretariatName }),
			text: m.mail_member_added_body({
				inviter: context.inviter,
				secretariat: context.secretariatName,
				link: `${context.origin}/secretariados/${context.secretariatSlug}`
			})
		});
	}
	return sendMail(db, {
		to: outcome.email,
		subject: m.mail_member_invitation_subject({ secretariat: context.secretariatName }),
		text: m.mail_member_invitation_body({
			inviter: context.inviter,
			secretariat: context.secretariatName,
			link: `${context.origin}/invitacion/${outcome.token}`
		})
	});
}
