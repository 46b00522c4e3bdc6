/**
 * The meeting pages' common guard: the body's access for an action, the meeting (404 when it is
 * not this body's), and the memberships through which the signed-in person attends.
 */
import { error } from '@sveltejs/kit';
import type { Database } from '$lib/server/db';
import type { Action } from '$lib/permissions/matrix';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { findMeeting } from '$lib/server/meetings/meetings';
import { listMembers } from '$lib/server/secretariats/members';

const ATTENDING_ROLES = new Set([
	'titular',
	'substitute',
	'facilitator',
	'companion',
	'guest',
	'observer'
]);

export async function requireMeetingAction(
	db: Database,
	event: {
		locals: App.Locals;
		url: URL;
		request?: Request;
		params: { slug: string; meeting: string };
	},
	action: Action
) {
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
