import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { readPlan } from '$lib/server/plan/plans';
import { listProgressUpdates } from '$lib/server/plan/progress';
import { countByStatus } from '$lib/server/plan/report';
import { toLocalDate } from '$lib/rules/local-dates';
import type { PageServerLoad } from './$types';

// The follow-up and evaluation report of the plan's period as a web page (its PDF is beside it).
export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.view');
	const today = toLocalDate(new Date(), access.rules.timeZone);
	const view = await readPlan(db, access.secretariat.id, event.params.plan, today);
	if (!view) error(404);
	const updates = await listProgressUpdates(
		db,
		view.commitments.flatMap((c) => c.activities.map((a) => a.id)),
		30
	);
	return {
		bodyName: access.secretariat.name,
		today,
		view,
		byStatus: countByStatus(view),
		timeZone: access.rules.timeZone,
		updates
	};
};
