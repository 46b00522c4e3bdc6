/**
 * Section g: anyone may ask to join the body's open-government exercise. The request counts once
 * the emailed link is followed (so nobody can sign someone else up); the link's secret is kept only
 * as its SHA-256 hash (like invitations, src/lib/server/auth/tokens.ts) and lasts seven days. The
 * body's admins see the confirmed requests.
 */
import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { joinRequests, secretariats } from '../db/schema';
import { generateSecret, hashSecret } from '../auth/tokens';

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/** Records an unconfirmed request and returns the secret to mail (never stored). */
export async function createJoinRequest(
	db: Database,
	secretariatId: string,
	input: { name: string; email: string; organisation: string; motivation: string },
	now = new Date()
): Promise<{ token: string }> {
	const token = generateSecret();
	await db.insert(joinRequests).values({
		secretariatId,
		...input,
		email: input.email.trim().toLowerCase(),
		tokenHash: hashSecret(token),
		expiresAt: new Date(now.getTime() + SEVEN_DAYS_MS)
	});
	return { token };
}

/**
 * Confirms the request of an emailed link: the body's slug and name when the link is valid and
 * not expired (following it twice is fine), null otherwise.
 */
export async function confirmJoinRequest(
	db: Database,
	token: string,
	now = new Date()
): Promise<{ slug: string; name: string } | null> {
	const [row] = await db
		.select({ id: joinRequests.id, slug: secretariats.slug, name: secretariats.name })
		.from(joinRequests)
		.innerJoin(secretariats, eq(secretariats.id, joinRequests.secretariatId))
		.where(and(eq(joinRequests.tokenHash, hashSecret(token)), gt(joinRequests.expiresAt, now)));
	if (!row) return null;
	await db
		.update(joinRequests)
		.set({ confirmedAt: now })
		.where(and(eq(joinRequests.id, row.id), isNull(joinRequests.confirmedAt)));
	return { slug: row.slug, name: row.name };
}

/** The body's confirmed join requests, newest first, for its admins. */
export function listConfirmedJoinRequests(db: Database, secretariatId: string) {
	return db
		.select({
			id: joinRequests.id,
			name: joinRequests.name,
			email: joinRequests.email,
			organisation: joinRequests.organisation,
			motivation: joinRequests.motivation,
			confirmedAt: joinRequests.confirmedAt
		})
		.from(joinRequests)
		.where(and(eq(joinRequests.secretariatId, secretariatId), isNotNull(joinRequests.confirmedAt)))
		.orderBy(desc(joinRequests.confirmedAt));
}
