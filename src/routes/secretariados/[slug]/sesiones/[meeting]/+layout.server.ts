import { getDatabase } from '$lib/server/db';
import { readConvocation } from '$lib/server/meetings/convocations';
import { listOpenAgreementsForMeeting } from '$lib/server/meetings/agreements';
import { requireMeetingAction } from './meeting-access';
import type { LayoutServerLoad } from './$types';

// What the meeting's pages show of its convocatoria and of the agreements its follow-up item
// (Z art. 8 IV) reviews: the body's open agreements from earlier meetings.
export const load: LayoutServerLoad = async (event) => {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'meeting.view-live');
	const convocation = await readConvocation(db, meeting.id);
	return {
		convene: {
			status: convocation.status,
			sequence: convocation.sequence,
			canViewConvocation: access.can('convocation.view'),
			followUp: access.can('agreements.view')
				? await listOpenAgreementsForMeeting(db, access, meeting)
				: null,
			canNote: access.can('agreements.follow-up'),
			timeZone: access.rules.timeZone
		}
	};
};
