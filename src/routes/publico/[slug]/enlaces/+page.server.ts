import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody, listPublicLinks } from '$lib/server/public/site';
import type { PageServerLoad } from './$types';

// Section e: the body's links of interest.
export const load: PageServerLoad = async ({ params }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body) error(404);
	const links = await listPublicLinks(db, body.id);
	return { links: links.map((link) => ({ id: link.id, title: link.title, url: link.url })) };
};
