import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import {
	AUTH_SESSION_LIFETIME_MS,
	createAuthSession,
	invalidateAuthSession,
	validateAuthSessionToken
} from '../../src/lib/server/auth/session';
import { createFirstAccount } from '../../src/lib/server/auth/accounts';
import { authSessions } from '../../src/lib/server/db/schema';

const DAY = 24 * 60 * 60 * 1000;

describe.each(engines)('auth sessions on %s', (engine) => {
	let database: TestDatabase;
	let userId: string;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
		const created = await createFirstAccount(database.db, {
			name: 'Ana',
			email: 'ana@example.mx',
			password: 'una contraseña larga',
			locale: 'es-MX'
		});
		if (!created.ok) throw new Error('could not create the account');
		userId = created.user.id;
	});

	it('stores only the hash of the token secret', async () => {
		const { token } = await createAuthSession(database.db, userId);
		const [id, secret] = token.split('.');
		const rows = await database.db.select().from(authSessions);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.id).toBe(id);
		expect(rows[0]!.secretHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(rows)).not.toContain(secret);
	});

	it('validates its own token and returns the user', async () => {
		const { token } = await createAuthSession(database.db, userId);
		const session = await validateAuthSessionToken(database.db, token);
		expect(session?.user).toMatchObject({
			id: userId,
			email: 'ana@example.mx',
			isInstanceAdmin: true
		});
		expect(session?.renewed).toBe(false);
	});

	it('refuses a forged secret, an unknown id and malformed tokens', async () => {
		const { token } = await createAuthSession(database.db, userId);
		const [id] = token.split('.');
		expect(
			await validateAuthSessionToken(database.db, `${id}.forgedsecretforgedsecret`)
		).toBeNull();
		expect(
			await validateAuthSessionToken(database.db, `unknownid.${token.split('.')[1]}`)
		).toBeNull();
		for (const bad of ['', 'nodot', `${token}.extra`, '.', null, undefined]) {
			expect(await validateAuthSessionToken(database.db, bad)).toBeNull();
		}
	});

	it('expires after its lifetime and deletes the expired row', async () => {
		const start = new Date('2026-01-01T12:00:00Z');
		const { token } = await createAuthSession(database.db, userId, start);
		const later = new Date(start.getTime() + AUTH_SESSION_LIFETIME_MS + 1000);
		expect(await validateAuthSessionToken(database.db, token, later)).toBeNull();
		expect(await database.db.select().from(authSessions)).toHaveLength(0);
	});

	it('slides: a use in the second half of its life renews it for the full lifetime', async () => {
		const start = new Date('2026-01-01T12:00:00Z');
		const { token } = await createAuthSession(database.db, userId, start);
		const day10 = new Date(start.getTime() + 10 * DAY);
		expect((await validateAuthSessionToken(database.db, token, day10))?.renewed).toBe(false);
		const day20 = new Date(start.getTime() + 20 * DAY);
		const renewed = await validateAuthSessionToken(database.db, token, day20);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.expiresAt.getTime()).toBe(day20.getTime() + AUTH_SESSION_LIFETIME_MS);
		const day45 = new Date(start.getTime() + 45 * DAY);
		expect(await validateAuthSessionToken(database.db, token, day45)).not.toBeNull();
	});

	it('is gone after sign-out', async () => {
		const { token } = await createAuthSession(database.db, userId);
		await invalidateAuthSession(database.db, token.split('.')[0]!);
		expect(await validateAuthSessionToken(database.db, token)).toBeNull();
	});
});
