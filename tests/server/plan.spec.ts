import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { PDFParse } from 'pdf-parse';
import { expectArchivalPdf } from '../support/pdf-archive';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { createSecretariat, loadSecretariat } from '../../src/lib/server/secretariats/secretariats';
import {
	addMember,
	linkMembershipsToUser,
	listMembers,
	saveSeat
} from '../../src/lib/server/secretariats/members';
import {
	requireSecretariatAction,
	type SecretariatAccess
} from '../../src/lib/server/secretariats/access';
import {
	createActivity,
	createCommitment,
	createPlan,
	linkAgreement,
	readPlan,
	updatePlan
} from '../../src/lib/server/plan/plans';
import { listProgressUpdates, reportProgress } from '../../src/lib/server/plan/progress';
import { buildProgressCsv, importProgressCsv } from '../../src/lib/server/plan/progress-csv';
import {
	addEvidenceFile,
	addEvidenceLink,
	evidenceFolder
} from '../../src/lib/server/plan/evidence';
import { renderReportPdf } from '../../src/lib/server/plan/report';
import {
	buildCommitmentRows,
	buildProgressRows,
	commitmentColumns,
	progressColumns,
	readPublicPlan
} from '../../src/lib/server/plan/public';
import {
	agreements,
	meetings,
	motions,
	planActivities,
	users
} from '../../src/lib/server/db/schema';

