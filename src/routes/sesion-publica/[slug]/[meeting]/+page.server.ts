/**
 * The public view of a meeting (issue 4, item 8): anyone, with or without an account, follows
 * the quorum, the agenda item under way, the motion and its tally, the decisions and the
 * speakers' list, read-only. Rendered on the server (it works without JavaScript), then kept
 * current through the meeting's public room, which the Yjs server opens to visitors without an
 * account read-only (server/yjs-server.ts). It names only the people who consented to
 * publication (the public site's consent); everyone else appears by role. Open only while the permission matrix gives
 * `meeting.view-live` to `public`; an unknown body or meeting is 404 either way.
 */
import { error } from '@sveltejs/kit';
import { can } from '$lib/permissions/matrix';
import { getDatabase } from '$lib/server/db';
import { publicRoomName } from '$lib/server/broadcast';
import { findMeeting } from '$lib/server/meetings/meetings';
import { readRoomStates } from '$lib/server/meetings/room-state';
import { loadSecretariat } from '$lib/server/secretariats/secretariats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	if (!can(new Set(['public']), 'meeting.view-live')) error(404);
	const db = await getDatabase();
	const body = await loadSecretariat(db, params.slug);
	if (!body) error(404);
	// A malformed id is no meeting of the body.
	const meeting = await findMeeting(db, body.secretariat.id, params.meeting).catch(() => null);
	if (!meeting) error(404);
	return {
		body: { name: body.secretariat.name },
		meeting: {
			id: meeting.id,
			title: meeting.title,
			kind: meeting.kind,
			scheduledAt: meeting.scheduledAt,
			place: meeting.place
		},
		state: (await readRoomStates(db, body, meeting.id)).publicState,
		room: publicRoomName(body.secretariat.slug, meeting.id),
		timeZone: body.rules.timeZone
	};
};
