/**
 * The sealed record of a session (issue 14 item 5) against a real database, on both engines: every
 * room change appends its events to the meeting's chain in its own transaction, under the meeting's
 * row lock; the chain holds and its head is frozen into the minutes; an UPDATE of one stored event
 * breaks the chain at that event (and the download no longer reaches the minutes' seal); a refused
 * or rolled-back change appends nothing; concurrent changes (PostgreSQL's pool) leave a gap-free
 * chain in commit order; and (meeting, seq) cannot be taken twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { engines, openTestDatabase, type TestDatabase } from '../support/databases';
import { createBodyFixture, type BodyFixture } from '../support/fixtures';
import { meetingEvents, members, minutesVersions, users } from '../../src/lib/server/db/schema';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { moveCurrentItem, openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import {
	castMotionBallot,
	closeMotion,
	objectToMotion,
	proposeMotion
} from '../../src/lib/server/meetings/decisions';
import { finishFloor, grantFloor, requestFloor } from '../../src/lib/server/meetings/speakers';
import { changeMeetingRoom } from '../../src/lib/server/meetings/room-change';
import { appendMeetingEvent, readMeetingEvents } from '../../src/lib/server/meetings/event-log';
import { buildEventLogDownload, eventLogCsv } from '../../src/lib/server/meetings/event-log-files';
import {
	checkEventLogFile,
	MAX_MEETINGS_PER_FILE
} from '../../src/lib/server/meetings/event-log-verification';
import { closeMeeting } from '../../src/lib/server/minutes/minutes';
import { issueMinutesPdf } from '../../src/lib/server/minutes/minutes-files';
import { PDFParse } from 'pdf-parse';
import { hashMinutesContent } from '../../src/lib/server/minutes/minutes-content';
import { chainEvent, chainHead, verifyEventChain } from '../../src/lib/rules/event-chain';
import type { LoadedSecretariat } from '../../src/lib/server/secretariats/secretariats';

describe.each(engines)('the sealed record of a session on %s', (engine) => {
	let database: TestDatabase;
	let fixture: BodyFixture;
	/** The facilitator's access and a titular's own, as the routes pass them (with `user`). */
	let facilitator: LoadedSecretariat;
	let titular: LoadedSecretariat;
	let titularUserId: string;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		fixture = await createBodyFixture(database.db);
		const [account] = await database.db
			.insert(users)
			.values({ email: 't0-account@example.mx', name: 'Titular 0', passwordHash: 'x' })
			.returning();
		titularUserId = account!.id;
		await database.db
			.update(members)
			.set({ userId: titularUserId })
			.where(eq(members.id, fixture.memberId('Titular 0')));
		facilitator = { ...fixture.body, user: { id: fixture.userId } } as LoadedSecretariat;
		titular = { ...fixture.body, user: { id: titularUserId } } as LoadedSecretariat;
	});
	afterAll(() => database.drop());

	const checkIn = (meetingId: string, name: string, as = facilitator, present = true) =>
		setAttendance(database.db, as, meetingId, {
			memberId: fixture.memberId(name),
			present,
			remote: false,
			by: (as as { user?: { id: string } }).user?.id ?? fixture.userId
		});

	/** A session run from check-in to close: a vote with a substitute's ballot, a turn to speak. */
	async function runSession(): Promise<string> {
		const { db } = database;
		const id = await fixture.createMeeting();
		expect((await checkIn(id, 'Titular 0', titular)).ok).toBe(true);
		for (const name of ['Titular 1', 'Titular 3', 'Suplente 2']) await checkIn(id, name);
		await openMeeting(db, facilitator, id);
		await moveCurrentItem(db, facilitator, id, 1);
		await proposeMotion(db, facilitator, id, 'Aprobar el calendario');
		await objectToMotion(db, titular, id, fixture.memberId('Titular 0'));
		await castMotionBallot(db, titular, id, fixture.memberId('Titular 0'), 'against');
		await castMotionBallot(db, facilitator, id, fixture.memberId('Suplente 2'), 'for');
		await castMotionBallot(db, facilitator, id, fixture.memberId('Titular 1'), 'for');
		await castMotionBallot(db, facilitator, id, fixture.memberId('Titular 3'), 'for');
		await closeMotion(db, facilitator, id);
		await requestFloor(db, titular, id, fixture.memberId('Titular 0'));
		await grantFloor(db, facilitator, id, null);
		await finishFloor(db, facilitator, id);
		await checkIn(id, 'Titular 3', facilitator, false);
		const closed = await closeMeeting(db, facilitator, id, fixture.userId);
		expect(closed.ok).toBe(true);
		return id;
	}

	it('records every change of the room with who made it, in a chain that holds, sealed into the minutes', async () => {
		const id = await runSession();
		const events = await readMeetingEvents(database.db, id);
		// The quorum is logged whenever it moved (room-change.ts); the rest in the order it happened.
		expect(events.filter((e) => e.kind !== 'quorum-changed').map((e) => e.kind)).toEqual([
			'check-in',
			'check-in',
			'check-in',
			'check-in',
			'meeting-opened',
			'agenda-moved',
			'motion-proposed',
			'objection',
			'vote-opened',
			'ballot',
			'ballot',
			'ballot',
			'ballot',
			'motion-closed',
			'floor-requested',
			'floor-granted',
			'floor-finished',
			'check-out',
			'meeting-closed'
		]);
		expect(events.filter((e) => e.kind === 'quorum-changed').map((e) => e.payload)).toEqual([
			{ met: false, seatsPresent: 1, seatsNeeded: 4 },
			{ met: false, seatsPresent: 2, seatsNeeded: 4 },
			{ met: false, seatsPresent: 3, seatsNeeded: 4 },
			{ met: true, seatsPresent: 4, seatsNeeded: 4 },
			{ met: false, seatsPresent: 3, seatsNeeded: 4 }
		]);
		expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
		const of = (kind: string) => events.filter((e) => e.kind === kind);
		// Who: the titular checked themself in; the facilitator checked the others in and out.
		expect(of('check-in')[0]).toMatchObject({
			seq: 1,
			actor: titularUserId,
			payload: { member: fixture.memberId('Titular 0'), by: 'self', remote: false }
		});
		expect(of('check-in')[1]).toMatchObject({
			actor: fixture.userId,
			payload: { by: 'facilitator' }
		});
		expect(of('check-out')[0]).toMatchObject({
			payload: { member: fixture.memberId('Titular 3'), by: 'facilitator' }
		});
		// Each ballot with its seat and whether the titular or the substitute cast it.
		const ballots = of('ballot').map((e) => e.payload);
		expect(ballots[0]).toMatchObject({ member: fixture.memberId('Titular 0'), role: 'titular' });
		expect(ballots[1]).toMatchObject({
			member: fixture.memberId('Suplente 2'),
			role: 'substitute',
			choice: 'for',
			seat: fixture.body.seats[2]!.key
		});
		expect(of('motion-closed')[0]!.payload).toMatchObject({
			carried: true,
			votesFor: 3,
			votesAgainst: 1
		});
		expect(of('vote-opened')[0]!.payload).toMatchObject({ by: 'objection' });
		expect(of('objection')[0]).toMatchObject({ actor: titularUserId });

		const verdict = verifyEventChain(events);
		expect(verdict).toEqual({ ok: true, head: chainHead(events) });
		const [version] = await database.db
			.select()
			.from(minutesVersions)
			.where(eq(minutesVersions.meetingId, id));
		// The head is part of the frozen content, so the minutes' hash (and every signature) covers it.
		expect(version!.content.eventLog).toEqual(chainHead(events));
		expect(hashMinutesContent(version!.content)).toBe(version!.sha256);
		// And the PDF prints it near the end.
		const parser = new PDFParse({
			data: await issueMinutesPdf(database.db, version!, 'http://localhost')
		});
		const text = (await parser.getText()).text.replace(/\s+/g, ' ');
		await parser.destroy();
		expect(text).toContain(`Registro sellado de la sesión: ${events.length} eventos, SHA-256`);
		expect(text.replace(/ /g, '')).toContain(chainHead(events).sha256);

		const download = await buildEventLogDownload(
			database.db,
			fixture.body.secretariat,
			{ id, title: 'Sesión ordinaria' },
			'members'
		);
		for (const text of [JSON.stringify(download), eventLogCsv(download)]) {
			const checked = await checkEventLogFile(database.db, text);
			expect(checked).toMatchObject({
				ok: true,
				meetings: [
					{
						meetingId: id,
						events: events.length,
						chain: { ok: true },
						seal: { status: 'sealed', version: 1, more: false }
					}
				]
			});
		}
		// The public download names only people who consented (nobody here); the members' names all.
		expect(download.people[fixture.memberId('Suplente 2')]).toBe('Suplente 2');
		const open = await buildEventLogDownload(
			database.db,
			fixture.body.secretariat,
			{ id, title: 'Sesión ordinaria' },
			'public'
		);
		expect(open.people).toEqual({});
		expect(open.events).toEqual(download.events);
	});

	it('shows the chain broken at the event whose row was edited in the database', async () => {
		const id = await runSession();
		const before = await buildEventLogDownload(
			database.db,
			fixture.body.secretariat,
			{ id, title: 'x' },
			'members'
		);
		const ballot = before.events.find((e) => e.kind === 'ballot')!;
		// Someone with database access turns a ballot against into one in favour.
		await database.db
			.update(meetingEvents)
			.set({ payload: { ...ballot.payload, choice: 'for' } })
			.where(and(eq(meetingEvents.meetingId, id), eq(meetingEvents.seq, ballot.seq)));
		const after = await readMeetingEvents(database.db, id);
		expect(verifyEventChain(after)).toMatchObject({
			ok: false,
			brokenAt: ballot.seq,
			reason: 'content',
			validHead: { events: ballot.seq - 1 }
		});
		const download = await buildEventLogDownload(
			database.db,
			fixture.body.secretariat,
			{ id, title: 'x' },
			'members'
		);
		const checked = await checkEventLogFile(database.db, JSON.stringify(download));
		expect(checked).toMatchObject({
			ok: true,
			meetings: [
				{
					chain: { ok: false, brokenAt: ballot.seq, reason: 'content' },
					seal: { status: 'mismatch' }
				}
			]
		});
		// Rewriting the hash too only moves the break to the next link.
		const rehashed = verifyEventChain(
			after.map((e) =>
				e.seq === ballot.seq
					? { ...e, hash: before.events[ballot.seq]!.prevHash.replace(/./, '0') }
					: e
			)
		);
		expect(rehashed.ok).toBe(false);
		// The untouched download still checks, and reaches the seal.
		expect(await checkEventLogFile(database.db, JSON.stringify(before))).toMatchObject({
			meetings: [{ chain: { ok: true }, seal: { status: 'sealed' } }]
		});
	});

	it('refuses to read a file that is not a record, or holds too many meetings', async () => {
		const many = Array.from({ length: MAX_MEETINGS_PER_FILE + 1 }, (_, i) =>
			chainEvent(null, {
				meetingId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
				at: new Date(0).toISOString(),
				kind: 'meeting-opened',
				actor: null,
				payload: {}
			})
		);
		const db = database.db;
		expect(await checkEventLogFile(db, JSON.stringify({ events: many }))).toEqual({
			ok: false,
			reason: 'too-many'
		});
		expect(await checkEventLogFile(db, '{"events": [{"seq": "uno"}]}')).toEqual({
			ok: false,
			reason: 'unreadable'
		});
		expect(await checkEventLogFile(db, 'secuencia,sesion_id\n1,x\n')).toEqual({
			ok: false,
			reason: 'unreadable'
		});
		expect(await checkEventLogFile(db, '  ')).toEqual({ ok: false, reason: 'empty' });
		// A well-formed record of a meeting this server has no minutes of: the chain alone.
		expect(await checkEventLogFile(db, JSON.stringify({ events: many.slice(0, 1) }))).toMatchObject(
			{ ok: true, meetings: [{ chain: { ok: true }, seal: { status: 'none' } }] }
		);
	});

	it('appends nothing for a refused or a rolled-back change', async () => {
		const { db } = database;
		const id = await fixture.createMeeting();
		await checkIn(id, 'Titular 0', titular);
		const count = async () => (await readMeetingEvents(db, id)).length;
		const start = await count();
		// Refused by the rules under the lock: no quorum for a motion; not open for a close.
		expect((await proposeMotion(db, facilitator, id, 'Sin quórum')).ok).toBe(false);
		expect((await closeMeeting(db, facilitator, id, fixture.userId)).ok).toBe(false);
		// Refused by the change itself: nobody waiting for the floor.
		expect((await grantFloor(db, facilitator, id, null)).ok).toBe(false);
		expect(await count()).toBe(start);
		// A change that appended its event and then failed: the transaction takes the event with it.
		await expect(
			changeMeetingRoom(db, facilitator, id, 'move-agenda', async ({ tx }) => {
				await appendMeetingEvent(tx, facilitator, id, 'agenda-moved', { from: 0, to: 1 });
				throw new Error('the change failed after writing');
			})
		).rejects.toThrow('the change failed after writing');
		expect(await count()).toBe(start);
		expect(verifyEventChain(await readMeetingEvents(db, id)).ok).toBe(true);
	});

	it('keeps one chain without gaps, in commit order, when changes race', async () => {
		const { db } = database;
		const id = await fixture.createMeeting();
		await openMeeting(db, facilitator, id);
		const names = [0, 1, 2, 3, 4, 5, 6].flatMap((n) => [`Titular ${n}`, `Suplente ${n}`]);
		// Everyone checks in at once, then everyone out at once, while turns to speak are asked for.
		await Promise.all(names.map((name) => checkIn(id, name)));
		await Promise.all([
			...names.map((name) => checkIn(id, name, facilitator, false)),
			...[0, 1, 2].map((n) => requestFloor(db, facilitator, id, fixture.memberId(`Titular ${n}`)))
		]);
		const events = await readMeetingEvents(db, id);
		expect(verifyEventChain(events).ok).toBe(true);
		expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
		expect(events.filter((e) => e.kind === 'check-in')).toHaveLength(names.length);
		expect(events.filter((e) => e.kind === 'check-out')).toHaveLength(names.length);
		expect(events.filter((e) => e.kind === 'floor-requested')).toHaveLength(3);
		// Commit order: each event's time was read under the lock, after the one before committed.
		for (let i = 1; i < events.length; i++)
			expect(Date.parse(events[i]!.at)).toBeGreaterThanOrEqual(Date.parse(events[i - 1]!.at));
	});

	it('refuses a second event at the same place of a meeting’s chain', async () => {
		const id = await fixture.createMeeting();
		await checkIn(id, 'Titular 0', titular);
		const [first] = await readMeetingEvents(database.db, id);
		await expect(
			database.db.insert(meetingEvents).values({ ...first!, at: new Date(first!.at) })
		).rejects.toThrow();
		expect((await readMeetingEvents(database.db, id)).map((e) => e.seq)).toEqual([1, 2]);
	});
});
