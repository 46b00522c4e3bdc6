/**
 * `npm run bench` — a benchmark that prints figures; it is not a test and never fails on a miss.
 *
 * For each engine (ENGINE: pglite, postgres or both, parameters.ts), the built app (build/start.js,
 * `npm run build` first) runs as a child process (tests/support/app-process.ts); this process sets
 * up ROOMS bodies through the real forms (setup.ts) and connects ROOMS × CLIENTS clients of the
 * stock y-websocket client (peers.ts): every client holds its meeting's live room (read-only,
 * written by the server after each committed change) and its minutes document. Measured from this
 * process, with its clock (measure.ts, workloads.ts):
 *
 * - the server at rest with every client connected (idle), to tell the taps' CPU apart;
 * - check-in → quorum: from sending the facilitator's check-in until every client of the room has
 *   the new `quorum.seatsPresent` in its live-room document;
 * - ballot → tally: from sending a seat holder's ballot until every client has the new tally;
 * - minutes edit → peers: one writer per room inserts text in the minutes' Y.Text; until every
 *   other client of the room has it;
 * - the server's peak memory (VmHWM of the child process).
 *
 * With --instances=2 (PostgreSQL only), two instances of the app share the database and one Redis,
 * as a cluster does (docs/OPERATIONS.md, "Several instances"): each room's clients alternate
 * between them, every action is posted to the first, and the report adds the delivery to each
 * instance's clients — the second's is the cross-instance delivery. CPU and memory are both
 * instances' together.
 *
 * Then the same minutes workload runs against the reference server, @y/websocket-server 0.1.1
 * (reference.ts), and report.ts prints both side by side. The exit code is 0 whatever the figures;
 * 1 when a run broke (a room stopped, a server did not start, the global timeout).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { startApp, type AppProcess } from '../tests/support/app-process';
import { parameters, SEATS, type Engine } from './parameters';
import { Site } from './site';
import { setUp } from './setup';
import { closePeers, connectAll, openPeer } from './peers';
import {
	Fanout,
	phase,
	processesFigures,
	processFigures,
	sleep,
	type PhaseObserver
} from './measure';
import {
	ballotScript,
	checkInScript,
	connectMinutes,
	Results,
	runMinutes,
	stateOf,
	type LiveRoom
} from './workloads';
import { startReference } from './reference';
import { inspectFlag, profiler } from './profile';
import { cpuPerTap, engineName, loadAverage, report, type EngineRun } from './report';

const cleanups: (() => Promise<void> | void)[] = [];

async function cleanUp(): Promise<void> {
	while (cleanups.length > 0) {
		try {
			await cleanups.pop()!();
		} catch (error) {
			console.error('clean-up:', error instanceof Error ? error.message : error);
		}
	}
}

/** A fresh database on the PostgreSQL server, dropped at clean-up. */
async function createDatabase(): Promise<string> {
	const name = `mesa_bench_${Date.now()}`;
	const admin = postgres(parameters.postgresUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	cleanups.push(async () => {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	});
	const url = new URL(parameters.postgresUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * A fresh key prefix on the bench's Redis for a cluster of two instances; its keys (presence,
 * throttling, leases) are deleted at clean-up, after the instances stopped.
 */
function redisPrefix(): string {
	const prefix = `bench-${randomBytes(6).toString('hex')}`;
	cleanups.push(async () => {
		const redis = new Redis(parameters.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
		try {
			await redis.connect();
			let cursor = '0';
			do {
				const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
				if (keys.length > 0) await redis.del(...keys);
				cursor = next;
			} while (cursor !== '0');
		} finally {
			redis.disconnect();
		}
	});
	return prefix;
}

/** Starts an instance of the built app, stopped at clean-up. */
async function startInstance(
	env: Record<string, string>,
	port: number | null
): Promise<AppProcess> {
	const app = await startApp(env, [], {
		port: port ?? undefined,
		cwd: parameters.appDir ?? undefined
	});
	cleanups.push(async () => {
		if (app.child.exitCode === null) await app.stop();
	});
	return app;
}

interface Current {
	run: EngineRun;
	output?: () => string;
}
/** The engine being run, for the report on a timeout and the server's output on a failure. */
let current = null as Current | null;

async function runEngine(engine: Engine): Promise<EngineRun> {
	const { rooms, clients } = parameters;
	const results = new Results();
	const run: EngineRun = {
		engine,
		results,
		phases: [],
		serverPeak: null,
		serverRssConnected: null,
		referencePeak: null,
		referenceRssConnected: null,
		setupS: 0,
		connectS: 0,
		referenceConnectS: 0,
		loadAtStart: loadAverage()
	};
	current = { run };
	console.log('');
	console.log(`${engineName(engine)} (load average ${run.loadAtStart})`);

	// ---- our server
	const env: Record<string, string> = { DATABASE_COUNT_QUERIES: '1' };
	if (engine === 'postgres') env.DATABASE_URL = await createDatabase();
	if (parameters.instances > 1) {
		env.REDIS_URL = parameters.redisUrl;
		env.REDIS_PREFIX = redisPrefix();
	}
	const inspectPort = parameters.port === null ? 9229 + (process.pid % 500) : parameters.port + 2;
	const app = await startInstance(
		parameters.profileDir ? { ...env, NODE_OPTIONS: inspectFlag(inspectPort) } : env,
		parameters.port
	);
	current.output = app.output;
	// The second instance starts once the first has listened: the first ran the migrations.
	const apps = [app];
	if (parameters.instances > 1) {
		const second = await startInstance(env, parameters.port === null ? null : parameters.port + 3);
		apps.push(second);
		current.output = () => `${app.output()}\n── second instance\n${second.output()}`;
	}
	// Every action is posted to the first instance (its clients: the same-instance delivery).
	const site = new Site(app.url);
	const pids = apps.map((instance) => instance.child.pid);
	let observer: PhaseObserver | undefined;
	if (parameters.profileDir) {
		const watching = await profiler(inspectPort, parameters.profileDir, engine);
		cleanups.push(() => watching.close());
		observer = watching;
	}

	const setupStarted = performance.now();
	process.stdout.write(
		`  setting up ${rooms} bodies and meetings, ${parameters.voters} voter accounts… `
	);
	const { admin, voters, bodies } = await setUp(app, site);
	run.setupS = (performance.now() - setupStarted) / 1000;
	console.log(`${run.setupS.toFixed(1)} s`);

	// Clients use the logins in turn (several connections per login, as several tabs would).
	const logins = [admin, ...voters];
	// Clients alternate between the instances: client c of a room on instance c mod N.
	const wsUrls = apps.map((instance) => `${instance.url.replace('http', 'ws')}/yjs`);
	const wsUrl = (c: number) => wsUrls[c % wsUrls.length]!;
	const instanceOf = (c: number) => c % wsUrls.length;
	const connectStarted = performance.now();
	process.stdout.write(
		`  connecting ${rooms * clients * (parameters.minutes ? 2 : 1)} WebSockets ` +
			`(live room${parameters.minutes ? ' + minutes' : ''} per client)… `
	);
	const liveFanouts = bodies.map(() => new Fanout(clients, instanceOf));
	const livePeers = await connectAll(
		rooms * clients,
		(n) => {
			const r = Math.floor(n / clients);
			const c = n % clients;
			const room = `${bodies[r]!.slug}:meeting-${bodies[r]!.meetingId}:live`;
			return openPeer(wsUrl(c), room, logins[c % logins.length]!, {
				onChange: () => liveFanouts[r]!.notify(c)
			});
		},
		(peer) => stateOf(peer) !== undefined
	);
	cleanups.push(() => closePeers(livePeers));
	// As src/lib/server/broadcast.ts names them (minutesRoomName, liveRoomName).
	const minutesRoomNames = bodies.map((body) => `${body.slug}:minutes-${body.meetingId}`);
	const ourMinutes = parameters.minutes
		? await connectMinutes(wsUrl, minutesRoomNames, (c) => logins[c % logins.length]!, true)
		: [];
	cleanups.push(() => ourMinutes.forEach((room) => closePeers(room.peers)));
	run.connectS = (performance.now() - connectStarted) / 1000;
	run.serverRssConnected = processesFigures(pids).rssBytes;
	console.log(`${run.connectS.toFixed(1)} s`);

	const liveRooms: LiveRoom[] = bodies.map((body, r) => ({
		body,
		peers: livePeers.slice(r * clients, (r + 1) * clients),
		live: liveFanouts[r]!
	}));
	const everyRoom = (name: string, script: (room: LiveRoom) => Promise<void>) =>
		Promise.all(
			liveRooms.map((room) =>
				script(room).catch((error: unknown) => results.fail(`${name}, ${room.body.slug}`, error))
			)
		).then(() => undefined);
	const taps = () => results.taps;

	if (parameters.idleS > 0)
		run.phases.push(
			await phase('idle', pids, { events: () => 0, taps }, () => sleep(parameters.idleS * 1000))
		);
	run.phases.push(
		await phase(
			'check-ins',
			pids,
			{ events: () => results.checkIn.samples.length, taps },
			() => everyRoom('check-ins', (room) => checkInScript(site, results, admin, room)),
			observer
		)
	);
	run.phases.push(
		await phase(
			'ballots',
			pids,
			{ events: () => results.ballot.samples.length, taps },
			() => everyRoom('ballots', (room) => ballotScript(site, results, admin, voters, room)),
			observer
		)
	);
	// The reference has no live rooms: the minutes are compared with the minutes clients alone.
	closePeers(livePeers);
	if (parameters.minutes) {
		await sleep(1_000);
		run.phases.push(
			await phase(
				'minutes, ours',
				pids,
				{ events: () => results.minutes.samples.length, taps },
				() => runMinutes(ourMinutes, results.minutes, results),
				observer
			)
		);
	}
	run.serverPeak = processesFigures(pids).peakBytes;
	await cleanUp();

	// ---- the reference server, same minutes workload; without it, our figures still print.
	if (parameters.minutes) {
		try {
			await runReference(run, minutesRoomNames);
		} catch (error) {
			results.fail(
				'reference server',
				`${error instanceof Error ? error.message : String(error)} ` +
					'(is the devDependency @y/websocket-server@0.1.1 installed?)'
			);
			console.log('failed');
		}
		await cleanUp();
	}
	return run;
}

async function runReference(run: EngineRun, minutesRoomNames: string[]): Promise<void> {
	const reference = await startReference(parameters.port === null ? null : parameters.port + 1);
	cleanups.push(() => reference.stop());
	const started = performance.now();
	process.stdout.write(
		`  connecting ${parameters.rooms * parameters.clients} WebSockets to the reference server… `
	);
	const referenceMinutes = await connectMinutes(reference.url, minutesRoomNames, () => '', false);
	cleanups.push(() => referenceMinutes.forEach((room) => closePeers(room.peers)));
	run.referenceConnectS = (performance.now() - started) / 1000;
	run.referenceRssConnected = processFigures(reference.child.pid).rssBytes;
	console.log(`${run.referenceConnectS.toFixed(1)} s`);
	run.phases.push(
		await phase(
			'minutes, reference',
			reference.child.pid,
			{ events: () => run.results.reference.samples.length, taps: () => run.results.taps },
			() => runMinutes(referenceMinutes, run.results.reference, run.results)
		)
	);
	run.referencePeak = processFigures(reference.child.pid).peakBytes;
}

const runs: EngineRun[] = [];

function deadline(): NodeJS.Timeout {
	return setTimeout(() => {
		console.error(`\nbench: stopped after the global timeout of ${parameters.timeoutS} s`);
		if (current) report(current.run);
		void cleanUp().finally(() => process.exit(1));
	}, parameters.timeoutS * 1000);
}

process.once('SIGINT', () => {
	console.error('\nbench: interrupted; cleaning up');
	void cleanUp().finally(() => process.exit(130));
});

// Each provider listens for the process's exit; 2 × R × C of them are expected here.
process.setMaxListeners(0);
const cpus = os.cpus();
console.log(
	`Mesa Abierta benchmark — ${parameters.rooms} rooms × ${parameters.clients} clients, ` +
		`${parameters.engines.map(engineName).join(' then ')}, ${cpus.length} CPU(s) ` +
		`${cpus[0]?.model ?? ''}, Node ${process.version}`
);
console.log(
	`per room: ${Math.max(parameters.checkIns, SEATS)} check-ins, ${parameters.motions} motions × ` +
		`${parameters.voters} ballots, ${parameters.minutes ? parameters.edits : 0} minutes edits; ` +
		`pauses ${parameters.pauseMs.join('–')} ms between live events, ` +
		`${parameters.editPauseMs.join('–')} ms between edits`
);
let broken = false;
for (const engine of parameters.engines) {
	const timer = deadline();
	try {
		const run = await runEngine(engine);
		runs.push(run);
		report(run);
		broken ||= run.results.failures.length > 0;
	} catch (error) {
		broken = true;
		console.error(
			`\nbench failed on ${engineName(engine)}:`,
			error instanceof Error ? (error.stack ?? error.message) : error
		);
		if (error instanceof Error && error.cause) console.error('cause:', error.cause);
		const output = (current as Current | null)?.output?.().trim();
		if (output)
			console.error(`\nserver output (last lines):\n${output.split('\n').slice(-20).join('\n')}`);
		await cleanUp();
	} finally {
		clearTimeout(timer);
	}
}
if (runs.length > 1) {
	console.log('');
	console.log('── engines side by side');
	const ms = (value: number | null | undefined) =>
		value === null || value === undefined
			? 'n/a'
			: Number.isFinite(value)
				? `${value.toFixed(1)} ms`
				: 'timeout';
	for (const run of runs) {
		console.log(
			`${engineName(run.engine)}: server CPU per check-in ${ms(cpuPerTap(run, 'check-ins')?.net)}, ` +
				`per ballot ${ms(cpuPerTap(run, 'ballots')?.net)}; check-in p99 ` +
				`${ms(run.results.checkIn.percentile(99))}, ballot p99 ${ms(run.results.ballot.percentile(99))}; ` +
				`peak ${run.serverPeak === null ? 'n/a' : (run.serverPeak / 2 ** 20).toFixed(0)} MB`
		);
	}
}
console.log('Targets are printed, never enforced: a MISS does not fail the run.');
// A miss is a figure; a room that stopped, or a server that did not run, is a broken run.
process.exit(broken ? 1 : 0);
