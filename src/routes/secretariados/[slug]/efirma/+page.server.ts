import { error } from '@sveltejs/kit';
import { inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { efirmaIdentities } from '$lib/server/db/schema';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import { saveEfirmaIdentity } from '$lib/server/efirma/efirma-signing';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { efirmaIdentitySchema } from '$lib/validation/efirma';
import type { Actions, PageServerLoad } from './$types';

const HOLDERS = new Set(['titular', 'substitute']);

// The seat holders' RFC and CURP on record, which an e.firma certificate must carry for its
// holder to sign the minutes for that seat. The body's admins keep them.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(
		db,
		event,
		event.params.slug,
		'secretariat.manage-members'
	);
	const people = (await listMembers(db, access.secretariat.id)).filter((p) => HOLDERS.has(p.role));
	const identities = people.length
		? await db
				.select()
				.from(efirmaIdentities)
				.where(
					inArray(
						efirmaIdentities.memberId,
						people.map((p) => p.id)
					)
				)
		: [];
	return {
		people: people.map((p) => {
			const identity = identities.find((i) => i.memberId === p.id);
			return {
				id: p.id,
				name: p.name,
				role: p.role,
				rfc: identity?.rfc ?? '',
				curp: identity?.curp ?? ''
			};
		})
	};
};

export const actions: Actions = {
	default: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(
			db,
			event,
			event.params.slug,
			'secretariat.manage-members'
		);
		const parsed = parseForm(efirmaIdentitySchema, await readFormData(event.request));
		if (!parsed.ok) return refuseForm(400, m.error_form_invalid(), parsed);
		const people = await listMembers(db, access.secretariat.id);
		// Only this body's seat holders: a forged id of another body's member is refused.
		if (!people.some((p) => p.id === parsed.data.memberId && HOLDERS.has(p.role))) error(404);
		await saveEfirmaIdentity(db, parsed.data.memberId, parsed.data, access.user.id);
		return { done: m.efirma_identity_saved(), memberId: parsed.data.memberId };
	}
};
