/**
 * `npm run demo`: seeds the embedded database, idempotently (a second run finds everything and
 * changes nothing), and prints how to sign in: demo accounts, and three secretariats, one from each
 * preset — Zacatecas with its seven seats filled (titulares and substitutes), a facilitator, a
 * companion and an observer; the INAI-template body and Tacámbaro's with their seats.
 */
import { eq, notLike } from 'drizzle-orm';
import { hashPassword } from '../src/lib/server/auth/password';
import type { Database } from '../src/lib/server/db/index';
import { members, secretariats, users } from '../src/lib/server/db/schema';
import { createSecretariat, loadSecretariat } from '../src/lib/server/secretariats/secretariats';
import {
	addMember,
	linkMembershipsToUser,
	listMembers,
	saveSeat,
	type Person
} from '../src/lib/server/secretariats/members';
import { createMeeting, listMeetings } from '../src/lib/server/meetings/meetings';
import { setAttendance } from '../src/lib/server/meetings/attendance';
import { moveCurrentItem, openMeeting } from '../src/lib/server/meetings/meeting-progress';
import { DEMO_BODIES, DEMO_PLAN, type DemoBody } from './demo-bodies';
import { createActivity, createCommitment, createPlan } from '../src/lib/server/plan/plans';
import { seedDemoPublicSites } from './demo-public';
import { demoEfirmaDir, seedEfirmaMeeting } from './demo-efirma';
import {
	actionPlans,
	agendaProposals,
	meetingObservers,
	planActivities
} from '../src/lib/server/db/schema';
import { computeEarliestMeetingDay } from '../src/lib/rules/notice';
import { addCalendarDays, startOfLocalDay } from '../src/lib/rules/local-dates';

export const DEMO_PASSWORD = 'mesa-abierta-demo';
const DEMO_DOMAIN = 'demo.mesa-abierta.mx';

export const DEMO_ACCOUNTS = [
	{
		email: 'admin@demo.mesa-abierta.mx',
		name: 'Administración de la instancia',
		isInstanceAdmin: true
	},
	{
		email: 'facilitacion@demo.mesa-abierta.mx',
		name: 'Laura Méndez Ortiz',
		isInstanceAdmin: false
	},
	{ email: 'garante@demo.mesa-abierta.mx', name: 'Ricardo Salas Vega', isInstanceAdmin: false },
	{
		email: 'sociedad.civil@demo.mesa-abierta.mx',
		name: 'Ana Karen Torres Ruiz',
		isInstanceAdmin: false
	}
] as const;

/** Creates one demo body with its people, unless a body with its name's slug already exists. */
async function seedBody(db: Database, body: DemoBody): Promise<void> {
	const [existing] = await db
		.select({ id: secretariats.id })
		.from(secretariats)
		.where(eq(secretariats.slug, body.slug));
	if (existing) return;
	const created = await createSecretariat(db, { name: body.name, presetId: body.presetId });
	for (const [index, seat] of body.seats.entries()) {
		const loaded = (await loadSecretariat(db, created.slug))!;
		const saved = await saveSeat(db, loaded.secretariat.id, loaded.seats[index]!.id, {
			sector: loaded.seats[index]!.sector,
			organisation: seat.organisation,
			titular: seat.titular,
			substitute: seat.substitute
		});
		if (!saved.ok)
			throw new Error(`demo seat ${index} of ${body.slug} refused: ${JSON.stringify(saved)}`);
	}
	for (const other of body.others)
		await addMember(db, created.id, other.role, other.person as Person);
}

/**
 * A meeting under way in the Zacatecas body, so the live room, the projector and the phones can be
 * tried at once: opened, with four titulares checked in (quorum, 4 of 7) and the agenda at item II.
 */
async function seedMeetingInProgress(db: Database): Promise<void> {
	const body = await loadSecretariat(db, DEMO_BODIES[0]!.slug);
	if (!body || (await listMeetings(db, body.secretariat.id)).length > 0) return;
	const meeting = await createMeeting(db, body, {
		kind: 'ordinary',
		title: 'Sesión ordinaria (demostración)',
		scheduledAt: new Date(),
		place: 'Sala de juntas del IZAI'
	});
	const [admin] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, DEMO_ACCOUNTS[0].email));
	const titulares = (await listMembers(db, body.secretariat.id))
		.filter((m) => m.role === 'titular')
		.slice(0, 4);
	for (const titular of titulares) {
		await setAttendance(db, body, meeting.id, {
			memberId: titular.id,
			present: true,
			remote: false,
			by: admin!.id
		});
	}
	await openMeeting(db, body, meeting.id);
	await moveCurrentItem(db, body, meeting.id, 1);
}

