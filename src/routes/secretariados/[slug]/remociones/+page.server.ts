/**
 * Removal proposals (Z art. 5, I I.3, T I.3): everyone in the body follows them; seat holders
 * propose one, with its reason, and support others' through one of their own seats. The counting
 * of seats and the scheduling onto the next meeting happen in $lib/server/meetings/removals.ts,
 * under the body's lock.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import {
	listRemovalProposals,
	proposeRemoval,
	supportRemoval,
	type RemovalRefusal
} from '$lib/server/meetings/removals';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { removalProposalSchema, removalSupportSchema } from '$lib/validation/removal';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const refusals: Record<RemovalRefusal, () => string> = {
	'member-unknown': m.removal_refused_member_unknown,
	'not-seat-holder': m.removal_refused_not_seat_holder,
	'own-seat': m.removal_refused_own_seat,
	'already-proposed': m.removal_refused_already_proposed,
	'proposal-unknown': m.removal_refused_proposal_unknown,
	'proposal-closed': m.removal_refused_proposal_closed,
	'already-supported': m.removal_refused_already_supported
};

const isSeatHolder = (p: { role: string; seatId: string | null }) =>
	(p.role === 'titular' || p.role === 'substitute') && p.seatId !== null;

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'removal.view');
	const people = await listMembers(db, access.secretariat.id);
	const sectorOf = new Map(access.seats.map((seat) => [seat.id, seat.sector]));
	const holders = people.filter(isSeatHolder).map((p) => ({
		id: p.id,
		name: p.name,
		role: p.role,
		seatId: p.seatId!,
		sector: sectorOf.get(p.seatId!) ?? ''
	}));
	return {
		proposals: await listRemovalProposals(db, access),
		holders,
		// The seats through which the signed-in person may propose or support.
		mine: access.can('removal.propose')
			? holders.filter((h) => people.find((p) => p.id === h.id)?.userId === access.user.id)
			: [],
		timeZone: access.rules.timeZone
	};
};

/** The member id one acts through: one of one's own seat memberships, or 403. */
async function requireOwnSeat(event: RequestEvent, memberId: string) {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'removal.propose');
	const mine = (await listMembers(db, access.secretariat.id)).filter(
		(p) => p.userId === access.user.id && isSeatHolder(p)
	);
	if (!mine.some((p) => p.id === memberId)) error(403);
	return { db, access };
}

export const actions: Actions = {
	propose: async (event) => {
		const form = parseForm(removalProposalSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { db, access } = await requireOwnSeat(event, form.data.proposerId);
		const result = await proposeRemoval(db, access, {
			memberId: form.data.memberId,
			proposerId: form.data.proposerId,
			reason: form.data.reason,
			userId: access.user.id
		});
		if (!result.ok) return refuseForm(409, refusals[result.reason](), { values: form.data });
		return { done: m.removal_done() };
	},
	support: async (event) => {
		const form = parseForm(removalSupportSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const { db, access } = await requireOwnSeat(event, form.data.memberId);
		const result = await supportRemoval(db, access, form.data);
		if (!result.ok) return refuseForm(409, refusals[result.reason]());
		return { done: m.removal_supported() };
	}
};
