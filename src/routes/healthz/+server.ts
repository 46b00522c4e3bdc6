import { json } from '@sveltejs/kit';
import { openDatabase, pingDatabase } from '$lib/server/db';
import { clusterHealth } from '$lib/server/cluster/cluster';
import type { RequestHandler } from './$types';

// For load balancers and the operator: 200 while the database answers, 503 when it does not.
// In a cluster (REDIS_URL), an instance that cannot reach Redis still serves its own clients:
// 200, `degraded`, with the reason — a load balancer must not take it out for that.
export const GET: RequestHandler = async () => {
	const { db, engine } = await openDatabase();
	const up = await pingDatabase(db);
	const cluster = clusterHealth();
	const body = { status: up ? 'ok' : 'unavailable', db: up ? 'up' : 'down', engine };
	if (cluster) {
		Object.assign(body, { redis: cluster.status === 'ok' ? 'up' : 'down' });
		if (up && cluster.status === 'degraded')
			Object.assign(body, { status: 'degraded', reason: cluster.reason });
	}
	return json(body, { status: up ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
