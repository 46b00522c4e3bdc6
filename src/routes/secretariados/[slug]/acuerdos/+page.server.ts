import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import {
	addAgreementNote,
	listAgreements,
	updateAgreementFollowUp,
	type AgreementFilters
} from '$lib/server/meetings/agreements';
import { agreementStatuses } from '$lib/rules/agreement-follow-up';
import { agreementFollowUpSchema, agreementNoteSchema } from '$lib/validation/convene';
import type { Actions, PageServerLoad } from './$types';

const STATUS_FILTERS = ['open', 'overdue', ...agreementStatuses] as const;

/** The filters of the register's query string; anything unknown is ignored. */
function readFilters(url: URL): AgreementFilters {
	const status = url.searchParams.get('estado') ?? '';
	const responsible = url.searchParams.get('responsable') ?? '';
	const year = Number(url.searchParams.get('anio'));
	return {
		status: (STATUS_FILTERS as readonly string[]).includes(status)
			? (status as AgreementFilters['status'])
			: undefined,
		responsibleMemberId: /^[0-9a-f-]{36}$/.test(responsible) ? responsible : undefined,
		year: Number.isInteger(year) && year > 2000 && year < 3000 ? year : undefined
	};
}

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'agreements.view');
	const filters = readFilters(event.url);
	const people = await listMembers(db, access.secretariat.id);
	return {
		filters: {
			status: filters.status ?? '',
			responsible: filters.responsibleMemberId ?? '',
			year: filters.year ? String(filters.year) : ''
		},
		agreements: await listAgreements(db, access, filters),
		people: people
			.filter((p) => p.role !== 'observer')
			.map(({ id, name }) => ({ id, name }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		canFollowUp: access.can('agreements.follow-up'),
		timeZone: access.rules.timeZone
	};
};

export const actions: Actions = {
	followUp: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(
			db,
			event,
			event.params.slug,
			'agreements.follow-up'
		);
		const form = parseForm(agreementFollowUpSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { agreementId, responsibleMemberId, dueOn, status } = form.data;
		const result = await updateAgreementFollowUp(db, access, agreementId, {
			responsibleMemberId: responsibleMemberId || null,
			dueOn: dueOn || null,
			status
		});
		if (!result.ok)
			return refuseForm(
				409,
				result.reason === 'agreement-unknown'
					? m.agreements_unknown()
					: m.agreements_responsible_unknown()
			);
		return { done: m.agreements_saved() };
	},
	note: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(
			db,
			event,
			event.params.slug,
			'agreements.follow-up'
		);
		const form = parseForm(agreementNoteSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const result = await addAgreementNote(db, access, form.data.agreementId, {
			authorId: access.user.id,
			authorName: access.user.name,
			text: form.data.text
		});
		if (!result.ok) return refuseForm(409, m.agreements_unknown());
		// From a meeting's follow-up item, back to that meeting (only within this body's meetings).
		const back = form.data.returnTo ?? '';
		if (
			back.startsWith(`/secretariados/${access.secretariat.slug}/sesiones/`) &&
			!back.includes('//')
		)
			redirect(303, back);
		return { done: m.agreements_note_added() };
	}
};
