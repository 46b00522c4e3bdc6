import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { buildEventLogDownload, eventLogResponse } from '$lib/server/meetings/event-log-files';
import { requireMeetingAction } from '../../meeting-access';
import type { RequestHandler } from './$types';

// The session's sealed record (JSON or CSV) for the people who may read its minutes, with every
// name; the public has its own download, for published meetings only (/publico/…/registro.*).
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'minutes.read');
	const download = await buildEventLogDownload(db, access.secretariat, meeting, 'members');
	return eventLogResponse(download, event.params.format, 'private, no-store') ?? error(404);
};
