/**
 * The monthly dispatch of the approved minutes to the oversight body (I III.8, V.5), its delivery
 * log and reminder, the end-of-term reminder and the hand-over package (Z art. 5, I I.7), on a real
 * database (both engines) and a real SMTP sink; and the refusals of those the rules do not name.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFParse } from 'pdf-parse';
import { isHttpError } from '@sveltejs/kit';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import {
	createSecretariat,
	loadSecretariat,
	type LoadedSecretariat
} from '../../src/lib/server/secretariats/secretariats';
import { addMember, listMembers, saveSeat } from '../../src/lib/server/secretariats/members';
import { requireSecretariatAction } from '../../src/lib/server/secretariats/access';
import { createMeeting } from '../../src/lib/server/meetings/meetings';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import { closeMotion, proposeMotion } from '../../src/lib/server/meetings/decisions';
import { approveMinutesVersion, closeMeeting } from '../../src/lib/server/minutes/minutes';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	meetings,
	memberNotices,
	members,
	outboxMessages,
	secretariats,
	users
} from '../../src/lib/server/db/schema';
import { createPlan } from '../../src/lib/server/plan/plans';
import { dispatchMonthMinutes } from '../../src/lib/server/dispatch/minutes-dispatch';
import {
	listDispatchableVersions,
	listDispatchLog,
	saveDispatchSettings
} from '../../src/lib/server/dispatch/dispatch-data';
import { requireDispatchAccess } from '../../src/lib/server/dispatch/dispatch-access';
import { listSentReminders, runScheduledJobs } from '../../src/lib/server/dispatch/scheduled-jobs';
import { buildHandoverZip } from '../../src/lib/server/dispatch/handover';
import { groupPendingDispatches } from '../../src/lib/rules/dispatch-schedule';
import type { SessionUser } from '../../src/lib/server/auth/session';

const mexicoCity = (wallClock: string) => new Date(`${wallClock}-06:00`);
const held = (name: string, email: string) => ({
	name,
	position: 'Cargo',
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

async function pdfText(bytes: Uint8Array): Promise<string> {
	const parser = new PDFParse({ data: new Uint8Array(bytes) });
	try {
		return (await parser.getText()).text;
	} finally {
		await parser.destroy();
	}
}

describe.each(engines)('monthly dispatch and end of term on %s', (engine) => {
	let database: TestDatabase;
	let sink: SmtpSink;
	let body: LoadedSecretariat;
	let otherBody: LoadedSecretariat;
	let account: (email: string) => Promise<SessionUser>;
	let memberId: (email: string) => Promise<string>;
	const settings = () => ({ smtpUrl: sink.url, from: 'Mesa <no-reply@mesa.test>' });

	beforeAll(async () => {
		sink = await startSmtpSink();
		database = await openTestDatabase(engine);
	});
	afterAll(async () => {
		await database.drop();
		await sink.close();
	});

	beforeEach(async () => {
		await emptyTestDatabase(database);
		sink.messages.length = 0;
		const db = database.db;
		// INAI template: the guarantor dispatches by the end of the meeting's month (I III.8, V.5).
		const created = await createSecretariat(db, { name: 'STL de Prueba', presetId: 'inai-stl' });
		await db
			.update(secretariats)
			.set({ oversightEmail: 'Supervision@Organo.mx' })
			.where(eq(secretariats.id, created.id));
		const loaded = (await loadSecretariat(db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			const email = seat.sector === 'guarantor' ? 'garante@x.mx' : `t${index}@x.mx`;
			await saveSeat(db, created.id, seat.id, {
				sector: seat.sector,
				organisation: `Organización ${index}`,
				titular: held(`Titular ${index}`, email),
				substitute: held(`Suplente ${index}`, `s${index}@x.mx`)
			});
		}
		await addMember(db, created.id, 'facilitator', held('Facilitadora', 'f@x.mx'));
		await addMember(db, created.id, 'companion', held('Acompañante', 'a@x.mx'));
		body = (await loadSecretariat(db, created.slug))!;
		const other = await createSecretariat(db, { name: 'STM Otro', presetId: 'tacambaro-stm' });
		await addMember(db, other.id, 'facilitator', held('Otra Facilitadora', 'otra@x.mx'));
		otherBody = (await loadSecretariat(db, other.slug))!;

		const passwordHash = await hashPassword('una contraseña larga');
		const people = [
			...(await listMembers(db, body.secretariat.id)),
			...(await listMembers(db, otherBody.secretariat.id))
		];
		const accounts = new Map<string, SessionUser>();
		for (const person of people) {
			const [user] = await db
				.insert(users)
				.values({ email: person.email, name: person.name, passwordHash })
				.returning();
			accounts.set(person.email, user!);
			await db.update(members).set({ userId: user!.id }).where(eq(members.id, person.id));
		}
		account = async (email) => accounts.get(email)!;
		memberId = async (email) => people.find((p) => p.email === email)!.id;
	});

	/** Holds, closes and approves a meeting on 5 November 2026; returns its version. */
	async function holdApprovedMeeting(title = 'Sesión de noviembre') {
		const db = database.db;
		const facilitator = await account('f@x.mx');
		const meeting = await createMeeting(db, body, {
			kind: 'ordinary',
			title,
			scheduledAt: mexicoCity('2026-11-05T10:00'),
			place: 'Sala'
		});
		await openMeeting(db, body, meeting.id);
		for (const email of ['garante@x.mx', 't0@x.mx', 't2@x.mx', 'f@x.mx'])
			await setAttendance(db, body, meeting.id, {
				memberId: await memberId(email),
				present: true,
				remote: false,
				by: facilitator.id
			});
		await proposeMotion(db, body, meeting.id, 'Publicar el calendario de sesiones');
		await closeMotion(db, body, meeting.id);
		const closed = await closeMeeting(db, body, meeting.id, facilitator.id);
		if (!closed.ok) throw new Error(closed.reason);
		// The meeting was held on its day, whatever the day the test runs.
		await db
			.update(meetings)
			.set({ startedAt: mexicoCity('2026-11-05T10:05') })
			.where(eq(meetings.id, meeting.id));
		const approved = await approveMinutesVersion(db, closed.version, {
			method: 'vote',
			note: '',
			userId: facilitator.id
		});
		if (!approved.ok) throw new Error(approved.reason);
		return { meeting, version: closed.version };
	}

	const eventFor = (user: SessionUser, slug: string) => ({
		locals: { user, authSession: null },
		url: new URL(`http://x/secretariados/${slug}/envio-mensual`)
	});
	const refusalOf = (promise: Promise<unknown>) =>
		promise.then(
			() => 'allowed',
			(e: unknown) => (isHttpError(e) ? e.status : e)
		);

	it('sends the month’s approved minutes with their PDFs, logs it, and never offers them again', async () => {
		const db = database.db;
		const { version } = await holdApprovedMeeting();
		await saveDispatchSettings(db, body.secretariat.id, {
			extraRecipients: ['enlace@nacional.mx'],
			reminderDays: 5,
			termReminderDays: 30
		});
		const now = mexicoCity('2026-11-21T12:00');
		const pending = groupPendingDispatches(
			body.rules,
			await listDispatchableVersions(db, body.secretariat.id),
			now
		);
		expect(pending).toHaveLength(1);
		expect(pending[0]).toMatchObject({ month: '2026-11', overdue: false });
		expect(pending[0]!.deadline?.lastDay).toBe('2026-11-30');
		expect(pending[0]!.versions.map((v) => v.versionId)).toEqual([version.id]);

		const guarantor = await account('garante@x.mx');
		const access = await requireDispatchAccess(
			db,
			eventFor(guarantor, body.secretariat.slug),
			body.secretariat.slug,
			'send'
		);
		const result = await dispatchMonthMinutes(db, access, {
			month: '2026-11',
			sender: { id: guarantor.id, name: guarantor.name },
			origin: 'http://mesa.test',
			now,
			mailSettings: settings()
		});
		expect(result).toMatchObject({
			ok: true,
			versions: 1,
			recipients: ['supervision@organo.mx', 'enlace@nacional.mx']
		});

		// The mails reached a real SMTP server, each with the minutes' PDF, which reads back.
		expect(sink.messages.flatMap((mail) => mail.to).sort()).toEqual([
			'enlace@nacional.mx',
			'supervision@organo.mx'
		]);
		for (const mail of sink.messages) {
			expect(mail.subject).toBe('Minutas aprobadas de noviembre de 2026 — STL de Prueba');
			expect(mail.text).toContain(version.sha256);
			expect(mail.attachments).toHaveLength(1);
			const [pdf] = mail.attachments;
			expect(pdf!.mimeType).toBe('application/pdf');
			expect(pdf!.filename).toMatch(/-ACTA-2026-11-05-v1\.pdf$/);
			expect(strFromU8(pdf!.bytes.slice(0, 5))).toBe('%PDF-');
			expect(await pdfText(pdf!.bytes)).toContain('Publicar el calendario de sesiones');
		}

		// The delivery log: which versions, to whom, by whom, each outbox row and its status.
		const log = await listDispatchLog(db, body.secretariat.id);
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({
			month: '2026-11',
			sentByName: guarantor.name,
			versions: [{ meetingTitle: 'Sesión de noviembre', number: 1 }]
		});
		expect(log[0]!.deliveries.map((d) => [d.toAddress, d.status]).sort()).toEqual([
			['enlace@nacional.mx', 'sent'],
			['supervision@organo.mx', 'sent']
		]);
		const outbox = await db.select().from(outboxMessages);
		expect(log[0]!.deliveries.map((d) => d.outboxId).sort()).toEqual(
			outbox.map((row) => row.id).sort()
		);

		// Sent once: nothing is offered again, and a second click sends nothing.
		expect(
			groupPendingDispatches(
				body.rules,
				await listDispatchableVersions(db, body.secretariat.id),
				now
			)
		).toEqual([]);
		expect(
			await dispatchMonthMinutes(db, access, {
				month: '2026-11',
				sender: { id: guarantor.id, name: guarantor.name },
				origin: 'http://mesa.test',
				now,
				mailSettings: settings()
			})
		).toEqual({ ok: false, reason: 'nothing-pending' });
		expect(sink.messages).toHaveLength(2);
	});

	it('offers again the minutes whose every mail failed', async () => {
		const db = database.db;
		await holdApprovedMeeting();
		const guarantor = await account('garante@x.mx');
		const result = await dispatchMonthMinutes(db, body, {
			month: '2026-11',
			sender: { id: guarantor.id, name: guarantor.name },
			origin: 'http://mesa.test',
			mailSettings: { smtpUrl: 'smtp://127.0.0.1:1', from: 'x@mesa.test' }
		});
		expect(result.ok).toBe(true);
		const log = await listDispatchLog(db, body.secretariat.id);
		expect(log[0]!.deliveries.map((d) => d.status)).toEqual(['failed']);
		const pending = groupPendingDispatches(
			body.rules,
			await listDispatchableVersions(db, body.secretariat.id),
			new Date()
		);
		expect(pending).toHaveLength(1);
	});

	it('refuses to send without any recipient', async () => {
		await holdApprovedMeeting();
		await database.db
			.update(secretariats)
			.set({ oversightEmail: null })
			.where(eq(secretariats.id, body.secretariat.id));
		const loaded = (await loadSecretariat(database.db, body.secretariat.slug))!;
		const guarantor = await account('garante@x.mx');
		expect(
			await dispatchMonthMinutes(database.db, loaded, {
				month: '2026-11',
				sender: { id: guarantor.id, name: guarantor.name },
				origin: 'http://mesa.test',
				mailSettings: settings()
			})
		).toEqual({ ok: false, reason: 'no-recipients' });
		expect(sink.messages).toHaveLength(0);
	});

	it('refuses the dispatch to a companion (matrix) and to those the rules do not name (403)', async () => {
		const slug = body.secretariat.slug;
		const db = database.db;
		const attempt = async (email: string, act: 'view' | 'send') =>
			refusalOf(requireDispatchAccess(db, eventFor(await account(email), slug), slug, act));
		expect(await attempt('a@x.mx', 'send')).toBe(403);
		expect(await attempt('a@x.mx', 'view')).toBe(403);
		// INAI: the guarantor sends (I V.5); another seat's titular and the facilitator see it only.
		expect(await attempt('t0@x.mx', 'send')).toBe(403);
		expect(await attempt('f@x.mx', 'send')).toBe(403);
		expect(await attempt('f@x.mx', 'view')).toBe('allowed');
		expect(await attempt('garante@x.mx', 'send')).toBe('allowed');
		expect(await attempt('otra@x.mx', 'view')).toBe(403);
	});

	it('reminds the facilitator and the guarantor once, from five days before the deadline', async () => {
		const db = database.db;
		await holdApprovedMeeting();
		const run = (at: string) => runScheduledJobs(db, mexicoCity(at), settings());
		expect(await run('2026-11-24T23:00')).toEqual({ remindersSent: 0 });
		expect(sink.messages).toHaveLength(0);
		expect(await run('2026-11-25T08:00')).toEqual({ remindersSent: 2 });
		expect(await run('2026-11-25T09:00')).toEqual({ remindersSent: 0 });
		expect(await run('2026-11-29T09:00')).toEqual({ remindersSent: 0 });
		expect(sink.messages.flatMap((mail) => mail.to).sort()).toEqual(['f@x.mx', 'garante@x.mx']);
		expect(sink.messages[0]!.subject).toContain('STL de Prueba');
		expect(sink.messages[0]!.text).toContain(
			`/secretariados/${body.secretariat.slug}/envio-mensual`
		);
		const reminders = await listSentReminders(db, body.secretariat.id);
		expect(reminders.map((r) => [r.kind, r.key])).toEqual([
			['dispatch-due', '2026-11-30'],
			['dispatch-due', '2026-11-30']
		]);
		expect(reminders.every((r) => r.outboxId)).toBe(true);
		const notices = await db.select().from(memberNotices);
		expect(notices.map((n) => n.kind)).toEqual(['dispatch-due', 'dispatch-due']);
		expect(JSON.parse(notices[0]!.detail!)).toMatchObject({ day: '2026-11-30' });
	});

	it('reminds a member and the facilitator once before the member’s term ends', async () => {
		const db = database.db;
		await db.update(members).set({ termEndsOn: '2026-12-15' }).where(eq(members.email, 't0@x.mx'));
		const run = (at: string) => runScheduledJobs(db, mexicoCity(at), settings());
		expect(await run('2026-11-14T12:00')).toEqual({ remindersSent: 0 });
		expect(await run('2026-11-15T12:00')).toEqual({ remindersSent: 2 });
		expect(await run('2026-11-15T13:00')).toEqual({ remindersSent: 0 });
		expect(await run('2026-12-10T13:00')).toEqual({ remindersSent: 0 });
		expect(sink.messages.flatMap((mail) => mail.to).sort()).toEqual(['f@x.mx', 't0@x.mx']);
		for (const mail of sink.messages) expect(mail.text).toContain('Titular 0');
		const notices = await db.select().from(memberNotices);
		expect(notices.map((n) => [n.kind, JSON.parse(n.detail!).name])).toEqual([
			['term-ending', 'Titular 0'],
			['term-ending', 'Titular 0']
		]);
	});

	it('packs every document of the body into the hand-over ZIP, with the draft activity report', async () => {
		const db = database.db;
		const { meeting } = await holdApprovedMeeting();
		await createMeeting(db, body, {
			kind: 'extraordinary',
			title: 'Sesión por venir',
			scheduledAt: mexicoCity('2026-12-10T10:00'),
			place: 'Sala'
		});
		await createPlan(db, body.secretariat.id, {
			title: 'Plan de Acción Local 2026',
			startsOn: '2026-01-01',
			endsOn: '2026-12-31'
		});
		const zip = await buildHandoverZip(db, body, {
			origin: 'http://mesa.test',
			withContacts: true,
			now: mexicoCity('2026-11-21T12:00')
		});
		const files = unzipSync(zip);
		const names = Object.keys(files).sort();
		expect(names.filter((n) => n.startsWith('convocatorias/'))).toHaveLength(2);
		expect(names.filter((n) => n.startsWith('minutas/'))).toEqual([
			expect.stringMatching(/-ACTA-2026-11-05-v1\.pdf$/)
		]);
		expect(names).toEqual(
			expect.arrayContaining([
				'acta-de-instalacion.pdf',
				'registro-de-acuerdos.csv',
				'informe-de-actividades-borrador.txt',
				expect.stringMatching(/^plan\/reporte-plan-.*\.pdf$/)
			])
		);
		for (const name of names.filter((n) => n.endsWith('.pdf')))
			expect(strFromU8(files[name]!.slice(0, 5)), name).toBe('%PDF-');
		expect(await pdfText(files['acta-de-instalacion.pdf']!)).toContain('Titular 0');
		const csv = strFromU8(files['registro-de-acuerdos.csv']!);
		expect(csv).toContain('acuerdo,texto,sesion');
		expect(csv).toContain('Publicar el calendario de sesiones');
		const report = strFromU8(files['informe-de-actividades-borrador.txt']!);
		expect(report).toContain('Sesiones celebradas: 1');
		expect(report).toContain(meeting.title);
		expect(report).toContain('Titular 0 (Titular): asistió a 1 de 1 sesión');
		expect(report).toContain('Titular 0');
		expect(report).toContain('Publicar el calendario de sesiones — Pendiente');
		expect(report).toContain('Plan de Acción Local 2026');
	});

	it('lets only the body’s own seat holders, facilitator and admins download the package (403 otherwise)', async () => {
		const slug = body.secretariat.slug;
		const attempt = async (email: string) =>
			refusalOf(
				requireSecretariatAction(
					database.db,
					eventFor(await account(email), slug),
					slug,
					'handover.download'
				)
			);
		expect(await attempt('otra@x.mx')).toBe(403);
		expect(await attempt('a@x.mx')).toBe(403);
		expect(await attempt('t0@x.mx')).toBe('allowed');
		expect(await attempt('f@x.mx')).toBe('allowed');
	});
});
