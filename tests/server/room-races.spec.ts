/**
 * Closing a meeting racing every other change of its room, with real concurrency on PostgreSQL (a
 * pool of connections; PGlite runs them one after another): whoever takes the meeting's row lock
 * first wins, and once the minutes are frozen nothing changes — no check-in or check-out, no
 * reopening, no agenda move, no motion, objection or ballot, no turn to speak (Z art. 7.5, 9.3).
 *
 * Each round starts a fresh open meeting with quorum and fires the close and the other change at
 * the same moment. Afterwards: if the meeting closed, the minutes re-assembled from the database
 * equal the frozen ones, every row of the room is older than the close, the last state published
 * is the closed one and nothing was published after it; if the close lost, it lost to a motion
 * that is now under way (the only reason it may). `ROOM_RACE_ROUNDS=50 npx vitest run
 * tests/server/room-races.spec.ts` runs fifty rounds of each race; CI runs a few.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines, openTestDatabase, type TestDatabase } from '../support/databases';
import { createBodyFixture, type BodyFixture } from '../support/fixtures';
import {
	attendance,
	ballots,
	meetings,
	minutesVersions,
	motions,
	objections,
	quorumLog,
	speakerRequests
} from '../../src/lib/server/db/schema';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { moveCurrentItem, openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import {
	castMotionBallot,
	closeMotion,
	objectToMotion,
	openVote,
	proposeMotion
} from '../../src/lib/server/meetings/decisions';
import { requestFloor } from '../../src/lib/server/meetings/speakers';
import { closeMeeting } from '../../src/lib/server/minutes/minutes';
import { assembleMinutesContent } from '../../src/lib/server/minutes/assemble';
import { hashMinutesContent } from '../../src/lib/server/minutes/minutes-content';
import { readMeetingState } from '../../src/lib/server/meetings/room-state';
import { registerRoomPublisher } from '../../src/lib/server/broadcast';
import type { MeetingState } from '../../src/lib/live/meeting-state';

const ROUNDS = Number(process.env.ROOM_RACE_ROUNDS ?? 4);

interface Race {
	name: string;
	/** What the meeting holds before the race, beyond being open with four titulares present. */
	prepare?: 'consensus' | 'voting';
	/** The facilitator's side: closing the meeting (after closing the motion under way, if any). */
	close: 'meeting' | 'motion-then-meeting';
	/** The other side of the race. */
	other: (db: TestDatabase['db'], f: BodyFixture, meetingId: string) => Promise<{ ok: boolean }>;
}

const races: Race[] = [
	{
		name: 'a check-in',
		close: 'meeting',
		other: (db, f, id) =>
			setAttendance(db, f.body, id, {
				memberId: f.memberId('Titular 5'),
				present: true,
				remote: true,
				by: f.userId
			})
	},
	{
		name: 'a check-out',
		close: 'meeting',
		other: (db, f, id) =>
			setAttendance(db, f.body, id, {
				memberId: f.memberId('Titular 3'),
				present: false,
				remote: false,
				by: f.userId
			})
	},
	{ name: 'opening it again', close: 'meeting', other: (db, f, id) => openMeeting(db, f.body, id) },
	{
		name: 'the next agenda item',
		close: 'meeting',
		other: (db, f, id) => moveCurrentItem(db, f.body, id, 1)
	},
	{
		name: 'a new motion',
		close: 'meeting',
		other: (db, f, id) => proposeMotion(db, f.body, id, 'Propuesta de última hora')
	},
	{
		name: 'an objection',
		prepare: 'consensus',
		close: 'motion-then-meeting',
		other: (db, f, id) => objectToMotion(db, f.body, id, f.memberId('Titular 0'))
	},
	{
		name: 'a ballot',
		prepare: 'voting',
		close: 'motion-then-meeting',
		other: (db, f, id) => castMotionBallot(db, f.body, id, f.memberId('Titular 0'), 'against')
	},
	{
		name: 'a turn to speak',
		close: 'meeting',
		other: (db, f, id) => requestFloor(db, f.body, id, f.memberId('Titular 1'))
	}
];

