import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { can, type Action } from '$lib/permissions/matrix';
import { closeMeeting } from '$lib/server/minutes/minutes';
import {
	finishFloor,
	grantFloor,
	moveFloorRequestUp,
	requestFloor,
	withdrawFloorRequest
} from '$lib/server/meetings/speakers';
import {
	castMotionBallot,
	closeMotion,
	objectToMotion,
	openVote,
	proposeMotion,
	withdrawMotion
} from '$lib/server/meetings/decisions';
import { getDatabase } from '$lib/server/db';
import { setAttendance } from '$lib/server/meetings/attendance';
import { moveCurrentItem, openMeeting } from '$lib/server/meetings/meeting-progress';
import { readMeetingState } from '$lib/server/meetings/room-state';
import { listMeetingRemovals, putRemovalToVote } from '$lib/server/meetings/removals';
import { formText, parseForm, readFormData } from '$lib/server/forms';
import { liveRoomName, minutesRoomName } from '$lib/server/broadcast';
import { attendanceFormSchema, motionFormSchema, seatActSchema } from '$lib/validation/secretariat';
import { requireMeetingAction, requireRoomAction } from './meeting-access';
import { roomRefusalMessages, type RoomRefusal } from './room-refusals';
import { presenceOf } from '$lib/live/presence';
import { buildRollCall } from './roll-call';
import { setSpeakingLimitAction } from './speaking-limit-action';
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
		state: await readMeetingState(db, access, meeting),
		// Removal proposals on this meeting's agenda, for the facilitator to put to the vote.
		removals: access.can('motion.propose') ? await listMeetingRemovals(db, meeting.id) : [],
		removalVotesNeeded: Math.floor(access.seats.length / 2) + 1,
		room: liveRoomName(access.secretariat.slug, meeting.id),
		minutes: {
			room: minutesRoomName(access.secretariat.slug, meeting.id),
			editable: access.can('minutes.edit'),
			// What the server shows the others, whatever a client would send (lib/live/presence.ts).
			user: presenceOf(access.user)
		},
		mine: mine.map(({ id, role }) => ({ id, role })),
		// The facilitator's console lists everyone who may attend, to check them in and out.
		everyone: runsMeeting ? people.map(({ id, name, role }) => ({ id, name, role })) : [],
		rollCall: runsMeeting ? buildRollCall(access.seats, people) : null,
		controls: {
			checkInOthers: runsMeeting,
			advance: access.can('meeting.advance-agenda'),
			propose: access.can('motion.propose'),
			runVote: access.can('vote.open-close'),
			grantFloor: access.can('floor.grant'),
			close: access.can('meeting.close')
		},
		timeZone: access.rules.timeZone
	};
};

type MeetingContext = Awaited<ReturnType<typeof requireRoomAction>>;
type RoomResult = { ok: true } | { ok: false; reason: RoomRefusal };

/**
 * One tap in the room: the permission matrix says who may take `action` (requireRoomAction),
 * `step` adds the person's own membership where it acts through one, and the command decides
 * everything about the meeting itself under its row lock (room-change.ts). A refusal comes back
 * in words (409); a success carries nothing, since the live room brings the new state, and the
 * page does not reload its data after it (lib/live/enhance.ts) — unless `reload`: the change may
 * have moved what the page loaded besides the live state (the removal proposals, the people).
 */
async function act(
	event: RequestEvent,
	action: Action,
	step: (context: MeetingContext, form: FormData) => Promise<RoomResult>,
	options: { reload?: boolean } = {}
) {
	const db = await getDatabase();
	const context = await requireRoomAction(db, event, action);
	const result = await step(context, await readFormData(event.request));
	if (!result.ok && result.reason === 'meeting-unknown') error(404);
	if (!result.ok) return fail(409, { message: roomRefusalMessages[result.reason]() });
	return options.reload ? { done: true, reload: true } : { done: true };
}

/** What a removal's vote changes beyond the live room: the proposals listed, maybe the people. */
const REMOVALS_MAY_CHANGE = { reload: true };

/** The member id a seat act is made through: one of the signed-in person's own memberships. */
function ownMember(context: MeetingContext, form: FormData) {
	const parsed = seatActSchema.safeParse({
		memberId: form.get('memberId'),
		choice: form.get('choice') ?? undefined
	});
	if (!parsed.success || !context.mine.some((p) => p.id === parsed.data.memberId)) error(403);
	return parsed.data;
}

/** A member with voice acting on the list through their own membership. */
function ownVoice(context: MeetingContext, form: FormData) {
	const { memberId } = ownMember(context, form);
	const role = context.mine.find((p) => p.id === memberId)?.role;
	if (!role || !can([role], 'floor.request')) error(403);
	return memberId;
}

