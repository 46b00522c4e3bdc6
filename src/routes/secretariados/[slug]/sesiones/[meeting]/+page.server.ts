import { error, fail, redirect } from '@sveltejs/kit';
import { closeMeeting } from '$lib/server/minutes/minutes';
import { m } from '$lib/paraglide/messages';
import { z } from 'zod';
import { can, type Action } from '$lib/permissions/matrix';
import {
	finishFloor,
	grantFloor,
	moveFloorRequestUp,
	requestFloor,
	withdrawFloorRequest,
	type SpeakerRefusal
} from '$lib/server/meetings/speakers';
import {
	castMotionBallot,
	closeMotion,
	objectToMotion,
	openVote,
	proposeMotion,
	type DecisionRefusal,
	type DecisionResult
} from '$lib/server/meetings/decisions';
import { getDatabase, type Database } from '$lib/server/db';
import type { Meeting } from '$lib/server/db/schema';
import { readConvocation } from '$lib/server/meetings/convocations';
import {
	readMeetingState,
	setAttendance,
	updateMeetingProgress
} from '$lib/server/meetings/meetings';
import { parseForm, readFormData } from '$lib/server/forms';
import { liveRoomName, minutesRoomName } from '$lib/server/broadcast';
import { attendanceFormSchema, motionFormSchema, seatActSchema } from '$lib/validation/secretariat';
import { requireMeetingAction } from './meeting-access';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Dark enough for white caret labels (WCAG AA on 0.75rem bold).
const CARET_COLORS = [
	'#0f5c5c',
	'#7c2d12',
	'#3f3f8f',
	'#6b21a8',
	'#166534',
	'#9f1239',
	'#1e3a8a',
	'#713f12'
];
const colorFor = (id: string) => CARET_COLORS[parseInt(id.slice(0, 8), 16) % CARET_COLORS.length]!;

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
		room: liveRoomName(access.secretariat.slug, meeting.id),
		minutes: {
			room: minutesRoomName(access.secretariat.slug, meeting.id),
			editable: access.can('minutes.edit'),
			user: { name: access.user.name, color: colorFor(access.user.id) }
		},
		mine: mine.map(({ id, role }) => ({ id, role })),
		// The facilitator's console lists everyone who may attend, to check them in and out.
		everyone: runsMeeting ? people.map(({ id, name, role }) => ({ id, name, role })) : [],
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

/**
 * A closed meeting's room is the record its minutes were frozen from, and a cancelled one never
 * takes place: neither takes check-ins, agenda moves, motions, ballots nor turns to speak.
 */
async function refuseEndedMeeting(db: Database, meeting: Meeting) {
	if (meeting.status === 'closed') return fail(409, { message: m.meeting_refused_closed() });
	if ((await readConvocation(db, meeting.id)).status === 'cancelled')
		return fail(409, { message: m.meeting_refused_cancelled() });
	return null;
}

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
	const ended = await refuseEndedMeeting(db, meeting);
	if (ended) return ended;
	// Committed, then published to the live room (changeMeetingRoom).
	await setAttendance(db, access, meeting.id, {
		memberId: form.data.memberId,
		present,
		remote: form.data.remote,
		by: access.user.id
	});
	return { done: true };
}

async function changeProgress(
	event: RequestEvent,
	change: { status?: 'open'; itemDelta?: number }
) {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'meeting.advance-agenda');
	const ended = await refuseEndedMeeting(db, meeting);
	if (ended) return ended;
	await updateMeetingProgress(db, access, meeting.id, change);
	return { done: true };
}

const refusalMessages: Record<DecisionRefusal, () => string> = {
	'meeting-unknown': m.decision_refused_meeting_unknown,
	'motion-already-open': m.decision_refused_motion_already_open,
	'no-open-motion': m.decision_refused_no_open_motion,
	'quorum-not-met': m.decision_refused_quorum_not_met,
	'not-seat-voter': m.decision_refused_not_seat_voter,
	'seat-already-voted': m.decision_refused_seat_already_voted,
	'not-in-consensus': m.decision_refused_not_in_consensus,
	'not-voting': m.decision_refused_not_voting,
	'vote-required': m.decision_refused_vote_required
};

/** Runs one step of a decision (which publishes the room once committed); a refusal comes back in words. */
async function decide(
	event: RequestEvent,
	action: Action,
	step: (
		context: Awaited<ReturnType<typeof requireMeetingAction>>,
		form: FormData
	) => Promise<DecisionResult>
) {
	const db = await getDatabase();
	const context = await requireMeetingAction(db, event, action);
	const ended = await refuseEndedMeeting(db, context.meeting);
	if (ended) return ended;
	const result = await step(context, await readFormData(event.request));
	if (!result.ok) return fail(409, { message: refusalMessages[result.reason]() });
	return { done: true };
}

