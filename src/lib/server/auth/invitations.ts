/**
 * Invitations: after the first account, people join only by an admin's invitation. The link
 * carries a secret whose hash is stored; it is valid for 7 days and once.
 */
import { TransactionRollbackError, and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { invitations, users, type User } from '../db/schema';
import { normalizeEmail } from './accounts';
import { hashPassword } from './password';
import { linkMembershipsToUser } from '../secretariats/members';
import { generateSecret, hashSecret } from './tokens';
import { isUniqueViolation } from '../db/errors';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type CreateInvitationResult =
	| { ok: true; token: string; email: string; expiresAt: Date }
	| { ok: false; reason: 'already-has-account' };

/** Records an invitation for an email; the caller mails the link built from the token. */
export async function createInvitation(
	db: Database,
	input: { email: string; invitedBy: string },
	now = new Date()
): Promise<CreateInvitationResult> {
	const email = normalizeEmail(input.email);
	const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
	if (existing) return { ok: false, reason: 'already-has-account' };
	const token = generateSecret();
	const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
	await db
		.insert(invitations)
		.values({ email, tokenHash: hashSecret(token), invitedBy: input.invitedBy, expiresAt });
	return { ok: true, token, email, expiresAt };
}

/** The open invitation behind a link, or null when it is unknown, used or expired. */
export async function findOpenInvitation(db: Database, token: string, now = new Date()) {
	const [row] = await db
		.select({
			id: invitations.id,
			email: invitations.email,
			expiresAt: invitations.expiresAt,
			secretariatId: invitations.secretariatId
		})
		.from(invitations)
		.where(
			and(
				eq(invitations.tokenHash, hashSecret(token)),
				isNull(invitations.acceptedAt),
				gt(invitations.expiresAt, now)
			)
		);
	return row ?? null;
}

export type AcceptInvitationResult =
	| { ok: true; user: User; secretariatId: string | null }
	| { ok: false; reason: 'invalid-invitation' | 'already-has-account' };

/**
 * Turns an open invitation into an account, in one transaction so a link works once; answers the
 * body the invitation was to (null for an admin's invitation to the instance).
 */
export async function acceptInvitation(
	db: Database,
	input: { token: string; name: string; password: string; locale: string },
	now = new Date()
): Promise<AcceptInvitationResult> {
	const passwordHash = await hashPassword(input.password);
	return db
		.transaction(async (tx): Promise<AcceptInvitationResult> => {
			const [invitation] = await tx
				.update(invitations)
				.set({ acceptedAt: now })
				.where(
					and(
						eq(invitations.tokenHash, hashSecret(input.token)),
						isNull(invitations.acceptedAt),
						gt(invitations.expiresAt, now)
					)
				)
				.returning({ email: invitations.email, secretariatId: invitations.secretariatId });
			if (!invitation) return { ok: false, reason: 'invalid-invitation' };
			const [existing] = await tx
				.select({ id: users.id })
				.from(users)
				.where(eq(users.email, invitation.email));
			// Leaves the invitation open: the person may have an account made meanwhile by another link.
			if (existing) tx.rollback();
			const [user] = await tx
				.insert(users)
				.values({ email: invitation.email, name: input.name, passwordHash, locale: input.locale })
				.returning();
			// Every secretariat that listed this email (titular, substitute, facilitator…) now knows the account.
			await linkMembershipsToUser(tx, user!);
			// The body the invitation came from: the new member lands on it.
			return { ok: true, user: user!, secretariatId: invitation.secretariatId };
		})
		.catch((error: unknown): AcceptInvitationResult => {
			// A rollback above, or two invitations to one email accepted at the same instant.
			if (error instanceof TransactionRollbackError || isUniqueViolation(error)) {
				return { ok: false, reason: 'already-has-account' };
			}
			throw error;
		});
}

/** The invitations an admin sees, newest first. */
export function listInvitations(db: Database) {
	return db
		.select({
			id: invitations.id,
			email: invitations.email,
			createdAt: invitations.createdAt,
			expiresAt: invitations.expiresAt,
			acceptedAt: invitations.acceptedAt
		})
		.from(invitations)
		.orderBy(desc(invitations.createdAt))
		.limit(200);
}
