/**
 * A change that waits for the meeting's row lock decides on what the lock's holder committed, not
 * on what was there when it started waiting (meeting-lock.ts). The race made deterministic on
 * PostgreSQL (PGlite runs one transaction at a time, so nothing waits there): a transaction holds
 * the lock and calls the meeting off, as `cancelMeeting` does (Z art. 7.4); a check-in starts and
 * is seen waiting for the lock in pg_stat_activity; the holder commits; the check-in must be
 * refused because the meeting is cancelled. When the lock's own statement also read the
 * convocatoria, it read it from before the wait and let the check-in through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { engines, openTestDatabase, type TestDatabase } from '../support/databases';
import { createBodyFixture, type BodyFixture } from '../support/fixtures';
import { attendance, convocations } from '../../src/lib/server/db/schema';
import { lockMeeting } from '../../src/lib/server/meetings/meeting-lock';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import { readMeetingState } from '../../src/lib/server/meetings/room-state';

describe.each(engines.filter((engine) => engine === 'postgres'))(
	'a change waiting for the meeting lock on %s',
	(engine) => {
		let database: TestDatabase;
		let fixture: BodyFixture;

		beforeAll(async () => {
			database = await openTestDatabase(engine);
			fixture = await createBodyFixture(database.db);
		});
		afterAll(async () => {
			await database.drop();
		});

		/** Waits until `count` statements of this database wait for a lock (another connection's). */
		async function waitersOnLock(count: number) {
			for (let tries = 0; tries < 200; tries++) {
				const rows = (await database.db.execute(sql`
					select count(*)::int as waiting from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as {
					waiting: number;
				}[];
				if (rows[0]!.waiting >= count) return;
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			throw new Error('nothing waited for the lock');
		}

		it('refuses a check-in that waited while the meeting was called off', async () => {
			const { db } = database;
			const meetingId = await fixture.createMeeting();
			await openMeeting(db, fixture.body, meetingId);
			await db.insert(convocations).values({ meetingId, status: 'issued' });
			const memberId = fixture.memberId('Titular 0');
			let checkIn: ReturnType<typeof setAttendance> | undefined;
			await db.transaction(async (tx) => {
				expect(await lockMeeting(tx, fixture.body.secretariat.id, meetingId)).not.toBeNull();
				await tx
					.update(convocations)
					.set({ status: 'cancelled', cancelledAt: new Date() })
					.where(eq(convocations.meetingId, meetingId));
				checkIn = setAttendance(db, fixture.body, meetingId, {
					memberId,
					present: true,
					remote: false,
					by: fixture.userId
				});
				await waitersOnLock(1);
			});
			expect(await checkIn).toEqual({ ok: false, reason: 'meeting-cancelled' });
			const rows = await db
				.select()
				.from(attendance)
				.where(and(eq(attendance.meetingId, meetingId), eq(attendance.memberId, memberId)));
			expect(rows).toEqual([]);
			expect((await readMeetingState(db, fixture.body, meetingId)).status).toBe('cancelled');
		});

		it('lets a check-in that waited see the attendance the holder committed', async () => {
			const { db } = database;
			const meetingId = await fixture.createMeeting();
			await openMeeting(db, fixture.body, meetingId);
			const memberId = fixture.memberId('Titular 1');
			let second: ReturnType<typeof setAttendance> | undefined;
			await db.transaction(async (tx) => {
				await lockMeeting(tx, fixture.body.secretariat.id, meetingId);
				await tx.insert(attendance).values({ meetingId, memberId, remote: false });
				// The same person checked in the same way again: nothing to change, if it sees the row.
				second = setAttendance(db, fixture.body, meetingId, {
					memberId,
					present: true,
					remote: false,
					by: fixture.userId
				});
				await waitersOnLock(1);
			});
			expect(await second).toEqual({ ok: true });
			const rows = await db
				.select()
				.from(attendance)
				.where(and(eq(attendance.meetingId, meetingId), eq(attendance.memberId, memberId)));
			expect(rows).toHaveLength(1);
		});
	}
);
