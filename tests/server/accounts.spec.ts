import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { createFirstAccount, hasAnyAccount, signIn } from '../../src/lib/server/auth/accounts';
import { SignInThrottle, accountDelayMs } from '../../src/lib/server/auth/rate-limit';
import {
	acceptInvitation,
	createInvitation,
	findOpenInvitation
} from '../../src/lib/server/auth/invitations';
import {
	createPasswordReset,
	isPasswordResetOpen,
	resetPassword
} from '../../src/lib/server/auth/password-reset';
import { createAuthSession, validateAuthSessionToken } from '../../src/lib/server/auth/session';
import { users } from '../../src/lib/server/db/schema';

const PASSWORD = 'una contraseña larga';

describe.each(engines)('accounts on %s', (engine) => {
	let database: TestDatabase;
	const first = {
		name: 'Ana Admin',
		email: '  Ana@Example.MX ',
		password: PASSWORD,
		locale: 'es-MX'
	};

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
	});

	it('makes the first account the instance admin and closes sign-up after it', async () => {
		expect(await hasAnyAccount(database.db)).toBe(false);
		const created = await createFirstAccount(database.db, first);
		expect(created.ok && created.user.isInstanceAdmin).toBe(true);
		expect(created.ok && created.user.email).toBe('ana@example.mx');
		const second = await createFirstAccount(database.db, { ...first, email: 'otro@example.mx' });
		expect(second).toEqual({ ok: false, reason: 'sign-up-closed' });
		expect(await database.db.select().from(users)).toHaveLength(1);
	});

	it('lets only one of two simultaneous first sign-ups through', async () => {
		const results = await Promise.all([
			createFirstAccount(database.db, first),
			createFirstAccount(database.db, { ...first, email: 'b@example.mx' })
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(await database.db.select().from(users)).toHaveLength(1);
	});

	it('stores the password as an argon2id hash', async () => {
		await createFirstAccount(database.db, first);
		const [row] = await database.db.select().from(users);
		expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
		expect(row!.passwordHash).not.toContain(PASSWORD);
	});

	it('signs in with the right password whatever the email case, and not with a wrong one', async () => {
		await createFirstAccount(database.db, first);
		const throttle = new SignInThrottle();
		const ok = await signIn(database.db, throttle, {
			email: 'ANA@example.mx',
			password: PASSWORD,
			address: '1.1.1.1'
		});
		expect(ok.ok).toBe(true);
		const wrong = await signIn(database.db, throttle, {
			email: 'ana@example.mx',
			password: 'nope',
			address: '1.1.1.1'
		});
		expect(wrong).toEqual({ ok: false, reason: 'wrong-credentials' });
		const unknown = await signIn(database.db, throttle, {
			email: 'nadie@example.mx',
			password: PASSWORD,
			address: '1.1.1.1'
		});
		expect(unknown).toEqual({ ok: false, reason: 'wrong-credentials' });
	});

	it('refuses an address after 5 failures on one account, and after 20 on any, but never the account from elsewhere', async () => {
		await createFirstAccount(database.db, first);
		const throttle = new SignInThrottle(async () => undefined);
		const attempt = (email: string, password: string, address = '2.2.2.2') =>
			signIn(database.db, throttle, { email, password, address });
		for (let i = 0; i < 5; i++) expect((await attempt('ana@example.mx', 'wrong')).ok).toBe(false);
		// From that address, even the right password waits.
		const blocked = await attempt('ana@example.mx', PASSWORD);
		expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
		expect(
			blocked.ok === false && blocked.reason === 'throttled' && blocked.retryAfterSeconds
		).toBeGreaterThan(0);
		// Nobody locks the owner out: from an address that has not failed, the right password works.
		expect((await attempt('ana@example.mx', PASSWORD, '3.3.3.3')).ok).toBe(true);
		// One address trying many accounts is stopped after 20 failures.
		for (let i = 0; i < 15; i++) await attempt(`guess${i}@example.mx`, 'wrong', '4.4.4.4');
		expect(await attempt('otra@example.mx', 'wrong', '4.4.4.4')).toMatchObject({
			reason: 'wrong-credentials'
		});
		for (let i = 0; i < 5; i++) await attempt(`more${i}@example.mx`, 'wrong', '4.4.4.4');
		expect(await attempt('otra2@example.mx', 'wrong', '4.4.4.4')).toMatchObject({
			reason: 'throttled'
		});
	});

	it('slows guessing spread over many addresses with a growing delay, and still lets the owner in', async () => {
		await createFirstAccount(database.db, first);
		const delays: number[] = [];
		const throttle = new SignInThrottle(async (ms) => void delays.push(ms));
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				signIn(database.db, throttle, {
					email: 'ana@example.mx',
					password: `wrong ${i}`,
					address: `10.0.0.${i}`
				})
			)
		);
		expect(results.every((r) => !r.ok && r.reason === 'wrong-credentials')).toBe(true);
		// Counted before each wait: forty sent at once wait longer and longer, up to the cap.
		expect([...delays].sort((a, b) => a - b)).toEqual(
			Array.from({ length: 40 }, (_, i) => accountDelayMs(i))
		);
		expect(accountDelayMs(2)).toBe(0);
		expect(accountDelayMs(3)).toBeGreaterThan(0);
		expect(accountDelayMs(6)).toBeGreaterThan(accountDelayMs(5));
		expect(accountDelayMs(39)).toBe(accountDelayMs(1000));
		const owner = await signIn(database.db, throttle, {
			email: 'ana@example.mx',
			password: PASSWORD,
			address: '10.1.1.1'
		});
		expect(owner.ok).toBe(true);
		expect(delays.at(-1)).toBe(accountDelayMs(40));
	});

	it('accepts an invitation once, creating the invited account', async () => {
		const created = await createFirstAccount(database.db, first);
		if (!created.ok) throw new Error('setup');
		const invitation = await createInvitation(database.db, {
			email: 'Beto@Example.mx',
			invitedBy: created.user.id
		});
		if (!invitation.ok) throw new Error('setup');
		expect((await findOpenInvitation(database.db, invitation.token))?.email).toBe(
			'beto@example.mx'
		);
		const accepted = await acceptInvitation(database.db, {
			token: invitation.token,
			name: 'Beto',
			password: PASSWORD,
			locale: 'en'
		});
		expect(accepted.ok && accepted.user).toMatchObject({
			email: 'beto@example.mx',
			isInstanceAdmin: false,
			locale: 'en'
		});
		const again = await acceptInvitation(database.db, {
			token: invitation.token,
			name: 'X',
			password: PASSWORD,
			locale: 'en'
		});
		expect(again).toEqual({ ok: false, reason: 'invalid-invitation' });
		expect(await findOpenInvitation(database.db, invitation.token)).toBeNull();
		expect(
			await createInvitation(database.db, { email: 'beto@example.mx', invitedBy: created.user.id })
		).toEqual({
			ok: false,
			reason: 'already-has-account'
		});
	});

	it('refuses an expired or forged invitation', async () => {
		const created = await createFirstAccount(database.db, first);
		if (!created.ok) throw new Error('setup');
		const past = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
		const old = await createInvitation(
			database.db,
			{ email: 'c@example.mx', invitedBy: created.user.id },
			past
		);
		if (!old.ok) throw new Error('setup');
		const input = { name: 'C', password: PASSWORD, locale: 'es-MX' };
		expect(await acceptInvitation(database.db, { ...input, token: old.token })).toEqual({
			ok: false,
			reason: 'invalid-invitation'
		});
		expect(await acceptInvitation(database.db, { ...input, token: 'forged' })).toEqual({
			ok: false,
			reason: 'invalid-invitation'
		});
	});

	it('resets a password once through its link and ends every existing login', async () => {
		const created = await createFirstAccount(database.db, first);
		if (!created.ok) throw new Error('setup');
		const { token: sessionToken } = await createAuthSession(database.db, created.user.id);
		expect(await createPasswordReset(database.db, 'nadie@example.mx')).toBeNull();
		const reset = await createPasswordReset(database.db, 'ANA@example.mx');
		if (!reset) throw new Error('setup');
		expect(await isPasswordResetOpen(database.db, reset.token)).toBe(true);
		const newPassword = 'otra contraseña distinta';
		expect(
			await resetPassword(database.db, { token: reset.token, password: newPassword })
		).not.toBeNull();
		expect(await validateAuthSessionToken(database.db, sessionToken)).toBeNull();
		expect(
			await resetPassword(database.db, { token: reset.token, password: 'tercera contraseña' })
		).toBeNull();
		const throttle = new SignInThrottle(async () => undefined);
		const address = '5.5.5.5';
		expect(
			(
				await signIn(database.db, throttle, {
					email: 'ana@example.mx',
					password: PASSWORD,
					address
				})
			).ok
		).toBe(false);
		expect(
			(
				await signIn(database.db, throttle, {
					email: 'ana@example.mx',
					password: newPassword,
					address
				})
			).ok
		).toBe(true);
	});

	it('refuses a reset link after its hour', async () => {
		await createFirstAccount(database.db, first);
		const reset = await createPasswordReset(
			database.db,
			'ana@example.mx',
			new Date(Date.now() - 61 * 60 * 1000)
		);
		if (!reset) throw new Error('setup');
		expect(await isPasswordResetOpen(database.db, reset.token)).toBe(false);
		expect(
			await resetPassword(database.db, { token: reset.token, password: 'otra contraseña distinta' })
		).toBeNull();
	});
});
