/**
 * The monthly dispatch of approved minutes to the oversight body, and the reminders before its
 * deadline and before a member's term ends: what is due at an instant, given the data.
 *
 * Articles: I III.8 and V.5 (minutes sent by the last day of each month; the guarantor ensures
 * it), T III.8 and VI.12 (by the last day of the month after the meeting; the facilitator ensures
 * it), Z art. 11 III (the guarantor keeps the national body informed; no deadline). Z art. 5,
 * I I.7, T I.6 (at the end of the term members give an activity report and hand over their
 * documents to their successors and the facilitator). The deadline itself is `oversight.ts`.
 *
 * Readings:
 *   - the minutes go out by meeting month: every approved version of the meetings held in one
 *     month shares that month's deadline (both rules count from the meeting's month).
 *   - a version counts as sent once a dispatch carried it and at least one of that dispatch's
 *     mails did not fail; a dispatch whose every mail failed leaves it pending, to be sent again.
 *   - the dispatcher is whom the rules name (`oversight.dispatchedBy`): the guarantor seat's
 *     titular or, in their place, its substitute; or the facilitator. The body's admins may send
 *     on their behalf, as with the convocatoria (convener.ts).
 *   - the dispatch reminder goes to the facilitator (who drafts and keeps the minutes, Z art. 9,
 *     I VI, T VI) and, when the rules name the guarantor, to the guarantor seat's titular; it is
 *     due from `reminderDays` days before the deadline's day (00:00 local) and, if nobody sent the
 *     minutes, still after it. One reminder per deadline and person, ever.
 *   - the term reminder is due from `termReminderDays` before the member's last day up to that
 *     day; once the term is over it is too late to remind. It goes to the member and the
 *     facilitator, once per member and last day (a renewed term gets its own reminder).
 *
 * Glossary: envío mensual → monthly dispatch; organismo garante → 'guarantor'; recordatorio →
 * reminder; fin del periodo → end of term; entrega-recepción → hand-over.
 */
import type { BodyRules, Sector } from './body-rules';
import { addCalendarDays, startOfLocalDay, toLocalDate, type IsoDate } from './local-dates';
import { computeOversightDeadline, type OversightDeadline } from './oversight';

/** An approved version of the minutes, as the dispatch needs it. */
export interface DispatchableVersion {
	versionId: string;
	meetingId: string;
	meetingStart: Date;
	number: number;
	/** The statuses of the mails of every dispatch that carried it (empty if none did). */
	deliveryStatuses: readonly ('stored' | 'sent' | 'failed' | null)[];
}

/** One month's approved minutes still to be sent, with the deadline they share. */
export interface DispatchMonth<V extends DispatchableVersion = DispatchableVersion> {
	/** YYYY-MM, the meetings' month in the body's time zone. */
	month: string;
	deadline: OversightDeadline | null;
	overdue: boolean;
	versions: V[];
}

/** Whether a version was sent: some dispatch carried it and not every one of its mails failed. */
export function isVersionDispatched(version: Pick<DispatchableVersion, 'deliveryStatuses'>) {
	return version.deliveryStatuses.some((status) => status !== 'failed');
}

/**
 * The approved versions not yet sent, grouped by their meetings' month (oldest first), each month
 * with its deadline and whether it has passed at `now`. The "Envío mensual" page and the
 * reminders call it.
 */
export function groupPendingDispatches<V extends DispatchableVersion>(
	rules: Pick<BodyRules, 'oversight' | 'timeZone'>,
	versions: readonly V[],
	now: Date
): DispatchMonth<V>[] {
	const months = new Map<string, DispatchMonth<V>>();
	const sorted = [...versions].sort(
		(a, b) => a.meetingStart.getTime() - b.meetingStart.getTime() || a.number - b.number
	);
	for (const version of sorted) {
		if (isVersionDispatched(version)) continue;
		const month = toLocalDate(version.meetingStart, rules.timeZone).slice(0, 7);
		let entry = months.get(month);
		if (!entry) {
			const deadline = computeOversightDeadline(rules, version.meetingStart);
			entry = {
				month,
				deadline,
				overdue: deadline !== null && now.getTime() > deadline.deadline.getTime(),
				versions: []
			};
			months.set(month, entry);
		}
		entry.versions.push(version);
	}
	return [...months.values()];
}

