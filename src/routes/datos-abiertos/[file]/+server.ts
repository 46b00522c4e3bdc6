import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { catalogueContextFor, openDataFile } from '$lib/server/open-data/distribution';
import { CORS_HEADERS } from '$lib/server/open-data/api';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

// The instance's open-data files: every body's rows together.
export const GET: RequestHandler = async ({ params, url }) => {
	const db = await getDatabase();
	const context = catalogueContextFor(url.origin, m.app_name({}, { locale: 'es-MX' }), null);
	const file = await openDataFile(db, { secretariatId: null }, context, params.file);
	if (!file) error(404);
	return new Response(file.body as BodyInit, {
		headers: {
			...CORS_HEADERS,
			'Content-Type': file.type,
			'Cache-Control': 'public, max-age=300',
			...(file.download ? { 'Content-Disposition': `attachment; filename="${params.file}"` } : {})
		}
	});
};
