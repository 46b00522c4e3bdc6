/**
 * Random secrets and their hashes, shared by auth sessions, invitations and password resets.
 * A secret leaves the server once, in a cookie or a link; the database keeps only SHA-256 of it,
 * so a leaked table opens no account.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 160 random bits in lower-case base32: safe in URLs and cookies. */
export function generateSecret(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The hex SHA-256 of a secret, as stored. */
export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Compares a presented secret with a stored hash without leaking timing. */
export function secretMatchesHash(secret: string, storedHash: string): boolean {
	const presented = sha256(new TextEncoder().encode(secret));
	let stored: Uint8Array;
	try {
		stored = decodeHex(storedHash);
	} catch {
		return false;
	}
	return constantTimeEqual(presented, stored);
}
