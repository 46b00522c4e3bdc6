import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, secretMatchesHash } from './tokens';

describe('secrets and their hashes', () => {
	it('generates 160-bit lower-case base32 secrets that do not repeat', () => {
		const secrets = new Set(Array.from({ length: 1000 }, generateSecret));
		expect(secrets.size).toBe(1000);
		for (const secret of secrets) expect(secret).toMatch(/^[a-z2-7]{32}$/);
	});

	it('hashes to hex SHA-256 and matches only the same secret', () => {
		const secret = generateSecret();
		const hash = hashSecret(secret);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hashSecret('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(secretMatchesHash(secret, hash)).toBe(true);
		expect(secretMatchesHash(`${secret}x`, hash)).toBe(false);
		expect(secretMatchesHash(secret, 'not hex')).toBe(false);
		expect(secretMatchesHash(secret, hash.slice(2))).toBe(false);
	});
});
