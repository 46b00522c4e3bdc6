import { getDatabase } from '$lib/server/db';
import { datasets } from '$lib/server/open-data/datasets';
import { ZIP_NAME } from '$lib/server/open-data/distribution';
import { bodyOpenDataScope } from './scope.server';
import type { PageServerLoad } from './$types';

// Section d: the body's open data — every dataset as CSV, its dictionary and API, the catalogue, the ZIP.
export const load: PageServerLoad = async ({ params, url }) => {
	await bodyOpenDataScope(await getDatabase(), params.slug, url.origin);
	return {
		zipName: ZIP_NAME,
		datasets: datasets.map((dataset) => ({
			id: dataset.id,
			title: dataset.title,
			description: dataset.description,
			columns: dataset.columns
		}))
	};
};
