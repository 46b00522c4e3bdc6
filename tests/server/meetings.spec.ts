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
import { moveCurrentItem, openMeeting } from '../../src/lib/server/meetings/meeting-progress';
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

describe.each(engines)('meetings on %s', (engine) => {
	let database: TestDatabase;
	let body: LoadedSecretariat;
	let userId: string;
	let people: Awaited<ReturnType<typeof listMembers>>;

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
		let loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries()) {
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: '',
				titular: holder(`Titular ${index}`, `t${index}@x.mx`),
				substitute: holder(`Suplente ${index}`, `s${index}@x.mx`)
			});
		}
		await addMember(database.db, created.id, 'facilitator', holder('Fa', 'f@x.mx'));
		loaded = (await loadSecretariat(database.db, created.slug))!;
		body = loaded;
		people = await listMembers(database.db, created.id);
	});

	const personNamed = (name: string) => people.find((p) => p.name === name)!.id;

	it('pre-fills the agenda with the order of a meeting (Z art. 8)', async () => {
		const meeting = await createMeeting(database.db, body, {
			kind: 'ordinary',
			title: 'S1',
			scheduledAt: new Date(),
			place: ''
		});
		const state = await readMeetingState(database.db, body, meeting.id);
		expect(state.agenda.map((item) => item.kind)).toEqual([
			'quorum-check',
			'agenda-approval',
			'previous-minutes-approval',
			'reports-and-follow-up',
			'topics-and-conclusions',
			'materials-distribution'
		]);
		expect(state.quorum).toEqual({ met: false, seatsPresent: 0, seatsNeeded: 4, seatCount: 7 });
	});

	it('counts a seat once whoever of its holders checks in, and logs every change of the quorum', async () => {
		const meeting = await createMeeting(database.db, body, {
			kind: 'ordinary',
			title: 'S1',
			scheduledAt: new Date(),
			place: ''
		});
		const checkIn = (name: string, remote = false) =>
			setAttendance(database.db, body, meeting.id, {
				memberId: personNamed(name),
				present: true,
				remote,
				by: userId
			});
		await checkIn('Titular 0');
		await checkIn('Suplente 0'); // same seat: no change
		await checkIn('Fa'); // no seat: no change
		await checkIn('Titular 1', true);
		await checkIn('Suplente 2');
		let state = await readMeetingState(database.db, body, meeting.id);
		expect(state.quorum).toMatchObject({ met: false, seatsPresent: 3 });
		await checkIn('Titular 3');
		state = await readMeetingState(database.db, body, meeting.id);
		expect(state.quorum).toMatchObject({ met: true, seatsPresent: 4 });
		expect(state.present.find((p) => p.name === 'Titular 1')?.remote).toBe(true);
		await setAttendance(database.db, body, meeting.id, {
			memberId: personNamed('Titular 3'),
			present: false,
			remote: false,
			by: userId
		});
		state = await readMeetingState(database.db, body, meeting.id);
		expect(state.quorumLog.map((entry) => [entry.seatsPresent, entry.met])).toEqual([
			[1, false],
			[2, false],
			[3, false],
			[4, true],
			[3, false]
		]);
	});

	it('keeps the current item within the agenda and refuses a meeting of another body', async () => {
		const meeting = await createMeeting(database.db, body, {
			kind: 'ordinary',
			title: 'S1',
			scheduledAt: new Date(),
			place: ''
		});
		await openMeeting(database.db, body, meeting.id);
		await moveCurrentItem(database.db, body, meeting.id, -3);
		expect((await readMeetingState(database.db, body, meeting.id)).currentItem).toBe(0);
		await moveCurrentItem(database.db, body, meeting.id, 40);
		const state = await readMeetingState(database.db, body, meeting.id);
		expect([state.status, state.currentItem]).toEqual(['open', 5]);
		const other = await createSecretariat(database.db, { name: 'Otro', presetId: 'inai-stl' });
		const otherBody = (await loadSecretariat(database.db, other.slug))!;
		expect(await moveCurrentItem(database.db, otherBody, meeting.id, 1)).toEqual({
			ok: false,
			reason: 'meeting-unknown'
		});
	});
});
