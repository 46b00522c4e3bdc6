/**
 * Notice of a meeting: how late a convocatoria may be issued, and whether one was issued in time.
 *
 * Articles: Z art. 7.3, I III.4, T III.4 — ordinary meetings are convened "con un mínimo de cinco
 * días hábiles de anticipación", extraordinary ones with two business days at least, and the notice
 * carries the agenda. Z art. 11 I and I V.2 (the guarantor convenes), T VI.2 (the facilitator does).
 *
 * Interpretation of "N business days of notice" (the documents do not define it): between the day the
 * notice is issued and the day of the meeting there must be at least N whole business days, both of
 * those days excluded — the way Mexican administrative law counts a term: the day of notification does
 * not count, and neither does the day of the act. So the latest moment to issue is the end (23:59:59.999
 * local) of the calendar day before the N-th business day before the meeting day. Worked example
 * (5 days, Mexico City): meeting Monday 9 June 2025 → notice days Mon 2 – Fri 6 June → latest issue
 * Sunday 1 June 23:59:59.999, i.e. 2025-06-02T05:59:59.999Z; a notice at 00:00 on Monday 2 June is late.
 * The issue day may itself be a weekend or rest day: the members still get N whole business days.
 * (Rejected reading: "a notice issued on a non-business day takes effect the next business day" —
 * stricter by up to a weekend, and the documents send notices by an electronic channel, Z art. 7.8.)
 * With N = 0 the notice only has to precede the meeting's start.
 * Days are calendar days in the body's time zone; the business-day calendar is business-days.ts.
 *
 * Glossary: convocatoria → notice; emitir → issue; anticipación → notice period; días hábiles →
 * business days; sesión ordinaria / extraordinaria → 'ordinary' / 'extraordinary'; orden del día → agenda.
 */
import type { BodyRules } from './body-rules';
import { addBusinessDays, countBusinessDaysBetween, type SkippedDay } from './business-days';
import { addCalendarDays, endOfLocalDay, toLocalDate, type IsoDate } from './local-dates';

export type MeetingKind = 'ordinary' | 'extraordinary';

type NoticeRules = Pick<BodyRules, 'notice' | 'timeZone' | 'nonWorkingDays'>;

export interface NoticeWindow {
	meetingKind: MeetingKind;
	businessDaysRequired: number;
	timeZone: string;
	meetingDay: IsoDate;
	/** The last calendar day on which the notice may be issued. */
	latestIssueDay: IsoDate;
	/** The last instant the notice may be issued (inclusive). */
	latestIssue: Date;
	/** The business days the notice must leave before the meeting, in calendar order. */
	noticeDays: IsoDate[];
	/** The days between those and the meeting that did not count, and why (the calendar applied). */
	skippedDays: SkippedDay[];
}

export type NoticeCheck =
	| { ok: true; businessDaysGiven: number; window: NoticeWindow }
	| {
			ok: false;
			reason: 'notice-too-late';
			latestIssue: Date;
			businessDaysGiven: number;
			window: NoticeWindow;
	  }
	| { ok: false; reason: 'notice-agenda-missing'; window: NoticeWindow };

function findBusinessDaysRequired(rules: NoticeRules, meetingKind: MeetingKind): number {
	return meetingKind === 'ordinary'
		? rules.notice.ordinaryBusinessDays
		: rules.notice.extraordinaryBusinessDays;
}

/**
 * The latest moment a meeting starting at `meetingStart` may be convened, with the business days
 * counted and the days skipped (weekend, LFT art. 74 rest day, the body's own). The scheduling form
 * calls it to show the deadline; `checkNoticeIssue` calls it to judge a notice.
 */