/** Each demo body's published action plan with its commitments' progress (unless it has a plan). */
async function seedActionPlans(db: Database): Promise<void> {
	for (const demo of DEMO_BODIES) {
		const body = await loadSecretariat(db, demo.slug);
		if (!body) continue;
		const id = body.secretariat.id;
		const [existing] = await db.select().from(actionPlans).where(eq(actionPlans.secretariatId, id));
		if (existing) continue;
		const { commitments, ...plan } = DEMO_PLAN;
		const { id: planId } = await createPlan(db, id, plan);
		await db.update(actionPlans).set({ published: true }).where(eq(actionPlans.id, planId));
		const people = await listMembers(db, id);
		for (const { seat, activities, ...commitment } of commitments) {
			const seatId = body.seats[seat]?.id;
			const responsible = people.find((p) => p.role === 'titular' && p.seatId === seatId);
			const created = await createCommitment(db, id, planId, {
				...commitment,
				responsibleMemberId: responsible?.id ?? null
			});
			if (!created.ok) throw new Error(`demo commitment refused: ${created.reason}`);
			for (const { progress, ...activity } of activities) {
				const row = await createActivity(db, id, created.commitment.id, activity);
				await db.update(planActivities).set({ progress }).where(eq(planActivities.id, row!.id));
			}
		}
	}
}

/**
 * Convening (issue 5): the Zacatecas body's next ordinary meeting, a week past the earliest day its
 * notice allows, with its convocatoria still a draft, a member's agenda proposal and an invited
 * observer — so issuing it (by the guarantor's titular) can be tried from the demo.
 */
async function seedNextMeetingDraft(db: Database): Promise<void> {
	const body = await loadSecretariat(db, DEMO_BODIES[0]!.slug);
	const title = 'Próxima sesión ordinaria (demostración)';
	if (!body || (await listMeetings(db, body.secretariat.id)).some((m) => m.title === title)) return;
	const { earliestMeetingDay } = computeEarliestMeetingDay(body.rules, 'ordinary', new Date());
	const day = addCalendarDays(earliestMeetingDay, 7);
	const meeting = await createMeeting(db, body, {
		kind: 'ordinary',
		title,
		scheduledAt: new Date(startOfLocalDay(day, body.rules.timeZone).getTime() + 10 * 3_600_000),
		place: 'Sala de juntas del IZAI'
	});
	const people = await listMembers(db, body.secretariat.id);
	const proposer = people.find((p) => p.email === 'sociedad.civil@demo.mesa-abierta.mx');
	if (proposer)
		await db.insert(agendaProposals).values({
			meetingId: meeting.id,
			memberId: proposer.id,
			text: 'Avance de los compromisos del Plan de Acción Local'
		});
	await db.insert(meetingObservers).values({
		meetingId: meeting.id,
		name: 'Observatorio Ciudadano de Zacatecas',
		email: 'observatorio@demo.mesa-abierta.mx'
	});
}

/**
 * Inserts what is missing and prints the sign-in details. Refuses a database that holds anyone
 * outside the demo's domain: the demo's admin password is public, and must never reach a real instance.
 */
export async function seedDemo(db: Database): Promise<void> {
	const [other] = await db
		.select({ id: users.id })
		.from(users)
		.where(notLike(users.email, `%@${DEMO_DOMAIN}`))
		.limit(1);
	if (other)
		throw new Error('npm run demo refuses a database with real accounts: use an empty DATA_DIR');
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db
		.insert(users)
		.values(DEMO_ACCOUNTS.map((account) => ({ ...account, passwordHash, locale: 'es-MX' })))
		.onConflictDoNothing({ target: users.email });
	for (const body of DEMO_BODIES) await seedBody(db, body);
	// Everyone in the demo bodies signs in too, so each role can be tried on a phone of its own.
	const people = await db
		.selectDistinct({ email: members.email, name: members.name })
		.from(members);
	await db
		.insert(users)
		.values(people.map((p) => ({ ...p, passwordHash, locale: 'es-MX', isInstanceAdmin: false })))
		.onConflictDoNothing({ target: users.email });
	for (const account of await db.select({ id: users.id, email: users.email }).from(users)) {
		await linkMembershipsToUser(db, account);
	}
	await seedMeetingInProgress(db);
	await seedActionPlans(db);
	await seedDemoPublicSites(db);
	await seedNextMeetingDraft(db);
	await seedEfirmaMeeting(db, DEMO_PASSWORD);
	const lines = DEMO_ACCOUNTS.map(
		(a) => `  ${a.email.padEnd(40)} ${DEMO_PASSWORD}${a.isInstanceAdmin ? '  (admin)' : ''}`
	);
	const bodies = DEMO_BODIES.map((b) => `  /secretariados/${b.slug}  ·  /publico/${b.slug}`);
	bodies[0] += '  (sesión en curso / meeting under way: /sesiones)';
	bodies[1] += '  (plan de acción publicado en cada uno / a published action plan in each: /plan)';
	bodies[1] += `\n    acta firmada con e.firma de PRUEBA / minutes signed with a TEST e.firma (${demoEfirmaDir()})`;
	console.log(
		[
			'',
			'Cuentas de demostración / Demo accounts:',
			...lines,
			`  (y cada integrante de los secretariados, p. ej. zac.ejecutivo@${DEMO_DOMAIN} /`,
			`   and every member of the bodies, e.g. zac.sociedad.civil@${DEMO_DOMAIN})`,
			'',
			'Secretariados:',
			...bodies,
			''
		].join('\n')
	);
}
