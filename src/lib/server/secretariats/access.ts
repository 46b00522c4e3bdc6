/**
 * Who someone is in a secretariat, and the guard every secretariat route calls: it loads the body,
 * works out the roles the signed-in person holds in it, and lets the action through only when the
 * permission matrix allows it for one of them. An instance admin holds 'instance-admin' in every
 * body; everyone else holds the roles of their memberships there, and nothing in other bodies.
 */
import { error, redirect } from '@sveltejs/kit';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { members, secretariats } from '../db/schema';
import { can, type Action, type Role } from '../../permissions/matrix';
import type { SessionUser } from '../auth/session';
import { assembleLoaded, seatsOfBody, type LoadedSecretariat } from './secretariats';
import { jsonList } from '../db/json-list';

/** The roles a user holds in one secretariat. */
export async function listRolesInSecretariat(
	db: Database,
	user: Pick<SessionUser, 'id' | 'isInstanceAdmin'> | null,
	secretariatId: string
): Promise<Set<Role>> {
	if (!user) return new Set(['public']);
	const rows = await db
		.select({ role: members.role })
		.from(members)
		.where(
			and(
				eq(members.secretariatId, secretariatId),
				eq(members.userId, user.id),
				isNull(members.endedAt)
			)
		);
	const held = new Set<Role>(rows.map((row) => row.role));
	if (user.isInstanceAdmin) held.add('instance-admin');
	return held;
}

/** One of the signed-in person's current memberships in the body. */
export interface OwnMembership {
	id: string;
	role: Role;
}

export interface SecretariatAccess extends LoadedSecretariat {
	user: SessionUser;
	roles: Set<Role>;
	/** The person's own current memberships here, read with the roles (no second query). */
	memberships: OwnMembership[];
	/** Whether the person may also take another action here (to show or hide a control). */
	can(action: Action): boolean;
}

// What a page's loads (layout and page, run together) both need: read once per GET request.
// Never across a form action: an action may change the very roles or rules read here.
const loadedPerRequest = new WeakMap<App.Locals, Map<string, Promise<LoadedWithRoles>>>();

interface LoadedWithRoles {
	loaded: LoadedSecretariat | null;
	roles: Set<Role>;
	memberships: OwnMembership[];
}

/** The secretariat of `slug`, its seats and the user's memberships in it: one query (issue 12). */
async function loadWithRoles(
	db: Database,
	user: SessionUser,
	slug: string
): Promise<LoadedWithRoles> {
	const [row] = await db
		.select({
			secretariat: secretariats,
			seats: seatsOfBody(),
			memberships: jsonList<OwnMembership>(sql`
				select json_agg(json_build_object('id', m.id, 'role', m.role))
				from members m
				where m.secretariat_id = ${secretariats.id} and m.user_id = ${user.id}
					and m.ended_at is null`)
		})
		.from(secretariats)
		.where(eq(secretariats.slug, slug));
	const memberships = row?.memberships ?? [];
	const roles = new Set<Role>(memberships.map((membership) => membership.role));
	if (user.isInstanceAdmin) roles.add('instance-admin');
	return {
		loaded: row ? assembleLoaded(row.secretariat, row.seats) : null,
		roles,
		memberships
	};
}

/**
 * Loads the secretariat of `slug` for a signed-in person allowed to take `action` there: an
 * anonymous visitor is sent to sign in, a stranger to the body gets 403, an unknown slug 404.
 */
export async function requireSecretariatAction(
	db: Database,
	event: { locals: App.Locals; url: URL; request?: Request },
	slug: string,
	action: Action
): Promise<SecretariatAccess> {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/entrar?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	let read: Promise<LoadedWithRoles>;
	if (event.request?.method === 'GET') {
		let cache = loadedPerRequest.get(event.locals);
		if (!cache) loadedPerRequest.set(event.locals, (cache = new Map()));
		read = cache.get(slug) ?? loadWithRoles(db, user, slug);
		cache.set(slug, read);
	} else {
		read = loadWithRoles(db, user, slug);
	}
	const { loaded, roles, memberships } = await read;
	if (!loaded) error(404);
	if (!can(roles, action)) error(403);
	return { ...loaded, user, roles, memberships, can: (other) => can(roles, other) };
}
