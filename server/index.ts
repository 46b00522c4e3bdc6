/**
 * The production entry point (bundled to build/start.js by scripts/build-server.js): one Node
 * process, one port, serving SvelteKit's pages and the Yjs WebSocket endpoint over one database.
 *
 * Start-up: open the database and run its migrations, optionally seed the demo (--demo), load
 * SvelteKit's handler, listen. Shutdown (SIGTERM, SIGINT): stop accepting, let requests in flight
 * finish their writes, close the sockets and the database, exit — forced after 10 s.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeDatabase, openDatabase } from '../src/lib/server/db/index';
import { log } from '../src/lib/server/log';
import { createYjsServer } from './yjs-server';
import { seedDemo } from './demo';
import { isAllowedHost, listAllowedHosts } from './allowed-hosts';
import { runScheduledJobs } from '../src/lib/server/dispatch/scheduled-jobs';
import { startCluster } from '../src/lib/server/cluster/cluster';
import { followLoginSocketRechecks } from '../src/lib/server/cluster/login-relay';
import { takeLease } from '../src/lib/server/cluster/lease';
import { recheckLoginSocketsHere } from '../src/lib/server/login-sockets';

type Handler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const SHUTDOWN_DEADLINE_MS = 10_000;
const SCHEDULED_JOBS_INTERVAL_MS = 60 * 60 * 1000;
/** In a cluster, the instance that ran the hourly jobs keeps them this long (a little under the hour). */
const SCHEDULED_JOBS_LEASE_MS = 55 * 60 * 1000;
const OWN_PROTOCOL_HEADER = 'x-mesa-abierta-protocol';

// The last line of defence, not the design: every promise in server/ and src/lib/server is
// awaited or caught (eslint's no-floating-promises). Should one still slip through, a meeting in
// progress must not end with the process; it is logged as the defect it is.
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));

async function main(): Promise<void> {
	const startedAt = performance.now();
	const port = Number(process.env.PORT ?? 3000);
	const host = process.env.HOST ?? '0.0.0.0';

	// A cluster shares one PostgreSQL; an embedded PGlite folder cannot be opened by two processes.
	if (process.env.REDIS_URL?.trim() && !process.env.DATABASE_URL?.trim())
		throw new Error('REDIS_URL (a cluster) needs DATABASE_URL: a PostgreSQL all instances share');
	const database = await openDatabase();
	if (process.argv.includes('--demo')) await seedDemo(database.db);
	// With REDIS_URL this instance is one of a cluster over the same database (issue 13); before the
	// handler and the Yjs server load, so both find it.
	const cluster = await startCluster(process.env);
	if (cluster) followLoginSocketRechecks(cluster, recheckLoginSocketsHere);

	// adapter-node assumes https when neither ORIGIN nor PROTOCOL_HEADER is set; this server speaks
	// plain HTTP, so it says so in a header of its own (overwritten on every request, never trusted
	// from the client) and a phone on the local network gets the right origin for its form posts.
	const ownProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (ownProtocolHeader) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;
	const allowedHosts = process.env.ORIGIN ? null : listAllowedHosts(process.env);

	// Evidence files reach 20 MiB (the public site's uploads); adapter-node's own default, 512K,
	// would refuse them before any check of ours could say why. Read when the handler loads.
	process.env.BODY_SIZE_LIMIT ??= '21M';

	// Beside this bundle in build/: adapter-node's request handler.
	const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as {
		handler: Handler;
	};
	const yjs = createYjsServer();
	const server = http.createServer((req, res) => {
		if (allowedHosts && !isAllowedHost(req.headers.host, allowedHosts)) {
			res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('421 Misdirected Request: set ORIGIN or ALLOWED_HOSTS for this host name.\n');
			return;
		}
		if (ownProtocolHeader) req.headers[OWN_PROTOCOL_HEADER] = 'http';
		handler(req, res);
	});
	server.on('upgrade', (request, socket, head) => {
		if (allowedHosts && !isAllowedHost(request.headers.host, allowedHosts)) socket.destroy();
		else if (!yjs.handleUpgrade(request, socket, head)) socket.destroy();
	});

	// The reminders (monthly dispatch, end of term): at start-up, then hourly; each is recorded
	// before it is sent, so a run that overlaps another or a restart never sends one twice. In a
	// cluster one instance runs them per hour: the one holding the lease (cluster/lease.ts).
	let jobsRun: Promise<unknown> = Promise.resolve();
	const runJobs = () => {
		jobsRun = (async () => {
			if (!(await takeLease(cluster, 'scheduled-jobs', SCHEDULED_JOBS_LEASE_MS))) {
				log.info('scheduled jobs left to the instance that holds them this hour');
				return;
			}
			const report = await runScheduledJobs(database.db);
			log.info({ ...report, instance: cluster?.instanceId }, 'scheduled jobs ran');
		})().catch((err: unknown) => log.error({ err }, 'scheduled jobs failed'));
	};
	runJobs();
	const jobsTimer = setInterval(runJobs, SCHEDULED_JOBS_INTERVAL_MS);
	jobsTimer.unref();

	let stopping = false;
	async function shutdown(signal: string): Promise<void> {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'shutting down');
		setTimeout(() => {
			log.error('shutdown took longer than 10 s; closing the database and exiting anyway');
			const exit = () => process.exit(1);
			closeDatabase().then(exit, exit);
		}, SHUTDOWN_DEADLINE_MS - 1_000).unref();
		// A database that does not answer even its close cannot hold the process past the deadline.
		setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		clearInterval(jobsTimer);
		await yjs.close();
		await closed;
		await jobsRun;
		await cluster?.close();
		await closeDatabase();
		log.info('stopped');
		process.exit(0);
	}
	const stop = (signal: string): void => {
		shutdown(signal).catch((error: unknown) => {
			log.fatal({ err: error }, 'shutdown failed');
			process.exit(1);
		});
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));

	server.listen(port, host, () => {
		const ms = Math.round(performance.now() - startedAt);
		log.info(
			{ port, host, database: database.engine, startupMs: ms },
			`listening on http://${host}:${port}`
		);
	});
}

main().catch((error: unknown) => {
	log.fatal({ err: error }, 'failed to start');
	process.exit(1);
});
