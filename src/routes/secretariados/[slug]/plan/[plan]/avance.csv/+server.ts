import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { readPlan } from '$lib/server/plan/plans';
import { buildProgressCsv } from '$lib/server/plan/progress-csv';
import { toLocalDate } from '$lib/rules/local-dates';
import type { RequestHandler } from './$types';

// The plan's progress as CSV, for every member of the body (the import takes the same shape back).
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.view');
	const today = toLocalDate(new Date(), access.rules.timeZone);
	const view = await readPlan(db, access.secretariat.id, event.params.plan, today);
	if (!view) error(404);
	return new Response(buildProgressCsv(view), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="avance-${access.secretariat.slug}-${today}.csv"`
		}
	});
};
