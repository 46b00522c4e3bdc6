import { desc } from 'drizzle-orm';
import { getDatabase } from '$lib/server/db';
import { outboxMessages } from '$lib/server/db/schema';
import { requireInstanceAdmin } from '$lib/server/auth/guards';
import { readInstanceTimeZone } from '$lib/server/secretariats/instance-time-zone';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireInstanceAdmin({ locals, url });
	const db = await getDatabase();
	const messages = await db
		.select()
		.from(outboxMessages)
		.orderBy(desc(outboxMessages.createdAt))
		.limit(200);
	return { messages, timeZone: await readInstanceTimeZone(db) };
};
