import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { PDFParse } from 'pdf-parse';
import { expectArchivalPdf } from '../support/pdf-archive';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import {
	createSecretariat,
	loadSecretariat,
	type LoadedSecretariat
} from '../../src/lib/server/secretariats/secretariats';
import { addMember, listMembers, saveSeat } from '../../src/lib/server/secretariats/members';
import { createMeeting } from '../../src/lib/server/meetings/meetings';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import { closeMotion, proposeMotion } from '../../src/lib/server/meetings/decisions';
import { hashPassword } from '../../src/lib/server/auth/password';
import { documentUpdates, members, minutesVersions, users } from '../../src/lib/server/db/schema';
import { minutesRoomName } from '../../src/lib/server/broadcast';
import {
	approveMinutesVersion,
	closeMeeting,
	findApprovedVersionByHash,
	freezeCorrectedVersion,
	isSigningComplete,
	listVersionSignatures,
	readMinutesRecord,
	recordMinutesPdf,
	signMinutesVersion
} from '../../src/lib/server/minutes/minutes';
import { hashMinutesContent, sha256Hex } from '../../src/lib/server/minutes/minutes-content';
import { renderMinutesPdf } from '../../src/lib/server/documents/minutes-pdf';
import { initialsLabels } from '../../src/lib/server/documents/pdf-layout';

const TITULARS = ['Ana Beltrán', 'Carlos Durán', 'Elena Fuentes'];
const SUBSTITUTES = ['Gabriel Hernández', 'Irma Juárez', 'Karla López'];
const PASSWORD = 'una contraseña larga';
const holder = (name: string, email: string) => ({
	name,
	position: 'Cargo de ' + name,
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

/** The text of each page of a PDF. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
	const parser = new PDFParse({ data: new Uint8Array(bytes) });
	try {
		return (await parser.getText()).pages.map((page) => page.text);
	} finally {
		await parser.destroy();
	}
}

/** Writes text into a section of the co-edited minutes, as the Yjs server would log it. */
async function writeSection(
	database: TestDatabase,
	room: string,
	position: number,
	texts: string[]
) {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment(`item-${position}`);
	fragment.insert(
		0,
		texts.map((text) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(text)]);
			return paragraph;
		})
	);
	await database.db.insert(documentUpdates).values({ room, update: Y.encodeStateAsUpdate(doc) });
}

