import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBusinessDaysBetween } from './business-days';
import { addCalendarDays, startOfLocalDay, toLocalDate } from './local-dates';
import {
	checkNoticeIssue,
	computeEarliestMeetingDay,
	computeLatestNoticeIssue,
	type MeetingKind
} from './notice';
import { copyPresetRules } from './presets/index';

const rules = copyPresetRules('zacatecas-stl');
/** A wall-clock time in Mexico City, which is UTC-6 all year since October 2022. */
const mexicoCity = (wallClock: string) => new Date(`${wallClock}-06:00`);

describe('computeLatestNoticeIssue: five business days for an ordinary meeting (Z art. 7.3)', () => {
	it('for a Monday meeting, the notice is due by the end of the Sunday eight days before', () => {
		const window = computeLatestNoticeIssue(rules, 'ordinary', mexicoCity('2025-06-09T10:00'));
		expect(window).toEqual({
			meetingKind: 'ordinary',
			businessDaysRequired: 5,
			timeZone: 'America/Mexico_City',
			meetingDay: '2025-06-09',
			latestIssueDay: '2025-06-01',
			latestIssue: new Date('2025-06-02T05:59:59.999Z'),
			noticeDays: ['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05', '2025-06-06'],
			skippedDays: [
				{ date: '2025-06-07', reason: 'weekend' },
				{ date: '2025-06-08', reason: 'weekend' }
			]
		});
	});

	it.each([
		[
			'across Independence Day (Tue 16 Sep 2025)',
			'2025-09-19T10:00',
			'2025-09-10',
			['2025-09-13', '2025-09-14', '2025-09-16']
		],
		[
			'across the year end and New Year',
			'2026-01-08T10:00',
			'2025-12-30',
			['2026-01-01', '2026-01-03', '2026-01-04']
		],
		[
			'across the 2030 inauguration day (Tue 1 Oct)',
			'2030-10-07T10:00',
			'2030-09-26',
			['2030-09-28', '2030-09-29', '2030-10-01', '2030-10-05', '2030-10-06']
		],
		[
			'across a Monday rest day (Revolution, 17 Nov 2025)',
			'2025-11-21T10:00',
			'2025-11-12',
			['2025-11-15', '2025-11-16', '2025-11-17']
		],
		['for a meeting on a Saturday', '2025-06-14T10:00', '2025-06-08', []],
		[
			'for a meeting on Tuesday, the day after a weekend',
			'2025-06-10T09:00',
			'2025-06-02',
			['2025-06-07', '2025-06-08']
		]
	])('%s', (_label, meeting, latestIssueDay, skippedDates) => {
		const window = computeLatestNoticeIssue(rules, 'ordinary', mexicoCity(meeting));
		expect(window.latestIssueDay).toBe(latestIssueDay);
		expect(window.noticeDays).toHaveLength(5);
		expect(window.skippedDays.map((day) => day.date)).toEqual(skippedDates);
	});

	it('says which LFT art. 74 rest day it skipped', () => {
		const window = computeLatestNoticeIssue(rules, 'ordinary', mexicoCity('2025-09-19T10:00'));
		expect(window.skippedDays).toContainEqual({
			date: '2025-09-16',
			reason: 'lft-74',
			holidayId: 'independence-day'
		});
	});

	it("skips the body's own non-working days", () => {
		// A holiday period from 22 December to 6 January, declared by the body.
		const holidayPeriod = Array.from({ length: 16 }, (_, index) =>
			addCalendarDays('2025-12-22', index)
		);
		const window = computeLatestNoticeIssue(
			{ ...rules, nonWorkingDays: holidayPeriod },
			'ordinary',
			mexicoCity('2026-01-08T10:00')
		);
		expect(window.noticeDays).toEqual([
			'2025-12-16',
			'2025-12-17',
			'2025-12-18',
			'2025-12-19',
			'2026-01-07'
		]);
		expect(window.latestIssueDay).toBe('2025-12-15');
		expect(
			window.skippedDays.filter((day) => day.reason === 'body').map((day) => day.date)
		).toEqual([
			'2025-12-22',
			'2025-12-23',
			'2025-12-24',
			'2025-12-26',
			'2025-12-29',
			'2025-12-30',
			'2025-12-31',
			'2026-01-02',
			'2026-01-05',
			'2026-01-06'
		]);
		expect(window.skippedDays).toContainEqual({
			date: '2025-12-25',
			reason: 'lft-74',
			holidayId: 'christmas'
		});
	});

	it('reads the meeting day in Mexico City, not in UTC', () => {
		// Monday 9 June 23:30 in Mexico City is already Tuesday in UTC.
		const window = computeLatestNoticeIssue(rules, 'ordinary', new Date('2025-06-10T05:30:00Z'));
		expect(window.meetingDay).toBe('2025-06-09');
		expect(window.latestIssueDay).toBe('2025-06-01');
	});
});

describe('computeLatestNoticeIssue: other notice periods', () => {
	it('asks two business days for an extraordinary meeting (Z art. 7.3)', () => {
		const window = computeLatestNoticeIssue(rules, 'extraordinary', mexicoCity('2025-06-09T10:00'));
		expect(window.noticeDays).toEqual(['2025-06-05', '2025-06-06']);
		expect(window.latestIssue).toEqual(new Date('2025-06-05T05:59:59.999Z'));
	});

	it('with no notice period, only asks the notice to precede the meeting', () => {
		const meetingStart = mexicoCity('2025-06-09T10:00');
		const window = computeLatestNoticeIssue(
			{ ...rules, notice: { ...rules.notice, extraordinaryBusinessDays: 0 } },
			'extraordinary',
			meetingStart
		);
		expect(window).toMatchObject({
			latestIssue: meetingStart,
			latestIssueDay: '2025-06-09',
			noticeDays: [],
			skippedDays: []
		});
	});
});

