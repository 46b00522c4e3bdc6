import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { readMeetingState } from '../../src/lib/server/meetings/room-state';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import {
	castMotionBallot,
	closeMotion,
	objectToMotion,
	openVote,
	proposeMotion,
	withdrawMotion
} from '../../src/lib/server/meetings/decisions';
import { createFirstAccount } from '../../src/lib/server/auth/accounts';
import {
	grantFloor,
	moveFloorRequestUp,
	requestFloor
} from '../../src/lib/server/meetings/speakers';

const holder = (name: string, email: string) => ({
	name,
	position: '',
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

describe.each(engines)('decisions on %s', (engine) => {
	let database: TestDatabase;
	let body: LoadedSecretariat;
	let meetingId: string;
	let userId: string;
	let id: (name: string) => string;

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
		// INAI template: three seats, quorum of all three, consensus first.
		const created = await createSecretariat(database.db, { name: 'INAI', presetId: 'inai-stl' });
		const loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: '',
				titular: holder(`T${index}`, `t${index}@x.mx`),
				substitute: holder(`S${index}`, `s${index}@x.mx`)
			});
		}
		await addMember(database.db, created.id, 'companion', holder('Acompañante', 'c@x.mx'));
		body = (await loadSecretariat(database.db, created.slug))!;
		const people = await listMembers(database.db, created.id);
		id = (name) => people.find((p) => p.name === name)!.id;
		meetingId = (
			await createMeeting(database.db, body, {
				kind: 'ordinary',
				title: 'S',
				scheduledAt: new Date(),
				place: ''
			})
		).id;
		await openMeeting(database.db, body, meetingId);
	});

	const attend = (name: string, present = true) =>
		setAttendance(database.db, body, meetingId, {
			memberId: id(name),
			present,
			remote: false,
			by: userId
		});
	const state = () => readMeetingState(database.db, body, meetingId);

	it('records a motion nobody objects to as carried by consensus, numbered 1, then 2', async () => {
		for (const name of ['T0', 'T1', 'T2']) await attend(name);
		expect(await proposeMotion(database.db, body, meetingId, 'Aprobar el orden del día')).toEqual({
			ok: true
		});
		expect(await proposeMotion(database.db, body, meetingId, 'Otra')).toEqual({
			ok: false,
			reason: 'motion-already-open'
		});
		expect(await closeMotion(database.db, body, meetingId)).toEqual({ ok: true });
		await proposeMotion(database.db, body, meetingId, 'Aprobar la minuta anterior');
		await closeMotion(database.db, body, meetingId);
		const decisions = (await state()).decisions;
		expect(decisions.map((d) => [d.reason, d.agreementNumber])).toEqual([
			['consensus', 1],
			['consensus', 2]
		]);
	});

	it('opens a vote on an objection; one ballot per seat, by whoever holds its vote; the rules decide', async () => {
		for (const name of ['T0', 'S1', 'T2']) await attend(name);
		await proposeMotion(database.db, body, meetingId, 'Publicar el informe');
		expect(await objectToMotion(database.db, body, meetingId, id('Acompañante'))).toEqual({
			ok: false,
			reason: 'not-seat-voter'
		});
		expect(await objectToMotion(database.db, body, meetingId, id('T2'))).toEqual({ ok: true });
		expect((await state()).motion?.status).toBe('voting');
		expect(await castMotionBallot(database.db, body, meetingId, id('Acompañante'), 'for')).toEqual({
			ok: false,
			reason: 'not-seat-voter'
		});
		expect(await castMotionBallot(database.db, body, meetingId, id('S1'), 'for')).toEqual({
			ok: true
		});
		// The titular arrives: the substitute's ballot stands, and the seat has no second one.
		await attend('T1');
		expect(await castMotionBallot(database.db, body, meetingId, id('T1'), 'against')).toEqual({
			ok: false,
			reason: 'seat-already-voted'
		});
		expect(await castMotionBallot(database.db, body, meetingId, id('S1'), 'against')).toEqual({
			ok: false,
			reason: 'not-seat-voter'
		});
		expect(await castMotionBallot(database.db, body, meetingId, id('T0'), 'for')).toEqual({
			ok: true
		});
		expect(await castMotionBallot(database.db, body, meetingId, id('T2'), 'against')).toEqual({
			ok: true
		});
		expect((await state()).motion?.tally).toEqual({ for: 2, against: 1, abstain: 0 });
		await closeMotion(database.db, body, meetingId);
		expect((await state()).decisions[0]).toMatchObject({
			carried: true,
			reason: 'majority-for',
			votesFor: 2,
			votesAgainst: 1,
			agreementNumber: 1
		});
	});

	it('decides nothing without quorum: no motion is proposed, and a motion under way is suspended (Z art. 7.1, I III.2)', async () => {
		for (const name of ['T0', 'T1']) await attend(name);
		expect(await proposeMotion(database.db, body, meetingId, 'Sin quórum')).toEqual({
			ok: false,
			reason: 'quorum-not-met'
		});
		await attend('T2');
		expect(await proposeMotion(database.db, body, meetingId, 'Publicar el informe')).toEqual({
			ok: true
		});
		expect(await objectToMotion(database.db, body, meetingId, id('T0'))).toEqual({ ok: true });
		expect(await castMotionBallot(database.db, body, meetingId, id('T1'), 'for')).toEqual({
			ok: true
		});
		// Quorum is lost with the vote under way: it is suspended, and nothing is decided.
		await attend('T2', false);
		expect((await state()).motion).toMatchObject({ status: 'voting', suspended: true });
		for (const step of [
			() => castMotionBallot(database.db, body, meetingId, id('T0'), 'for'),
			() => closeMotion(database.db, body, meetingId),
			() => objectToMotion(database.db, body, meetingId, id('T0')),
			() => proposeMotion(database.db, body, meetingId, 'Otra')
		])
			expect((await step()).ok).toBe(false);
		expect(await closeMotion(database.db, body, meetingId)).toEqual({
			ok: false,
			reason: 'motion-suspended'
		});
		// Quorum returns: the vote resumes with the ballot already cast.
		await attend('T2');
		expect((await state()).motion).toMatchObject({
			suspended: false,
			tally: { for: 1, against: 0, abstain: 0 }
		});
		expect(await castMotionBallot(database.db, body, meetingId, id('T0'), 'for')).toEqual({
			ok: true
		});
		expect(await closeMotion(database.db, body, meetingId)).toEqual({ ok: true });
		const after = await state();
		expect(after.decisions[0]).toMatchObject({ carried: true, votesFor: 2, agreementNumber: 1 });
		expect(after.quorumLog.map((entry) => [entry.met, entry.motionEvent])).toEqual([
			[false, null],
			[false, null],
			[false, null],
			[true, null],
			[false, 'suspended'],
			[true, 'resumed']
		]);
	});

	it('records a suspended motion the facilitator withdraws as withdrawn for lack of quorum, never as an agreement', async () => {
		for (const name of ['T0', 'T1', 'T2']) await attend(name);
		await proposeMotion(database.db, body, meetingId, 'Publicar el informe');
		await openVote(database.db, body, meetingId);
		await castMotionBallot(database.db, body, meetingId, id('T0'), 'for');
		await castMotionBallot(database.db, body, meetingId, id('T1'), 'for');
		expect(await withdrawMotion(database.db, body, meetingId)).toEqual({
			ok: false,
			reason: 'motion-not-suspended'
		});
		await attend('T2', false);
		expect(await withdrawMotion(database.db, body, meetingId)).toEqual({ ok: true });
		const after = await state();
		expect(after.motion).toBeNull();
		expect(after.decisions).toEqual([
			expect.objectContaining({
				carried: false,
				reason: 'withdrawn-no-quorum',
				votesFor: 2,
				agreementNumber: null
			})
		]);
		// Quorum back, the withdrawn motion stays withdrawn; a new one starts from nothing.
		await attend('T2');
		expect(await proposeMotion(database.db, body, meetingId, 'Otra vez')).toEqual({ ok: true });
		expect((await state()).motion).toMatchObject({ text: 'Otra vez', votedSeats: [] });
	});

	it('does not carry a tie, nor a motion nobody voted for or against', async () => {
		for (const name of ['T0', 'T1', 'T2']) await attend(name);
		await proposeMotion(database.db, body, meetingId, 'Empate');
		await openVote(database.db, body, meetingId);
		await castMotionBallot(database.db, body, meetingId, id('T0'), 'for');
		await castMotionBallot(database.db, body, meetingId, id('T1'), 'against');
		await castMotionBallot(database.db, body, meetingId, id('T2'), 'abstain');
		await closeMotion(database.db, body, meetingId);
		await proposeMotion(database.db, body, meetingId, 'Nadie');
		await openVote(database.db, body, meetingId);
		await closeMotion(database.db, body, meetingId);
		expect((await state()).decisions.map((d) => [d.reason, d.agreementNumber])).toEqual([
			['tie-does-not-carry', null],
			['no-votes-cast', null]
		]);
	});

	it('keeps a speakers list: once in the queue, reordered by the facilitator, one speaker at a time', async () => {
		expect(await requestFloor(database.db, body, meetingId, id('T0'))).toEqual({ ok: true });
		expect(await requestFloor(database.db, body, meetingId, id('T0'))).toEqual({
			ok: false,
			reason: 'already-waiting'
		});
		await requestFloor(database.db, body, meetingId, id('Acompañante'));
		let speakers = (await state()).speakers;
		expect(speakers.queue.map((r) => r.name)).toEqual(['T0', 'Acompañante']);
		await moveFloorRequestUp(database.db, body, meetingId, speakers.queue[1]!.id);
		expect(await grantFloor(database.db, body, meetingId, null)).toEqual({ ok: true });
		speakers = (await state()).speakers;
		expect([speakers.current?.name, speakers.queue.map((r) => r.name)]).toEqual([
			'Acompañante',
			['T0']
		]);
		await grantFloor(database.db, body, meetingId, null);
		speakers = (await state()).speakers;
		expect([speakers.current?.name, speakers.queue]).toEqual(['T0', []]);
		expect(await grantFloor(database.db, body, meetingId, null)).toEqual({
			ok: false,
			reason: 'not-waiting'
		});
	});
});
