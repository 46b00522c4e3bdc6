import { json } from '@sveltejs/kit';
import { openDatabase, pingDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

// For load balancers and the operator: 200 while the database answers, 503 when it does not.
export const GET: RequestHandler = async () => {
	const { db, engine } = await openDatabase();
	const up = await pingDatabase(db);
	return json(
		{ status: up ? 'ok' : 'unavailable', db: up ? 'up' : 'down', engine },
		{ status: up ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
