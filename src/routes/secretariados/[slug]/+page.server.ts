import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import { findPreset, computeRequiredQuorum } from '$lib/rules';
import { listNoticesForUser, markNoticesRead } from '$lib/server/meetings/notices';
import { readObserverPromotion } from '$lib/server/meetings/observers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'secretariat.view');
	const people = await listMembers(db, access.secretariat.id);
	const showContacts = access.can('secretariat.view-contacts');
	const preset = access.secretariat.presetId ? findPreset(access.secretariat.presetId) : null;
	const person = (member: (typeof people)[number]) => ({
		id: member.id,
		name: member.name,
		position: member.position,
		email: showContacts ? member.email : null,
		phone: showContacts ? member.phone : null,
		isMe: member.userId === access.user.id
	});
	const { rules } = access;
	return {
		// Convening (issue 5): the person's notices and the observers' warning (Z art. 7.7).
		notices: await listNoticesForUser(db, access.secretariat.id, access.user.id),
		observerPromotion: await readObserverPromotion(db, access),
		timeZone: rules.timeZone,
		source: preset
			? { id: preset.id, title: preset.sourceTitle, references: preset.references }
			: null,
		rules: {
			quorumNeeded: computeRequiredQuorum(rules.quorum, rules.seats.length),
			quorumKind: rules.quorum.kind,
			seatCount: rules.seats.length,
			ordinaryNotice: rules.notice.ordinaryBusinessDays,
			extraordinaryNotice: rules.notice.extraordinaryBusinessDays,
			cancellationHours: rules.cancellation.minHoursBefore,
			frequency: rules.meetings.ordinaryFrequency,
			decisionMethod: rules.decision.method,
			oversightDeadline: rules.oversight.deadline,
			oversightRecipient: rules.oversight.recipient,
			maxReelections: rules.term.maxReelections,
			termLength: rules.term.length
		},
		seats: access.seats.map((seat) => ({
			id: seat.id,
			sector: seat.sector,
			organisation: seat.organisation,
			titular:
				people.filter((p) => p.seatId === seat.id && p.role === 'titular').map(person)[0] ?? null,
			substitute:
				people.filter((p) => p.seatId === seat.id && p.role === 'substitute').map(person)[0] ?? null
		})),
		others: people.filter((p) => !p.seatId).map((p) => ({ ...person(p), role: p.role }))
	};
};

export const actions: Actions = {
	readNotices: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, 'secretariat.view');
		await markNoticesRead(db, access.secretariat.id, access.user.id);
		return { done: true };
	}
};
