import { getDatabase } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { listSecretariatsForUser } from '$lib/server/secretariats/secretariats';
import { can } from '$lib/permissions/matrix';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const secretariats = await listSecretariatsForUser(await getDatabase(), user);
	return {
		secretariats: secretariats.map(({ slug, name }) => ({ slug, name })),
		canCreate: can(user.isInstanceAdmin ? ['instance-admin'] : [], 'secretariat.create')
	};
};
