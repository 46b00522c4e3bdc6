import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody } from '$lib/server/public/site';
import { readPublishedEvidence } from '$lib/server/public/evidence';
import type { RequestHandler } from './$types';

// A published evidence file, or its thumbnail with ?miniatura=1; 404 for anything unpublished.
export const GET: RequestHandler = async ({ params, url }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body) error(404);
	const thumbnail = url.searchParams.has('miniatura');
	const found = await readPublishedEvidence(
		db,
		body.id,
		params.file,
		thumbnail ? 'thumbnail' : 'original'
	);
	if (!found) error(404);
	const inline = found.file.kind !== 'document' || found.file.mimeType === 'application/pdf';
	const name = `${found.file.title.replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, 80) || 'archivo'}.${found.file.extension}`;
	return new Response(new Uint8Array(found.bytes), {
		headers: {
			'Content-Type': thumbnail ? 'image/webp' : found.file.mimeType,
			'Content-Length': String(found.bytes.length),
			'Cache-Control': 'public, max-age=3600',
			'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
			'Content-Security-Policy': "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
		}
	});
};
