import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { createFirstAccount } from '../../src/lib/server/auth/accounts';
import { acceptInvitation } from '../../src/lib/server/auth/invitations';
import {
	createSecretariat,
	listSecretariatsForUser,
	loadSecretariat,
	saveNonWorkingDays,
	updateSecretariatRules,
	type LoadedSecretariat
} from '../../src/lib/server/secretariats/secretariats';
import {
	addMember,
	inviteMember,
	listMembers,
	removeSeat,
	saveSeat
} from '../../src/lib/server/secretariats/members';
import {
	listRolesInSecretariat,
	requireSecretariatAction
} from '../../src/lib/server/secretariats/access';
import { buildInstallationRecord } from '../../src/lib/server/secretariats/installation-record';
import { buildInstallationPdf } from '../../src/lib/server/documents/body-documents';
import { expectArchivalPdf } from '../support/pdf-archive';
import { presets } from '../../src/lib/rules';
import type { SessionUser } from '../../src/lib/server/auth/session';

const person = (name: string, email: string) => ({
	name,
	position: 'Cargo',
	email,
	phone: '55 0000 0000',
	termStartsOn: '2026-01-15',
	termEndsOn: '2027-01-14',
	reelections: 0
});

describe.each(engines)('secretariats on %s', (engine) => {
	let database: TestDatabase;
	let admin: SessionUser;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
		const created = await createFirstAccount(database.db, {
			name: 'Admin',
			email: 'admin@x.mx',
			password: 'una contraseña larga',
			locale: 'es-MX'
		});
		if (!created.ok) throw new Error('setup');
		admin = {
			id: created.user.id,
			email: created.user.email,
			name: 'Admin',
			locale: 'es-MX',
			isInstanceAdmin: true
		};
	});

	const load = async (slug: string) =>
		(await loadSecretariat(database.db, slug)) as LoadedSecretariat;

	it.each(presets.map((p) => [p.id, p.rules.seats.length] as const))(
		'creates a body from the %s preset with its %i seats',
		async (presetId, seatCount) => {
			const created = await createSecretariat(database.db, {
				name: `Cuerpo ${presetId}`,
				presetId
			});
			const loaded = await load(created.slug);
			expect(loaded.seats).toHaveLength(seatCount);
			expect(loaded.secretariat.presetId).toBe(presetId);
			expect(loaded.rules).toEqual(presets.find((p) => p.id === presetId)!.rules);
		}
	);

	it('gives each body its own slug, and starts a body from scratch with three seats', async () => {
		const a = await createSecretariat(database.db, { name: 'STL de Zacatecas', presetId: null });
		const b = await createSecretariat(database.db, { name: 'STL de Zacatécas', presetId: null });
		expect([a.slug, b.slug]).toEqual(['stl-de-zacatecas', 'stl-de-zacatecas-2']);
		expect((await load(a.slug)).seats).toHaveLength(3);
		expect(a.presetId).toBeNull();
	});

	it('refuses rules that do not hold together and saves nothing', async () => {
		const created = await createSecretariat(database.db, { name: 'Z', presetId: 'zacatecas-stl' });
		const loaded = await load(created.slug);
		const refused = await updateSecretariatRules(
			database.db,
			loaded.secretariat.id,
			{
				quorum: { kind: 'fixed', seats: 9 },
				notice: { ...loaded.rules.notice, ordinaryBusinessDays: -1 }
			},
			{ oversightEmail: null }
		);
		expect(refused.ok).toBe(false);
		const codes = !refused.ok ? refused.issues.map((i) => i.code) : [];
		expect(codes).toContain('rules.quorum.exceeds-seats');
		expect(codes).toContain('rules.notice.negative');
		expect((await load(created.slug)).rules).toEqual(loaded.rules);
		const saved = await updateSecretariatRules(
			database.db,
			loaded.secretariat.id,
			{ quorum: { kind: 'fixed', seats: 5 } },
			{ oversightEmail: 'sna@example.mx' }
		);
		expect(saved.ok).toBe(true);
		const after = await load(created.slug);
		expect(after.rules.quorum).toEqual({ kind: 'fixed', seats: 5 });
		expect(after.secretariat.oversightEmail).toBe('sna@example.mx');
	});

	it('keeps seats within the rules: no eighth Zacatecas seat, no body without its guarantor', async () => {
		const created = await createSecretariat(database.db, { name: 'Z', presetId: 'zacatecas-stl' });
		const loaded = await load(created.slug);
		const eighth = await saveSeat(database.db, loaded.secretariat.id, null, {
			sector: 'academia',
			organisation: 'Otra',
			titular: person('A', 'a@x.mx'),
			substitute: null
		});
		expect(eighth.ok === false && 'issues' in eighth && eighth.issues.map((i) => i.code)).toContain(
			'rules.seats.above-maximum'
		);
		const guarantor = loaded.seats.find((s) => s.sector === 'guarantor')!;
		const removed = await removeSeat(database.db, loaded.secretariat.id, guarantor.id);
		expect(removed.ok).toBe(false);
		expect((await load(created.slug)).seats).toHaveLength(7);
	});

	it('seats a titular and a substitute, one of each per seat, and replaces them', async () => {
		const created = await createSecretariat(database.db, { name: 'I', presetId: 'inai-stl' });
		const loaded = await load(created.slug);
		const seat = loaded.seats[2]!;
		const input = {
			sector: seat.sector,
			organisation: 'Red civil',
			titular: person('Tita', 'tita@x.mx'),
			substitute: person('Supl', 'Supl@X.mx')
		};
		expect(await saveSeat(database.db, loaded.secretariat.id, seat.id, input)).toEqual({
			ok: true
		});
		expect(
			await saveSeat(database.db, loaded.secretariat.id, seat.id, {
				...input,
				titular: person('Otra', 'otra@x.mx')
			})
		).toEqual({ ok: true });
		const holders = (await listMembers(database.db, loaded.secretariat.id)).filter(
			(m) => m.seatId === seat.id
		);
		expect(holders.map((h) => [h.role, h.name, h.email]).sort()).toEqual([
			['substitute', 'Supl', 'supl@x.mx'],
			['titular', 'Otra', 'otra@x.mx']
		]);
		const record = buildInstallationRecord((await load(created.slug)).seats, holders);
		expect(record.titulares[2]).toMatchObject({
			organisation: 'Red civil',
			representative: 'Otra'
		});
		expect(record.substitutes[2]).toMatchObject({ representative: 'Supl', email: 'supl@x.mx' });
		expect(record.titulares[0]!.representative).toBe('');
	});

	it('prints the installation act as PDF/A with embedded fonts, keeping every letter it can draw', async () => {
		const created = await createSecretariat(database.db, {
			name: 'Consulta Tuʼun Savi',
			presetId: 'zacatecas-stl'
		});
		const loaded = await load(created.slug);
		const seat = loaded.seats[0]!;
		await saveSeat(database.db, loaded.secretariat.id, seat.id, {
			sector: seat.sector,
			// 中 is not in Noto Sans: printed as a visible U+FFFD, the text after it kept.
			organisation: 'Ñuu Savi ĩ ū 中 Yucu',
			titular: person('Ñaña Tuʼun', 'nana@x.mx'),
			substitute: null
		});
		const body = await load(created.slug);
		const pdf = await buildInstallationPdf(database.db, body, false);
		expect(await buildInstallationPdf(database.db, body, false)).toEqual(pdf);
		const { text } = expectArchivalPdf(pdf, 'Acta de instalación del Consulta Tuʼun Savi');
		expect(text).toContain('Consulta Tuʼun Savi');
		expect(text).toContain('Ñuu Savi ĩ ū \uFFFD Yucu');
		expect(text).toContain('Ñaña Tuʼun');
	});

	it('refuses more re-elections than the rules allow (Zacatecas: once)', async () => {
		const created = await createSecretariat(database.db, { name: 'Z', presetId: 'zacatecas-stl' });
		const loaded = await load(created.slug);
		const seat = loaded.seats[0]!;
		const input = {
			sector: seat.sector,
			organisation: '',
			titular: { ...person('T', 't@x.mx'), reelections: 2 },
			substitute: null
		};
		expect(await saveSeat(database.db, loaded.secretariat.id, seat.id, input)).toEqual({
			ok: false,
			issues: [{ path: 'term.maxReelections', code: 'rules.term.reelections-exceeded' }]
		});
		expect(
			await saveSeat(database.db, loaded.secretariat.id, seat.id, {
				...input,
				titular: { ...input.titular, reelections: 1 }
			})
		).toEqual({ ok: true });
	});

	it('keeps one seat, one vote: nobody holds two seat places, and the facilitator holds none', async () => {
		const created = await createSecretariat(database.db, { name: 'I', presetId: 'inai-stl' });
		const loaded = await load(created.slug);
		const [first, second] = loaded.seats;
		const seat = (s: typeof first, titular: string, substitute: string | null) => ({
			sector: s!.sector,
			organisation: '',
			titular: person('T', titular),
			substitute: substitute ? person('S', substitute) : null
		});
		expect(
			await saveSeat(database.db, created.id, first!.id, seat(first, 'ana@x.mx', 'ANA@x.mx'))
		).toEqual({ ok: false, reason: 'same-person-twice' });
		expect(
			await saveSeat(database.db, created.id, first!.id, seat(first, 'ana@x.mx', null))
		).toEqual({ ok: true });
		expect(
			await saveSeat(database.db, created.id, second!.id, seat(second, 'beto@x.mx', 'ana@x.mx'))
		).toEqual({ ok: false, reason: 'same-person-twice' });
		// Saving the same seat again with the same person is no conflict.
		expect(
			await saveSeat(database.db, created.id, first!.id, seat(first, 'ana@x.mx', null))
		).toEqual({ ok: true });
		expect(
			await addMember(database.db, created.id, 'facilitator', person('Ana', 'ana@x.mx'))
		).toEqual({ ok: false, reason: 'facilitator-holds-seat' });
		expect(
			(await addMember(database.db, created.id, 'facilitator', person('Fe', 'fe@x.mx'))).ok
		).toBe(true);
		expect(
			await saveSeat(database.db, created.id, second!.id, seat(second, 'fe@x.mx', null))
		).toEqual({ ok: false, reason: 'holder-is-facilitator' });
	});

	it('applies simultaneous edits of the rules one after the other, losing neither', async () => {
		const created = await createSecretariat(database.db, { name: 'Z', presetId: 'zacatecas-stl' });
		await Promise.all([
			saveNonWorkingDays(database.db, created.id, (dates) => [...dates, '2026-12-24']),
			saveNonWorkingDays(database.db, created.id, (dates) => [...dates, '2026-12-31']),
			updateSecretariatRules(database.db, created.id, (rules) => ({
				cancellation: { ...rules.cancellation, minHoursBefore: 48 }
			}))
		]);
		const after = await load(created.slug);
		expect(after.rules.nonWorkingDays).toEqual(['2026-12-24', '2026-12-31']);
		expect(after.rules.cancellation.minHoursBefore).toBe(48);
	});

	it('allows one facilitator per body', async () => {
		const created = await createSecretariat(database.db, { name: 'T', presetId: 'tacambaro-stm' });
		expect(
			(await addMember(database.db, created.id, 'facilitator', person('F', 'f@x.mx'))).ok
		).toBe(true);
		expect(await addMember(database.db, created.id, 'facilitator', person('G', 'g@x.mx'))).toEqual({
			ok: false,
			reason: 'facilitator-exists'
		});
	});

	it('links an invited substitute to their seat when they accept, and only then lets them in', async () => {
		const created = await createSecretariat(database.db, { name: 'I', presetId: 'inai-stl' });
		const other = await createSecretariat(database.db, { name: 'Otro', presetId: 'inai-stl' });
		const loaded = await load(created.slug);
		const seat = loaded.seats[0]!;
		await saveSeat(database.db, loaded.secretariat.id, seat.id, {
			sector: seat.sector,
			organisation: '',
			titular: person('T', 't@x.mx'),
			substitute: person('S', 's@x.mx')
		});
		const substitute = (await listMembers(database.db, loaded.secretariat.id)).find(
			(m) => m.role === 'substitute'
		)!;
		const outcome = await inviteMember(database.db, substitute, admin.id);
		if (outcome.kind !== 'invited') throw new Error('expected an invitation');
		const accepted = await acceptInvitation(database.db, {
			token: outcome.token,
			name: 'S',
			password: 'una contraseña larga',
			locale: 'es-MX'
		});
		if (!accepted.ok) throw new Error('accept failed');
		const user: SessionUser = { ...accepted.user };
		expect([...(await listRolesInSecretariat(database.db, user, loaded.secretariat.id))]).toEqual([
			'substitute'
		]);
		expect((await listSecretariatsForUser(database.db, user)).map((s) => s.slug)).toEqual([
			created.slug
		]);
		expect((await listSecretariatsForUser(database.db, admin)).map((s) => s.slug).sort()).toEqual(
			[created.slug, other.slug].sort()
		);

		const event = {
			locals: { user, authSession: null },
			url: new URL(`http://x/secretariados/${other.slug}`)
		};
		const refusal = await requireSecretariatAction(
			database.db,
			event,
			other.slug,
			'secretariat.view'
		).catch((e: unknown) => e);
		expect(isHttpError(refusal) && refusal.status).toBe(403);
		const own = await requireSecretariatAction(
			database.db,
			event,
			created.slug,
			'secretariat.view'
		);
		expect(own.can('ballot.cast')).toBe(true);
		expect(own.can('secretariat.manage-members')).toBe(false);
		const anonymous = await requireSecretariatAction(
			database.db,
			{ ...event, locals: { user: null, authSession: null } },
			created.slug,
			'secretariat.view'
		).catch((e: unknown) => e);
		expect(isRedirect(anonymous)).toBe(true);
	});

	it('links a person who already has an account at once', async () => {
		const created = await createSecretariat(database.db, { name: 'I', presetId: 'inai-stl' });
		const added = await addMember(
			database.db,
			created.id,
			'observer',
			person('Admin', 'admin@x.mx')
		);
		if (!added.ok) throw new Error('setup');
		expect(await inviteMember(database.db, added.member, admin.id)).toEqual({
			kind: 'linked',
			email: 'admin@x.mx'
		});
		expect([...(await listRolesInSecretariat(database.db, admin, created.id))].sort()).toEqual([
			'instance-admin',
			'observer'
		]);
	});
});
