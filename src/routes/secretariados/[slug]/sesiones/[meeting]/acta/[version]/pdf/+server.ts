import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { findMinutesVersion } from '$lib/server/minutes/minutes';
import { issueMinutesPdf } from '$lib/server/minutes/minutes-files';
import { minutesFolio } from '$lib/server/documents/minutes-pdf';
import { requireMeetingAction } from '../../../meeting-access';
import type { RequestHandler } from './$types';

// A version of the minutes as a PDF, for the body's members only.
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const { meeting } = await requireMeetingAction(db, event, 'documents.download');
	const number = Number(event.params.version);
	const version = Number.isInteger(number)
		? await findMinutesVersion(db, meeting.id, number)
		: null;
	if (!version) error(404);
	const pdf = await issueMinutesPdf(db, version, event.url.origin);
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${minutesFolio(version)}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
