/**
 * Who someone is in a secretariat, and the guard every secretariat route calls: it loads the body,
 * works out the roles the signed-in person holds in it, and lets the action through only when the
 * permission matrix allows it for one of them. An instance admin holds 'instance-admin' in every
 * body; everyone else holds the roles of their memberships there, and nothing in other bodies.
 */
import { error, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { members } from '../db/schema';
import { can, type Action, type Role } from '../../permissions/matrix';
import type { SessionUser } from '../auth/session';
import { loadSecretariat, type LoadedSecretariat } from './secretariats';

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
		.where(and(eq(members.secretariatId, secretariatId), eq(members.userId, user.id)));
	const held = new Set<Role>(rows.map((row) => row.role));
	if (user.isInstanceAdmin) held.add('instance-admin');
	return held;
}

export interface SecretariatAccess extends LoadedSecretariat {
	user: SessionUser;
	roles: Set<Role>;
	/** Whether the person may also take another action here (to show or hide a control). */
	can(action: Action): boolean;
}

/**
 * Loads the secretariat of `slug` for a signed-in person allowed to take `action` there: an
 * anonymous visitor is sent to sign in, a stranger to the body gets 403, an unknown slug 404.
 */
export async function requireSecretariatAction(
	db: Database,
	event: { locals: App.Locals; url: URL },
	slug: string,
	action: Action
): Promise<SecretariatAccess> {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/entrar?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const loaded = await loadSecretariat(db, slug);
	if (!loaded) error(404);
	const roles = await listRolesInSecretariat(db, user, loaded.secretariat.id);
	if (!can(roles, action)) error(403);
	return { ...loaded, user, roles, can: (other) => can(roles, other) };
}
