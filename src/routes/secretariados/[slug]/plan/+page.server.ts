import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { createPlan, listPlans } from '$lib/server/plan/plans';
import { planFormSchema } from '$lib/validation/plan';
import type { Actions, PageServerLoad } from './$types';

// The body's action plans (PAL/PAM, I II.2): listed for every member; created by admins and the
// facilitator.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.view');
	return {
		plans: await listPlans(db, access.secretariat.id),
		canEdit: access.can('plan.edit')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.edit');
		const form = parseForm(planFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const plan = await createPlan(db, access.secretariat.id, form.data);
		redirect(303, `/secretariados/${access.secretariat.slug}/plan/${plan.id}`);
	}
};
