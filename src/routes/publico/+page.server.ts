import { asc } from 'drizzle-orm';
import { getDatabase } from '$lib/server/db';
import { secretariats } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

// The public sites of the instance's bodies.
export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	return {
		bodies: await db
			.select({ slug: secretariats.slug, name: secretariats.name })
			.from(secretariats)
			.orderBy(asc(secretariats.name))
	};
};
