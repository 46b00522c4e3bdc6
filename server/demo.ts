/**
 * `npm run demo`: seeds the embedded database, idempotently (a second run finds everything and
 * changes nothing), and prints how to sign in: demo accounts, and three secretariats, one from each
 * preset — Zacatecas with its seven seats filled (titulares and substitutes), a facilitator, a
 * companion and an observer; the INAI-template body and Tacámbaro's with their seats.
 */
import { eq, notInArray } from 'drizzle-orm';
import { hashPassword } from '../src/lib/server/auth/password';
import type { Database } from '../src/lib/server/db/index';
import { secretariats, users } from '../src/lib/server/db/schema';
import { createSecretariat, loadSecretariat } from '../src/lib/server/secretariats/secretariats';
import {
	addMember,
	linkMembershipsToUser,
	listMembers,
	saveSeat,
	type Person
} from '../src/lib/server/secretariats/members';
import {
	createMeeting,
	listMeetings,
	setAttendance,
	updateMeetingProgress
} from '../src/lib/server/meetings/meetings';
import { DEMO_BODIES, type DemoBody } from './demo-bodies';
import { agendaProposals, meetingObservers } from '../src/lib/server/db/schema';
import { computeEarliestMeetingDay } from '../src/lib/rules/notice';
import { addCalendarDays, startOfLocalDay } from '../src/lib/rules/local-dates';

export const DEMO_PASSWORD = 'mesa-abierta-demo';

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
	await updateMeetingProgress(db, body, meeting.id, { status: 'open', itemDelta: 1 });
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
 * else: the demo's admin password is public, and must never reach a real instance.
 */
export async function seedDemo(db: Database): Promise<void> {
	const demoEmails: string[] = DEMO_ACCOUNTS.map((account) => account.email);
	const [other] = await db
		.select({ id: users.id })
		.from(users)
		.where(notInArray(users.email, demoEmails))
		.limit(1);
	if (other)
		throw new Error('npm run demo refuses a database with real accounts: use an empty DATA_DIR');
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db
		.insert(users)
		.values(DEMO_ACCOUNTS.map((account) => ({ ...account, passwordHash, locale: 'es-MX' })))
		.onConflictDoNothing({ target: users.email });
	for (const body of DEMO_BODIES) await seedBody(db, body);
	for (const account of await db.select({ id: users.id, email: users.email }).from(users)) {
		await linkMembershipsToUser(db, account);
	}
	await seedMeetingInProgress(db);
	await seedNextMeetingDraft(db);
	const lines = DEMO_ACCOUNTS.map(
		(a) => `  ${a.email.padEnd(40)} ${DEMO_PASSWORD}${a.isInstanceAdmin ? '  (admin)' : ''}`
	);
	const bodies = DEMO_BODIES.map((b) => `  /secretariados/${b.slug}`);
	bodies[0] += '  (sesión en curso / meeting under way: /sesiones)';
	console.log(
		[
			'',
			'Cuentas de demostración / Demo accounts:',
			...lines,
			'',
			'Secretariados:',
			...bodies,
			''
		].join('\n')
	);
}