/** What the dispatcher rule needs of a person: their roles and the sectors of their seats. */
export interface DispatcherCandidate {
	roles: readonly string[];
	seatSectors: readonly Sector[];
}

export type DispatcherCheck = { ok: true } | { ok: false; reason: 'not-dispatcher' };

const ADMIN_ROLES = ['instance-admin', 'secretariat-admin'];

/**
 * Whether the person may send the month's minutes to the oversight body. The "Envío mensual" page
 * calls it after the permission matrix (`minutes.dispatch`) let the person in.
 */
export function checkDispatcher(
	rules: Pick<BodyRules, 'oversight'>,
	candidate: DispatcherCandidate
): DispatcherCheck {
	const has = (role: string) => candidate.roles.includes(role);
	if (ADMIN_ROLES.some(has)) return { ok: true };
	if (rules.oversight.dispatchedBy === 'facilitator' && has('facilitator')) return { ok: true };
	if (rules.oversight.dispatchedBy === 'guarantor' && candidate.seatSectors.includes('guarantor'))
		return { ok: true };
	return { ok: false, reason: 'not-dispatcher' };
}

/** A person of the body, as the reminders need them. */
export interface ReminderPerson {
	memberId: string;
	role: string;
	seatSector: Sector | null;
	termEndsOn: IsoDate | null;
}

/** One reminder to send: its kind, its key (what it is about), who gets it and the day concerned. */
export interface DueReminder {
	kind: 'dispatch-due' | 'term-ending';
	key: string;
	recipientMemberId: string;
	/** The deadline's day (dispatch) or the member's last day (term). */
	day: IsoDate;
	/** The member whose term ends (term reminders). */
	subjectMemberId?: string;
}

/** Who is reminded of the dispatch: the facilitator, and the guarantor's titular when they send. */
function dispatchReminderRecipients(
	rules: Pick<BodyRules, 'oversight'>,
	people: readonly ReminderPerson[]
): string[] {
	const recipients = people.filter(
		(p) =>
			p.role === 'facilitator' ||
			(rules.oversight.dispatchedBy === 'guarantor' &&
				p.role === 'titular' &&
				p.seatSector === 'guarantor')
	);
	return recipients.map((p) => p.memberId);
}

/**
 * The reminders due at `now` for one body, before filtering out those already sent (the caller
 * records each by kind, key and recipient and sends only what it could record).
 * `runScheduledJobs` calls it for every body.
 */
export function findDueReminders(input: {
	rules: Pick<BodyRules, 'oversight' | 'timeZone'>;
	pending: readonly DispatchMonth[];
	people: readonly ReminderPerson[];
	reminderDays: number;
	termReminderDays: number;
	now: Date;
}): DueReminder[] {
	const { rules, now } = input;
	const due: DueReminder[] = [];
	const dispatchRecipients = dispatchReminderRecipients(rules, input.people);
	for (const month of input.pending) {
		if (!month.deadline) continue;
		const from = startOfLocalDay(
			addCalendarDays(month.deadline.lastDay, -input.reminderDays),
			rules.timeZone
		);
		if (now.getTime() < from.getTime()) continue;
		for (const recipient of dispatchRecipients)
			due.push({
				kind: 'dispatch-due',
				key: month.deadline.lastDay,
				recipientMemberId: recipient,
				day: month.deadline.lastDay
			});
	}
	const today = toLocalDate(now, rules.timeZone);
	const facilitator = input.people.find((p) => p.role === 'facilitator');
	for (const person of input.people) {
		const lastDay = person.termEndsOn;
		if (!lastDay || today > lastDay) continue;
		if (today < addCalendarDays(lastDay, -input.termReminderDays)) continue;
		const recipients = new Set([person.memberId, facilitator?.memberId].filter(Boolean));
		for (const recipient of recipients)
			due.push({
				kind: 'term-ending',
				key: `${person.memberId}:${lastDay}`,
				recipientMemberId: recipient!,
				day: lastDay,
				subjectMemberId: person.memberId
			});
	}
	return due;
}
