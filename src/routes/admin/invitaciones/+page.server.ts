import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { createInvitation, listInvitations } from '$lib/server/auth/invitations';
import { requireInstanceAdmin } from '$lib/server/auth/guards';
import { readInstanceTimeZone } from '$lib/server/secretariats/instance-time-zone';
import { sendMail } from '$lib/server/mail/mailer';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { invitationSchema } from '$lib/validation/account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireInstanceAdmin({ locals, url });
	const db = await getDatabase();
	return {
		invitations: await listInvitations(db),
		now: new Date(),
		timeZone: await readInstanceTimeZone(db)
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const admin = requireInstanceAdmin({ locals, url });
		const form = parseForm(invitationSchema, await readFormData(request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const db = await getDatabase();
		const invitation = await createInvitation(db, { email: form.data.email, invitedBy: admin.id });
		if (!invitation.ok) {
			return refuseForm(409, m.error_form_invalid(), {
				values: form.data,
				errors: { email: m.invitations_already_account() }
			});
		}
		const status = await sendMail(db, {
			to: invitation.email,
			subject: m.mail_invitation_subject(),
			text: m.mail_invitation_body({
				inviter: admin.name,
				link: `${url.origin}/invitacion/${invitation.token}`
			})
		});
		const outcome = {
			sent: m.invitations_sent,
			stored: m.invitations_stored,
			failed: m.invitations_mail_failed
		}[status];
		return { invited: true, status, message: outcome({ email: invitation.email }) };
	}
};
