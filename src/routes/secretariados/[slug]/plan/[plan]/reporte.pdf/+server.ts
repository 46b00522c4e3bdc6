import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { readPlan } from '$lib/server/plan/plans';
import { listProgressUpdates } from '$lib/server/plan/progress';
import { renderReportPdf } from '$lib/server/plan/report';
import { toLocalDate } from '$lib/rules/local-dates';
import type { RequestHandler } from './$types';

// The follow-up and evaluation report as PDF (I II.6, T II.6, Z art. 9.3), drawn on the server.
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'plan.view');
	const today = toLocalDate(new Date(), access.rules.timeZone);
	const view = await readPlan(db, access.secretariat.id, event.params.plan, today);
	if (!view) error(404);
	const updates = await listProgressUpdates(
		db,
		view.commitments.flatMap((c) => c.activities.map((a) => a.id))
	);
	const pdf = await renderReportPdf({
		bodyName: access.secretariat.name,
		view,
		today,
		timeZone: access.rules.timeZone,
		updates
	});
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="reporte-plan-${access.secretariat.slug}-${today}.pdf"`
		}
	});
};
