/**
 * The throttles' counters (auth/rate-limit.ts, the public forms'): in this process's memory when
 * the instance runs alone; in Redis when it is one of a cluster, so that forty guesses spread
 * over four instances count as forty (rate-limiter-flexible's Redis store, atomic in Redis).
 * While Redis is away each instance counts in its own memory (the store's insurance limiter):
 * throttling goes on, per instance, rather than failing the sign-in.
 */
import {
	RateLimiterMemory,
	RateLimiterRedis,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import { getCluster } from './cluster';

export interface LimiterOptions {
	/** Distinguishes the counters of different throttles in Redis. */
	name: string;
	points: number;
	duration: number;
}

/** A counter store for one throttle: Redis in a cluster, memory otherwise. */
export function createLimiter(options: LimiterOptions): RateLimiterAbstract {
	const { points, duration } = options;
	const cluster = getCluster();
	if (!cluster) return new RateLimiterMemory({ points, duration });
	return new RateLimiterRedis({
		storeClient: cluster.redis,
		keyPrefix: `${cluster.prefix}:throttle:${options.name}`,
		points,
		duration,
		rejectIfRedisNotReady: true,
		insuranceLimiter: new RateLimiterMemory({ points, duration })
	});
}
