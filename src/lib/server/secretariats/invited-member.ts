/**
 * What the invitation page knows of the person a body invited: the name the body's admin wrote
 * when adding them (the form starts with it), the body's name, and where they land once in.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { members, secretariats } from '../db/schema';

/** The invitee's name as the body lists it, and the body's name; null when no longer listed. */
export async function findInvitedMember(
	db: Database,
	secretariatId: string,
	email: string
): Promise<{ name: string; bodyName: string } | null> {
	const [row] = await db
		.select({ name: members.name, bodyName: secretariats.name })
		.from(members)
		.innerJoin(secretariats, eq(secretariats.id, members.secretariatId))
		.where(
			and(
				eq(members.secretariatId, secretariatId),
				eq(members.email, email),
				isNull(members.endedAt)
			)
		)
		.limit(1);
	return row ?? null;
}

/** A body's slug by id, for the redirect after accepting its invitation. */
export async function findSecretariatSlug(db: Database, id: string): Promise<string | null> {
	const [row] = await db
		.select({ slug: secretariats.slug })
		.from(secretariats)
		.where(eq(secretariats.id, id));
	return row?.slug ?? null;
}
