/**
 * Section b's progress blocks from the action plan: the body's latest published plan, one row per
 * commitment with its weighted progress, institution and status, as of the body's own day.
 */
import { toLocalDate } from '../../rules/local-dates';
import { m } from '$lib/paraglide/messages';
import { readPublicPlan } from '../plan/public';
import type { ProgressSource } from './site';

const statusLabel = {
	'not-started': m.plan_status_not_started,
	'in-progress': m.plan_status_in_progress,
	'at-risk': m.plan_status_at_risk,
	overdue: m.plan_status_overdue,
	completed: m.plan_status_completed
};

export const planProgress: ProgressSource = async (db, body) => {
	const plan = await readPublicPlan(db, body.id, toLocalDate(new Date(), body.timeZone));
	if (!plan) return [];
	return [
		{
			title: `${plan.title} (${plan.startsOn} – ${plan.endsOn})`,
			rows: plan.commitments.map((commitment) => ({
				label: `${commitment.number}. ${commitment.title}`,
				detail: [commitment.institution, statusLabel[commitment.status]()]
					.filter(Boolean)
					.join(' · '),
				percent: commitment.progress
			}))
		}
	];
};
