/**
 * Accounts: the first one, made freely, becomes the instance admin; every later one comes through
 * an invitation (invitations.ts). Sign-in counts the attempt before checking the password, and spends the
 * same time whether or not the email has an account.
 */
import { count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { users, type User } from '../db/schema';
import { hashPassword, verifyDecoyPassword, verifyPassword } from './password';
import type { SignInThrottle } from './rate-limit';

/** The one spelling of an email the database knows. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Whether anybody has an account yet; the sign-up page is open only while nobody does. */
export async function hasAnyAccount(db: Database): Promise<boolean> {
	const [row] = await db.select({ n: count() }).from(users);
	return (row?.n ?? 0) > 0;
}

export type FirstAccountResult = { ok: true; user: User } | { ok: false; reason: 'sign-up-closed' };

/**
 * Creates the first account as instance admin. The table lock makes two simultaneous first
 * sign-ups impossible: the second waits, then finds the first and is refused.
 */
export async function createFirstAccount(
	db: Database,
	input: { name: string; email: string; password: string; locale: string }
): Promise<FirstAccountResult> {
	// Cheap refusal first: once sign-up is closed, nobody makes the server hash anything.
	if (await hasAnyAccount(db)) return { ok: false, reason: 'sign-up-closed' };
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		await tx.execute(sql`lock table ${users} in exclusive mode`);
		const [existing] = await tx.select({ n: count() }).from(users);
		if ((existing?.n ?? 0) > 0) return { ok: false, reason: 'sign-up-closed' } as const;
		const [user] = await tx
			.insert(users)
			.values({
				name: input.name,
				email: normalizeEmail(input.email),
				passwordHash,
				locale: input.locale,
				isInstanceAdmin: true
			})
			.returning();
		return { ok: true, user: user! } as const;
	});
}

export type SignInResult =
	| { ok: true; user: User }
	| { ok: false; reason: 'wrong-credentials' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Checks an email and password under the throttle; the caller then starts an auth session. */
export async function signIn(
	db: Database,
	throttle: SignInThrottle,
	input: { email: string; password: string; address: string }
): Promise<SignInResult> {
	const email = normalizeEmail(input.email);
	const verdict = await throttle.takeAttempt(email, input.address);
	if (!verdict.ok)
		return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
	const [user] = await db.select().from(users).where(eq(users.email, email));
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: await verifyDecoyPassword(input.password);
	if (!user || !valid) return { ok: false, reason: 'wrong-credentials' };
	await throttle.recordSuccess(email, input.address);
	return { ok: true, user };
}

/** Saves a user's language choice. */
export async function setUserLocale(db: Database, userId: string, locale: string): Promise<void> {
	await db.update(users).set({ locale }).where(eq(users.id, userId));
}
