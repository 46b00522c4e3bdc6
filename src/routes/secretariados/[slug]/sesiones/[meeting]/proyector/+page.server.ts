import { getDatabase } from '$lib/server/db';
import { liveRoomName } from '$lib/server/broadcast';
import { readMeetingState } from '$lib/server/meetings/meetings';
import { requireMeetingAction } from '../meeting-access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'meeting.view-live');
	return {
		meeting: { id: meeting.id, title: meeting.title },
		state: await readMeetingState(db, access, meeting.id),
		room: liveRoomName(access.secretariat.slug, meeting.id),
		joinUrl: `${event.url.origin}/secretariados/${access.secretariat.slug}/sesiones/${meeting.id}`
	};
};
