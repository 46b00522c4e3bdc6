import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { openDataFile } from '$lib/server/open-data/distribution';
import { CORS_HEADERS } from '$lib/server/open-data/api';
import { bodyOpenDataScope } from '../scope.server';
import type { RequestHandler } from './$types';

// A body's open-data file: <dataset>.csv, <dataset>-diccionario.csv, data.json or the ZIP.
export const GET: RequestHandler = async ({ params, url }) => {
	const db = await getDatabase();
	const { scope, context } = await bodyOpenDataScope(db, params.slug, url.origin);
	const file = await openDataFile(db, scope, context, params.file);
	if (!file) error(404);
	return new Response(file.body as BodyInit, {
		headers: {
			...CORS_HEADERS,
			'Content-Type': file.type,
			'Cache-Control': 'public, max-age=300',
			...(file.download
				? { 'Content-Disposition': `attachment; filename="${params.slug}-${params.file}"` }
				: {})
		}
	});
};
