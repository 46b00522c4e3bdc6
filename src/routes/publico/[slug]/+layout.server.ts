import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody } from '$lib/server/public/site';
import type { LayoutServerLoad } from './$types';

// The public site of a body: anyone may read it, no account needed (Z art. 7.9, I III.12, T III.12).
export const load: LayoutServerLoad = async ({ params }) => {
	const body = await findPublicBody(await getDatabase(), params.slug);
	if (!body) error(404);
	return { body: { slug: body.slug, name: body.name, timeZone: body.timeZone } };
};
