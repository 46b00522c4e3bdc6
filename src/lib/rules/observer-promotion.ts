/**
 * Promoting social observers: whether a period of the body went by without any meeting that had
 * observers.
 *
 * Articles: Z art. 7.7 — "Se promoverá la asistencia de observadores sociales, en por lo menos una de
 * las sesiones"; Z art. 11 II — the guarantor convenes them "a cuando menos una de las sesiones que el
 * Secretariado programe"; I III.10 and T III.10 — "Se promoverá la asistencia de observadores sociales,
 * en las sesiones" (convened by the guarantor, I V.3, or the facilitator, T VI.4).
 *
 * Readings:
 *   - The period of Z art. 7.7 is the body's term: one year from its installation (Z art. 5). Periods
 *     follow each other from the installation day (installed 10 Mar 2025 → 10 Mar 2025 – 9 Mar 2026,
 *     10 Mar 2026 – 9 Mar 2027, …); a term counted in municipal administrations is checked yearly too.
 *     A body without an installation date is checked by calendar year.
 *   - A meeting "has observers" when at least one social observer was invited to it or attended it;
 *     cancelled meetings do not count. Meetings still ahead in the period count once convened: the
 *     promotion is the invitation.
 *   - 'at-least-one-meeting-per-term' (Zacatecas): a warning when the last finished period had none
 *     ('period-passed-without-observers'), else a reminder while the current one has meetings and
 *     none with observers so far ('no-observers-yet'); a period without meetings yet is not judged.
 *   - 'in-meetings' (INAI, Tacámbaro): observers are promoted in every meeting, so the same warnings
 *     apply and, besides, 'meetings-without-observers' counts the meetings of the current period held
 *     without them.
 *
 * Glossary: observador social → observer; promover la asistencia → promotion; periodo → period (term).
 */
import type { BodyRules } from './body-rules';
import { addCalendarDays, addCalendarYears, type IsoDate } from './local-dates';

export interface ObserverPeriod {
	firstDay: IsoDate;
	lastDay: IsoDate;
}

export interface MeetingObserved {
	/** The meeting's local day. */
	day: IsoDate;
	cancelled: boolean;
	/** Whether it was held already (open or closed). */
	held: boolean;
	hasObservers: boolean;
}

export type ObserverPromotionCheck =
	| { ok: true; period: ObserverPeriod }
	| { ok: false; reason: 'period-passed-without-observers'; period: ObserverPeriod }
	| { ok: false; reason: 'no-observers-yet'; period: ObserverPeriod }
	| { ok: false; reason: 'meetings-without-observers'; period: ObserverPeriod; count: number };

/** The period of `today`: a year from the installation day's anniversary, or the calendar year. */
export function findObserverPeriod(
	rules: Pick<BodyRules, 'term'>,
	installedOn: IsoDate | null,
	today: IsoDate
): ObserverPeriod {
	const years = rules.term.length.kind === 'years' ? rules.term.length.years : 1;
	let firstDay = installedOn ?? `${today.slice(0, 4)}-01-01`;
	if (firstDay > today)
		return { firstDay, lastDay: addCalendarDays(addCalendarYears(firstDay, years), -1) };
	while (addCalendarYears(firstDay, years) <= today) firstDay = addCalendarYears(firstDay, years);
	return { firstDay, lastDay: addCalendarDays(addCalendarYears(firstDay, years), -1) };
}

function within(period: ObserverPeriod, day: IsoDate) {
	return day >= period.firstDay && day <= period.lastDay;
}

/**
 * Whether the body promoted observers as its rules ask, judged on `today`. The body's overview and
 * the meetings list call it to show a warning.
 */
export function checkObserverPromotion(
	rules: Pick<BodyRules, 'term' | 'observers'>,
	input: { installedOn: IsoDate | null; today: IsoDate; meetings: readonly MeetingObserved[] }
): ObserverPromotionCheck {
	const current = findObserverPeriod(rules, input.installedOn, input.today);
	const counted = input.meetings.filter((meeting) => !meeting.cancelled);
	const observedIn = (period: ObserverPeriod) =>
		counted.some((meeting) => meeting.hasObservers && within(period, meeting.day));
	const hasPrevious = input.installedOn === null ? true : current.firstDay > input.installedOn;
	if (hasPrevious) {
		const previous = findObserverPeriod(
			rules,
			input.installedOn,
			addCalendarDays(current.firstDay, -1)
		);
		// A body without an installation date is judged only on the years in which it met.
		const judged =
			input.installedOn !== null || counted.some((meeting) => within(previous, meeting.day));
		if (judged && !observedIn(previous))
			return { ok: false, reason: 'period-passed-without-observers', period: previous };
	}
	if (rules.observers.promotion === 'in-meetings') {
		const count = counted.filter(
			(meeting) => meeting.held && !meeting.hasObservers && within(current, meeting.day)
		).length;
		if (count > 0)
			return { ok: false, reason: 'meetings-without-observers', period: current, count };
	}
	// A reminder once the period has meetings, none of them with observers.
	const metNow = counted.some((meeting) => within(current, meeting.day));
	if (metNow && !observedIn(current))
		return { ok: false, reason: 'no-observers-yet', period: current };
	return { ok: true, period: current };
}
