import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { createMeeting, listMeetings } from '$lib/server/meetings/meetings';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { checkNoticeAtScheduling, computeEarliestMeetingDay, meetingStanding } from '$lib/rules';
import { formatDateTime, fromLocalFields } from '$lib/i18n/time';
import { meetingFormSchema } from '$lib/validation/secretariat';
import { listConvocationStatuses } from '$lib/server/meetings/convocations';
import { readObserverPromotion } from '$lib/server/meetings/observers';
import type { Actions, PageServerLoad } from './$types';

/**
 * The field that says the facilitator saw the short-notice warning and goes on: posted by the
 * warning's "create anyway" button, and by the form while its live warning is shown.
 */
const SHORT_NOTICE_FIELD = 'shortNotice';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'meeting.view-live');
	const meetings = await listMeetings(db, access.secretariat.id);
	const now = new Date();
	const convocations = await listConvocationStatuses(db, access.secretariat.id);
	return {
		// A cancelled meeting reads 'Cancelada' here, not 'Programada' (its row stays scheduled).
		meetings: meetings.map(({ id, kind, title, scheduledAt, status }) => ({
			id,
			kind,
			title,
			scheduledAt,
			status: meetingStanding(status, convocations[id]),
			convocation: convocations[id] === 'issued' ? ('issued' as const) : ('draft' as const)
		})),
		canConvene: access.can('meeting.convene'),
		observerPromotion: await readObserverPromotion(db, access),
		timeZone: access.rules.timeZone,
		// The first day each kind of meeting can still be convened in time, if convened today: the
		// form warns as soon as an earlier date is chosen (Z art. 7.3, I III.4, T III.4).
		earliest: {
			ordinary: computeEarliestMeetingDay(access.rules, 'ordinary', now).earliestMeetingDay,
			extraordinary: computeEarliestMeetingDay(access.rules, 'extraordinary', now)
				.earliestMeetingDay
		},
		noticeDays: {
			ordinary: access.rules.notice.ordinaryBusinessDays,
			extraordinary: access.rules.notice.extraordinaryBusinessDays
		}
	};
};

export const actions: Actions = {
	create: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, 'meeting.convene');
		const posted = await readFormData(event.request);
		const form = parseForm(meetingFormSchema, posted);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { date, time, ...input } = form.data;
		// The body's own time zone: "10:00" is ten in the morning where the body meets.
		const scheduledAt = fromLocalFields(date, time, access.rules.timeZone);
		// Too soon to convene in time (Z art. 7.3, I III.4, T III.4): said now, not only when the
		// convocatoria is refused; the facilitator may still create it (and move it later).
		const notice = checkNoticeAtScheduling(access.rules, input.kind, scheduledAt, new Date());
		if (!notice.ok && posted.get(SHORT_NOTICE_FIELD) !== 'accepted') {
			return fail(409, {
				values: form.data,
				shortNotice: m.meetings_short_notice({
					days: notice.window.businessDaysRequired,
					latest: formatDateTime(notice.window.latestIssue, access.rules.timeZone, {
						dateStyle: 'full'
					})
				})
			});
		}
		const meeting = await createMeeting(db, access, { ...input, scheduledAt });
		redirect(303, `/secretariados/${access.secretariat.slug}/sesiones/${meeting.id}`);
	}
};
