import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { buildHandoverZip } from '$lib/server/dispatch/handover';
import { toLocalDate } from '$lib/rules/local-dates';
import type { RequestHandler } from './$types';

// The hand-over package as a ZIP (Z art. 5, I I.7, T I.6), for the body's own members only.
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(db, event, event.params.slug, 'handover.download');
	const zip = await buildHandoverZip(db, access, {
		origin: event.url.origin,
		withContacts: access.can('secretariat.view-contacts')
	});
	const today = toLocalDate(new Date(), access.rules.timeZone);
	return new Response(zip as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="entrega-${access.secretariat.slug}-${today}.zip"`,
			'cache-control': 'private, no-store'
		}
	});
};
