/**
 * Convening a meeting on both engines: the notice checked against the body's business days (and its
 * own non-working days), the mail with a valid .ics reaching a real SMTP sink, the delivery log and
 * the in-app notices, re-issue on a change of date, cancellation only with every seat's approval,
 * and an open agreement appearing in the next meeting's follow-up.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { startSmtpSink, type SmtpSink, type ReceivedMail } from '../support/smtp-sink';
import {
	createSecretariat,
	loadSecretariat,
	saveNonWorkingDays,
	type LoadedSecretariat
} from '../../src/lib/server/secretariats/secretariats';
import { addMember, listMembers, saveSeat } from '../../src/lib/server/secretariats/members';
import { createMeeting } from '../../src/lib/server/meetings/meetings';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import { closeMotion, proposeMotion } from '../../src/lib/server/meetings/decisions';
import {
	issueConvocation,
	readConvocation,
	saveConvocation,
	type DraftInput
} from '../../src/lib/server/meetings/convocations';
import { listDeliveries } from '../../src/lib/server/meetings/convocation-mail';
import {
	decideAgendaProposal,
	proposeAgendaItem
} from '../../src/lib/server/meetings/agenda-proposals';
import {
	approveCancellation,
	cancelMeeting,
	requestCancellation
} from '../../src/lib/server/meetings/cancellation';
import { inviteObserver } from '../../src/lib/server/meetings/observers';
import { listNoticesForUser } from '../../src/lib/server/meetings/notices';
import {
	addAgreementNote,
	listAgreements,
	listOpenAgreementsForMeeting,
	updateAgreementFollowUp
} from '../../src/lib/server/meetings/agreements';
import { createFirstAccount } from '../../src/lib/server/auth/accounts';
import { meetings, members, outboxMessages } from '../../src/lib/server/db/schema';
import { buildConvocatoriaPdf } from '../../src/lib/server/documents/body-documents';
import { PDFParse } from 'pdf-parse';
import { expectArchivalPdf } from '../support/pdf-archive';
import { parse } from 'csv-parse/sync';
import {
	findPublicBody,
	listAgendaFeedEntries,
	listUpcomingMeetings
} from '../../src/lib/server/public/site';
import { buildAgendaFeed } from '../../src/lib/server/public/agenda-feed';
import { datasets } from '../../src/lib/server/open-data/datasets';
import { openDataFile } from '../../src/lib/server/open-data/distribution';

const holder = (name: string, email: string) => ({
	name,
	position: '',
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

// Tuesday 1 December 2026, 09:00 in Mexico City (UTC−6 all year).
const NOW = new Date('2026-12-01T15:00:00Z');
// 10:00 local: Mon 7 Dec leaves Wed 2, Thu 3, Fri 4 (3 business days); Wed 9 Dec leaves 5.
const THREE_DAYS_AHEAD = new Date('2026-12-07T16:00:00Z');
const FIVE_DAYS_AHEAD = new Date('2026-12-09T16:00:00Z');

function readIcs(mail: ReceivedMail) {
	const attachment = mail.attachments.find((a) => a.mimeType === 'text/calendar');
	expect(attachment, 'an .ics attachment').toBeDefined();
	const calendar = new ICAL.Component(ICAL.parse(attachment!.content));
	return { calendar, event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe.each(engines)('convening on %s', (engine) => {
	let database: TestDatabase;
	let sink: SmtpSink;
	let body: LoadedSecretariat;
	let adminId: string;
	let people: Awaited<ReturnType<typeof listMembers>>;
	const issuer = () => ({ userId: adminId, name: 'Gerardo Garante', email: 'garante@x.mx' });
	const context = () => ({
		origin: 'http://mesa.test',
		settings: { smtpUrl: sink.url, from: 'Mesa <no-reply@mesa.test>' }
	});

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
		const admin = await createFirstAccount(database.db, {
			name: 'A',
			email: 'a@x.mx',
			password: 'una contraseña larga',
			locale: 'es-MX'
		});
		if (!admin.ok) throw new Error('setup');
		adminId = admin.user.id;
		const created = await createSecretariat(database.db, {
			name: 'Zacatecas',
			presetId: 'zacatecas-stl'
		});
		const loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: '',
				titular: holder(`Titular ${index}`, `t${index}@x.mx`),
				substitute: holder(`Suplente ${index}`, `s${index}@x.mx`)
			});
		}
		await addMember(database.db, created.id, 'facilitator', holder('Fa', 'f@x.mx'));
		body = (await loadSecretariat(database.db, created.slug))!;
		people = await listMembers(database.db, created.id);
		// The titular of the first seat has an account: their notices are read through it.
		await database.db
			.update(members)
			.set({ userId: adminId })
			.where(eq(members.id, people.find((p) => p.name === 'Titular 0')!.id));
	});

	const draft = (scheduledAt: Date, kind: DraftInput['kind'] = 'ordinary') =>
		createMeeting(database.db, body, {
			kind,
			title: 'Sesión de diciembre',
			scheduledAt,
			place: 'Sala'
		});

	it('refuses an ordinary meeting convened 3 business days ahead with the latest date that complied', async () => {
		const meeting = await draft(THREE_DAYS_AHEAD);
		const result = await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		expect(result).toEqual({
			ok: false,
			reason: 'notice-too-late',
			businessDaysGiven: 3,
			businessDaysRequired: 5,
			// Sunday 29 November, 23:59:59.999 in Mexico City.
			latestIssue: new Date('2026-11-30T05:59:59.999Z')
		});
		expect((await readConvocation(database.db, meeting.id)).status).toBe('draft');
		expect(sink.messages).toHaveLength(0);
	});

	it('counts the body’s own non-working days', async () => {
		await saveNonWorkingDays(database.db, body.secretariat.id, () => ['2026-12-08']);
		body = (await loadSecretariat(database.db, body.secretariat.slug))!;
		const meeting = await draft(FIVE_DAYS_AHEAD);
		const result = await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		expect(result).toMatchObject({ ok: false, reason: 'notice-too-late', businessDaysGiven: 4 });
	});

	it('issues 5 business days ahead: a valid .ics to every titular, substitute, facilitator and observer', async () => {
		const meeting = await draft(FIVE_DAYS_AHEAD);
		expect(
			await inviteObserver(
				database.db,
				body,
				meeting.id,
				{ name: 'Olga Observadora', email: 'Olga@Obs.mx' },
				issuer(),
				context()
			)
		).toEqual({ ok: true, mailed: false });
		const result = await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		expect(result).toEqual({ ok: true });
		const expected = [
			...people
				.filter((p) => ['titular', 'substitute', 'facilitator'].includes(p.role))
				.map((p) => p.email),
			'olga@obs.mx'
		].sort();
		expect(sink.messages.flatMap((message) => message.to).sort()).toEqual(expected);
		const mail = sink.messages.find((message) => message.to.includes('t0@x.mx'))!;
		expect(mail.subject).toContain('Convocatoria: Sesión de diciembre');
		expect(mail.text).toContain('Verificación del quórum');
		const { calendar, event } = readIcs(mail);
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(event.uid).toBe(`${meeting.id}@mesa-abierta`);
		expect(event.sequence).toBe(0);
		expect(event.startDate.toJSDate().toISOString()).toBe(FIVE_DAYS_AHEAD.toISOString());
		expect(event.organizer).toBe('mailto:garante@x.mx');
		const attendees = event.attendees.map((a) => String(a.getFirstValue()));
		expect(attendees.sort()).toEqual(expected.map((email) => `mailto:${email}`));

		const log = await listDeliveries(database.db, meeting.id);
		expect(log).toHaveLength(expected.length);
		expect(log.every((row) => row.status === 'sent' && row.kind === 'issue')).toBe(true);

		// The convocatoria's PDF says it was issued, and when (a draft's says it was not).
		const [row] = await database.db.select().from(meetings).where(eq(meetings.id, meeting.id));
		const pdf = await buildConvocatoriaPdf(database.db, body, row!);
		const parser = new PDFParse({ data: new Uint8Array(pdf) });
		const text = (await parser.getText()).text;
		await parser.destroy();
		expect(text).toMatch(/Emitida el \d+ de \w+ de 2026/);
		expect(text).toContain('Verificación del quórum');
		expect(text).not.toContain('BORRADOR');
		const notices = await listNoticesForUser(database.db, body.secretariat.id, adminId);
		expect(notices).toMatchObject([{ kind: 'convocation-issued', meetingId: meeting.id }]);
		expect(await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW)).toEqual(
			{ ok: false, reason: 'already-issued' }
		);
	});

	it('prints a convocatoria as PDF/A with embedded fonts that keep every letter of its title', async () => {
		const meeting = await createMeeting(database.db, body, {
			kind: 'ordinary',
			title: 'Consulta Tuʼun Savi',
			scheduledAt: FIVE_DAYS_AHEAD,
			place: 'Ñuu Savi ĩ ū'
		});
		await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		const [row] = await database.db.select().from(meetings).where(eq(meetings.id, meeting.id));
		const pdf = await buildConvocatoriaPdf(database.db, body, row!);
		expect(await buildConvocatoriaPdf(database.db, body, row!)).toEqual(pdf);
		const { text, fonts } = expectArchivalPdf(pdf, 'Sesión ordinaria: Consulta Tuʼun Savi');
		expect(text).toContain('Consulta Tuʼun Savi');
		expect(text).toContain('en Ñuu Savi ĩ ū,');
		expect(new Set(fonts.map((font) => font.name.split('+')[1]))).toEqual(
			new Set(['NotoSans-Regular', 'NotoSans-Bold'])
		);
	});

	it('keeps the .ics in the outbox until SMTP takes it', async () => {
		const meeting = await draft(FIVE_DAYS_AHEAD);
		await issueConvocation(
			database.db,
			body,
			meeting.id,
			issuer(),
			{ origin: 'http://mesa.test', settings: { smtpUrl: undefined, from: 'x@mesa.test' } },
			NOW
		);
		const rows = await database.db.select().from(outboxMessages);
		expect(rows).toHaveLength(15);
		expect(rows.every((row) => row.status === 'stored')).toBe(true);
		expect(rows[0]!.attachments?.[0]?.content).toContain('BEGIN:VCALENDAR');
	});

	it('re-issues on a change of date under the same check: same UID, SEQUENCE + 1', async () => {
		const meeting = await draft(FIVE_DAYS_AHEAD);
		await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		sink.messages.length = 0;
		const input = {
			kind: 'ordinary' as const,
			title: meeting.title,
			place: meeting.place,
			onlineUrl: 'https://meet.example.mx/stl',
			documents: [{ title: 'Informe', url: 'https://example.mx/informe.pdf' }]
		};
		const late = await saveConvocation(
			database.db,
			body,
			meeting.id,
			{ ...input, scheduledAt: THREE_DAYS_AHEAD },
			issuer(),
			context(),
			NOW
		);
		expect(late).toMatchObject({ ok: false, reason: 'notice-too-late' });
		expect(sink.messages).toHaveLength(0);
		const later = new Date('2026-12-10T17:00:00Z');
		expect(
			await saveConvocation(
				database.db,
				body,
				meeting.id,
				{ ...input, scheduledAt: later },
				issuer(),
				context(),
				NOW
			)
		).toEqual({ ok: true });
		expect(sink.messages).toHaveLength(15);
		const { event } = readIcs(sink.messages[0]!);
		expect(event.uid).toBe(`${meeting.id}@mesa-abierta`);
		expect(event.sequence).toBe(1);
		expect(event.startDate.toJSDate().toISOString()).toBe(later.toISOString());
		expect(sink.messages[0]!.text).toContain('https://example.mx/informe.pdf');
	});

	it('integrates a member’s agenda proposal before the closing item', async () => {
		const meeting = await draft(FIVE_DAYS_AHEAD);
		const titular = people.find((p) => p.name === 'Titular 2')!;
		await proposeAgendaItem(database.db, body, meeting.id, titular.id, 'Informe del portal');
		const { agendaProposals, agendaItems } = await import('../../src/lib/server/db/schema');
		const [proposal] = await database.db.select().from(agendaProposals);
		expect(
			await decideAgendaProposal(database.db, body, meeting.id, proposal!.id, 'integrate')
		).toEqual({ ok: true });
		const items = await database.db
			.select()
			.from(agendaItems)
			.where(eq(agendaItems.meetingId, meeting.id))
			.orderBy(agendaItems.position);
		expect(items.map((item) => item.title || item.kind).slice(-2)).toEqual([
			'Informe del portal',
			'materials-distribution'
		]);
		expect(
			await decideAgendaProposal(database.db, body, meeting.id, proposal!.id, 'decline')
		).toEqual({ ok: false, reason: 'proposal-unknown' });
	});

	it('cancels only with every seat’s approval, then tells everyone with an .ics CANCEL', async () => {
		const meeting = await draft(FIVE_DAYS_AHEAD);
		await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		sink.messages.length = 0;
		expect(
			await requestCancellation(
				database.db,
				body,
				meeting.id,
				{ by: adminId, reason: 'Sin sala' },
				NOW
			)
		).toEqual({ ok: true });
		const seatHolders = people.filter((p) => p.role === 'titular' || p.role === 'substitute');
		// Six seats approve, one through its substitute, one seat twice (counted once).
		for (const name of [
			'Titular 0',
			'Titular 1',
			'Suplente 2',
			'Titular 3',
			'Titular 4',
			'Titular 5',
			'Suplente 5'
		])
			expect(
				await approveCancellation(
					database.db,
					body,
					meeting.id,
					seatHolders.find((p) => p.name === name)!.id
				)
			).toEqual({ ok: true });
		const refused = await cancelMeeting(database.db, body, meeting.id, issuer(), context(), NOW);
		expect(refused).toEqual({
			ok: false,
			reason: 'cancellation-not-approved',
			missingSeatKeys: [body.seats[6]!.key]
		});
		expect((await readConvocation(database.db, meeting.id)).status).toBe('issued');
		expect(sink.messages).toHaveLength(0);
		const facilitator = people.find((p) => p.role === 'facilitator')!;
		expect(await approveCancellation(database.db, body, meeting.id, facilitator.id)).toEqual({
			ok: false,
			reason: 'not-seat-holder'
		});
		await approveCancellation(
			database.db,
			body,
			meeting.id,
			seatHolders.find((p) => p.name === 'Titular 6')!.id
		);
		expect(await cancelMeeting(database.db, body, meeting.id, issuer(), context(), NOW)).toEqual({
			ok: true
		});
		const convocation = await readConvocation(database.db, meeting.id);
		expect(convocation).toMatchObject({ status: 'cancelled', sequence: 1 });
		expect(sink.messages).toHaveLength(15);
		const { calendar, event } = readIcs(sink.messages[0]!);
		expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect(event.uid).toBe(`${meeting.id}@mesa-abierta`);
		expect(event.sequence).toBe(1);
		expect(sink.messages[0]!.text).toContain('Sin sala');
	});

	it('shows a cancelled meeting as cancelled on the public agenda, its .ics feed and the open data', async () => {
		const meeting = await draft(FIVE_DAYS_AHEAD);
		const publicBody = (await findPublicBody(database.db, body.secretariat.slug))!;
		const feedEvent = async () => {
			const entries = await listAgendaFeedEntries(database.db, publicBody, 'http://mesa.test/a');
			const feed = buildAgendaFeed(publicBody, 'mesa.test', entries, NOW);
			const calendar = new ICAL.Component(ICAL.parse(feed));
			const events = calendar.getAllSubcomponents('vevent');
			expect(events).toHaveLength(1);
			const event = new ICAL.Event(events[0]!);
			return {
				uid: event.uid,
				status: events[0]!.getFirstPropertyValue('status'),
				sequence: event.sequence
			};
		};
		const sessionsCsv = async () => {
			const file = await openDataFile(
				database.db,
				{ secretariatId: body.secretariat.id },
				{
					baseUrl: 'http://mesa.test/publico/x/datos',
					landingPage: 'http://mesa.test/publico/x/datos',
					publisher: 'Zacatecas',
					contactName: 'Facilitación',
					contactEmail: 'contacto@x.mx'
				},
				'sesiones.csv'
			);
			return parse(file!.body as string, { columns: true, bom: true }) as Record<string, string>[];
		};
		expect((await feedEvent()).status).toBe('TENTATIVE');
		await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		const before = await feedEvent();
		expect(before).toEqual({ uid: `${meeting.id}@mesa.test`, status: 'CONFIRMED', sequence: 0 });
		expect((await sessionsCsv()).map((row) => row.estado)).toEqual(['programada']);

		await requestCancellation(
			database.db,
			body,
			meeting.id,
			{ by: adminId, reason: 'Sin sala' },
			NOW
		);
		for (const seat of body.seats) {
			const titular = people.find((p) => p.role === 'titular' && p.seatId === seat.id)!;
			await approveCancellation(database.db, body, meeting.id, titular.id);
		}
		expect(await cancelMeeting(database.db, body, meeting.id, issuer(), context(), NOW)).toEqual({
			ok: true
		});

		const agenda = await listUpcomingMeetings(database.db, body.secretariat.id);
		expect(agenda).toMatchObject([{ id: meeting.id, status: 'cancelled', cancelledAt: NOW }]);
		const after = await feedEvent();
		expect(after).toEqual({ uid: before.uid, status: 'CANCELLED', sequence: 1 });
		expect((await sessionsCsv()).map((row) => row.estado)).toEqual(['cancelada']);
		const estado = datasets
			.find((dataset) => dataset.id === 'sesiones')!
			.columns.find((column) => column.name === 'estado')!;
		expect(estado.description).toContain('cancelada');
	});

	it('refuses a cancellation asked less than 24 hours before', async () => {
		const meeting = await draft(FIVE_DAYS_AHEAD);
		await issueConvocation(database.db, body, meeting.id, issuer(), context(), NOW);
		const late = new Date(FIVE_DAYS_AHEAD.getTime() - 23 * 3_600_000);
		expect(
			await requestCancellation(database.db, body, meeting.id, { by: adminId, reason: 'x' }, late)
		).toMatchObject({ ok: false, reason: 'cancellation-too-late' });
	});

	it('shows an open agreement in the next meeting’s follow-up, and marks it overdue', async () => {
		const first = await draft(new Date('2026-11-10T16:00:00Z'));
		for (const p of people.filter((p) => p.role === 'titular').slice(0, 4))
			await setAttendance(database.db, body, first.id, {
				memberId: p.id,
				present: true,
				remote: false,
				by: adminId
			});
		await openMeeting(database.db, body, first.id);
		await proposeMotion(database.db, body, first.id, 'Publicar el calendario de sesiones');
		expect(await closeMotion(database.db, body, first.id)).toEqual({ ok: true });
		const next = await draft(FIVE_DAYS_AHEAD);
		const [agreement] = await listOpenAgreementsForMeeting(database.db, body, next, NOW);
		expect(agreement).toMatchObject({
			text: 'Publicar el calendario de sesiones',
			number: 1,
			status: 'pending',
			overdue: false
		});
		// Not in its own meeting's follow-up.
		expect(await listOpenAgreementsForMeeting(database.db, body, first, NOW)).toEqual([]);
		const responsible = people.find((p) => p.name === 'Titular 1')!;
		expect(
			await updateAgreementFollowUp(database.db, body, agreement!.id, {
				responsibleMemberId: responsible.id,
				dueOn: '2026-11-30',
				status: 'in-progress'
			})
		).toEqual({ ok: true });
		await addAgreementNote(database.db, body, agreement!.id, {
			authorId: adminId,
			authorName: 'Fa',
			text: 'Borrador listo'
		});
		const [followed] = await listOpenAgreementsForMeeting(database.db, body, next, NOW);
		expect(followed).toMatchObject({
			status: 'in-progress',
			responsibleName: 'Titular 1',
			overdue: true,
			notes: [{ authorName: 'Fa', text: 'Borrador listo' }]
		});
		expect(await listAgreements(database.db, body, { status: 'overdue' }, NOW)).toHaveLength(1);
		await updateAgreementFollowUp(database.db, body, agreement!.id, {
			responsibleMemberId: responsible.id,
			dueOn: '2026-11-30',
			status: 'done'
		});
		expect(await listOpenAgreementsForMeeting(database.db, body, next, NOW)).toEqual([]);
		expect(await listAgreements(database.db, body, { status: 'done' }, NOW)).toHaveLength(1);
	});
});
