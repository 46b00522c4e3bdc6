import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listConfirmedJoinRequests } from '$lib/server/public/join-requests';
import type { PageServerLoad } from './$types';

// The confirmed requests to join the open-government exercise (section g), for the body's admins.
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'join-requests.view');
	return {
		timeZone: access.rules.timeZone,
		requests: await listConfirmedJoinRequests(db, access.secretariat.id)
	};
};