export function computeLatestNoticeIssue(
	rules: NoticeRules,
	meetingKind: MeetingKind,
	meetingStart: Date
): NoticeWindow {
	const businessDaysRequired = findBusinessDaysRequired(rules, meetingKind);
	const meetingDay = toLocalDate(meetingStart, rules.timeZone);
	const base = { meetingKind, businessDaysRequired, timeZone: rules.timeZone, meetingDay };
	if (businessDaysRequired === 0) {
		return {
			...base,
			latestIssueDay: meetingDay,
			latestIssue: meetingStart,
			noticeDays: [],
			skippedDays: []
		};
	}
	const walk = addBusinessDays(rules, meetingDay, -businessDaysRequired);
	const latestIssueDay = addCalendarDays(walk.date, -1);
	const latestIssue = endOfLocalDay(latestIssueDay, rules.timeZone);
	return {
		...base,
		latestIssueDay,
		latestIssue,
		noticeDays: walk.countedDays,
		skippedDays: walk.skippedDays
	};
}

/**
 * Whether a notice issued at `issuedAt` convenes the meeting in time, and carries the agenda when the
 * rules ask for it; on lateness it answers 'notice-too-late' with the latest issue moment and the
 * business days the notice actually gives. The meeting layer calls it when a convocatoria is sent.
 */
export function checkNoticeIssue(
	rules: NoticeRules,
	notice: { meetingKind: MeetingKind; issuedAt: Date; meetingStart: Date; agendaAttached: boolean }
): NoticeCheck {
	const window = computeLatestNoticeIssue(rules, notice.meetingKind, notice.meetingStart);
	const issueDay = toLocalDate(notice.issuedAt, rules.timeZone);
	const businessDaysGiven = countBusinessDaysBetween(rules, issueDay, window.meetingDay).count;
	if (notice.issuedAt.getTime() > window.latestIssue.getTime()) {
		return {
			ok: false,
			reason: 'notice-too-late',
			latestIssue: window.latestIssue,
			businessDaysGiven,
			window
		};
	}
	if (rules.notice.agendaAttached && !notice.agendaAttached)
		return { ok: false, reason: 'notice-agenda-missing', window };
	return { ok: true, businessDaysGiven, window };
}

/**
 * The earliest day a meeting may be held if its notice is issued at `issuedAt`: the day after the
 * N-th business day after the issue day (the same day when N = 0, at a later hour). The scheduling
 * form calls it to grey out days in its date picker.
 */
export function computeEarliestMeetingDay(
	rules: NoticeRules,
	meetingKind: MeetingKind,
	issuedAt: Date
): {
	earliestMeetingDay: IsoDate;
	noticeDays: IsoDate[];
	skippedDays: SkippedDay[];
	timeZone: string;
} {
	const issueDay = toLocalDate(issuedAt, rules.timeZone);
	const businessDaysRequired = findBusinessDaysRequired(rules, meetingKind);
	const walk = addBusinessDays(rules, issueDay, businessDaysRequired);
	const earliestMeetingDay = businessDaysRequired === 0 ? issueDay : addCalendarDays(walk.date, 1);
	return {
		earliestMeetingDay,
		noticeDays: walk.countedDays,
		skippedDays: walk.skippedDays,
		timeZone: rules.timeZone
	};
}

export type SchedulingNoticeCheck =
	| { ok: true; window: NoticeWindow }
	| { ok: false; reason: 'notice-already-short'; window: NoticeWindow };

/**
 * Whether a meeting set at `meetingStart` can still be convened in time, judged when it is created
 * at `now`: false once the latest issue moment has passed (Z art. 7.3, I III.4, T III.4 give the
 * notice period; none of the three forbids *recording* such a meeting). It is a warning, not a
 * refusal: the facilitator may create it and then move the date, or hold it on the body's own
 * decision; the convocatoria is still refused at issue time by `checkNoticeIssue`. The meetings
 * page's create action calls it before creating.
 */
export function checkNoticeAtScheduling(
	rules: NoticeRules,
	meetingKind: MeetingKind,
	meetingStart: Date,
	now: Date
): SchedulingNoticeCheck {
	const window = computeLatestNoticeIssue(rules, meetingKind, meetingStart);
	return now.getTime() > window.latestIssue.getTime()
		? { ok: false, reason: 'notice-already-short', window }
		: { ok: true, window };
}
