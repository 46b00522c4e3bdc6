import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { hasAnyAccount } from '$lib/server/auth/accounts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) return {};
	redirect(303, (await hasAnyAccount(await getDatabase())) ? '/entrar' : '/registro');
};