describe('checkNoticeIssue', () => {
	const meetingStart = mexicoCity('2025-06-09T10:00');
	const notice = (issuedAt: Date, agendaAttached = true) => ({
		meetingKind: 'ordinary' as const,
		issuedAt,
		meetingStart,
		agendaAttached
	});

	it('accepts a notice at 23:59 on the Sunday, Mexico City time', () => {
		expect(checkNoticeIssue(rules, notice(mexicoCity('2025-06-01T23:59:59')))).toMatchObject({
			ok: true,
			businessDaysGiven: 5
		});
	});

	it('accepts one at 21:00 on the Sunday, although that is already Monday in UTC', () => {
		expect(checkNoticeIssue(rules, notice(new Date('2025-06-02T03:00:00Z')))).toMatchObject({
			ok: true,
			businessDaysGiven: 5
		});
	});

	it('refuses one at 00:00 on the Monday, Mexico City time, giving only four business days', () => {
		const result = checkNoticeIssue(rules, notice(mexicoCity('2025-06-02T00:00')));
		expect(result).toMatchObject({
			ok: false,
			reason: 'notice-too-late',
			latestIssue: new Date('2025-06-02T05:59:59.999Z'),
			businessDaysGiven: 4
		});
	});

	it('accepts a notice issued on a Saturday: the members still get five whole business days', () => {
		expect(checkNoticeIssue(rules, notice(mexicoCity('2025-05-31T12:00'))).ok).toBe(true);
	});

	it('refuses a notice without its agenda (Z art. 7.3: "acompañadas de la agenda")', () => {
		expect(checkNoticeIssue(rules, notice(mexicoCity('2025-05-20T12:00'), false))).toMatchObject({
			ok: false,
			reason: 'notice-agenda-missing'
		});
	});

	it('refuses a notice after the meeting began', () => {
		expect(checkNoticeIssue(rules, notice(mexicoCity('2025-06-09T11:00')))).toMatchObject({
			ok: false,
			businessDaysGiven: 0
		});
	});
});

describe('computeEarliestMeetingDay', () => {
	it.each([
		['Monday morning', '2025-06-02T10:00', 'ordinary', '2025-06-10'],
		['Sunday night', '2025-06-01T23:59', 'ordinary', '2025-06-07'],
		['Friday before a long weekend', '2025-11-14T10:00', 'extraordinary', '2025-11-20'],
		['Christmas Eve', '2025-12-24T18:00', 'ordinary', '2026-01-03']
	] as const)('for a notice issued %s', (_label, issued, meetingKind, expected) => {
		expect(
			computeEarliestMeetingDay(rules, meetingKind, mexicoCity(issued)).earliestMeetingDay
		).toBe(expected);
	});

	it('with no notice period, the meeting may be the same day', () => {
		const anyTime = { ...rules, notice: { ...rules.notice, extraordinaryBusinessDays: 0 } };
		expect(
			computeEarliestMeetingDay(anyTime, 'extraordinary', mexicoCity('2025-06-07T10:00'))
				.earliestMeetingDay
		).toBe('2025-06-07');
	});
});

const instant = fc
	.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 11, 31) })
	.map((ms) => new Date(ms));
const meetingKind = fc.constantFrom('ordinary', 'extraordinary') as fc.Arbitrary<MeetingKind>;
const required = (kind: MeetingKind) =>
	kind === 'ordinary' ? rules.notice.ordinaryBusinessDays : rules.notice.extraordinaryBusinessDays;

describe('notice invariants', () => {
	it('a notice is in time exactly when it leaves the required business days between issue and meeting days', () => {
		fc.assert(
			fc.property(
				meetingKind,
				instant,
				fc.integer({ min: 0, max: 20 * 86_400_000 }),
				(kind, meetingStart, lead) => {
					const issuedAt = new Date(meetingStart.getTime() - lead);
					const result = checkNoticeIssue(rules, {
						meetingKind: kind,
						issuedAt,
						meetingStart,
						agendaAttached: true
					});
					const between = countBusinessDaysBetween(
						rules,
						toLocalDate(issuedAt, rules.timeZone),
						toLocalDate(meetingStart, rules.timeZone)
					);
					expect(result.ok).toBe(between.count >= required(kind));
				}
			)
		);
	});

	it('the latest issue moment is in time and one millisecond later is not', () => {
		fc.assert(
			fc.property(meetingKind, instant, (kind, meetingStart) => {
				const { latestIssue } = computeLatestNoticeIssue(rules, kind, meetingStart);
				const at = (issuedAt: Date) =>
					checkNoticeIssue(rules, {
						meetingKind: kind,
						issuedAt,
						meetingStart,
						agendaAttached: true
					}).ok;
				expect(at(latestIssue)).toBe(true);
				expect(at(new Date(latestIssue.getTime() + 1))).toBe(false);
			})
		);
	});

	it('the earliest meeting day is in time and the day before it is not', () => {
		fc.assert(
			fc.property(meetingKind, instant, fc.integer({ min: 0, max: 23 }), (kind, issuedAt, hour) => {
				const { earliestMeetingDay } = computeEarliestMeetingDay(rules, kind, issuedAt);
				const meetingOn = (day: string) =>
					new Date(startOfLocalDay(day, rules.timeZone).getTime() + hour * 3_600_000);
				const check = (day: string) =>
					checkNoticeIssue(rules, {
						meetingKind: kind,
						issuedAt,
						meetingStart: meetingOn(day),
						agendaAttached: true
					}).ok;
				expect(check(earliestMeetingDay)).toBe(true);
				expect(check(addCalendarDays(earliestMeetingDay, -1))).toBe(false);
			})
		);
	});
});
