import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findPublicBody } from '$lib/server/public/site';
import { findPublishedMinutes } from '$lib/server/minutes/published';
import { findMeeting } from '$lib/server/meetings/meetings';
import { buildEventLogDownload, eventLogResponse } from '$lib/server/meetings/event-log-files';
import type { RequestHandler } from './$types';

// The sealed record of a meeting whose minutes are published (approved and signed by all), for
// anyone; names only of the people who agreed to be named on the public site. Any other meeting
// is 404, whoever asks.
export const GET: RequestHandler = async ({ params }) => {
	const db = await getDatabase();
	const body = await findPublicBody(db, params.slug);
	if (!body || !/^[0-9a-f-]{36}$/i.test(params.meeting)) error(404);
	if (!(await findPublishedMinutes(db, body.id, [params.meeting])).has(params.meeting)) error(404);
	const meeting = await findMeeting(db, body.id, params.meeting);
	if (!meeting) error(404);
	const download = await buildEventLogDownload(db, body, meeting, 'public');
	return eventLogResponse(download, params.format, 'public, max-age=300') ?? error(404);
};
