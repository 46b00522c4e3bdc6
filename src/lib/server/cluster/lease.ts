/**
 * Work done once per cluster: a lease in Redis (`SET key NX PX`, Redis's own primitive for a
 * lock with an expiry, taken by whichever instance asks first). The hourly scheduled jobs take a
 * lease a little shorter than their interval: the instance that ran them keeps them while it is
 * up, and when it dies another takes them over within the next interval. A lease is never
 * released early, so two instances whose timers tick minutes apart do not both run.
 *
 * When Redis is away the lease cannot be had, and the work runs anyway: the scheduled reminders
 * are recorded under a unique index before anything is sent (dispatch/scheduled-jobs.ts), so a
 * second run sends nothing twice — the lease saves the work, the database keeps it correct.
 */
import type { Cluster } from './cluster';
import { log } from '../log';

/** Whether this instance should do `name` now: alone, always; in a cluster, if it took the lease. */
export async function takeLease(
	cluster: Cluster | null,
	name: string,
	durationMs: number
): Promise<boolean> {
	if (!cluster) return true;
	try {
		const taken = await cluster.redis.set(
			`${cluster.prefix}:lease:${name}`,
			cluster.instanceId,
			'PX',
			durationMs,
			'NX'
		);
		return taken === 'OK';
	} catch (error) {
		log.warn({ err: error, lease: name }, 'redis unreachable: running without the lease');
		return true;
	}
}
