/**
 * The public site's data on both engines: open data (every CSV with a dictionary matching its
 * columns, a data.json with the DCAT fields, all in one ZIP), what anonymous readers get (members
 * only with consent, closed meetings, published items), evidence judged by content (an executable
 * renamed .jpg is refused and nothing is stored), the request inbox and join requests.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	createActivity,
	createCommitment,
	createPlan,
	updatePlan
} from '../../src/lib/server/plan/plans';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
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
import { listMembers, saveSeat } from '../../src/lib/server/secretariats/members';
import { createMeeting } from '../../src/lib/server/meetings/meetings';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import { approveMinutesVersion, closeMeeting } from '../../src/lib/server/minutes/minutes';
import {
	castMotionBallot,
	closeMotion,
	objectToMotion,
	proposeMotion
} from '../../src/lib/server/meetings/decisions';
import { createFirstAccount } from '../../src/lib/server/auth/accounts';
import { datasets } from '../../src/lib/server/open-data/datasets';
import { buildOpenDataZip, openDataFile } from '../../src/lib/server/open-data/distribution';
import { datasetApiResponse } from '../../src/lib/server/open-data/api';
import {
	findPublicBody,
	listPublicMeetings,
	listPublishedCommuniques,
	listPublishedMembers
} from '../../src/lib/server/public/site';
import { addCommunique, setMemberPublicConsent } from '../../src/lib/server/public/site-content';
import { storeEvidence } from '../../src/lib/server/public/evidence';
import {
	answerPublicRequest,
	findRequestByTrackingNumber,
	listPublicRequests,
	submitPublicRequest
} from '../../src/lib/server/public/requests';
import {
	confirmJoinRequest,
	createJoinRequest,
	listConfirmedJoinRequests
} from '../../src/lib/server/public/join-requests';
import {
	evidenceFiles,
	joinRequests,
	minutesSignatures,
	minutesVersions
} from '../../src/lib/server/db/schema';
import { hashSecret } from '../../src/lib/server/auth/tokens';

const holder = (name: string, email: string) => ({
	name,
	position: `Cargo de ${name}`,
	email,
	phone: '492 000 0000',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

const context = {
	baseUrl: 'http://localhost/publico/inai/datos',
	landingPage: 'http://localhost/publico/inai/datos',
	publisher: 'INAI',
	contactName: 'Facilitación',
	contactEmail: 'contacto@x.mx'
};

describe.each(engines)('the public site on %s', (engine) => {
	let database: TestDatabase;
	let body: LoadedSecretariat;
	let userId: string;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
		const admin = await createFirstAccount(database.db, {
			name: 'A',
			email: 'a@x.mx',
			password: 'una contraseña larga',
			locale: 'es-MX'
		});
		if (!admin.ok) throw new Error('setup');
		userId = admin.user.id;
		const created = await createSecretariat(database.db, { name: 'INAI', presetId: 'inai-stl' });
		const loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: `Institución ${index}`,
				titular: holder(`Titular ${index}`, `t${index}@x.mx`),
				substitute: holder(`Suplente ${index}`, `s${index}@x.mx`)
			});
		}
		body = (await loadSecretariat(database.db, created.slug))!;
	});

	const memberId = async (name: string) =>
		(await listMembers(database.db, body.secretariat.id)).find((p) => p.name === name)!.id;

	/** A closed meeting with all titulares present and one voted agreement. */
	async function holdClosedMeeting() {
		const meeting = await createMeeting(database.db, body, {
			kind: 'ordinary',
			title: 'Primera sesión',
			scheduledAt: new Date('2026-03-02T17:00:00Z'),
			place: 'Sala'
		});
		await openMeeting(database.db, body, meeting.id);
		for (const name of ['Titular 0', 'Titular 1', 'Titular 2'])
			await setAttendance(database.db, body, meeting.id, {
				memberId: await memberId(name),
				present: true,
				remote: name === 'Titular 2',
				by: userId
			});
		await proposeMotion(database.db, body, meeting.id, 'Publicar el informe');
		await objectToMotion(database.db, body, meeting.id, await memberId('Titular 2'));
		for (const [name, choice] of [
			['Titular 0', 'for'],
			['Titular 1', 'for'],
			['Titular 2', 'against']
		] as const)
			await castMotionBallot(database.db, body, meeting.id, await memberId(name), choice);
		await closeMotion(database.db, body, meeting.id);
		expect((await closeMeeting(database.db, body, meeting.id, userId)).ok).toBe(true);
		return meeting;
	}

	it('publishes only consenting members, without contact data, and only closed meetings', async () => {
		await setMemberPublicConsent(
			database.db,
			body.secretariat.id,
			await memberId('Titular 0'),
			true
		);
		const published = await listPublishedMembers(database.db, body.secretariat.id);
		expect(published).toEqual([
			{
				name: 'Titular 0',
				position: 'Cargo de Titular 0',
				role: 'titular',
				institution: 'Institución 0',
				sector: body.seats[0]!.sector
			}
		]);
		expect(JSON.stringify(published)).not.toContain('@x.mx');
		await createMeeting(database.db, body, {
			kind: 'ordinary',
			title: 'Futura',
			scheduledAt: new Date('2027-01-01T17:00:00Z'),
			place: ''
		});
		await holdClosedMeeting();
		const publicBody = (await findPublicBody(database.db, body.secretariat.slug))!;
		expect((await listPublicMeetings(database.db, publicBody)).map((m) => m.title)).toEqual([
			'Primera sesión'
		]);
		await addCommunique(database.db, body.secretariat.id, {
			title: 'Borrador',
			body: 'x',
			publish: false
		});
		await addCommunique(database.db, body.secretariat.id, {
			title: 'Publicado',
			body: 'y',
			publish: true
		});
		expect(
			(await listPublishedCommuniques(database.db, body.secretariat.id)).map((c) => c.title)
		).toEqual(['Publicado']);
	});

	it('the open-data ZIP holds every CSV, a dictionary matching its columns, and a valid data.json', async () => {
		const meeting = await holdClosedMeeting();
		// Its minutes published (approved and signed by all), for the sealed-record dataset.
		const [closed] = await database.db
			.select()
			.from(minutesVersions)
			.where(eq(minutesVersions.meetingId, meeting.id));
		await approveMinutesVersion(database.db, closed!, { method: 'vote', note: '', userId });
		if (closed!.content.signers.length > 0)
			await database.db.insert(minutesSignatures).values(
				closed!.content.signers.map((signer) => ({
					versionId: closed!.id,
					memberId: signer.memberId,
					decision: 'signed' as const,
					versionSha256: closed!.sha256,
					clientAddress: '127.0.0.1'
				}))
			);
		// A published action plan, for the commitments and progress datasets.
		const plan = await createPlan(database.db, body.secretariat.id, {
			title: 'Plan de Acción Local 2026',
			startsOn: '2026-01-01',
			endsOn: '2026-12-31'
		});
		await updatePlan(database.db, body.secretariat.id, plan.id, { published: true });
		const commitment = await createCommitment(database.db, body.secretariat.id, plan.id, {
			title: 'Publicar las actas',
			objective: 'Que cada acta firmada esté en el sitio',
			institution: 'IZAI',
			responsibleMemberId: null
		});
		if (!commitment.ok) throw new Error(commitment.reason);
		await createActivity(database.db, body.secretariat.id, commitment.commitment.id, {
			kind: 'activity',
			title: 'Subir las actas de 2026',
			startsOn: '2026-02-01',
			dueOn: '2026-06-30',
			weight: 1
		});
		await setMemberPublicConsent(
			database.db,
			body.secretariat.id,
			await memberId('Titular 1'),
			true
		);
		const zip = unzipSync(
			await buildOpenDataZip(database.db, { secretariatId: body.secretariat.id }, context)
		);
		expect(Object.keys(zip).sort()).toEqual(
			['data.json', ...datasets.flatMap((d) => [`${d.id}.csv`, `${d.id}-diccionario.csv`])].sort()
		);
		for (const dataset of datasets) {
			const [header, ...rows] = parse(strFromU8(zip[`${dataset.id}.csv`]!)) as string[][];
			expect(header, dataset.id).toEqual(dataset.columns.map((c) => c.name));
			expect(rows.length, dataset.id).toBeGreaterThan(0);
			for (const row of rows) expect(row).toHaveLength(header!.length);
			const dictionary = parse(strFromU8(zip[`${dataset.id}-diccionario.csv`]!), {
				columns: true
			}) as { columna: string; tipo: string; descripcion: string }[];
			expect(dictionary.map((d) => d.columna)).toEqual(header);
			for (const entry of dictionary) expect(entry.descripcion.length).toBeGreaterThan(5);
			// ISO 8601 dates in every date column.
			dataset.columns.forEach((column, index) => {
				if (!column.type.startsWith('fecha')) return;
				const format =
					column.type === 'fecha ISO 8601'
						? /^\d{4}-\d{2}-\d{2}$/
						: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
				for (const row of rows) if (row[index]) expect(row[index]).toMatch(format);
			});
		}
		const attendance = parse(strFromU8(zip['asistencia.csv']!), { columns: true }) as Record<
			string,
			string
		>[];
		expect(attendance.map((a) => a.nombre).sort()).toEqual(['', '', 'Titular 1']);
		expect(strFromU8(zip['votaciones.csv']!)).toContain('en contra');

		const catalogue = JSON.parse(strFromU8(zip['data.json']!));
		expect(catalogue['@type']).toBe('dcat:Catalog');
		expect(catalogue.dataset).toHaveLength(datasets.length);
		for (const entry of catalogue.dataset) {
			for (const field of [
				'identifier',
				'title',
				'description',
				'modified',
				'publisher',
				'contactPoint',
				'landingPage',
				'accrualPeriodicity',
				'distribution',
				'license',
				'accessLevel',
				'keyword'
			])
				expect(entry[field], field).toBeTruthy();
			expect(Number.isNaN(Date.parse(entry.modified))).toBe(false);
			expect(entry.publisher.name).toBe('INAI');
			expect(entry.contactPoint.hasEmail).toMatch(/^mailto:/);
			expect(entry.accrualPeriodicity).toMatch(/^R\/P/);
			for (const distribution of entry.distribution) {
				expect(distribution['@type']).toBe('dcat:Distribution');
				expect(distribution.mediaType).toBeTruthy();
				expect(distribution.downloadURL ?? distribution.accessURL).toMatch(/^http/);
			}
		}
		expect(
			await openDataFile(database.db, { secretariatId: null }, context, '../x.csv')
		).toBeNull();
	});

	it('the JSON API pages, tags and answers 304 to a matching ETag, open to any origin', async () => {
		await holdClosedMeeting();
		const dataset = datasets.find((d) => d.id === 'asistencia')!;
		const url = new URL('http://localhost/api?por_pagina=2');
		const first = await datasetApiResponse(
			database.db,
			dataset,
			{ secretariatId: null },
			new Request(url),
			url
		);
		expect(first.headers.get('access-control-allow-origin')).toBe('*');
		expect(first.headers.get('cache-control')).toContain('max-age');
		const page = await first.json();
		expect(page).toMatchObject({ page: 1, perPage: 2, total: 3, pages: 2 });
		expect(page.items).toHaveLength(2);
		expect(page.next).toContain('pagina=2');
		const again = await datasetApiResponse(
			database.db,
			dataset,
			{ secretariatId: null },
			new Request(url, { headers: { 'If-None-Match': first.headers.get('etag')! } }),
			url
		);
		expect(again.status).toBe(304);
	});

	it('refuses an executable renamed .jpg and stores nothing; keeps a real photo with a thumbnail', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'mesa-files-'));
		try {
			const elf = new Uint8Array(4096);
			elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
			const pe = new Uint8Array(4096);
			pe.set([0x4d, 0x5a, 0x90, 0x00]);
			pe.set([0x80, 0, 0, 0], 0x3c);
			pe.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
			for (const bytes of [elf, pe, new TextEncoder().encode('#!/bin/sh\nrm -rf /\n')]) {
				const refused = await storeEvidence(
					database.db,
					{
						secretariatId: body.secretariat.id,
						meetingId: null,
						title: 'foto.jpg',
						bytes,
						uploadedBy: userId
					},
					dataDir
				);
				expect(refused).toEqual({ ok: false, reason: 'type-not-allowed' });
			}
			expect(await database.db.select().from(evidenceFiles)).toEqual([]);
			await expect(readdir(dataDir)).resolves.toEqual([]);

			const photo = await sharp({
				create: { width: 1200, height: 800, channels: 3, background: '#0f4c5c' }
			})
				.jpeg()
				.toBuffer();
			const kept = await storeEvidence(
				database.db,
				{
					secretariatId: body.secretariat.id,
					meetingId: null,
					title: 'Foto de la sesión',
					bytes: new Uint8Array(photo),
					uploadedBy: userId
				},
				dataDir
			);
			if (!kept.ok) throw new Error(kept.reason);
			expect(kept.file).toMatchObject({
				kind: 'photo',
				mimeType: 'image/jpeg',
				hasThumbnail: true
			});
			const stored = await readdir(path.join(dataDir, 'files', body.secretariat.id));
			expect(stored.sort()).toEqual([`${kept.file.id}.jpg`, `${kept.file.id}.thumb.webp`]);
			const thumb = await sharp(
				path.join(dataDir, 'files', body.secretariat.id, `${kept.file.id}.thumb.webp`)
			).metadata();
			expect(thumb.width).toBe(480);
		} finally {
			await rm(dataDir, { recursive: true, force: true });
		}
	});

	it('a request gets a tracking number, and its answer is found with it, in its own body only', async () => {
		const sent = await submitPublicRequest(database.db, body.secretariat.id, {
			kind: 'complaint',
			name: '',
			email: '',
			message: 'La sesión empezó tarde.'
		});
		expect(sent.trackingNumber).toMatch(/^QS-/);
		expect((await listPublicRequests(database.db, body.secretariat.id)).map((r) => r.id)).toEqual([
			sent.id
		]);
		const other = await createSecretariat(database.db, { name: 'Otro', presetId: 'inai-stl' });
		expect(
			await answerPublicRequest(database.db, other.id, sent.id, {
				answer: 'x',
				close: true,
				by: userId
			})
		).toBe(false);
		expect(
			await findRequestByTrackingNumber(database.db, other.id, sent.trackingNumber)
		).toBeNull();
		expect(
			await answerPublicRequest(database.db, body.secretariat.id, sent.id, {
				answer: 'Ofrecemos una disculpa.',
				close: true,
				by: userId
			})
		).toBe(true);
		expect(
			await findRequestByTrackingNumber(database.db, body.secretariat.id, sent.trackingNumber)
		).toMatchObject({ status: 'closed', answer: 'Ofrecemos una disculpa.' });
	});

	it('a join request counts once its link is followed; the link is kept only as a hash', async () => {
		const { token } = await createJoinRequest(database.db, body.secretariat.id, {
			name: 'Rosa',
			email: 'Rosa@X.mx ',
			organisation: 'Colectivo',
			motivation: 'Participar'
		});
		const [row] = await database.db.select().from(joinRequests);
		expect(row!.tokenHash).toBe(hashSecret(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row!.email).toBe('rosa@x.mx');
		expect(await listConfirmedJoinRequests(database.db, body.secretariat.id)).toEqual([]);
		expect(await confirmJoinRequest(database.db, token + 'x')).toBeNull();
		expect(
			await confirmJoinRequest(database.db, token, new Date(Date.now() + 8 * 86400_000))
		).toBeNull();
		expect(await confirmJoinRequest(database.db, token)).toEqual({
			slug: body.secretariat.slug,
			name: 'INAI'
		});
		expect(
			(await listConfirmedJoinRequests(database.db, body.secretariat.id)).map((r) => r.name)
		).toEqual(['Rosa']);
		await database.db.delete(joinRequests).where(eq(joinRequests.id, row!.id));
	});
});
