/**
 * The short join link the projector shows under its QR code (`/sala/<body>`): it leads a signed-in
 * member to the body's meeting under way — or, when none is open, to its next scheduled one —
 * short enough to type from the back of the room. An anonymous visitor is sent to sign in first
 * and comes back here; a stranger to the body gets 403, and a body without meetings 404.
 */
import { error, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMeetings } from '$lib/server/meetings/meetings';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'meeting.view-live');
	const meetings = await listMeetings(db, access.secretariat.id);
	const meeting =
		meetings.find((m) => m.status === 'open') ??
		meetings.filter((m) => m.status === 'scheduled').at(-1) ??
		meetings[0];
	if (!meeting) error(404);
	redirect(303, `/secretariados/${access.secretariat.slug}/sesiones/${meeting.id}`);
};