const holder = (name: string, email: string) => ({
	name,
	position: '',
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

const TODAY = '2026-06-15';

describe.each(engines)('the action plan on %s', (engine) => {
	let database: TestDatabase;
	let dataDir: string;
	let access: Record<
		'facilitator' | 'titular0' | 'titular1' | 'companion' | 'other',
		SecretariatAccess
	>;
	let secretariatId: string;
	let planId: string;
	let commitmentId: string;
	let activityIds: string[];

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		dataDir = await mkdtemp(path.join(tmpdir(), 'mesa-plan-'));
		process.env.DATA_DIR = dataDir;
	});
	afterAll(async () => {
		await database.drop();
		await rm(dataDir, { recursive: true, force: true });
	});

	/** A signed-in person (an account linked to their memberships) acting in the body. */
	async function signIn(
		name: string,
		email: string,
		slug: string,
		action: 'plan.view' | 'plan.report-progress' = 'plan.view'
	) {
		const [user] = await database.db
			.insert(users)
			.values({ email, name, passwordHash: 'x' })
			.onConflictDoNothing()
			.returning();
		const id =
			user?.id ?? (await database.db.select().from(users).where(eq(users.email, email)))[0]!.id;
		await linkMembershipsToUser(database.db, { id, email });
		return requireSecretariatAction(
			database.db,
			{
				locals: {
					user: { id, email, name, locale: 'es-MX', isInstanceAdmin: false },
					authSession: null
				},
				url: new URL(`http://x/secretariados/${slug}/plan`)
			},
			slug,
			action
		);
	}

	beforeEach(async () => {
		await emptyTestDatabase(database);
		const created = await createSecretariat(database.db, { name: 'INAI', presetId: 'inai-stl' });
		secretariatId = created.id;
		const loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: '',
				titular: holder(`T${index}`, `t${index}@x.mx`),
				substitute: holder(`S${index}`, `s${index}@x.mx`)
			});
		}
		await addMember(database.db, created.id, 'facilitator', holder('Facilitadora', 'f@x.mx'));
		await addMember(database.db, created.id, 'companion', holder('Acompañante', 'c@x.mx'));
		const other = await createSecretariat(database.db, { name: 'Otro', presetId: 'inai-stl' });
		const otherLoaded = (await loadSecretariat(database.db, other.slug))!;
		await saveSeat(database.db, other.id, otherLoaded.seats[0]!.id, {
			sector: otherLoaded.seats[0]!.sector,
			organisation: '',
			titular: holder('Ajeno', 'ajeno@x.mx'),
			substitute: holder('Ajeno S', 'ajeno.s@x.mx')
		});
		access = {
			facilitator: await signIn('Facilitadora', 'f@x.mx', created.slug),
			titular0: await signIn('T0', 't0@x.mx', created.slug),
			titular1: await signIn('T1', 't1@x.mx', created.slug),
			companion: await signIn('Acompañante', 'c@x.mx', created.slug),
			other: await signIn('Ajeno', 'ajeno@x.mx', other.slug)
		};
		const people = await listMembers(database.db, created.id);
		const t0 = people.find((p) => p.name === 'T0')!;

		planId = (
			await createPlan(database.db, secretariatId, {
				title: 'Plan de Acción Local 2026',
				startsOn: '2026-01-01',
				endsOn: '2026-12-31'
			})
		).id;
		const commitment = await createCommitment(database.db, secretariatId, planId, {
			title: 'Datos abiertos de obra pública',
			objective: 'Publicar los contratos de obra en formato abierto',
			institution: 'Secretaría de Obras Públicas',
			responsibleMemberId: t0.id
		});
		if (!commitment.ok) throw new Error('setup');
		commitmentId = commitment.commitment.id;
		activityIds = [];
		for (const [title, weight, startsOn, dueOn] of [
			['Inventario de contratos', 1, '2026-01-01', '2026-03-31'],
			['Portal de datos', 3, '2026-04-01', '2026-09-30']
		] as const) {
			const activity = await createActivity(database.db, secretariatId, commitmentId, {
				kind: 'activity',
				title,
				startsOn,
				dueOn,
				weight
			});
			activityIds.push(activity!.id);
		}
	});

	const view = async () => (await readPlan(database.db, secretariatId, planId, TODAY))!;

	it('numbers commitments and computes their progress from the weighted activities', async () => {
		const second = await createCommitment(database.db, secretariatId, planId, {
			title: 'Segundo',
			objective: '',
			institution: '',
			responsibleMemberId: null
		});
		expect(second.ok && second.commitment.number).toBe(2);
		let plan = await view();
		expect(plan.commitments.map((c) => [c.number, c.progress, c.status])).toEqual([
			[1, 0, 'overdue'],
			[2, 0, 'not-started']
		]);
		await reportProgress(database.db, access.titular0, activityIds[0]!, {
			progress: 100,
			note: 'Listo'
		});
		await reportProgress(database.db, access.facilitator, activityIds[1]!, {
			progress: 40,
			note: ''
		});
		plan = await view();
		// (1 × 100 + 3 × 40) / 4 = 55
		expect(plan.commitments[0]!.progress).toBe(55);
		expect(plan.commitments[0]!.responsibleName).toBe('T0');
		expect(plan.commitments[0]!.activities.map((a) => a.status)).toEqual([
			'completed',
			'in-progress'
		]);
		expect(plan.progress).toBe(27.5);
		const updates = await listProgressUpdates(database.db, activityIds);
		expect(updates.map((u) => [u.progress, u.reportedBy]).sort()).toEqual(
			[
				[100, 'T0'],
				[40, 'Facilitadora']
			].sort()
		);
	});

	it('refuses a responsible person who is not a member of the body, and ids of other bodies', async () => {
		const outsider = (await listMembers(database.db, access.other.secretariat.id))[0]!;
		expect(
			await createCommitment(database.db, secretariatId, planId, {
				title: 'X',
				objective: '',
				institution: '',
				responsibleMemberId: outsider.id
			})
		).toEqual({ ok: false, reason: 'responsible-not-member' });
		const otherId = access.other.secretariat.id;
		expect(await readPlan(database.db, otherId, planId, TODAY)).toBeNull();
		expect(await readPlan(database.db, secretariatId, 'not-a-uuid', TODAY)).toBeNull();
		expect(
			await createActivity(database.db, otherId, commitmentId, {
				kind: 'milestone',
				title: 'X',
				startsOn: '2026-01-01',
				dueOn: '2026-01-01',
				weight: 1
			})
		).toBeNull();
		expect(
			(
				await createCommitment(database.db, otherId, planId, {
					title: 'X',
					objective: '',
					institution: '',
					responsibleMemberId: null
				})
			).ok
		).toBe(false);
	});

	it('refuses progress from a seat holder not responsible, a companion, and another body', async () => {
		const refused = (promise: Promise<unknown>) =>
			promise.then(
				() => 'saved',
				(e: unknown) => (isHttpError(e) ? e.status : String(e))
			);
		expect(
			await refused(
				reportProgress(database.db, access.titular1, activityIds[0]!, { progress: 90, note: '' })
			)
		).toBe(403);
		expect(
			await refused(
				reportProgress(database.db, access.companion, activityIds[0]!, { progress: 90, note: '' })
			)
		).toBe(403);
		// The companion does not even get past the matrix on a progress route.
		const slug = access.companion.secretariat.slug;
		expect(
			await refused(
				requireSecretariatAction(
					database.db,
					{ locals: { user: access.companion.user, authSession: null }, url: new URL('http://x/') },
					slug,
					'plan.report-progress'
				)
			)
		).toBe(403);
		// Someone of another body: the activity is not found in theirs.
		expect(
			await refused(
				reportProgress(database.db, access.other, activityIds[0]!, { progress: 90, note: '' })
			)
		).toBe(404);
		expect(
			await refused(
				reportProgress(database.db, access.titular0, activityIds[0]!, { progress: 90, note: '' })
			)
		).toBe('saved');
		const rows = await database.db
			.select()
			.from(planActivities)
			.where(eq(planActivities.id, activityIds[0]!));
		expect(rows[0]!.progress).toBe(90);
	});

	it('exports the progress as CSV and imports it back unchanged, then with new values', async () => {
		await reportProgress(database.db, access.titular0, activityIds[0]!, { progress: 70, note: '' });
		const csv = buildProgressCsv(await view());
		expect(
			csv.startsWith('\ufeffcompromiso_numero,compromiso,avance_compromiso,actividad_id')
		).toBe(true);
		expect(await importProgressCsv(database.db, access.facilitator, await view(), csv)).toEqual({
			ok: true,
			updated: 0
		});
		expect(buildProgressCsv(await view())).toBe(csv);
		const changed = csv
			.replace(/,70,$/m, ',85,')
			.replace(/(Portal de datos,actividad,2026-04-01,2026-09-30,3),0,$/m, '$1,20,avanzado');
		expect(changed).not.toBe(csv);
		expect(await importProgressCsv(database.db, access.titular0, await view(), changed)).toEqual({
			ok: true,
			updated: 2
		});
		const plan = await view();
		expect(plan.commitments[0]!.activities.map((a) => a.progress)).toEqual([85, 20]);
		const again = parse(buildProgressCsv(plan), { bom: true, columns: true }) as Record<
			string,
			string
		>[];
		expect(again.map((r) => [r.avance, r.avance_compromiso])).toEqual([
			['85', '36.3'],
			['20', '36.3']
		]);
	});

	it('refuses a CSV with a bad row, naming row and column, and saves nothing', async () => {
		const csv = buildProgressCsv(await view());
		const lines = csv.split('\n');
		// Row 2 fine (changed to 50), row 3 with progress 150.
		lines[1] = lines[1]!.replace(/,0,$/, ',50,');
		lines[2] = lines[2]!.replace(/,0,$/, ',150,');
		const outcome = await importProgressCsv(
			database.db,
			access.facilitator,
			await view(),
			lines.join('\n')
		);
		expect(outcome).toEqual({
			ok: false,
			issues: [{ row: 3, column: 'avance', code: 'progress-invalid' }]
		});
		expect((await view()).commitments[0]!.activities.map((a) => a.progress)).toEqual([0, 0]);
		expect(await listProgressUpdates(database.db, activityIds)).toEqual([]);

		const unknown = `actividad_id,avance\n${activityIds[0]},10\n00000000-0000-4000-8000-000000000000,5\n${activityIds[0]},20\n`;
		expect(await importProgressCsv(database.db, access.facilitator, await view(), unknown)).toEqual(
			{
				ok: false,
				issues: [
					{ row: 3, column: 'actividad_id', code: 'unknown-activity' },
					{ row: 4, column: 'actividad_id', code: 'duplicate-activity' }
				]
			}
		);
		expect(
			await importProgressCsv(
				database.db,
				access.facilitator,
				await view(),
				'actividad,avance\nx,1\n'
			)
		).toEqual({
			ok: false,
			issues: [{ row: 1, column: 'actividad_id', code: 'missing-column' }]
		});
		expect(
			await importProgressCsv(
				database.db,
				access.titular1,
				await view(),
				`actividad_id;avance\n${activityIds[0]};10\n`
			)
		).toEqual({
			ok: false,
			issues: [{ row: 2, column: 'actividad_id', code: 'not-responsible' }]
		});
		const malformed = await importProgressCsv(
			database.db,
			access.facilitator,
			await view(),
			`actividad_id,avance\n"${activityIds[0]},10\n`
		);
		expect(malformed.ok).toBe(false);
		expect(await listProgressUpdates(database.db, activityIds)).toEqual([]);
	});

	it('keeps evidence files checked by content: an executable renamed .pdf or .jpg is refused', async () => {
		const exe = new Uint8Array(512);
		exe.set([0x4d, 0x5a, 0x90, 0x00]);
		const elf = new Uint8Array(512);
		elf.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]);
		const script = new TextEncoder().encode('#!/bin/sh\nrm -rf /\n');
		for (const [name, bytes] of [
			['informe.pdf', exe],
			['foto.jpg', elf],
			['acta.pdf', script]
		] as const) {
			expect(
				await addEvidenceFile(database.db, activityIds[0]!, access.titular0.user.id, {
					name,
					bytes
				})
			).toEqual({
				ok: false,
				reason: 'type-not-allowed'
			});
		}
		expect(
			await addEvidenceFile(database.db, activityIds[0]!, access.titular0.user.id, {
				name: 'x.pdf',
				bytes: new Uint8Array(10 * 1024 * 1024 + 1)
			})
		).toEqual({ ok: false, reason: 'too-large' });
		expect(
			await addEvidenceFile(database.db, activityIds[0]!, access.titular0.user.id, {
				name: 'x.pdf',
				bytes: new Uint8Array()
			})
		).toEqual({ ok: false, reason: 'empty' });
		const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const saved = await addEvidenceFile(database.db, activityIds[0]!, access.titular0.user.id, {
			name: 'evidencia.bin',
			bytes: pdf,
			title: 'Oficio'
		});
		expect(saved.ok).toBe(true);
		expect(
			await addEvidenceLink(database.db, activityIds[0]!, access.titular0.user.id, {
				url: 'javascript:alert(1)',
				title: ''
			})
		).toEqual({ ok: false, reason: 'link-invalid' });
		expect(
			(
				await addEvidenceLink(database.db, activityIds[0]!, access.titular0.user.id, {
					url: 'https://datos.example.mx/obra',
					title: 'Portal'
				})
			).ok
		).toBe(true);
		const evidence = (await view()).commitments[0]!.activities[0]!.evidence;
		expect(evidence.map((e) => [e.kind, e.title, e.contentType])).toEqual([
			['file', 'Oficio', 'application/pdf'],
			['link', 'Portal', null]
		]);
		expect(await readdir(evidenceFolder())).toEqual([evidence[0]!.storedName]);
		expect(evidenceFolder()).toBe(path.join(dataDir, 'files'));
	});

	it('links agreements, renders the report PDF with the commitments, and publishes the plan', async () => {
		const [meeting] = await database.db
			.insert(meetings)
			.values({ secretariatId, kind: 'ordinary', title: 'S', scheduledAt: new Date() })
			.returning();
		const [motion] = await database.db
			.insert(motions)
			.values({
				meetingId: meeting!.id,
				agendaPosition: 3,
				text: 'Aprobar el PAL',
				status: 'closed'
			})
			.returning();
		const [agreement] = await database.db
			.insert(agreements)
			.values({
				secretariatId,
				year: 2026,
				number: 4,
				motionId: motion!.id,
				text: 'Aprobar el PAL'
			})
			.returning();
		expect(await linkAgreement(database.db, secretariatId, commitmentId, agreement!.id)).toBe(true);
		expect(
			await linkAgreement(database.db, access.other.secretariat.id, commitmentId, agreement!.id)
		).toBe(false);
		await reportProgress(database.db, access.titular0, activityIds[0]!, {
			progress: 100,
			note: 'Inventario entregado'
		});
		const plan = await view();
		expect(plan.commitments[0]!.agreements.map((a) => a.number)).toEqual([4]);

		const report = {
			bodyName: 'INAI',
			view: plan,
			today: TODAY,
			timeZone: 'America/Mexico_City',
			updates: await listProgressUpdates(database.db, activityIds)
		};
		const pdf = await renderReportPdf(report);
		expect(await renderReportPdf(report)).toEqual(pdf);
		expectArchivalPdf(pdf, plan.plan.title);
		const parser = new PDFParse({ data: new Uint8Array(pdf) });
		const text = (await parser.getText()).text;
		await parser.destroy();
		expect(text).toContain('Reporte de seguimiento y evaluación');
		expect(text).toContain('Compromiso 1: Datos abiertos de obra pública');
		expect(text).toContain('Secretaría de Obras Públicas');
		expect(text).toContain('Avance: 25 %');
		expect(text).toContain('Inventario entregado');

		expect(await readPublicPlan(database.db, secretariatId, TODAY)).toBeNull();
		expect(await buildCommitmentRows(database.db, secretariatId, TODAY)).toEqual([]);
		await updatePlan(database.db, secretariatId, planId, { published: true });
		const publicPlan = (await readPublicPlan(database.db, secretariatId, TODAY))!;
		expect(publicPlan.commitments.map((c) => [c.number, c.progress, c.status])).toEqual([
			[1, 25, 'at-risk']
		]);
		const commitmentRows = await buildCommitmentRows(database.db, secretariatId, TODAY);
		expect(Object.keys(commitmentRows[0]!)).toEqual(commitmentColumns.map((c) => c.name));
		expect(commitmentRows[0]).toMatchObject({
			avance: 25,
			estado: 'en_riesgo',
			acuerdos: '4/2026',
			plan_inicio: '2026-01-01'
		});
		const progressRows = await buildProgressRows(database.db, secretariatId, TODAY);
		expect(Object.keys(progressRows[0]!)).toEqual(progressColumns.map((c) => c.name));
		expect(progressRows.map((r) => [r.actividad, r.avance, r.estado])).toEqual([
			['Inventario de contratos', 100, 'cumplido'],
			['Portal de datos', 0, 'en_riesgo']
		]);
		expect(String(progressRows[0]!.ultima_actualizacion)).toMatch(
			/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
		);
	});
});
