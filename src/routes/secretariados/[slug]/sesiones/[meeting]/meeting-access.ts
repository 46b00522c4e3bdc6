/**
 * The meeting pages' common guard: the body's access for an action, the meeting (404 when it is
 * not this body's), and the memberships through which the signed-in person attends. A tap in the
 * live room takes the lighter `requireRoomAction`: the same checks without listing the body's
 * people.
 */
import { error } from '@sveltejs/kit';
import type { Database } from '$lib/server/db';
import type { Action } from '$lib/permissions/matrix';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { findMeeting } from '$lib/server/meetings/meetings';
import { listMembers } from '$lib/server/secretariats/members';
import { members } from '$lib/server/db/schema';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

const ATTENDING_ROLES = new Set([
	'titular',
	'substitute',
	'facilitator',
	'companion',
	'guest',
	'observer'
]);

type MeetingEvent = {
	locals: App.Locals;
	url: URL;
	request?: Request;
	params: { slug: string; meeting: string };
};

export async function requireMeetingAction(db: Database, event: MeetingEvent, action: Action) {
	const access = await requireSecretariatAction(db, event, event.params.slug, action);
	// Read together: the meeting (null for a malformed id) and the people of the body.
	const [meeting, people] = await Promise.all([
		findMeeting(db, access.secretariat.id, event.params.meeting).catch(() => null),
		listMembers(db, access.secretariat.id)
	]);
	if (!meeting) error(404);
	const mine = people.filter((p) => p.userId === access.user.id && ATTENDING_ROLES.has(p.role));
	return { access, meeting, people, mine };
}

/**
 * The guard of a tap in the live room (issue 12: read once and cheaply): the body's access for the
 * action, the meeting's id, and the person's own attending memberships, which the access read with
 * the roles. The meeting itself is not read here: every room command reads it under its lock and
 * answers 'meeting-unknown' when it is not this body's (the route turns that into 404). Whether
 * someone else is of the body — for a facilitator checking them in — is one row, read only when
 * asked.
 */
export async function requireRoomAction(db: Database, event: MeetingEvent, action: Action) {
	const access = await requireSecretariatAction(db, event, event.params.slug, action);
	const meetingId = z.uuid().safeParse(event.params.meeting);
	if (!meetingId.success) error(404);
	const meeting = { id: meetingId.data };
	const mine = access.memberships.filter((p) => ATTENDING_ROLES.has(p.role));
	const isMemberOfBody = async (memberId: string) => {
		const [found] = await db
			.select({ id: members.id })
			.from(members)
			.where(
				and(
					eq(members.id, memberId),
					eq(members.secretariatId, access.secretariat.id),
					isNull(members.endedAt)
				)
			);
		return found !== undefined;
	};
	return { access, meeting, mine, isMemberOfBody };
}
