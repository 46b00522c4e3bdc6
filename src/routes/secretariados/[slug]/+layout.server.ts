import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import type { LayoutServerLoad } from './$types';

// The body's name and menu. Each page and action below checks its own action again.
export const load: LayoutServerLoad = async (event) => {
	const access = await requireSecretariatAction(
		await getDatabase(),
		event,
		event.params.slug,
		'secretariat.view'
	);
	return {
		secretariat: { slug: access.secretariat.slug, name: access.secretariat.name },
		menu: {
			meetings: access.can('meeting.view-live'),
			agreements: access.can('agreements.view'),
			rules: access.can('secretariat.edit-rules'),
			members: access.can('secretariat.manage-members'),
			installation: access.can('installation-record.view'),
			plan: access.can('plan.view'),
			publicSite: access.can('public-site.manage'),
			documents: access.can('documents.download'),
			// Monthly dispatch and end of term (issue 5, items 7 and 9).
			dispatch: access.can('dispatch.view'),
			handover: access.can('handover.download')
		}
	};
};
