import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody, readPublicContact } from '$lib/server/public/site';
import type { PageServerLoad } from './$types';

// Section c: the body's contact data, as its admins or facilitator published it.
export const load: PageServerLoad = async ({ params }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body) error(404);
	return { contact: await readPublicContact(db, body.id) };
};
