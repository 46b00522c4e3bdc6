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
 * Then the same minutes workload runs against the reference server, @y/websocket-server 0.1.1
 * (reference.ts), and report.ts prints both side by side. The exit code is 0 whatever the figures;
 * 1 when a run broke (a room stopped, a server did not start, the global timeout).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { startApp } from '../tests/support/app-process';
import { parameters, SEATS, type Engine } from './parameters';
import { Site } from './site';
import { setUp } from './setup';
import { closePeers, connectAll, openPeer } from './peers';
import { Fanout, phase, processFigures, sleep, type PhaseObserver } from './measure';
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
	const inspectPort = parameters.port === null ? 9229 + (process.pid % 500) : parameters.port + 2;
	if (parameters.profileDir) env.NODE_OPTIONS = inspectFlag(inspectPort);
	const app = await startApp(env, [], {
		port: parameters.port ?? undefined,
		cwd: parameters.appDir ?? undefined
	});
	current.output = app.output;
	cleanups.push(async () => {
		if (app.child.exitCode === null) await app.stop();
	});
	const site = new Site(app.url);
	const pid = app.child.pid;
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
	const wsUrl = `${app.url.replace('http', 'ws')}/yjs`;
	const connectStarted = performance.now();
	process.stdout.write(
		`  connecting ${rooms * clients * (parameters.minutes ? 2 : 1)} WebSockets ` +
			`(live room${parameters.minutes ? ' + minutes' : ''} per client)… `
	);
	const liveFanouts = bodies.map(() => new Fanout(clients));
	const livePeers = await connectAll(
		rooms * clients,
		(n) => {
			const r = Math.floor(n / clients);
			const c = n % clients;
			const room = `${bodies[r]!.slug}:meeting-${bodies[r]!.meetingId}:live`;
			return openPeer(wsUrl, room, logins[c % logins.length]!, {
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
	run.serverRssConnected = processFigures(pid).rssBytes;
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
			await phase('idle', pid, { events: () => 0, taps }, () => sleep(parameters.idleS * 1000))
		);
	run.phases.push(
		await phase(
			'check-ins',
			pid,
			{ events: () => results.checkIn.samples.length, taps },
			() => everyRoom('check-ins', (room) => checkInScript(site, results, admin, room)),
			observer
		)
	);
	run.phases.push(
		await phase(
			'ballots',
			pid,
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
				pid,
				{ events: () => results.minutes.samples.length, taps },
				() => runMinutes(ourMinutes, results.minutes, results),
				observer
			)
		);
	}
	run.serverPeak = processFigures(pid).peakBytes;
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
