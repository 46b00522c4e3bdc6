import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody, listAgendaFeedEntries } from '$lib/server/public/site';
import { buildAgendaFeed } from '$lib/server/public/agenda-feed';
import type { RequestHandler } from './$types';

// Section b's agenda as an .ics feed anyone can subscribe to.
export const GET: RequestHandler = async ({ params, url }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body) error(404);
	const agenda = `${url.origin}/publico/${body.slug}/agenda`;
	const feed = buildAgendaFeed(body, url.hostname, await listAgendaFeedEntries(db, body, agenda));
	return new Response(feed, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `inline; filename="${body.slug}.ics"`,
			'Cache-Control': 'public, max-age=300'
		}
	});
};
