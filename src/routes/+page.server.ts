import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { hasAnyAccount } from '$lib/server/auth/accounts';
import { readHome } from '$lib/server/home';
import { can } from '$lib/permissions/matrix';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = await getDatabase();
	if (!locals.user) redirect(303, (await hasAnyAccount(db)) ? '/entrar' : '/registro');
	const user = locals.user;
	return {
		home: await readHome(db, user),
		// A fresh instance's admin is shown the first step: creating the first body.
		canCreateBody: can(user.isInstanceAdmin ? ['instance-admin'] : [], 'secretariat.create')
	};
};
