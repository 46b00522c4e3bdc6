import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers, removeSeat, saveSeat } from '$lib/server/secretariats/members';
import type { RulesIssues } from '$lib/server/secretariats/secretariats';
import { parseForm, readFormData, refuseForm } from '$lib/server/forms';
import { describeRulesIssue } from '$lib/i18n/rules';
import { computeTermEnd, sectors } from '$lib/rules';
import { seatFormSchema } from '$lib/validation/secretariat';
import type { Actions, PageServerLoad } from './$types';

const manage = 'secretariat.manage-members' as const;
const isNew = (seat: string) => seat === 'nuevo';

function describeIssues(issues: RulesIssues): string {
	return [...new Set(issues.map((issue) => describeRulesIssue(issue.code)))].join(' ');
}

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, manage);
	const { seat: seatParam } = event.params;
	if (isNew(seatParam))
		return { isNew: true, sectors, values: { sector: 'civil-society' } as Record<string, string> };
	const seat = access.seats.find((s) => s.id === seatParam);
	if (!seat) error(404);
	const holders = (await listMembers(db, access.secretariat.id)).filter(
		(p) => p.seatId === seat.id
	);
	const values: Record<string, string> = { sector: seat.sector, organisation: seat.organisation };
	for (const holder of holders) {
		const prefix = holder.role === 'titular' ? 'titular' : 'substitute';
		Object.assign(values, {
			[`${prefix}Name`]: holder.name,
			[`${prefix}Position`]: holder.position,
			[`${prefix}Email`]: holder.email,
			[`${prefix}Phone`]: holder.phone,
			[`${prefix}TermStartsOn`]: holder.termStartsOn ?? '',
			[`${prefix}TermEndsOn`]: holder.termEndsOn ?? '',
			[`${prefix}Reelections`]: String(holder.reelections)
		});
	}
	return { isNew: false, sectors, values };
};

export const actions: Actions = {
	save: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, manage);
		const form = parseForm(seatFormSchema, await readFormData(event.request));
		if (!form.ok) return refuseForm(400, m.error_form_invalid(), form);
		const f = form.data as Record<string, string> & { sector: (typeof sectors)[number] };
		const person = (prefix: string) => {
			const termStartsOn = f[`${prefix}TermStartsOn`] || null;
			// A blank end is the rules' own: one term from the start (Z art. 5, I I.4).
			const computed = termStartsOn
				? computeTermEnd(access.rules, { installedOn: termStartsOn })
				: null;
			return {
				name: f[`${prefix}Name`]!,
				position: f[`${prefix}Position`]!,
				email: f[`${prefix}Email`]!,
				phone: f[`${prefix}Phone`]!,
				termStartsOn,
				termEndsOn: f[`${prefix}TermEndsOn`] || (computed?.ok ? computed.lastDay : null),
				reelections: Number(f[`${prefix}Reelections`] || 0)
			};
		};
		const seatId = isNew(event.params.seat) ? null : event.params.seat;
		const saved = await saveSeat(db, access.secretariat.id, seatId, {
			sector: f.sector,
			organisation: f.organisation!,
			titular: person('titular'),
			substitute: f.substituteName ? person('substitute') : null
		});
		if (!saved.ok && 'reason' in saved) {
			if (saved.reason === 'not-found') error(404);
			const message =
				saved.reason === 'same-person-twice'
					? m.seat_conflict_same_person_twice()
					: m.seat_conflict_holder_is_facilitator();
			return refuseForm(409, message, { values: f });
		}
		if (!saved.ok) {
			const reelections = saved.issues.some(
				(issue) => issue.code === 'rules.term.reelections-exceeded'
			);
			const errors: Record<string, string> = reelections
				? { titularReelections: describeIssues(saved.issues) }
				: {};
			return refuseForm(400, describeIssues(saved.issues), { values: f, errors });
		}
		redirect(303, `/secretariados/${access.secretariat.slug}/integrantes`);
	},
	remove: async (event) => {
		const db = await getDatabase();
		const access = await requireSecretariatAction(db, event, event.params.slug, manage);
		const removed = await removeSeat(db, access.secretariat.id, event.params.seat);
		if (!removed.ok && 'reason' in removed) error(404); // removing cannot conflict
		if (!removed.ok) return refuseForm(400, describeIssues(removed.issues));
		redirect(303, `/secretariados/${access.secretariat.slug}/integrantes`);
	}
};
