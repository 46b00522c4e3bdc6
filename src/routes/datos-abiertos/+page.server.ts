import { asc } from 'drizzle-orm';
import { getDatabase } from '$lib/server/db';
import { secretariats } from '$lib/server/db/schema';
import { datasets } from '$lib/server/open-data/datasets';
import { ZIP_NAME } from '$lib/server/open-data/distribution';
import type { PageServerLoad } from './$types';

// The instance's open data: every body's records together, and a link to each body's public site.
export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	const bodies = await db
		.select({ slug: secretariats.slug, name: secretariats.name })
		.from(secretariats)
		.orderBy(asc(secretariats.name));
	return {
		bodies,
		zipName: ZIP_NAME,
		datasets: datasets.map((dataset) => ({
			id: dataset.id,
			title: dataset.title,
			description: dataset.description,
			columns: dataset.columns
		}))
	};
};
