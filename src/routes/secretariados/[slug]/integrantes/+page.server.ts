import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import {
	addMember,
	inviteMember,
	listMembers,
	removeMember,
	type OtherRole
} from '$lib/server/secretariats/members';
import { mailMemberInvitation } from '$lib/server/secretariats/invitation-mail';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { memberActionSchema, memberFormSchema } from '$lib/validation/secretariat';
import type { Actions, PageServerLoad } from './$types';

const manage = 'secretariat.manage-members' as const;
const ADDED_PARAM = 'agregado';
const HOLDER_ORDER: string[] = ['titular', 'substitute'];

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, manage);
	const people = await listMembers(db, access.secretariat.id);
	// After adding someone the action redirects here (PRG): the page names who was added.
	const added = people.find((p) => p.id === event.url.searchParams.get(ADDED_PARAM));
	return {
		seats: access.seats.map((seat) => ({
			id: seat.id,
			sector: seat.sector,
			organisation: seat.organisation,
			// The titular first, then the substitute, whatever the alphabet says.
			holders: people
				.filter((p) => p.seatId === seat.id)
				.sort((a, b) => HOLDER_ORDER.indexOf(a.role) - HOLDER_ORDER.indexOf(b.role))
		})),
		others: people.filter((p) => !p.seatId),
		addedMessage: added ? m.members_added({ name: added.name }) : null
	};
};

export const actions: Actions = {
	addMember: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, manage);
		const form = parseForm(memberFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { role, ...person } = form.data;
		const added = await addMember(db, access.secretariat.id, role as OtherRole, person);
		if (!added.ok) {
			const reason =
				added.reason === 'facilitator-exists'
					? m.members_facilitator_exists()
					: m.members_facilitator_holds_seat();
			return refuseForm(409, m.error_form_invalid(), {
				values: form.data,
				errors: { role: reason }
			});
		}
		// Post/Redirect/Get: a reload of the page that follows does not add the person twice.
		redirect(
			303,
			`/secretariados/${access.secretariat.slug}/integrantes?${ADDED_PARAM}=${added.member.id}`
		);
	},
	removeMember: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, manage);
		const form = parseForm(memberActionSchema, await readFormData(event.request));
		if (!form.ok || !(await removeMember(db, access.secretariat.id, form.data.memberId)))
			error(404);
		return { done: true, message: m.members_removed() };
	},
	invite: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, manage);
		const form = parseForm(memberActionSchema, await readFormData(event.request));
		if (!form.ok) error(404);
		const member = (await listMembers(db, access.secretariat.id)).find(
			(p) => p.id === form.data.memberId
		);
		if (!member) error(404);
		const outcome = await inviteMember(db, member, access.user.id);
		const status = await mailMemberInvitation(db, outcome, {
			origin: event.url.origin,
			inviter: access.user.name,
			secretariatName: access.secretariat.name,
			secretariatSlug: access.secretariat.slug
		});
		const message =
			outcome.kind === 'linked'
				? m.members_linked({ email: member.email })
				: {
						sent: m.invitations_sent,
						stored: m.invitations_stored,
						failed: m.invitations_mail_failed
					}[status]({ email: member.email });
		return { done: status !== 'failed', message };
	}
};