/** A pause of 0–2 ms, so either side may reach the lock first. */
const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe.each(engines)('closing a meeting racing the room on %s', (engine) => {
	let database: TestDatabase;
	let fixture: BodyFixture;
	let published: Map<string, MeetingState[]>;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		fixture = await createBodyFixture(database.db);
		published = new Map();
		registerRoomPublisher({
			publish(room, key, value) {
				if (key !== 'state' || !room.endsWith(':live')) return;
				const state = value as MeetingState;
				published.set(state.meetingId, [...(published.get(state.meetingId) ?? []), state]);
			}
		});
	});
	afterAll(async () => {
		registerRoomPublisher({ publish: () => {} });
		await database.drop();
	});

	/** An open meeting with quorum (four of seven titulares), and a motion if the race needs one. */
	async function prepareMeeting(race: Race): Promise<string> {
		const { db } = database;
		const id = await fixture.createMeeting();
		await openMeeting(db, fixture.body, id);
		for (const n of [0, 1, 2, 3])
			await setAttendance(db, fixture.body, id, {
				memberId: fixture.memberId(`Titular ${n}`),
				present: true,
				remote: false,
				by: fixture.userId
			});
		if (race.prepare) await proposeMotion(db, fixture.body, id, 'Publicar el calendario');
		if (race.prepare === 'voting') {
			await openVote(db, fixture.body, id);
			await castMotionBallot(db, fixture.body, id, fixture.memberId('Titular 1'), 'for');
		}
		return id;
	}

	async function closeSide(race: Race, meetingId: string) {
		const { db } = database;
		if (race.close === 'motion-then-meeting') await closeMotion(db, fixture.body, meetingId);
		return closeMeeting(db, fixture.body, meetingId, fixture.userId);
	}

	/** Every change the room took after its minutes were frozen (none, if the rules held). */
	async function changesAfterFreeze(meetingId: string): Promise<string[]> {
		const { db } = database;
		const found: string[] = [];
		const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
		const [version] = await db
			.select()
			.from(minutesVersions)
			.where(eq(minutesVersions.meetingId, meetingId));
		if (!version) return found;
		if (meeting!.status !== 'closed') found.push(`status ${meeting!.status}`);
		const now = await db.transaction((tx) =>
			assembleMinutesContent(tx, fixture.body, meeting!, version.number)
		);
		if (hashMinutesContent(now) !== version.sha256)
			found.push('the minutes re-assembled differ from the frozen ones');
		const end = meeting!.endedAt!.getTime();
		const after = (label: string, dates: (Date | null)[]) => {
			if (dates.some((date) => date && date.getTime() > end)) found.push(`${label} after close`);
		};
		const [present, log, turns] = await Promise.all([
			db.select().from(attendance).where(eq(attendance.meetingId, meetingId)),
			db.select().from(quorumLog).where(eq(quorumLog.meetingId, meetingId)),
			db.select().from(speakerRequests).where(eq(speakerRequests.meetingId, meetingId))
		]);
		after(
			'attendance',
			present.flatMap((row) => [row.checkedInAt, row.checkedOutAt])
		);
		after(
			'quorum log',
			log.map((row) => row.at)
		);
		after(
			'turn to speak',
			turns.map((row) => row.requestedAt)
		);
		const meetingMotions = await db.select().from(motions).where(eq(motions.meetingId, meetingId));
		if (meetingMotions.some((motion) => motion.status !== 'closed'))
			found.push('a motion left under way');
		after(
			'motion',
			meetingMotions.map((motion) => motion.openedAt)
		);
		for (const motion of meetingMotions) {
			const cast = await db.select().from(ballots).where(eq(ballots.motionId, motion.id));
			const counted =
				(motion.outcome?.votesFor ?? 0) +
				(motion.outcome?.votesAgainst ?? 0) +
				(motion.outcome?.abstentions ?? 0);
			if (motion.outcome && motion.outcome.reason !== 'consensus' && cast.length !== counted)
				found.push('a ballot not in the outcome');
			const objected = await db.select().from(objections).where(eq(objections.motionId, motion.id));
			if (motion.closedAt && objected.some((o) => o.at.getTime() > motion.closedAt!.getTime()))
				found.push('an objection after the motion closed');
		}
		const states = published.get(meetingId) ?? [];
		const firstClosed = states.findIndex((state) => state.status === 'closed');
		if (firstClosed !== states.length - 1) found.push('a state published after the close');
		const fresh = await readMeetingState(db, fixture.body, meetingId);
		if (JSON.stringify(states.at(-1)) !== JSON.stringify(fresh))
			found.push('the screens were left with another state than the record');
		return found;
	}

	for (const race of races)
		it(
			`takes nothing after the freeze when the close races ${race.name} (${ROUNDS} rounds)`,
			async () => {
				const tally = { closedFirst: 0, otherFirst: 0 };
				for (let round = 0; round < ROUNDS; round++) {
					const meetingId = await prepareMeeting(race);
					published.delete(meetingId);
					const [closed, other] = await Promise.all([
						jitter().then(() => closeSide(race, meetingId)),
						jitter().then(() => race.other(database.db, fixture, meetingId))
					]);
					await settle();
					expect(await changesAfterFreeze(meetingId), `round ${round}`).toEqual([]);
					if (closed.ok) {
						tally[other.ok ? 'otherFirst' : 'closedFirst']++;
					} else {
						// The close may lose only to a motion now under way, which the minutes would miss.
						expect(closed).toEqual({ ok: false, reason: 'motion-open' });
						expect(other.ok).toBe(true);
						tally.otherFirst++;
					}
				}
				expect(tally.closedFirst + tally.otherFirst).toBe(ROUNDS);
				console.info(`${engine}, close vs ${race.name}: ${JSON.stringify(tally)}`);
			},
			60_000 + ROUNDS * 5_000
		);
});
