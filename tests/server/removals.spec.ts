/**
 * Removing a member (Z art. 5, I I.3, T I.3), through the whole path: proposed with its reason by
 * seats other than the member's own, supported until the rules' number of seats is reached, put on
 * the next meeting's agenda, voted by all the seats and decided by a majority of all of them (not
 * of those present), recorded in the register either way; a carried removal ends the membership,
 * frees the seat and tells the admins; an undecided one passes to the next meeting.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { createBodyFixture, holder, type BodyFixture } from '../support/fixtures';
import {
	agendaItems,
	agreements,
	attendance,
	memberNotices,
	members,
	outboxMessages,
	removalProposals
} from '../../src/lib/server/db/schema';
import { addMember, listMembers } from '../../src/lib/server/secretariats/members';
import {
	listMeetingRemovals,
	proposeRemoval,
	putRemovalToVote,
	supportRemoval
} from '../../src/lib/server/meetings/removals';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import { castMotionBallot, closeMotion } from '../../src/lib/server/meetings/decisions';
import { readMeetingState } from '../../src/lib/server/meetings/room-state';
import { closeMeeting } from '../../src/lib/server/minutes/minutes';

describe.each(engines)('removing a member on %s', (engine) => {
	let database: TestDatabase;
	let f: BodyFixture;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
		// Zacatecas: seven seats, two proposers, a majority of all seats is four.
		f = await createBodyFixture(database.db);
		await addMember(
			database.db,
			f.body.secretariat.id,
			'secretariat-admin',
			holder('Administración del STL', 'admin-stl@example.mx')
		);
	});

	const propose = (target: string, proposer: string) =>
		proposeRemoval(database.db, f.body, {
			memberId: f.memberId(target),
			proposerId: f.memberId(proposer),
			reason: 'Faltó a seis sesiones seguidas sin aviso.',
			userId: f.userId
		});
	const support = (proposalId: string, name: string) =>
		supportRemoval(database.db, f.body, { proposalId, memberId: f.memberId(name) });
	const proposal = async (id: string) =>
		(await database.db.select().from(removalProposals).where(eq(removalProposals.id, id)))[0]!;

	/** A scheduled proposal about Titular 6, from seats 0 and 1. */
	async function scheduledProposal() {
		const proposed = await propose('Titular 6', 'Titular 0');
		if (!proposed.ok) throw new Error(proposed.reason);
		expect(await support(proposed.proposalId, 'Titular 1')).toEqual({
			ok: true,
			proposalId: proposed.proposalId
		});
		return proposed.proposalId;
	}

	/** Opens the meeting with titulares 0–6 but those left out present, and puts the removal to the vote. */
	async function voteOn(meetingId: string, proposalId: string, present: number[]) {
		await openMeeting(database.db, f.body, meetingId);
		for (const n of present)
			await setAttendance(database.db, f.body, meetingId, {
				memberId: f.memberId(`Titular ${n}`),
				present: true,
				remote: false,
				by: f.userId
			});
		expect(await putRemovalToVote(database.db, f.body, meetingId, proposalId)).toEqual({
			ok: true
		});
	}

	it('counts only other seats, once each, and schedules the proposal on the next meeting', async () => {
		const proposed = await propose('Titular 6', 'Titular 0');
		expect(proposed.ok).toBe(true);
		const id = proposed.ok ? proposed.proposalId : '';
		expect(await propose('Titular 6', 'Titular 2')).toEqual({
			ok: false,
			reason: 'already-proposed'
		});
		expect(await propose('Titular 3', 'Suplente 3')).toEqual({ ok: false, reason: 'own-seat' });
		expect(await propose('Facilitación', 'Titular 0')).toEqual({
			ok: false,
			reason: 'member-unknown'
		});
		expect(await support(id, 'Suplente 6')).toEqual({ ok: false, reason: 'own-seat' });
		expect(await support(id, 'Suplente 0')).toEqual({ ok: false, reason: 'already-supported' });
		expect(await support(id, 'Facilitación')).toEqual({ ok: false, reason: 'not-seat-holder' });
		expect((await proposal(id)).status).toBe('gathering');
		// The second seat completes it; with no meeting yet it waits for the next one created.
		expect((await support(id, 'Suplente 1')).ok).toBe(true);
		expect(await proposal(id)).toMatchObject({ status: 'scheduled', meetingId: null });
		expect(await support(id, 'Titular 2')).toEqual({ ok: false, reason: 'proposal-closed' });
		const meetingId = await f.createMeeting();
		expect((await proposal(id)).meetingId).toBe(meetingId);
		const agenda = await database.db
			.select()
			.from(agendaItems)
			.where(eq(agendaItems.meetingId, meetingId));
		expect(agenda.at(-1)).toMatchObject({
			kind: 'removal',
			title: 'Propuesta de dejar sin efectos la designación de Titular 6'
		});
		expect(await listMeetingRemovals(database.db, meetingId)).toEqual([
			{ id, memberName: 'Titular 6', reason: 'Faltó a seis sesiones seguidas sin aviso.' }
		]);
	});

	it('needs a majority of ALL the seats: three of five present voting for is not enough (Z art. 5)', async () => {
		const meetingId = await f.createMeeting();
		const id = await scheduledProposal();
		await voteOn(meetingId, id, [0, 1, 2, 3, 4]);
		const state = await readMeetingState(database.db, f.body, meetingId);
		// No consensus round: the documents say it is voted.
		expect(state.motion).toMatchObject({ status: 'voting', suspended: false });
		for (const [n, choice] of [
			[0, 'for'],
			[1, 'for'],
			[2, 'for'],
			[3, 'against'],
			[4, 'abstain']
		] as const)
			expect(
				await castMotionBallot(database.db, f.body, meetingId, f.memberId(`Titular ${n}`), choice)
			).toEqual({ ok: true });
		expect(await closeMotion(database.db, f.body, meetingId)).toEqual({ ok: true });
		const decided = (await readMeetingState(database.db, f.body, meetingId)).decisions[0];
		expect(decided).toMatchObject({
			carried: false,
			reason: 'removal-majority-of-all-seats-not-reached',
			votesFor: 3,
			votesAgainst: 1,
			abstentions: 1,
			agreementNumber: 1
		});
		expect((await proposal(id)).status).toBe('not-carried');
		const [entry] = await database.db.select().from(agreements);
		expect(entry!.text).toMatch(/^No se aprueba: Dejar sin efectos la designación de Titular 6/);
		expect((await listMembers(database.db, f.body.secretariat.id)).map((p) => p.name)).toContain(
			'Titular 6'
		);
	});

	it('when carried, ends the designation, frees the seat, checks the member out and tells the admins', async () => {
		const meetingId = await f.createMeeting();
		const id = await scheduledProposal();
		await voteOn(meetingId, id, [0, 1, 2, 3, 6]);
		for (const n of [0, 1, 2, 3])
			await castMotionBallot(database.db, f.body, meetingId, f.memberId(`Titular ${n}`), 'for');
		await castMotionBallot(database.db, f.body, meetingId, f.memberId('Titular 6'), 'against');
		expect(await closeMotion(database.db, f.body, meetingId)).toEqual({ ok: true });
		const state = await readMeetingState(database.db, f.body, meetingId);
		expect(state.decisions[0]).toMatchObject({
			carried: true,
			reason: 'removal-carried',
			votesFor: 4,
			votesAgainst: 1
		});
		// Out of the room and of the seat: four seats remain present, quorum stands.
		expect(state.present.map((p) => p.name)).not.toContain('Titular 6');
		expect(state.quorum).toMatchObject({ met: true, seatsPresent: 4 });
		const [ended] = await database.db
			.select()
			.from(members)
			.where(eq(members.id, f.memberId('Titular 6')));
		expect(ended).toMatchObject({ seatId: null });
		expect(ended!.endedAt).not.toBeNull();
		expect(
			(await listMembers(database.db, f.body.secretariat.id)).map((p) => p.name)
		).not.toContain('Titular 6');
		const stretch = await database.db
			.select()
			.from(attendance)
			.where(
				and(eq(attendance.memberId, f.memberId('Titular 6')), isNull(attendance.checkedOutAt))
			);
		expect(stretch).toEqual([]);
		const notices = await database.db.select().from(memberNotices);
		expect(notices.map((n) => [n.kind, n.detail])).toEqual([['seat-vacated', 'Titular 6']]);
		const mails = await database.db.select().from(outboxMessages);
		// The body's admin and the instance's, who may both fill the seat.
		expect(mails.map((mail) => mail.toAddress).sort()).toEqual([
			'admin-stl@example.mx',
			'admin@example.mx'
		]);
		expect(mails[0]!.textBody).toContain('Titular 6');
		// The minutes keep the person among those who attended, and among no signers.
		expect((await closeMeeting(database.db, f.body, meetingId, f.userId)).ok).toBe(true);
	});

	it('passes a removal its meeting did not decide on to the next meeting', async () => {
		const first = await f.createMeeting('Primera');
		const id = await scheduledProposal();
		expect((await proposal(id)).meetingId).toBe(first);
		const second = await f.createMeeting('Segunda');
		await openMeeting(database.db, f.body, first);
		expect((await closeMeeting(database.db, f.body, first, f.userId)).ok).toBe(true);
		expect(await proposal(id)).toMatchObject({ status: 'scheduled', meetingId: second });
		expect(await listMeetingRemovals(database.db, first)).toEqual([]);
		// A removal not on the meeting's agenda cannot be put to its vote.
		await openMeeting(database.db, f.body, second);
		const third = await f.createMeeting('Tercera');
		expect(await putRemovalToVote(database.db, f.body, third, id)).toEqual({
			ok: false,
			reason: 'meeting-not-open'
		});
	});
});
