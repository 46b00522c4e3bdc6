import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { createSecretariat } from '$lib/server/secretariats/secretariats';
import { can } from '$lib/permissions/matrix';
import { presets } from '$lib/rules';
import { newSecretariatSchema } from '$lib/validation/secretariat';
import type { Actions, PageServerLoad } from './$types';

function requireCreator(event: { locals: App.Locals; url: URL }) {
	const user = requireUser(event);
	if (!can(user.isInstanceAdmin ? ['instance-admin'] : [], 'secretariat.create')) error(403);
	return user;
}

export const load: PageServerLoad = (event) => {
	requireCreator(event);
	return {
		presets: presets.map((preset) => ({
			id: preset.id,
			sourceTitle: preset.sourceTitle,
			seatCount: preset.rules.seats.length,
			references: [...new Set(Object.values(preset.references).flat())].slice(0, 12)
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireCreator(event);
		const form = parseForm(newSecretariatSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { name, preset } = form.data;
		const secretariat = await createSecretariat(await getDatabase(), {
			name,
			presetId: preset === 'scratch' ? null : preset
		});
		redirect(303, `/secretariados/${secretariat.slug}`);
	}
};
