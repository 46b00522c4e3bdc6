import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody, listProgressBlocks, listUpcomingMeetings } from '$lib/server/public/site';
import type { PageServerLoad } from './$types';

// Section b: the commitments' progress (from the registered sources) and the coming meetings.
export const load: PageServerLoad = async ({ params }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body) error(404);
	const [progress, upcoming] = await Promise.all([
		listProgressBlocks(db, body),
		listUpcomingMeetings(db, body.id)
	]);
	return { progress, upcoming };
};
