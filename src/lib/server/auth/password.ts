/**
 * Password hashing with argon2id (OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane).
 * The password policy (length) is in $lib/validation/account.ts, where the forms read it.
 */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Hashes a new password for storage. */
export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2ID);
}

/** Checks a password against its stored hash; a malformed hash is simply a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
	try {
		return await verify(storedHash, password);
	} catch {
		return false;
	}
}

// Verified against when the account does not exist, so that an unknown email costs the same time.
let decoyHash: Promise<string> | undefined;
/** Spends the time of one verification without an account; sign-in calls it for unknown emails. */
export async function verifyDecoyPassword(password: string): Promise<false> {
	decoyHash ??= hashPassword('decoy password that matches nothing');
	await verifyPassword(await decoyHash, password);
	return false;
}
