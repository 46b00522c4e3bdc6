import { getDatabase } from '$lib/server/db';
import { requireSecretariatAction } from '$lib/server/secretariats/access';
import { listMembers } from '$lib/server/secretariats/members';
import { buildInstallationRecord } from '$lib/server/secretariats/installation-record';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const access = await requireSecretariatAction(
		db,
		event,
		event.params.slug,
		'installation-record.view'
	);
	const record = buildInstallationRecord(
		access.seats,
		await listMembers(db, access.secretariat.id)
	);
	if (!access.can('secretariat.view-contacts')) {
		for (const table of Object.values(record))
			for (const row of table) Object.assign(row, { email: '', phone: '' });
	}
	return { record, installedOn: access.secretariat.installedOn };
};
