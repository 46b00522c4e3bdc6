import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import type { PageServerLoad } from './$types';

// The end of term (Z art. 5, I I.7, T I.6): each member's last day, and the hand-over package
// with the draft activity report, for the body's own members.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'handover.download');
	const people = await listMembers(db, access.secretariat.id);
	return {
		zip: `/secretariados/${access.secretariat.slug}/fin-del-periodo/entrega.zip`,
		people: people
			.filter((p) => ['titular', 'substitute', 'facilitator'].includes(p.role))
			.map(({ id, name, role, termEndsOn }) => ({ id, name, role, termEndsOn }))
	};
};
