import { describe, expect, it } from 'vitest';
import {
	checkDispatcher,
	findDueReminders,
	groupPendingDispatches,
	isVersionDispatched,
	type DispatchableVersion,
	type ReminderPerson
} from './dispatch-schedule';
import { copyPresetRules } from './presets/index';

const mexicoCity = (wallClock: string) => new Date(`${wallClock}-06:00`);
const inai = copyPresetRules('inai-stl');
const tacambaro = copyPresetRules('tacambaro-stm');
const zacatecas = copyPresetRules('zacatecas-stl');

const version = (
	id: string,
	meetingStart: string,
	deliveryStatuses: DispatchableVersion['deliveryStatuses'] = [],
	number = 1
): DispatchableVersion => ({
	versionId: id,
	meetingId: `m-${id}`,
	meetingStart: mexicoCity(meetingStart),
	number,
	deliveryStatuses
});

describe('isVersionDispatched', () => {
	it.each([
		[[], false],
		[['failed'], false],
		[['failed', 'failed'], false],
		[['sent'], true],
		[['stored'], true],
		[['failed', 'sent'], true],
		[[null], true]
	] as const)('with deliveries %j it is sent: %s', (statuses, sent) => {
		expect(isVersionDispatched({ deliveryStatuses: statuses })).toBe(sent);
	});
});

describe('groupPendingDispatches', () => {
	it('groups by the meetings’ month, oldest first, with the INAI deadline and overdue flag (I III.8)', () => {
		const months = groupPendingDispatches(
			inai,
			[
				version('b', '2026-11-20T10:00'),
				version('a', '2026-10-31T23:30'),
				version('c', '2026-11-02T10:00', [], 2),
				version('sent', '2026-11-03T10:00', ['sent'])
			],
			mexicoCity('2026-11-21T12:00')
		);
		expect(months.map((m) => [m.month, m.deadline?.lastDay, m.overdue])).toEqual([
			['2026-10', '2026-10-31', true],
			['2026-11', '2026-11-30', false]
		]);
		expect(months[1]!.versions.map((v) => v.versionId)).toEqual(['c', 'b']);
	});

	it('gives Tacámbaro the last day of the month after the meeting (T III.8)', () => {
		const [month] = groupPendingDispatches(
			tacambaro,
			[version('a', '2026-10-15T10:00')],
			mexicoCity('2026-11-30T23:59')
		);
		expect(month).toMatchObject({ month: '2026-10', overdue: false });
		expect(month!.deadline?.lastDay).toBe('2026-11-30');
		const [late] = groupPendingDispatches(
			tacambaro,
			[version('a', '2026-10-15T10:00')],
			mexicoCity('2026-12-01T00:00')
		);
		expect(late!.overdue).toBe(true);
	});

	it('has no deadline and is never overdue in Zacatecas (Z art. 11 III)', () => {
		const [month] = groupPendingDispatches(
			zacatecas,
			[version('a', '2025-01-15T10:00')],
			mexicoCity('2026-11-21T12:00')
		);
		expect(month).toMatchObject({ deadline: null, overdue: false });
	});

	it('offers again a version whose every mail failed, and not one that went', () => {
		const months = groupPendingDispatches(
			inai,
			[
				version('failed', '2026-11-02T10:00', ['failed']),
				version('ok', '2026-11-03T10:00', ['sent'])
			],
			mexicoCity('2026-11-21T12:00')
		);
		expect(months.flatMap((m) => m.versions.map((v) => v.versionId))).toEqual(['failed']);
	});

	it('is empty when everything was sent', () => {
		expect(
			groupPendingDispatches(inai, [version('a', '2026-11-02T10:00', ['stored'])], new Date())
		).toEqual([]);
	});
});

describe('checkDispatcher', () => {
	it.each([
		['inai (guarantor)', inai, ['titular'], ['guarantor'], true],
		['inai (guarantor)', inai, ['substitute'], ['guarantor'], true],
		['inai (guarantor)', inai, ['titular'], ['civil-society'], false],
		['inai (guarantor)', inai, ['facilitator'], [], false],
		['inai (guarantor)', inai, ['secretariat-admin'], [], true],
		['inai (guarantor)', inai, ['instance-admin'], [], true],
		['tacámbaro (facilitator)', tacambaro, ['facilitator'], [], true],
		['tacámbaro (facilitator)', tacambaro, ['titular'], ['guarantor'], false],
		['tacámbaro (facilitator)', tacambaro, ['companion'], [], false]
	] as const)('%s: roles %j with seats %j may dispatch: %s', (_, rules, roles, sectors, ok) => {
		expect(checkDispatcher(rules, { roles, seatSectors: sectors }).ok).toBe(ok);
	});
});