/** Checks someone in or out: oneself through one's own membership, anyone if one runs the meeting. */
function changeAttendance(event: RequestEvent, present: boolean) {
	return act(event, 'meeting.check-in', async ({ access, meeting, mine, isMemberOfBody }, form) => {
		const parsed = parseForm(attendanceFormSchema, form);
		if (!parsed.ok) error(400);
		const { memberId, remote } = parsed.data;
		const own = mine.some((p) => p.id === memberId);
		const anyone =
			!own && access.can('meeting.check-in-others') && (await isMemberOfBody(memberId));
		if (!own && !anyone) error(403);
		return setAttendance(await getDatabase(), access, meeting.id, {
			memberId,
			present,
			remote,
			by: access.user.id,
			// The sealed record says who checked the member in; the access already knows (no read).
			self: access.memberships.some((p) => p.id === memberId)
		});
	});
}

/** A posted id (a speaker's request, a removal proposal), or null when it is none. */
const requestId = (form: FormData, field = 'requestId') => {
	const parsed = z.uuid().safeParse(form.get(field));
	return parsed.success ? parsed.data : null;
};

export const actions: Actions = {
	checkIn: (event) => changeAttendance(event, true),
	checkOut: (event) => changeAttendance(event, false),
	open: (event) =>
		act(event, 'meeting.advance-agenda', async ({ access, meeting }) =>
			openMeeting(await getDatabase(), access, meeting.id)
		),
	next: (event) =>
		act(event, 'meeting.advance-agenda', async ({ access, meeting }) =>
			moveCurrentItem(await getDatabase(), access, meeting.id, 1)
		),
	previous: (event) =>
		act(event, 'meeting.advance-agenda', async ({ access, meeting }) =>
			moveCurrentItem(await getDatabase(), access, meeting.id, -1)
		),
	requestFloor: (event) =>
		act(event, 'floor.request', async (context, form) =>
			requestFloor(await getDatabase(), context.access, context.meeting.id, ownVoice(context, form))
		),
	withdrawFloor: (event) =>
		act(event, 'floor.request', async (context, form) =>
			withdrawFloorRequest(
				await getDatabase(),
				context.access,
				context.meeting.id,
				ownVoice(context, form)
			)
		),
	grantFloor: (event) =>
		act(event, 'floor.grant', async ({ access, meeting }, form) =>
			grantFloor(await getDatabase(), access, meeting.id, requestId(form))
		),
	finishFloor: (event) =>
		act(event, 'floor.grant', async ({ access, meeting }) =>
			finishFloor(await getDatabase(), access, meeting.id)
		),
	moveFloorUp: (event) =>
		act(event, 'floor.grant', async ({ access, meeting }, form) => {
			const id = requestId(form);
			if (!id) error(400);
			return moveFloorRequestUp(await getDatabase(), access, meeting.id, id);
		}),
	propose: (event) =>
		act(event, 'motion.propose', async ({ access, meeting }, form) => {
			const parsed = motionFormSchema.safeParse({ text: formText(form, 'text') });
			if (!parsed.success) error(400);
			return proposeMotion(await getDatabase(), access, meeting.id, parsed.data.text);
		}),
	object: (event) =>
		act(event, 'motion.object', async (context, form) =>
			objectToMotion(
				await getDatabase(),
				context.access,
				context.meeting.id,
				ownMember(context, form).memberId
			)
		),
	openVote: (event) =>
		act(event, 'vote.open-close', async ({ access, meeting }) =>
			openVote(await getDatabase(), access, meeting.id)
		),
	ballot: (event) =>
		act(event, 'ballot.cast', async (context, form) => {
			const { memberId, choice } = ownMember(context, form);
			if (!choice) error(400);
			return castMotionBallot(
				await getDatabase(),
				context.access,
				context.meeting.id,
				memberId,
				choice
			);
		}),
	putRemovalToVote: (event) =>
		act(
			event,
			'motion.propose',
			async ({ access, meeting }, form) => {
				const id = requestId(form, 'proposalId');
				if (!id) error(400);
				return putRemovalToVote(await getDatabase(), access, meeting.id, id);
			},
			REMOVALS_MAY_CHANGE
		),
	setSpeakingLimit: setSpeakingLimitAction,
	closeMotion: (event) =>
		act(
			event,
			'vote.open-close',
			async ({ access, meeting }) => closeMotion(await getDatabase(), access, meeting.id),
			REMOVALS_MAY_CHANGE
		),
	withdrawMotion: (event) =>
		act(
			event,
			'vote.open-close',
			async ({ access, meeting }) => withdrawMotion(await getDatabase(), access, meeting.id),
			REMOVALS_MAY_CHANGE
		),
	// Closes the meeting and freezes version 1 of its minutes (minutes/minutes.ts), then shows them.
	close: async (event) => {
		const db = await getDatabase();
		const { access, meeting } = await requireMeetingAction(db, event, 'meeting.close');
		const closed = await closeMeeting(db, access, meeting.id, access.user.id);
		if (!closed.ok) return fail(409, { message: roomRefusalMessages[closed.reason]() });
		redirect(303, `/secretariados/${access.secretariat.slug}/sesiones/${meeting.id}/acta`);
	}
};
