import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import {
	readMeetingState,
	setAttendance,
	updateMeetingProgress
} from '$lib/server/meetings/meetings';
import { parseForm, readFormData } from '$lib/server/forms';
import { liveRoomName, publishMeetingState } from '$lib/server/broadcast';
import { attendanceFormSchema } from '$lib/validation/secretariat';
import { requireMeetingAction } from './meeting-access';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { access, meeting, people, mine } = await requireMeetingAction(
		db,
		event,
		'meeting.view-live'
	);
	const runsMeeting = access.can('meeting.check-in-others');
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			kind: meeting.kind,
			scheduledAt: meeting.scheduledAt,
			place: meeting.place
		},
		state: await readMeetingState(db, access, meeting.id),
		room: liveRoomName(access.secretariat.slug, meeting.id),
		mine: mine.map(({ id, role }) => ({ id, role })),
		// The facilitator's console lists everyone who may attend, to check them in and out.
		everyone: runsMeeting ? people.map(({ id, name, role }) => ({ id, name, role })) : [],
		controls: { checkInOthers: runsMeeting, advance: access.can('meeting.advance-agenda') },
		timeZone: access.rules.timeZone
	};
};

/** Checks someone in or out: oneself through one's own membership, anyone if one runs the meeting. */
async function changeAttendance(event: RequestEvent, present: boolean) {
	const db = await getDatabase();
	const { access, meeting, people, mine } = await requireMeetingAction(
		db,
		event,
		'meeting.check-in'
	);
	const form = parseForm(attendanceFormSchema, await readFormData(event.request));
	if (!form.ok) error(400);
	const own = mine.some((p) => p.id === form.data.memberId);
	const anyone =
		access.can('meeting.check-in-others') && people.some((p) => p.id === form.data.memberId);
	if (!own && !anyone) error(403);
	await setAttendance(db, access, meeting.id, {
		memberId: form.data.memberId,
		present,
		remote: form.data.remote,
		by: access.user.id
	});
	await publishMeetingState(db, access, meeting);
	return { done: true };
}

async function changeProgress(
	event: RequestEvent,
	change: { status?: 'open'; itemDelta?: number }
) {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'meeting.advance-agenda');
	await updateMeetingProgress(db, access, meeting.id, change);
	await publishMeetingState(db, access, meeting);
	return { done: true };
}

export const actions: Actions = {
	checkIn: (event) => changeAttendance(event, true),
	checkOut: (event) => changeAttendance(event, false),
	open: (event) => changeProgress(event, { status: 'open' }),
	next: (event) => changeProgress(event, { itemDelta: 1 }),
	previous: (event) => changeProgress(event, { itemDelta: -1 })
};
