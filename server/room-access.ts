/**
 * Who may open which room, decided for many people and rooms at once. A room is a document of one
 * of a body's meetings: `<slug>:minutes-<meeting>` (the co-edited minutes),
 * `<slug>:meeting-<meeting>:live` (the server-owned room state, with everyone's names) or
 * `<slug>:meeting-<meeting>:public` (the same state naming only those who consented to
 * publication). The permission matrix decides the rights: whoever may edit the minutes gets
 * read-write on them, whoever may only read them read-only; the live room is read-only for the
 * body's people who may follow the meeting; the public room is read-only for anyone while the
 * matrix lets `public` follow meetings (an observer without an account); anyone else, and any
 * other name, is refused — so a member of one body never opens another body's documents, and
 * nobody makes the server keep documents of their own naming.
 *
 * The upgrade asks for one person and room; the ping round (server/yjs-server.ts) asks for every
 * open connection at once, in three queries whatever their number, so re-checking hundreds of
 * sockets never stalls the process.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../src/lib/server/db/index';
import { meetings, members, secretariats } from '../src/lib/server/db/schema';
import { can, type Role } from '../src/lib/permissions/matrix';
import {
	parseLiveRoomName,
	parseMinutesRoomName,
	parsePublicRoomName
} from '../src/lib/server/broadcast';
import type { SessionUser } from '../src/lib/server/auth/session';
import type { Access } from './Connection';

export interface RoomRef {
	slug: string;
	meetingId: string;
	kind: 'live' | 'public' | 'minutes';
}

/** Someone asking for a room: a signed-in user, or null for a visitor without an account. */
export type RoomVisitor = Pick<SessionUser, 'id' | 'isInstanceAdmin'> | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The body, meeting and kind a room's name stands for; null for a name that is no room of ours. */
export function parseRoomName(name: string): RoomRef | null {
	const live = parseLiveRoomName(name);
	if (live) return UUID.test(live.meetingId) ? { ...live, kind: 'live' } : null;
	const open = parsePublicRoomName(name);
	if (open) return UUID.test(open.meetingId) ? { ...open, kind: 'public' } : null;
	const minutes = parseMinutesRoomName(name);
	if (minutes) return UUID.test(minutes.meetingId) ? { ...minutes, kind: 'minutes' } : null;
	return null;
}

/** The access the roles give to a room of this kind of an existing meeting of the body. */
export function roomAccessForRoles(roles: Set<Role>, kind: RoomRef['kind']): Access | null {
	// A meeting's live rooms are the server's: everyone who may follow the meeting reads them,
	// nobody writes; the public one is open to whoever `public` is.
	if (kind === 'public') return can(['public'], 'meeting.view-live') ? 'read-only' : null;
	if (kind === 'live') return can(roles, 'meeting.view-live') ? 'read-only' : null;
	if (can(roles, 'minutes.edit')) return 'read-write';
	if (can(roles, 'minutes.read')) return 'read-only';
	return null;
}

/**
 * The access of each (visitor, room) pair, in the order asked, from three queries: the bodies
 * named, their meetings named, and the named users' memberships in them. A visitor without an
 * account holds the role `public` only; an instance admin holds `instance-admin` in every body.
 */
export async function decideRoomAccesses(
	db: Database,
	requests: { visitor: RoomVisitor; room: string }[]
): Promise<(Access | null)[]> {
	const refs = requests.map((request) => parseRoomName(request.room));
	const slugs = [...new Set(refs.flatMap((ref) => (ref ? [ref.slug] : [])))];
	if (slugs.length === 0) return requests.map(() => null);
	const bodies = await db
		.select({ id: secretariats.id, slug: secretariats.slug })
		.from(secretariats)
		.where(inArray(secretariats.slug, slugs));
	const bodyOf = new Map(bodies.map((body) => [body.slug, body.id]));
	const bodyIds = [...bodyOf.values()];
	if (bodyIds.length === 0) return requests.map(() => null);
	const meetingIds = [...new Set(refs.flatMap((ref) => (ref ? [ref.meetingId] : [])))];
	const userIds = [
		...new Set(requests.flatMap((request) => (request.visitor ? [request.visitor.id] : [])))
	];
	const [meetingRows, memberRows] = await Promise.all([
		db
			.select({ id: meetings.id, secretariatId: meetings.secretariatId })
			.from(meetings)
			.where(and(inArray(meetings.id, meetingIds), inArray(meetings.secretariatId, bodyIds))),
		userIds.length === 0
			? Promise.resolve([])
			: db
					.select({
						userId: members.userId,
						secretariatId: members.secretariatId,
						role: members.role
					})
					.from(members)
					.where(
						and(
							inArray(members.userId, userIds),
							inArray(members.secretariatId, bodyIds),
							isNull(members.endedAt)
						)
					)
	]);
	const meetingsOf = new Set(meetingRows.map((row) => `${row.secretariatId} ${row.id}`));
	const held = new Map<string, Role[]>();
	for (const row of memberRows) {
		const key = `${row.userId} ${row.secretariatId}`;
		held.set(key, [...(held.get(key) ?? []), row.role]);
	}
	return requests.map(({ visitor }, index) => {
		const ref = refs[index];
		const bodyId = ref && bodyOf.get(ref.slug);
		// Only the documents of the body's own meetings exist: nobody creates rooms by naming them.
		if (!ref || !bodyId || !meetingsOf.has(`${bodyId} ${ref.meetingId}`)) return null;
		// Without an account, the public room at most: never the minutes nor the members' room,
		// whatever the matrix says.
		if (!visitor && ref.kind !== 'public') return null;
		const roles = new Set<Role>(visitor ? (held.get(`${visitor.id} ${bodyId}`) ?? []) : ['public']);
		if (visitor?.isInstanceAdmin) roles.add('instance-admin');
		return roomAccessForRoles(roles, ref.kind);
	});
}

/** The access of one visitor to one room (the upgrade's question). */
export async function decideRoomAccess(
	db: Database,
	visitor: RoomVisitor,
	room: string
): Promise<Access | null> {
	const [access] = await decideRoomAccesses(db, [{ visitor, room }]);
	return access ?? null;
}
