/**
 * Cancelling a convened meeting.
 *
 * Articles: Z art. 7.4, I III.5, T III.5 — a meeting "sólo podrá cancelarse mediante comunicado
 * emitido por lo menos veinticuatro horas previas a la fecha establecida" and with the approval of
 * all the members.
 *
 * Readings:
 *   - "24 hours before the date set" is counted in real hours back from the meeting's scheduled start
 *     (the convocatoria sets a date and an hour), deadline included: for a meeting at 10:00 on Friday,
 *     a communication at 10:00 on Thursday is in time, one at 10:01 is not.
 *   - "all the members" means every seat of the body, each once, by its titular or its substitute; the
 *     data layer turns each approval into the seat it speaks for. Approval may be gathered through the
 *     body's electronic channel (Z art. 7.8), since by definition the meeting has not taken place.
 *
 * Glossary: cancelar → cancel; comunicado → communication; aprobación de todos los integrantes →
 * approval 'all-members'; fecha establecida → scheduled start.
 */
import type { BodyRules } from './body-rules';
import type { SeatRef } from './attendance';

const MS_PER_HOUR = 3_600_000;

export type CancellationCheck =
	| { ok: true; deadline: Date }
	| { ok: false; reason: 'cancellation-too-late'; deadline: Date }
	| { ok: false; reason: 'cancellation-not-approved'; deadline: Date; missingSeatIds: string[] };

/**
 * The last instant a cancellation may be communicated: the scheduled start minus the rules' minimum
 * hours. The meeting screen calls it to show until when a cancel button is offered.
 */
export function computeCancellationDeadline(
	rules: Pick<BodyRules, 'cancellation'>,
	meetingStart: Date
): Date {
	return new Date(meetingStart.getTime() - rules.cancellation.minHoursBefore * MS_PER_HOUR);
}

/**
 * Whether a meeting may be cancelled by a communication sent at `communicatedAt` (normally `now`):
 * in time, and approved by every seat. Answers 'cancellation-too-late' or 'cancellation-not-approved'
 * with the seats still missing. The meeting layer calls it before marking a meeting cancelled.
 */
export function checkMeetingCancellation(
	rules: Pick<BodyRules, 'cancellation'>,
	seats: readonly SeatRef[],
	request: { meetingStart: Date; communicatedAt: Date; approvingSeatIds: readonly string[] }
): CancellationCheck {
	const deadline = computeCancellationDeadline(rules, request.meetingStart);
	if (request.communicatedAt.getTime() > deadline.getTime())
		return { ok: false, reason: 'cancellation-too-late', deadline };
	const approving = new Set(request.approvingSeatIds);
	const missingSeatIds = [...new Set(seats.map((seat) => seat.seatId))].filter(
		(seatId) => !approving.has(seatId)
	);
	if (missingSeatIds.length > 0)
		return { ok: false, reason: 'cancellation-not-approved', deadline, missingSeatIds };
	return { ok: true, deadline };
}

/** What a meeting is to anyone reading about it, cancellation included. */
export type MeetingStanding = 'scheduled' | 'open' | 'closed' | 'cancelled';

/**
 * A meeting's standing for every list that shows it (the app's, the public agenda, its .ics feed,
 * the open data): a cancellation (Z art. 7.4) is recorded on the convocatoria while the meeting's
 * own row stays 'scheduled', so a list reading only the row would still announce it as coming.
 */
export function meetingStanding(
	status: Exclude<MeetingStanding, 'cancelled'>,
	convocationStatus: 'draft' | 'issued' | 'cancelled' | null | undefined
): MeetingStanding {
	return convocationStatus === 'cancelled' ? 'cancelled' : status;
}
