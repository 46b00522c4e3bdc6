/**
 * Sending the minutes to the oversight body.
 *
 * Articles: Z art. 11 III (the guarantor keeps the national body informed; no deadline), I III.8 and
 * V.5 (minutes sent electronically "a más tardar el último día de cada mes"; the guarantor ensures the
 * monthly dispatch), T III.8 and VI.12 (sent electronically to the state body "a más tardar el último
 * día de cada mes, posteriores a la celebración de la sesión"; the facilitator ensures it).
 *
 * Readings:
 *   - INAI: the minutes of a meeting go out by the last day of the month the meeting was held in
 *     ('end-of-meeting-month'); a meeting on the 31st is due that same day.
 *   - Tacámbaro: "the last day of each month after the meeting" is read, as RULES.md does, as the last
 *     day of the month following the meeting's month ('end-of-following-month').
 *   - Deadlines are inclusive, to the end of that day in the body's time zone, and in calendar days:
 *     the documents say "último día", not business day.
 *   - Who receives them is a setting (`rules.oversight.recipient`): the national body the documents
 *     name was dissolved in 2025 and its functions moved to other institutions.
 *
 * Glossary: enviar minutas → dispatch minutes; Secretaría Técnica del INAI / IMAIP → oversight body
 * (recipient); último día de cada mes → 'end-of-meeting-month'.
 */
import type { BodyRules } from './body-rules';
import { endOfLocalDay, findLastDayOfMonth, toLocalDate, type IsoDate } from './local-dates';

export interface OversightDeadline {
	lastDay: IsoDate;
	deadline: Date;
	dispatchedBy: BodyRules['oversight']['dispatchedBy'];
}

/**
 * By when the minutes of a meeting held at `meetingStart` must reach the oversight body, and who sends
 * them; null when the body's rules set no deadline (Zacatecas). The minutes page and the reminders
 * call it.
 */
export function computeOversightDeadline(
	rules: Pick<BodyRules, 'oversight' | 'timeZone'>,
	meetingStart: Date
): OversightDeadline | null {
	if (rules.oversight.deadline === 'none') return null;
	const meetingDay = toLocalDate(meetingStart, rules.timeZone);
	const monthOffset = rules.oversight.deadline === 'end-of-meeting-month' ? 0 : 1;
	const lastDay = findLastDayOfMonth(meetingDay, monthOffset);
	return {
		lastDay,
		deadline: endOfLocalDay(lastDay, rules.timeZone),
		dispatchedBy: rules.oversight.dispatchedBy
	};
}