/** The member id a seat act is made through: one of the signed-in person's own memberships. */
function ownMember(context: Awaited<ReturnType<typeof requireMeetingAction>>, form: FormData) {
	const parsed = seatActSchema.safeParse({
		memberId: form.get('memberId'),
		choice: form.get('choice') ?? undefined
	});
	if (!parsed.success || !context.mine.some((p) => p.id === parsed.data.memberId)) error(403);
	return parsed.data;
}

const speakerRefusals: Record<SpeakerRefusal, () => string> = {
	'meeting-unknown': m.decision_refused_meeting_unknown,
	'already-waiting': m.speakers_refused_already_waiting,
	'not-waiting': m.speakers_refused_not_waiting
};

/** One step of the speakers' list (published once committed); a refusal comes back in words. */
async function speak(
	event: RequestEvent,
	action: Action,
	step: (
		context: Awaited<ReturnType<typeof requireMeetingAction>>,
		form: FormData
	) => Promise<{ ok: true } | { ok: false; reason: SpeakerRefusal }>
) {
	const db = await getDatabase();
	const context = await requireMeetingAction(db, event, action);
	const ended = await refuseEndedMeeting(db, context.meeting);
	if (ended) return ended;
	const result = await step(context, await readFormData(event.request));
	if (!result.ok) return fail(409, { message: speakerRefusals[result.reason]() });
	return { done: true };
}

/** A member with voice acting on the list through their own membership. */
function ownVoice(context: Awaited<ReturnType<typeof requireMeetingAction>>, form: FormData) {
	const { memberId } = ownMember(context, form);
	const role = context.mine.find((p) => p.id === memberId)?.role;
	if (!role || !can([role], 'floor.request')) error(403);
	return memberId;
}

const requestId = (form: FormData) => {
	const parsed = z.uuid().safeParse(form.get('requestId'));
	return parsed.success ? parsed.data : null;
};

export const actions: Actions = {
	requestFloor: (event) =>
		speak(event, 'floor.request', async (context, form) =>
			requestFloor(await getDatabase(), context.access, context.meeting.id, ownVoice(context, form))
		),
	withdrawFloor: (event) =>
		speak(event, 'floor.request', async (context, form) =>
			withdrawFloorRequest(
				await getDatabase(),
				context.access,
				context.meeting.id,
				ownVoice(context, form)
			)
		),
	grantFloor: (event) =>
		speak(event, 'floor.grant', async ({ access, meeting }, form) =>
			grantFloor(await getDatabase(), access, meeting.id, requestId(form))
		),
	finishFloor: (event) =>
		speak(event, 'floor.grant', async ({ access, meeting }) =>
			finishFloor(await getDatabase(), access, meeting.id)
		),
	moveFloorUp: (event) =>
		speak(event, 'floor.grant', async ({ access, meeting }, form) => {
			const id = requestId(form);
			if (!id) error(400);
			return moveFloorRequestUp(await getDatabase(), access, meeting.id, id);
		}),
	propose: (event) =>
		decide(event, 'motion.propose', async ({ access, meeting }, form) => {
			const parsed = motionFormSchema.safeParse({ text: form.get('text') });
			if (!parsed.success) error(400);
			return proposeMotion(await getDatabase(), access, meeting.id, parsed.data.text);
		}),
	object: (event) =>
		decide(event, 'motion.object', async (context, form) =>
			objectToMotion(
				await getDatabase(),
				context.access,
				context.meeting.id,
				ownMember(context, form).memberId
			)
		),
	openVote: (event) =>
		decide(event, 'vote.open-close', async ({ access, meeting }) =>
			openVote(await getDatabase(), access, meeting.id)
		),
	ballot: (event) =>
		decide(event, 'ballot.cast', async (context, form) => {
			const act = ownMember(context, form);
			if (!act.choice) error(400);
			return castMotionBallot(
				await getDatabase(),
				context.access,
				context.meeting.id,
				act.memberId,
				act.choice
			);
		}),
	closeMotion: (event) =>
		decide(event, 'vote.open-close', async ({ access, meeting }) =>
			closeMotion(await getDatabase(), access, meeting.id)
		),
	// Closes the meeting and freezes version 1 of its minutes (minutes/minutes.ts), then shows them.
	close: async (event) => {
		const db = await getDatabase();
		const { access, meeting } = await requireMeetingAction(db, event, 'meeting.close');
		const closed = await closeMeeting(db, access, meeting.id, access.user.id);
		if (!closed.ok)
			return fail(409, {
				message:
					closed.reason === 'motion-open'
						? m.minutes_refused_motion_open()
						: m.minutes_refused_not_open()
			});
		redirect(303, `/secretariados/${access.secretariat.slug}/sesiones/${meeting.id}/acta`);
	},
	checkIn: (event) => changeAttendance(event, true),
	checkOut: (event) => changeAttendance(event, false),
	open: (event) => changeProgress(event, { status: 'open' }),
	next: (event) => changeProgress(event, { itemDelta: 1 }),
	previous: (event) => changeProgress(event, { itemDelta: -1 })
};
