import { error } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { agendaItems } from '$lib/server/db/schema';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import {
	issueConvocation,
	readConvocation,
	saveConvocation
} from '$lib/server/meetings/convocations';
import { listDeliveries } from '$lib/server/meetings/convocation-mail';
import {
	decideAgendaProposal,
	listAgendaProposals,
	proposeAgendaItem
} from '$lib/server/meetings/agenda-proposals';
import { listApprovingSeatKeys } from '$lib/server/meetings/cancellation';
import { inviteObserver, listMeetingObservers } from '$lib/server/meetings/observers';
import { computeCancellationDeadline, computeLatestNoticeIssue } from '$lib/rules';
import { fromLocalFields } from '$lib/i18n/time';
import {
	convocationFormSchema,
	observerFormSchema,
	proposalDecisionSchema,
	proposalFormSchema
} from '$lib/validation/convene';
import { requireConvocationAction } from './convocation-access';
import { cancellationActions, refusalMessage } from './cancellation-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { access, meeting, mine, may } = await requireConvocationAction(
		db,
		event,
		'convocation.view'
	);
	const convocation = await readConvocation(db, meeting.id);
	const agenda = await db
		.select({ position: agendaItems.position, kind: agendaItems.kind, title: agendaItems.title })
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meeting.id))
		.orderBy(asc(agendaItems.position));
	const canInvite = may('invite-observers');
	const approving = new Set(await listApprovingSeatKeys(db, access, meeting.id));
	return {
		meeting: {
			id: meeting.id,
			kind: meeting.kind,
			title: meeting.title,
			scheduledAt: meeting.scheduledAt,
			place: meeting.place,
			status: meeting.status
		},
		convocation: {
			status: convocation.status,
			sequence: convocation.sequence,
			onlineUrl: convocation.onlineUrl,
			documents: convocation.documents,
			issuedAt: convocation.issuedAt,
			cancellationRequestedAt: convocation.cancellationRequestedAt,
			cancellationReason: convocation.cancellationReason
		},
		agenda,
		window: computeLatestNoticeIssue(access.rules, meeting.kind, meeting.scheduledAt),
		cancellation: {
			hours: access.rules.cancellation.minHoursBefore,
			deadline: computeCancellationDeadline(access.rules, meeting.scheduledAt),
			seats: access.seats.map((seat) => ({
				key: seat.key,
				sector: seat.sector,
				approved: approving.has(seat.key)
			}))
		},
		proposals: await listAgendaProposals(db, meeting.id),
		deliveries: access.can('convocation.view-delivery-log')
			? await listDeliveries(db, meeting.id)
			: null,
		observers: canInvite ? await listMeetingObservers(db, meeting.id) : null,
		convenedBy: access.rules.convenedBy,
		mine: mine.map(({ id, role }) => ({ id, role })),
		controls: {
			draft: may('draft'),
			issue: may('issue'),
			propose: access.can('meeting.propose-agenda-item') && mine.length > 0,
			integrate: access.can('convocation.integrate-proposals'),
			inviteObservers: canInvite,
			approveCancellation: access.can('meeting.approve-cancellation')
		},
		timeZone: access.rules.timeZone
	};
};

export const actions: Actions = {
	save: async (event) => {
		const db = await getDatabase();
		const { access, meeting, issuer, may } = await requireConvocationAction(
			db,
			event,
			'meeting.convene',
			'draft'
		);
		// Changing an issued convocatoria re-issues it: only the convener may.
		const before = await readConvocation(db, meeting.id);
		if (before.status === 'issued' && !may('issue')) error(403);
		const posted = await readFormData(event.request);
		const form = parseForm(convocationFormSchema, posted);
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const values = Object.fromEntries(
			[...posted].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
		);
		const { date, time, ...input } = form.data;
		const scheduledAt = fromLocalFields(date, time, access.rules.timeZone);
		const result = await saveConvocation(
			db,
			access,
			meeting.id,
			{ ...input, scheduledAt },
			issuer,
			{
				origin: event.url.origin
			}
		);
		if (!result.ok) return refuseForm(409, refusalMessage(result, access.rules), { values });
		const after = await readConvocation(db, meeting.id);
		return {
			done: after.sequence !== before.sequence ? m.convene_reissued() : m.convene_saved()
		};
	},
	issue: async (event) => {
		const db = await getDatabase();
		const { access, meeting, issuer } = await requireConvocationAction(
			db,
			event,
			'meeting.convene',
			'issue'
		);
		const result = await issueConvocation(db, access, meeting.id, issuer, {
			origin: event.url.origin
		});
		if (!result.ok) return refuseForm(409, refusalMessage(result, access.rules));
		return { done: m.convene_issued() };
	},
	propose: async (event) => {
		const db = await getDatabase();
		const { access, meeting, mine } = await requireConvocationAction(
			db,
			event,
			'meeting.propose-agenda-item'
		);
		const form = parseForm(proposalFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const proposer = mine.find((p) => ['titular', 'substitute', 'facilitator'].includes(p.role));
		if (!proposer) return refuseForm(403, m.convene_refused_not_seat_holder());
		const result = await proposeAgendaItem(db, access, meeting.id, proposer.id, form.data.text);
		if (!result.ok) return refuseForm(409, refusalMessage(result, access.rules));
		return { done: m.convene_proposed() };
	},
	decide: async (event) => {
		const db = await getDatabase();
		const { access, meeting } = await requireConvocationAction(
			db,
			event,
			'convocation.integrate-proposals'
		);
		const form = parseForm(proposalDecisionSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const result = await decideAgendaProposal(
			db,
			access,
			meeting.id,
			form.data.proposalId,
			form.data.decision
		);
		if (!result.ok) return refuseForm(409, refusalMessage(result, access.rules));
		return { done: m.convene_proposal_decided() };
	},
	invite: async (event) => {
		const db = await getDatabase();
		const { access, meeting, issuer } = await requireConvocationAction(
			db,
			event,
			'meeting.invite-observers',
			'invite-observers'
		);
		const form = parseForm(observerFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const result = await inviteObserver(db, access, meeting.id, form.data, issuer, {
			origin: event.url.origin
		});
		const email = form.data.email.toLowerCase();
		if (!result.ok)
			return result.reason === 'already-invited'
				? refuseForm(409, m.convene_observer_already({ email }))
				: refuseForm(409, refusalMessage({ ok: false, reason: result.reason }, access.rules));
		return {
			done: result.mailed
				? m.convene_observer_invited({ email })
				: m.convene_observer_invited_later({ email })
		};
	},
	...cancellationActions
};
