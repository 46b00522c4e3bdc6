/**
 * Membership of a cluster (issue 13): with REDIS_URL set, this instance is one of several over the
 * same DATABASE_URL, and Redis carries what one instance's clients must hear from another's —
 * Redis pub/sub, as Hocuspocus's Redis extension does it: one channel per open document, plus a
 * few channels for the whole cluster. PostgreSQL stays the record: a message between instances is
 * only ever a copy of something already committed, or a hint to read it, so a message lost while
 * Redis is away costs nothing once the instances catch up from the database.
 *
 * Two connections, as pub/sub requires: `redis` for commands (publish, locks, the throttles'
 * counters) with no offline queue — a command while Redis is away fails at once instead of
 * piling up — and a subscriber, which re-subscribes every channel itself each time it is ready.
 * While either is down the instance is degraded: it keeps serving its own clients, /healthz says
 * so (200 with the reason) and the log says when it went and when it came back.
 *
 * Without REDIS_URL none of this exists (`getCluster()` is null) and the instance is alone.
 * The SvelteKit bundle and the server's bundle each carry a copy of this module: the cluster is
 * kept on `globalThis`, like the database.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { log } from '../log';

export type ClusterHealth = { status: 'ok' } | { status: 'degraded'; reason: string };

type Handler = (message: Buffer) => void;

export interface Cluster {
	/** This process's own id: messages carry it, so an instance skips its own. */
	readonly instanceId: string;
	/** Prefixes every key and channel (REDIS_PREFIX): several clusters may share one Redis. */
	readonly prefix: string;
	/** The command connection (no offline queue): locks and throttle counters. */
	readonly redis: Redis;
	health(): ClusterHealth;
	/** Publishes on `<prefix>:<channel>`; dropped (and logged as degraded) while Redis is away. */
	publish(channel: string, message: Buffer | string): void;
	/**
	 * Follows `<prefix>:<channel>` until the returned function is called; `ready` settles once
	 * Redis confirmed the subscription (or could not: then it is re-made when Redis is back).
	 */
	subscribe(channel: string, handler: Handler): { ready: Promise<void>; stop(): void };
	/** Runs `handler` each time Redis is back after being unreachable (every channel re-subscribed). */
	onReconnect(handler: () => void): void;
	close(): Promise<void>;
}

const CLUSTER = Symbol.for('mesa-abierta.cluster');
type ProcessGlobal = typeof globalThis & { [CLUSTER]?: Cluster };

/** This instance's cluster, or null when it runs alone (no REDIS_URL). */
export function getCluster(): Cluster | null {
	return (globalThis as ProcessGlobal)[CLUSTER] ?? null;
}

/** How long start-up waits for Redis before starting degraded rather than not at all. */
const CONNECT_WAIT_MS = 5_000;

/** Reconnection delays: quick at first, then every two seconds for as long as it takes. */
function retryDelay(times: number): number {
	return Math.min(times * 100, 2_000);
}

