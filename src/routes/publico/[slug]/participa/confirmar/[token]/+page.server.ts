import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { confirmJoinRequest } from '$lib/server/public/join-requests';
import type { PageServerLoad } from './$types';

// The emailed link of a join request: following it confirms the request (again is harmless).
export const load: PageServerLoad = async ({ params }) => {
	const confirmed = await confirmJoinRequest(await getDatabase(), params.token);
	if (confirmed && confirmed.slug !== params.slug) error(404);
	return { confirmed: confirmed !== null };
};
