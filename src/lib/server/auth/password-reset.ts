/**
 * Password reset by emailed link: valid one hour, once. Using it replaces the password and ends
 * every existing login of the account, closing their live connections at once.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { authSessions, passwordResets, users, type User } from '../db/schema';
import { normalizeEmail } from './accounts';
import { hashPassword } from './password';
import { generateSecret, hashSecret } from './tokens';
import { recheckLoginSockets } from '../login-sockets';

const RESET_LIFETIME_MS = 60 * 60 * 1000;

/** Creates a reset link for the email's account; null when no account has that email. */
export async function createPasswordReset(
	db: Database,
	email: string,
	now = new Date()
): Promise<{ token: string; user: Pick<User, 'email' | 'name' | 'locale'> } | null> {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.email, normalizeEmail(email)));
	if (!user) return null;
	const token = generateSecret();
	await db.insert(passwordResets).values({
		userId: user.id,
		tokenHash: hashSecret(token),
		expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS)
	});
	return { token, user };
}

/** Whether a reset link can still be used; the page asks before showing its form. */
export async function isPasswordResetOpen(
	db: Database,
	token: string,
	now = new Date()
): Promise<boolean> {
	const [row] = await db
		.select({ id: passwordResets.id })
		.from(passwordResets)
		.where(
			and(
				eq(passwordResets.tokenHash, hashSecret(token)),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, now)
			)
		);
	return Boolean(row);
}

/** Sets the new password through a reset link; returns the user, or null when the link is not valid. */
export async function resetPassword(
	db: Database,
	input: { token: string; password: string },
	now = new Date()
): Promise<User | null> {
	// Cheap refusal first: a dead link costs the server no password hashing.
	if (!(await isPasswordResetOpen(db, input.token, now))) return null;
	const passwordHash = await hashPassword(input.password);
	const user = await db.transaction(async (tx) => {
		const [reset] = await tx
			.update(passwordResets)
			.set({ usedAt: now })
			.where(
				and(
					eq(passwordResets.tokenHash, hashSecret(input.token)),
					isNull(passwordResets.usedAt),
					gt(passwordResets.expiresAt, now)
				)
			)
			.returning({ userId: passwordResets.userId });
		if (!reset) return null;
		const [user] = await tx
			.update(users)
			.set({ passwordHash })
			.where(eq(users.id, reset.userId))
			.returning();
		await tx.delete(authSessions).where(eq(authSessions.userId, reset.userId));
		return user ?? null;
	});
	// After the commit: the re-check must find the logins gone.
	if (user) recheckLoginSockets({ userId: user.id });
	return user;
}
