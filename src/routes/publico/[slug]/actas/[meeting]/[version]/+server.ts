import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody } from '$lib/server/public/site';
import { findPublishedMinutes } from '$lib/server/minutes/published';
import { issueMinutesPdf } from '$lib/server/minutes/minutes-files';
import { minutesFolio } from '$lib/server/documents/minutes-pdf';
import type { RequestHandler } from './$types';

// A body's signed minutes, for anyone: only the published version of a meeting (approved and
// signed by all); any other version or meeting is 404, whoever asks.
export const GET: RequestHandler = async ({ params, url }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body || !/^[0-9a-f-]{36}$/i.test(params.meeting)) error(404);
	const version = (await findPublishedMinutes(db, body.id, [params.meeting])).get(params.meeting);
	if (!version || String(version.number) !== params.version) error(404);
	const pdf = await issueMinutesPdf(db, version, url.origin);
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${minutesFolio(version)}.pdf"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