describe('findDueReminders', () => {
	const people: ReminderPerson[] = [
		{ memberId: 'fac', role: 'facilitator', seatSector: null, termEndsOn: null },
		{ memberId: 'gar', role: 'titular', seatSector: 'guarantor', termEndsOn: '2026-12-31' },
		{ memberId: 'gar-s', role: 'substitute', seatSector: 'guarantor', termEndsOn: null },
		{ memberId: 'civ', role: 'titular', seatSector: 'civil-society', termEndsOn: '2026-11-30' }
	];
	const pendingNovember = (rules: typeof inai, now: Date) =>
		groupPendingDispatches(rules, [version('a', '2026-11-05T10:00')], now);
	const due = (rules: typeof inai, now: Date, reminderDays = 5, termReminderDays = 30) =>
		findDueReminders({
			rules,
			pending: pendingNovember(rules, now),
			people,
			reminderDays,
			termReminderDays,
			now
		});
	const dispatchOnes = (list: ReturnType<typeof due>) =>
		list.filter((r) => r.kind === 'dispatch-due').map((r) => [r.recipientMemberId, r.key]);

	it.each([
		['2026-11-24T23:59', []],
		[
			'2026-11-25T00:00',
			[
				['fac', '2026-11-30'],
				['gar', '2026-11-30']
			]
		],
		[
			'2026-12-03T10:00',
			[
				['fac', '2026-11-30'],
				['gar', '2026-11-30']
			]
		]
	] as const)('INAI, 5 days before 30 Nov: at %s the dispatch reminders are %j', (at, expected) => {
		expect(dispatchOnes(due(inai, mexicoCity(at)))).toEqual(expected);
	});

	it('reminds only the facilitator when the facilitator dispatches (Tacámbaro), from the days set', () => {
		expect(dispatchOnes(due(tacambaro, mexicoCity('2026-12-20T10:00'), 10))).toEqual([]);
		expect(dispatchOnes(due(tacambaro, mexicoCity('2026-12-21T00:00'), 10))).toEqual([
			['fac', '2026-12-31']
		]);
	});

	it('never reminds of a dispatch without deadline (Zacatecas)', () => {
		expect(dispatchOnes(due(zacatecas, mexicoCity('2027-06-01T10:00')))).toEqual([]);
	});

	it('reminds of nothing when nothing is pending', () => {
		expect(
			findDueReminders({
				rules: inai,
				pending: [],
				people: [],
				reminderDays: 5,
				termReminderDays: 30,
				now: new Date()
			})
		).toEqual([]);
	});

	it.each([
		['2026-10-30T23:59', []],
		[
			'2026-10-31T00:00',
			[
				['civ', 'civ:2026-11-30'],
				['fac', 'civ:2026-11-30']
			]
		],
		[
			'2026-11-30T23:59',
			[
				['civ', 'civ:2026-11-30'],
				['fac', 'civ:2026-11-30']
			]
		],
		[
			'2026-12-01T00:00',
			[
				['gar', 'gar:2026-12-31'],
				['fac', 'gar:2026-12-31']
			]
		]
	] as const)(
		'term ending 30 Nov with 30 days’ notice: at %s the term reminders are %j',
		(at, expected) => {
			const list = due(inai, mexicoCity(at)).filter((r) => r.kind === 'term-ending');
			expect(list.map((r) => [r.recipientMemberId, r.key])).toEqual(expected);
			for (const r of list) expect(r.day).toBe(r.key.split(':')[1]);
		}
	);

	it('sends the facilitator’s own term reminder once, to the facilitator', () => {
		const list = findDueReminders({
			rules: inai,
			pending: [],
			people: [
				{ memberId: 'fac', role: 'facilitator', seatSector: null, termEndsOn: '2026-11-30' }
			],
			reminderDays: 5,
			termReminderDays: 30,
			now: mexicoCity('2026-11-21T10:00')
		});
		expect(list).toEqual([
			{
				kind: 'term-ending',
				key: 'fac:2026-11-30',
				recipientMemberId: 'fac',
				day: '2026-11-30',
				subjectMemberId: 'fac'
			}
		]);
	});
});
