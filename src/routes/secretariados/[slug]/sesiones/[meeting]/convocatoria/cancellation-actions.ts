/**
 * The cancellation's form actions of the convocatoria page, and the words of every refusal:
 * the convener asks (`meeting.convene`, narrowed by the rules), each seat holder approves for their
 * seat (`meeting.approve-cancellation`), and the convener cancels once every seat approved.
 */
import { m } from '$lib/paraglide/messages';
import { formatDateTime } from '$lib/i18n/time';
import { getDatabase } from '$lib/server/db';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import {
	approveCancellation,
	cancelMeeting,
	requestCancellation,
	type CancellationResult
} from '$lib/server/meetings/cancellation';
import type { ConvocationResult } from '$lib/server/meetings/convocations';
import type { BodyRules } from '$lib/rules';
import { sectorLabel } from '$lib/i18n/rules';
import { cancellationRequestSchema, membershipSchema } from '$lib/validation/convene';
import { requireConvocationAction } from './convocation-access';
import type { RequestEvent } from './$types';

export const formatWhen = (date: Date, timeZone: string) =>
	formatDateTime(date, timeZone, { dateStyle: 'full' });

/** The user's words for a refusal of the convocatoria or cancellation modules. */
export function refusalMessage(
	result: Exclude<ConvocationResult | CancellationResult, { ok: true }>,
	rules: BodyRules
): string {
	switch (result.reason) {
		case 'notice-too-late':
			return m.convene_refused_late({
				given: result.businessDaysGiven,
				days: result.businessDaysRequired,
				latest: formatWhen(result.latestIssue, rules.timeZone)
			});
		case 'notice-agenda-missing':
			return m.convene_refused_agenda();
		case 'meeting-cancelled':
			return m.convene_refused_cancelled();
		case 'meeting-started':
			return m.convene_refused_started();
		case 'already-issued':
			return m.convene_refused_issued();
		case 'not-issued':
			return m.convene_refused_not_issued();
		case 'proposal-unknown':
			return m.convene_proposal_unknown();
		case 'cancellation-too-late':
			return m.convene_refused_too_late({ deadline: formatWhen(result.deadline, rules.timeZone) });
		case 'cancellation-not-approved': {
			const sectorOf = new Map(rules.seats.map((seat) => [seat.id, seat.sector]));
			return m.convene_refused_not_approved({
				seats: result.missingSeatKeys.map((key) => sectorLabel(sectorOf.get(key)!)).join(', ')
			});
		}
		case 'not-requested':
			return m.convene_refused_not_requested();
		case 'already-requested':
			return m.convene_refused_already_requested();
		case 'not-seat-holder':
			return m.convene_refused_not_seat_holder();
		default:
			return m.error_form_invalid();
	}
}

export const cancellationActions = {
	requestCancellation: async (event: RequestEvent) => {
		const db = await getDatabase();
		const { access, meeting } = await requireConvocationAction(
			db,
			event,
			'meeting.convene',
			'issue'
		);
		const form = parseForm(cancellationRequestSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const result = await requestCancellation(db, access, meeting.id, {
			by: access.user.id,
			reason: form.data.reason
		});
		if (!result.ok)
			return refuseForm(409, refusalMessage(result, access.rules), {
				values: { reason: form.data.reason }
			});
		return { done: m.convene_cancellation_requested() };
	},
	approveCancellation: async (event: RequestEvent) => {
		const db = await getDatabase();
		const { access, meeting, mine } = await requireConvocationAction(
			db,
			event,
			'meeting.approve-cancellation'
		);
		const form = parseForm(membershipSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		// Only through the person's own membership.
		if (!mine.some((p) => p.id === form.data.memberId))
			return refuseForm(403, m.convene_refused_not_seat_holder());
		const result = await approveCancellation(db, access, meeting.id, form.data.memberId);
		if (!result.ok) return refuseForm(409, refusalMessage(result, access.rules));
		return { done: m.convene_cancellation_approved() };
	},
	cancel: async (event: RequestEvent) => {
		const db = await getDatabase();
		const { access, meeting, issuer } = await requireConvocationAction(
			db,
			event,
			'meeting.convene',
			'issue'
		);
		const result = await cancelMeeting(db, access, meeting.id, issuer, {
			origin: event.url.origin
		});
		if (!result.ok) return refuseForm(409, refusalMessage(result, access.rules));
		return { done: m.convene_cancelled() };
	}
};
