/**
 * How a committed change reaches the live rooms (broadcast.ts, changeMeetingRoom): the state is
 * read inside the change's transaction and handed to the room publisher only once committed, in
 * commit order even when changes race; a refused change publishes nothing; the public room gets
 * the same state naming only the people who consented to publication.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { setMemberPublicConsent } from '../../src/lib/server/public/site-content';
import { changeMeetingRoom } from '../../src/lib/server/meetings/room-change';
import { createMeeting } from '../../src/lib/server/meetings/meetings';
import { readMeetingState } from '../../src/lib/server/meetings/room-state';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { moveCurrentItem, openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import { castMotionBallot, openVote } from '../../src/lib/server/meetings/decisions';
import {
	liveRoomName,
	publicRoomName,
	registerRoomPublisher
} from '../../src/lib/server/broadcast';
import type { MeetingState } from '../../src/lib/live/meeting-state';
import { attendance } from '../../src/lib/server/db/schema';
import { createFirstAccount } from '../../src/lib/server/auth/accounts';

const holder = (name: string, email: string) => ({
	name,
	position: '',
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});

describe.each(engines)('publishing the live room on %s', (engine) => {
	let database: TestDatabase;
	let body: LoadedSecretariat;
	let people: Awaited<ReturnType<typeof listMembers>>;
	let meetingId: string;
	let published: { room: string; state: MeetingState }[];
	let publicPublished: { room: string; state: MeetingState }[];
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
		const created = await createSecretariat(database.db, {
			name: 'Zacatecas',
			presetId: 'zacatecas-stl'
		});
		const loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: '',
				titular: holder(`Titular ${index}`, `t${index}@x.mx`),
				substitute: null
			});
		}
		await addMember(database.db, created.id, 'facilitator', holder('Fa', 'f@x.mx'));
		body = (await loadSecretariat(database.db, created.slug))!;
		people = await listMembers(database.db, created.id);
		meetingId = (
			await createMeeting(database.db, body, {
				kind: 'ordinary',
				title: 'S1',
				scheduledAt: new Date(),
				place: ''
			})
		).id;
		published = [];
		publicPublished = [];
		registerRoomPublisher({
			publish: (room, key, value) => {
				if (key !== 'state') return;
				if (room.endsWith(':live')) published.push({ room, state: value as MeetingState });
				else publicPublished.push({ room, state: value as MeetingState });
			}
		});
	});
	afterEach(() => registerRoomPublisher({ publish: () => {} }));

	const titular = (n: number) => people.find((p) => p.name === `Titular ${n}`)!.id;
	const checkIn = (n: number) =>
		setAttendance(database.db, body, meetingId, {
			memberId: titular(n),
			present: true,
			remote: false,
			by: userId
		});
	/** Lets the publish queue's promise callbacks run. */
	const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

	it('publishes the committed state to the meeting live room, as a fresh read sees it', async () => {
		await openMeeting(database.db, body, meetingId);
		await moveCurrentItem(database.db, body, meetingId, 1);
		await checkIn(0);
		await settle();
		expect(published.map((p) => p.room)).toEqual([
			liveRoomName(body.secretariat.slug, meetingId),
			liveRoomName(body.secretariat.slug, meetingId),
			liveRoomName(body.secretariat.slug, meetingId)
		]);
		// The meeting row changed by a change is what its state shows.
		expect(published[1]!.state).toMatchObject({ status: 'open', currentItem: 1 });
		expect(published[2]!.state).toEqual(await readMeetingState(database.db, body, meetingId));
		expect(published[2]!.state.quorumLog.map((entry) => entry.seatsPresent)).toEqual([0, 1]);
	});

	it('publishes racing changes in the order they committed, every one of them', async () => {
		await Promise.all([0, 1, 2, 3, 4, 5, 6].map((n) => checkIn(n)));
		await settle();
		expect(published.map((p) => p.state.quorum.seatsPresent)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});

	it('publishes nothing for a refused change, nor for one rolled back', async () => {
		expect(await openVote(database.db, body, meetingId)).toEqual({
			ok: false,
			reason: 'meeting-not-open'
		});
		expect(await castMotionBallot(database.db, body, meetingId, titular(0), 'for')).toEqual({
			ok: false,
			reason: 'meeting-not-open'
		});
		await expect(
			changeMeetingRoom(database.db, body, meetingId, 'check-in', async ({ tx }) => {
				await tx
					.insert(attendance)
					.values({ meetingId, memberId: titular(0), remote: false, checkedInBy: userId });
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		await settle();
		expect(published).toEqual([]);
		expect((await readMeetingState(database.db, body, meetingId)).present).toEqual([]);
		// The queue is not stuck behind the rolled-back change.
		await checkIn(1);
		await settle();
		expect(published.map((p) => p.state.quorum.seatsPresent)).toEqual([1]);
	});

	it('names on the public room only the people who consented to publication; the rest by role', async () => {
		await setMemberPublicConsent(database.db, body.secretariat.id, titular(1), true);
		await checkIn(0);
		await checkIn(1);
		await settle();
		expect(publicPublished.map((p) => p.room)).toEqual([
			publicRoomName(body.secretariat.slug, meetingId),
			publicRoomName(body.secretariat.slug, meetingId)
		]);
		const seen = (state: MeetingState) => state.present.map((p) => [p.name, p.role]);
		expect(seen(published[1]!.state)).toEqual([
			['Titular 0', 'titular'],
			['Titular 1', 'titular']
		]);
		expect(seen(publicPublished[1]!.state)).toEqual([
			[null, 'titular'],
			['Titular 1', 'titular']
		]);
		// Nothing else differs between the two.
		expect({ ...publicPublished[1]!.state, present: [] }).toEqual({
			...published[1]!.state,
			present: []
		});
	});
});