/** Starts this instance's membership when REDIS_URL is set; null (alone) otherwise. */
export async function startCluster(env: NodeJS.ProcessEnv = process.env): Promise<Cluster | null> {
	const url = env.REDIS_URL?.trim();
	if (!url) return null;
	const existing = getCluster();
	if (existing) return existing;
	const prefix = env.REDIS_PREFIX?.trim() || 'mesa-abierta';
	const instanceId = randomUUID();
	const options = {
		retryStrategy: retryDelay,
		maxRetriesPerRequest: 1,
		enableOfflineQueue: false,
		connectionName: `mesa-abierta-${instanceId.slice(0, 8)}`
	};
	const redis = new Redis(url, options);
	// The subscriber queues its SUBSCRIBE commands until it is ready; it re-subscribes on its own
	// terms (below) rather than ioredis's, so a channel followed while Redis was away is not missed.
	const subscriber = new Redis(url, {
		...options,
		enableOfflineQueue: true,
		maxRetriesPerRequest: null,
		autoResubscribe: false
	});

	const handlers = new Map<string, Set<Handler>>();
	const reconnectHandlers: (() => void)[] = [];
	let lastError = '';
	let wasDown = false;
	let closing = false;

	const health = (): ClusterHealth => {
		if (redis.status === 'ready' && subscriber.status === 'ready') return { status: 'ok' };
		return {
			status: 'degraded',
			reason: `redis unreachable (${lastError || redis.status}): serving this instance's clients only`
		};
	};
	const wentDown = (error?: Error) => {
		if (error) lastError = error.message;
		if (closing || wasDown) return;
		wasDown = true;
		log.warn(
			{ instance: instanceId, err: error?.message },
			"redis unreachable: cluster degraded, serving this instance's clients only"
		);
	};
	for (const connection of [redis, subscriber]) {
		connection.on('error', (error: Error) => wentDown(error));
		connection.on('close', () => wentDown());
	}
	redis.on('ready', () => {
		if (subscriber.status === 'ready') cameBack();
	});
	subscriber.on('ready', () => {
		const channels = [...handlers.keys()];
		const resubscribed =
			channels.length > 0 ? subscriber.subscribe(...channels) : Promise.resolve();
		resubscribed.then(
			() => {
				if (redis.status === 'ready') cameBack();
			},
			(error: unknown) => log.warn({ err: error }, 'could not re-subscribe to redis channels')
		);
	});
	function cameBack() {
		if (!wasDown || closing) return;
		wasDown = false;
		lastError = '';
		log.info({ instance: instanceId }, 'redis reachable again: catching up');
		for (const handler of reconnectHandlers) {
			try {
				handler();
			} catch (error) {
				log.warn({ err: error }, 'cluster catch-up failed');
			}
		}
	}
	subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		for (const handler of handlers.get(channel.toString()) ?? []) {
			try {
				handler(message);
			} catch (error) {
				log.warn({ err: error, channel: channel.toString() }, 'bad cluster message');
			}
		}
	});

	const cluster: Cluster = {
		instanceId,
		prefix,
		redis,
		health,
		publish(channel, message) {
			if (redis.status !== 'ready') return wentDown();
			redis.publish(`${prefix}:${channel}`, message).catch((error: Error) => wentDown(error));
		},
		subscribe(channel, handler) {
			const name = `${prefix}:${channel}`;
			let set = handlers.get(name);
			let ready = Promise.resolve();
			if (!set) {
				set = new Set();
				handlers.set(name, set);
				if (subscriber.status === 'ready')
					ready = subscriber.subscribe(name).then(
						() => undefined,
						(error: Error) => wentDown(error)
					);
			}
			set.add(handler);
			const stop = () => {
				const current = handlers.get(name);
				if (!current?.delete(handler) || current.size > 0) return;
				handlers.delete(name);
				if (subscriber.status === 'ready')
					subscriber.unsubscribe(name).catch((error: Error) => wentDown(error));
			};
			return { ready, stop };
		},
		onReconnect(handler) {
			reconnectHandlers.push(handler);
		},
		async close() {
			closing = true;
			delete (globalThis as ProcessGlobal)[CLUSTER];
			await Promise.allSettled([redis.quit(), subscriber.quit()]);
			redis.disconnect();
			subscriber.disconnect();
		}
	};
	(globalThis as ProcessGlobal)[CLUSTER] = cluster;

	// Start-up waits a little for Redis, then goes on degraded: an instance with its database
	// serves its own clients, and joins the others as soon as Redis answers.
	const ready = Promise.all(
		[redis, subscriber].map(
			(connection) =>
				new Promise<void>((resolve) =>
					connection.status === 'ready' ? resolve() : connection.once('ready', () => resolve())
				)
		)
	);
	let timer: NodeJS.Timeout | undefined;
	const waited = await Promise.race([
		ready.then(() => true),
		new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS)))
	]);
	clearTimeout(timer);
	if (waited) log.info({ instance: instanceId, prefix }, 'cluster member: redis connected');
	else wentDown(new Error(lastError || 'no answer from redis at start-up'));
	return cluster;
}

/** The health line for /healthz: absent when this instance runs alone. */
export function clusterHealth(): ClusterHealth | null {
	return getCluster()?.health() ?? null;
}