describe.each(engines)('minutes on %s', (engine) => {
	let database: TestDatabase;
	let body: LoadedSecretariat;
	let meetingId: string;
	let facilitatorUser: string;
	let id: (name: string) => string;
	let userOf: (name: string) => string;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
		// INAI template: three seats, signed by all members (I III.6).
		const created = await createSecretariat(database.db, {
			name: 'STL de Prueba',
			presetId: 'inai-stl'
		});
		const loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: `Organización ${index}`,
				titular: holder(TITULARS[index]!, `t${index}@x.mx`),
				substitute: holder(SUBSTITUTES[index]!, `s${index}@x.mx`)
			});
		}
		await addMember(database.db, created.id, 'facilitator', holder('Facilitadora Uno', 'f@x.mx'));
		body = (await loadSecretariat(database.db, created.slug))!;
		const people = await listMembers(database.db, created.id);
		const passwordHash = await hashPassword(PASSWORD);
		const accounts = new Map<string, string>();
		for (const person of people) {
			const [user] = await database.db
				.insert(users)
				.values({ email: person.email, name: person.name, passwordHash })
				.returning();
			accounts.set(person.name, user!.id);
			await database.db.update(members).set({ userId: user!.id }).where(eq(members.id, person.id));
		}
		id = (name) => people.find((p) => p.name === name)!.id;
		userOf = (name) => accounts.get(name)!;
		facilitatorUser = userOf('Facilitadora Uno');
		meetingId = (
			await createMeeting(database.db, body, {
				kind: 'ordinary',
				title: 'Primera sesión',
				scheduledAt: new Date('2026-11-20T16:00:00Z'),
				place: 'Sala de juntas'
			})
		).id;
	});

	const attend = (name: string, remote = false) =>
		setAttendance(database.db, body, meetingId, {
			memberId: id(name),
			present: true,
			remote,
			by: facilitatorUser
		});

	async function runAndClose() {
		await openMeeting(database.db, body, meetingId);
		await attend('Ana Beltrán');
		await attend('Carlos Durán', true);
		await attend('Karla López');
		await attend('Facilitadora Uno');
		await writeSection(database, minutesRoomName(body.secretariat.slug, meetingId), 0, [
			'Se verificó el quórum con tres asientos.',
			'Se dio la bienvenida.'
		]);
		await proposeMotion(database.db, body, meetingId, 'Aprobar el orden del día');
		await closeMotion(database.db, body, meetingId);
		const closed = await closeMeeting(database.db, body, meetingId, facilitatorUser);
		if (!closed.ok) throw new Error(closed.reason);
		return closed.version;
	}

	const sign = (
		version: Parameters<typeof signMinutesVersion>[2],
		name: string,
		decision: 'signed' | 'refused' = 'signed',
		password = PASSWORD,
		reason = ''
	) =>
		signMinutesVersion(database.db, body, version, {
			memberId: id(name),
			userId: userOf(name),
			password,
			decision,
			reason,
			clientAddress: '203.0.113.7'
		});

	it('closes the meeting and freezes version 1 from the live record, with the hash of its content', async () => {
		const version = await runAndClose();
		expect(version.number).toBe(1);
		expect(version.sha256).toBe(hashMinutesContent(version.content));
		const { content } = version;
		expect(content.meeting.place).toBe('Sala de juntas');
		expect(content.meeting.startedAt).not.toBeNull();
		expect(content.meeting.endedAt).not.toBeNull();
		expect(content.attendance.map((p) => [p.name, p.roleLabel, p.remote])).toEqual([
			['Ana Beltrán', 'Titular', false],
			['Carlos Durán', 'Titular', true],
			['Karla López', 'Suplente', false],
			['Facilitadora Uno', 'Facilitador(a)', false]
		]);
		expect(content.quorumLog.at(-1)).toMatchObject({ met: true, seatsPresent: 3, seatsNeeded: 3 });
		expect(content.agenda[0]).toMatchObject({
			title: 'Verificación del quórum',
			paragraphs: ['Se verificó el quórum con tres asientos.', 'Se dio la bienvenida.']
		});
		expect(content.decisions).toEqual([
			expect.objectContaining({
				text: 'Aprobar el orden del día',
				reason: 'consensus',
				carried: true
			})
		]);
		// All members sign (I III.6): every titular, and the substitute who took part.
		expect(content.signers.map((s) => s.name)).toEqual([
			'Ana Beltrán',
			'Carlos Durán',
			'Elena Fuentes',
			'Karla López'
		]);
		expect(await closeMeeting(database.db, body, meetingId, facilitatorUser)).toEqual({
			ok: false,
			reason: 'meeting-closed'
		});
	});

	it('is not closed while a motion is under way, nor before it was opened', async () => {
		expect(await closeMeeting(database.db, body, meetingId, facilitatorUser)).toEqual({
			ok: false,
			reason: 'meeting-not-open'
		});
		await openMeeting(database.db, body, meetingId);
		for (const name of TITULARS) await attend(name);
		await proposeMotion(database.db, body, meetingId, 'Pendiente');
		expect(await closeMeeting(database.db, body, meetingId, facilitatorUser)).toEqual({
			ok: false,
			reason: 'motion-open'
		});
		expect(await readMinutesRecord(database.db, meetingId)).toEqual({ versions: [] });
		await closeMotion(database.db, body, meetingId);
		expect((await closeMeeting(database.db, body, meetingId, facilitatorUser)).ok).toBe(true);
	});

	it('is signed by all after approval; a wrong password records nothing; a refusal keeps its reason', async () => {
		const version = await runAndClose();
		expect(await sign(version, 'Ana Beltrán')).toEqual({ ok: false, reason: 'not-approved' });
		expect(
			await approveMinutesVersion(database.db, version, {
				method: 'vote',
				note: 'Acuerdo 2026-2',
				userId: facilitatorUser
			})
		).toEqual({ ok: true });
		const [approved] = await database.db
			.select()
			.from(minutesVersions)
			.where(eq(minutesVersions.id, version.id));
		expect(await sign(approved!, 'Ana Beltrán', 'signed', 'otra contraseña')).toEqual({
			ok: false,
			reason: 'wrong-password'
		});
		expect(await listVersionSignatures(database.db, version.id)).toEqual([]);
		expect(await sign(approved!, 'Irma Juárez')).toEqual({ ok: false, reason: 'not-a-signer' });
		for (const name of ['Ana Beltrán', 'Carlos Durán', 'Karla López'])
			expect(await sign(approved!, name)).toEqual({ ok: true });
		expect(await sign(approved!, 'Ana Beltrán')).toEqual({ ok: false, reason: 'already-decided' });
		expect(
			await sign(approved!, 'Elena Fuentes', 'refused', PASSWORD, 'No estuve presente')
		).toEqual({ ok: true });
		const signatures = await listVersionSignatures(database.db, version.id);
		expect(
			signatures.map((s) => [s.decision, s.reason, s.versionSha256, s.clientAddress])
		).toContainEqual(['refused', 'No estuve presente', version.sha256, '203.0.113.7']);
		expect(isSigningComplete(approved!, signatures)).toBe(true);

		// The PDF: an initials box per signer on every page, "Página X de Y", the hash at the end.
		const url = `https://mesa.example/verificar/${version.sha256}`;
		const pdf = await renderMinutesPdf(approved!, signatures, url);
		expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
		expect(await renderMinutesPdf(approved!, signatures, url)).toEqual(pdf);
		// PDF/A with embedded subset fonts, the hash in the monospace one, as copied from it.
		const archival = expectArchivalPdf(pdf, 'Primera sesión');
		expect(new Set(archival.fonts.map((font) => font.name.split('+')[1]))).toEqual(
			new Set(['NotoSans-Regular', 'NotoSans-Bold', 'NotoSansMono-Regular'])
		);
		expect(archival.text).toContain(version.sha256);
		const pages = await pageTexts(pdf);
		expect(pages.length).toBeGreaterThanOrEqual(2);
		const initials = initialsLabels(approved!.content.signers.map((s) => s.name));
		expect(new Set(initials).size).toBe(4);
		pages.forEach((text, index) => {
			expect(text).toContain(`Página ${index + 1} de ${pages.length}`);
			expect(text).toContain('Rúbricas');
			for (const mark of initials) expect(text).toContain(mark);
		});
		expect(pages.at(-1)).toContain(version.sha256);
		expect(pages.at(-1)).toContain('Se negó a firmar: No estuve presente');

		// Verification: the version's hash and the issued PDF's hash match; a tampered copy does not.
		await recordMinutesPdf(database.db, approved!, sha256Hex(pdf), signatures.length);
		expect((await findApprovedVersionByHash(database.db, version.sha256))?.matched).toBe('version');
		const byPdf = await findApprovedVersionByHash(database.db, sha256Hex(pdf));
		expect(byPdf?.matched).toBe('pdf');
		expect(byPdf?.version.number).toBe(1);
		const tampered = new Uint8Array(pdf);
		tampered[Math.floor(tampered.length / 2)] ^= 0xff;
		expect(await findApprovedVersionByHash(database.db, sha256Hex(tampered))).toBeNull();
	});

	it('a correction is a new version; the approved one never changes and cannot be signed any more', async () => {
		const version = await runAndClose();
		await approveMinutesVersion(database.db, version, {
			method: 'next-meeting',
			note: '',
			userId: facilitatorUser
		});
		await writeSection(database, minutesRoomName(body.secretariat.slug, meetingId), 1, [
			'Corrección.'
		]);
		const corrected = await freezeCorrectedVersion(database.db, body, meetingId, facilitatorUser);
		if (!corrected.ok) throw new Error(corrected.reason);
		expect(corrected.version.number).toBe(2);
		expect(corrected.version.content.agenda[1]!.paragraphs).toEqual(['Corrección.']);
		expect(corrected.version.sha256).not.toBe(version.sha256);
		const record = await readMinutesRecord(database.db, meetingId);
		expect(record.versions.map((v) => [v.number, v.sha256])).toEqual([
			[2, corrected.version.sha256],
			[1, version.sha256]
		]);
		expect(record.versions[1]!.approvedAt).not.toBeNull();
		expect(await sign(record.versions[1]!, 'Ana Beltrán')).toEqual({
			ok: false,
			reason: 'superseded'
		});
		// A version not approved is not "verified".
		expect(await findApprovedVersionByHash(database.db, corrected.version.sha256)).toBeNull();
	});

	it('generates a long minutes PDF (30 items, 40 agreements) quickly', async () => {
		const version = await runAndClose();
		const long =
			'Texto del desarrollo de la sesión con acentos: información, participación, acción. '.repeat(
				12
			);
		const content = {
			...version.content,
			agenda: Array.from({ length: 30 }, (_, position) => ({
				position,
				title: `Punto ${position + 1}`,
				paragraphs: [long, long, long]
			})),
			decisions: Array.from({ length: 40 }, (_, n) => ({
				agendaPosition: n % 30,
				text: `Acuerdo número ${n + 1}: ${long.slice(0, 200)}`,
				agreement: `2026-${n + 1}`,
				carried: true,
				reason: 'majority-for',
				votesFor: 2,
				votesAgainst: 1,
				abstentions: 0
			}))
		};
		const started = performance.now();
		const pdf = await renderMinutesPdf(
			{ ...version, content },
			[],
			'https://mesa.example/verificar/x'
		);
		const ms = performance.now() - started;
		const pages = await pageTexts(pdf);
		console.info(
			`long minutes PDF: ${pages.length} pages, ${pdf.length} bytes, ${ms.toFixed(0)} ms`
		);
		// Kept for a look by eye (pdftoppm); the time is a figure to read, not a test.
		await mkdir('test-results', { recursive: true });
		await writeFile(`test-results/long-minutes-${engine}.pdf`, pdf);
		expect(pages.length).toBeGreaterThan(20);
		for (const text of pages) expect(text).toContain('Rúbricas');
	});
});
