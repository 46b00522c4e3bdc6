/**
 * `npm run bench` — a benchmark that prints figures; it is not a test and never fails on a miss.
 *
 * The built app (build/start.js, `npm run build` first) runs as a child process on a free loopback
 * port; this process drives it through the real forms and R rooms × C clients of the stock
 * y-websocket client. Each room is one meeting of its own body (Zacatecas template, seven seats):
 * every client holds the meeting's live room (read-only, written by the server after each committed
 * change) and its minutes document. Measured from this process, with its clock:
 *
 * - check-in → quorum: from sending the facilitator's check-in until every client of the room has
 *   the new `quorum.seatsPresent` in its live-room document;
 * - ballot → tally: from sending a seat holder's ballot until every client has the new tally;
 * - minutes edit → peers: one writer per room inserts text in the minutes' Y.Text; until every
 *   other client of the room has it;
 * - the server's peak memory (VmHWM of the child process).
 *
 * Then the same minutes workload (R × C, one writer per room) runs against the reference server,
 * @y/websocket-server 0.1.1 (bench/reference-server.js, another child process), and both are
 * printed side by side. Actions are posted as SvelteKit's `use:enhance` posts them (JSON), followed
 * by the page-data reload `invalidateAll` makes; every room paces its events with a random pause,
 * all rooms at once.
 *
 * Parameters (environment, or `--name=value`): ROOMS (30), CLIENTS (30), CHECKINS (14 per room),
 * MOTIONS (3 per room), VOTERS (4 seat holders voting on each motion), EDITS (400 per room: about
 * a minute of typing, so two of the server's 30-second ping rounds fall inside it), PAUSE_MS
 * ('1000-3000', between the live events of a room), EDIT_PAUSE_MS ('50-250', between edits),
 * EVENT_TIMEOUT_MS (10000), TIMEOUT_S (1200, the whole run), BENCH_DATABASE_URL (a PostgreSQL
 * server's admin URL: the app then runs on a fresh database there instead of embedded PGlite).
 * `--quick` is a smoke run: 3 rooms × 5 clients, fewer events, shorter pauses. The exit code is 0
 * whatever the figures; 1 when the run broke (a room stopped, a server did not start, the global
 * timeout).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import postgres from 'postgres';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { signUpFirstAccount, startApp, type AppProcess } from '../tests/support/app-process';
import type { MeetingState } from '../src/lib/live/meeting-state';

// ---------------------------------------------------------------------------------------------
// Parameters

const quick = process.argv.includes('--quick') || process.env.QUICK === '1';

function parameter(name: string): string | undefined {
	const flag = `--${name.toLowerCase().replaceAll('_', '-')}=`;
	const given = process.argv.find((arg) => arg.startsWith(flag));
	return given ? given.slice(flag.length) : process.env[name];
}

function count(name: string, fallback: number, min = 1): number {
	const raw = parameter(name);
	const value = raw === undefined || raw === '' ? fallback : Number(raw);
	if (!Number.isInteger(value) || value < min)
		throw new Error(`${name} must be a whole number ≥ ${min}`);
	return value;
}

function range(name: string, fallback: string): [number, number] {
	const raw = parameter(name) || fallback;
	const [low, high = low] = raw.split('-').map(Number);
	if (!Number.isFinite(low) || !Number.isFinite(high) || low! < 0 || high! < low!)
		throw new Error(`${name} must be a pause in ms, or a range like 250-750`);
	return [low!, high!];
}

const ROOMS = count('ROOMS', quick ? 3 : 30);
const CLIENTS = count('CLIENTS', quick ? 5 : 30, 2);
const CHECKINS = count('CHECKINS', quick ? 8 : 14);
const MOTIONS = count('MOTIONS', quick ? 2 : 3);
const VOTERS = count('VOTERS', 4);
const EDITS = count('EDITS', quick ? 10 : 400);
const PAUSE_MS = range('PAUSE_MS', quick ? '300-900' : '1000-3000');
const EDIT_PAUSE_MS = range('EDIT_PAUSE_MS', '50-250');
const EVENT_TIMEOUT_MS = count('EVENT_TIMEOUT_MS', 10_000);
const TIMEOUT_S = count('TIMEOUT_S', 1200);
const DATABASE_ADMIN_URL = parameter('BENCH_DATABASE_URL') || '';

/** The body template every room's body is made from, and its seats' sectors in seat order. */
const PRESET = 'zacatecas-stl';
const PRESET_SECTORS = [
	'executive',
	'legislative',
	'judicial',
	'municipal-government',
	'civil-society',
	'academia',
	'guarantor'
];
const SEATS = PRESET_SECTORS.length;
if (VOTERS > SEATS) throw new Error(`VOTERS must be at most ${SEATS}, the seats of a body`);

const TARGET_P99_MS = 50;
const TARGET_RATIO = 1.2;
/** The clients of a phase connect over this long (the awareness renewal period of y-protocols). */
const CONNECT_SPREAD_MS = 15_000;
const PASSWORD = 'una contraseña larga';

// ---------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pause = ([low, high]: [number, number]) => sleep(low + Math.random() * (high - low));

async function waitUntil(what: () => string, predicate: () => boolean, ms: number): Promise<void> {
	const start = Date.now();
	while (!predicate()) {
		if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
		await sleep(20);
	}
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inBatches<T, R>(
	items: T[],
	limit: number,
	work: (item: T, index: number) => Promise<R>
) {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const index = next++;
				results[index] = await work(items[index]!, index);
			}
		})
	);
	return results;
}

/** The memory and CPU time the kernel reports for a process (Linux); nulls elsewhere. */
function processFigures(pid: number | undefined) {
	const figures = {
		peakBytes: null as number | null,
		rssBytes: null as number | null,
		cpuS: null as number | null
	};
	if (!pid) return figures;
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key: string) => {
			const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
			return match ? Number(match[1]) * 1024 : null;
		};
		figures.peakBytes = kb('VmHWM');
		figures.rssBytes = kb('VmRSS');
		// Fields 14 and 15 of stat: user and system time in clock ticks (100 a second on Linux).
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		figures.cpuS = (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		// Not Linux, or the process is gone.
	}
	return figures;
}

/** CPU seconds the whole machine has spent busy (all cores, Linux), to tell other work apart. */
function machineBusyS(): number | null {
	try {
		const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
		const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
		return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
	} catch {
		return null;
	}
}

const mb = (bytes: number | null) =>
	bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------
// The app's forms, posted as SvelteKit's `use:enhance` posts them

interface ActionOutcome {
	type: 'success' | 'redirect' | 'failure' | 'error';
	status?: number;
	location?: string;
	cookie?: string;
}

class Site {
	constructor(readonly url: string) {}

	/** Posts a form action as JSON (as `use:enhance` does); refusals and errors throw. */
	async act(
		pathname: string,
		cookie: string,
		fields: Record<string, string>
	): Promise<ActionOutcome> {
		const response = await fetch(`${this.url}${pathname}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: this.url,
				...(cookie ? { cookie } : {}),
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams(fields)
		});
		const text = await response.text();
		let outcome: ActionOutcome;
		try {
			outcome = JSON.parse(text) as ActionOutcome;
		} catch {
			throw new Error(`POST ${pathname}: ${response.status} ${text.slice(0, 200)}`);
		}
		if (outcome.type !== 'success' && outcome.type !== 'redirect')
			throw new Error(`POST ${pathname}: ${outcome.type} ${text.slice(0, 300)}`);
		const session = response.headers.getSetCookie().find((c) => c.startsWith('auth_session='));
		return { ...outcome, cookie: session?.split(';')[0] };
	}

	async page(pathname: string, cookie: string): Promise<string> {
		const response = await fetch(`${this.url}${pathname}`, { headers: { cookie } });
		if (response.status !== 200) throw new Error(`GET ${pathname}: ${response.status}`);
		return response.text();
	}

	/** What `invalidateAll` does after an enhanced post: the page's data, loaded again. */
	async reload(pathname: string, cookie: string): Promise<void> {
		const response = await fetch(`${this.url}${pathname}/__data.json`, { headers: { cookie } });
		await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`GET ${pathname}/__data.json: ${response.status}`);
	}
}

// ---------------------------------------------------------------------------------------------
// Setup: bodies, seats, meetings and accounts, all through the forms

interface Body {
	index: number;
	slug: string;
	meetingId: string;
	meetingPath: string;
	/** Each seat's titular membership id, in seat order; the first VOTERS are the voters. */
	seatMembers: string[];
}

const voterEmail = (v: number) => `votante${v + 1}@bench.mx`;
const seatName = (seat: number) => `Asiento ${seat + 1}`;
const uuidAfter = (html: string, from: number) =>
	/name="memberId" value="([0-9a-f-]{36})"/.exec(html.slice(from))?.[1];

async function createBody(
	site: Site,
	admin: string,
	adminEmail: string,
	index: number
): Promise<Body> {
	const created = await site.act('/secretariados/nuevo', admin, {
		name: `Mesa de prueba ${index + 1}`,
		preset: PRESET
	});
	const slug = created.location?.split('/').pop();
	if (!slug) throw new Error('no body was created');
	const members = `/secretariados/${slug}/integrantes`;

	// The instance admin becomes the facilitator (linked at once: the account exists).
	await site.act(`${members}?/addMember`, admin, {
		role: 'facilitator',
		name: 'Facilitación',
		position: '',
		email: adminEmail,
		phone: ''
	});
	let html = await site.page(members, admin);
	const facilitator = uuidAfter(html, 0);
	if (!facilitator) throw new Error(`${slug}: the facilitator was not added`);
	await site.act(`${members}?/invite`, admin, { memberId: facilitator });

	// A titular on every seat; the first VOTERS seats are held by the voters' accounts-to-be.
	html = await site.page(members, admin);
	const seatIds = [
		...new Set([...html.matchAll(/\/integrantes\/asiento\/([0-9a-f-]{36})/g)].map((m) => m[1]!))
	];
	if (seatIds.length !== SEATS)
		throw new Error(`${slug}: expected ${SEATS} seats, found ${seatIds.length}`);
	const blank = (prefix: string) =>
		Object.fromEntries(
			['Name', 'Position', 'Email', 'Phone', 'TermStartsOn', 'TermEndsOn', 'Reelections'].map(
				(f) => [`${prefix}${f}`, '']
			)
		);
	for (const [seat, seatId] of seatIds.entries()) {
		await site.act(`${members}/asiento/${seatId}?/save`, admin, {
			sector: PRESET_SECTORS[seat]!,
			organisation: `Organización ${seat + 1}`,
			...blank('titular'),
			...blank('substitute'),
			titularName: seatName(seat),
			titularEmail:
				seat < VOTERS ? voterEmail(seat) : `asiento${seat + 1}.mesa${index + 1}@bench.mx`
		});
	}

	const meeting = await site.act(`/secretariados/${slug}/sesiones?/create`, admin, {
		kind: 'ordinary',
		title: 'Sesión de prueba',
		date: new Date().toISOString().slice(0, 10),
		time: '10:00',
		place: 'Sala',
		// Today is too soon for the notice period: created anyway, as the form lets one.
		shortNotice: 'accepted'
	});
	const meetingId = meeting.location?.split('/').pop();
	if (!meetingId) throw new Error(`${slug}: no meeting was created`);
	const meetingPath = `/secretariados/${slug}/sesiones/${meetingId}`;
	await site.act(`${meetingPath}?/open`, admin, {});

	// The facilitator's console lists everyone with a check-in form: "<name> · <role>", then the id.
	html = await site.page(meetingPath, admin);
	const seatMembers = Array.from({ length: SEATS }, (_, seat) => {
		const at = html.indexOf(`${seatName(seat)} · `);
		const id = at >= 0 ? uuidAfter(html, at) : undefined;
		if (!id) throw new Error(`${slug}: no member id for ${seatName(seat)}`);
		return id;
	});
	return { index, slug, meetingId, meetingPath, seatMembers };
}

/** An account for a seat holder: an instance invitation, its link read from the outbox, accepted. */
async function createVoter(site: Site, admin: string, v: number): Promise<string> {
	const email = voterEmail(v);
	await site.act('/admin/invitaciones', admin, { email });
	const outbox = await site.page('/admin/outbox', admin);
	const entry = outbox
		.split('<li')
		.find((item) => item.includes(email) && item.includes('/invitacion/'));
	const token = entry && /\/invitacion\/([A-Za-z0-9_-]+)/.exec(entry)?.[1];
	if (!token) throw new Error(`no invitation link for ${email} in the outbox`);
	const accepted = await site.act(`/invitacion/${token}`, '', {
		name: `Votante ${v + 1}`,
		password: PASSWORD,
		passwordConfirm: PASSWORD
	});
	if (!accepted.cookie) throw new Error(`accepting the invitation of ${email} gave no session`);
	return accepted.cookie;
}

// ---------------------------------------------------------------------------------------------
// Clients: the stock y-websocket provider, over `ws` with the session cookie

const socketClasses = new Map<string, unknown>();
/** A WebSocket class that sends a cookie, for the stock y-websocket client running in Node. */
function webSocketWithCookie(cookie: string) {
	let socketClass = socketClasses.get(cookie);
	if (!socketClass) {
		socketClass = class extends WebSocket {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols, cookie ? { headers: { cookie } } : {});
			}
		};
		socketClasses.set(cookie, socketClass);
	}
	return socketClass;
}

interface Peer {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

/** Failed or refused connections, for the message when clients do not sync. */
let connectionErrors = 0;

/** Our server's own message (acknowledged saves, `?saved=1`); the minutes client asks for it. */
const SAVED_MESSAGE = 100;

function openPeer(
	serverUrl: string,
	room: string,
	cookie: string,
	options: { saved?: boolean; onChange: () => void }
): Peer {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(serverUrl, room, doc, {
		WebSocketPolyfill: webSocketWithCookie(cookie) as never,
		disableBc: true,
		params: options.saved ? { saved: '1' } : {}
	});
	if (options.saved) provider.messageHandlers[SAVED_MESSAGE] = () => {};
	provider.on('connection-error', () => (connectionErrors += 1));
	provider.on('connection-close', (event) => {
		if (event && event.code !== 1000 && event.code !== 1001) connectionErrors += 1;
	});
	doc.on('update', options.onChange);
	return { doc, provider };
}

const closed = new WeakSet<Peer>();
function closePeers(peers: Peer[]): void {
	for (const peer of peers) {
		if (closed.has(peer)) continue;
		closed.add(peer);
		peer.provider.destroy();
		peer.doc.destroy();
	}
}

/**
 * Opens the peers one after another, spread evenly over up to 15 s, then waits until all are
 * synced (and `ready`). People join a meeting at different moments; opened all at once, the
 * clients would renew their presence (every 15 s, y-protocols' awareness) in one synchronised
 * burst that stalls whichever server — and this process — far more than real use ever does.
 */
async function connectAll<T extends Peer>(
	count: number,
	open: (i: number) => T,
	ready: (peer: T) => boolean
): Promise<T[]> {
	const spreadMs = Math.min(CONNECT_SPREAD_MS, count * 20);
	const peers: T[] = [];
	const started = performance.now();
	try {
		for (let i = 0; i < count; i++) {
			const wait = started + (i * spreadMs) / count - performance.now();
			if (wait > 0) await sleep(wait);
			peers.push(open(i));
		}
		await waitUntil(
			() =>
				`${peers.filter((p) => !(p.provider.synced && ready(p))).length} of ${count} clients ` +
				`to sync (${connectionErrors} refused or failed connections so far)`,
			() => peers.every((p) => p.provider.synced && ready(p)),
			60_000
		);
	} catch (error) {
		closePeers(peers);
		throw error;
	}
	return peers;
}

// ---------------------------------------------------------------------------------------------
// Measuring: the moment the last client of a room sees a change

/** When a change reached the first and the last client of a room (null: not all in time). */
type Seen = { first: number; last: number } | null;

/**
 * The clients of one room. `expect` arms a test before the change is made; every client's update
 * calls `notify`, and the promise resolves with the times the first and the last client passed the
 * test (or null after the timeout).
 */
class Fanout {
	#waiter: {
		test: (i: number) => boolean;
		seen: Uint8Array;
		left: number;
		first: number | null;
		resolve: (seen: Seen) => void;
		timer: NodeJS.Timeout;
	} | null = null;

	constructor(readonly size: number) {}

	notify(i: number): void {
		const waiter = this.#waiter;
		if (!waiter || waiter.seen[i] || !waiter.test(i)) return;
		const at = performance.now();
		waiter.seen[i] = 1;
		waiter.first ??= at;
		if (--waiter.left === 0) {
			this.#waiter = null;
			clearTimeout(waiter.timer);
			waiter.resolve({ first: waiter.first, last: at });
		}
	}

	expect(
		test: (i: number) => boolean,
		skip: number[] = []
	): { seen: Promise<Seen>; cancel(): void } {
		if (this.#waiter) throw new Error('one change at a time per room');
		let resolve!: (seen: Seen) => void;
		const seen = new Promise<Seen>((r) => (resolve = r));
		const waiter = {
			test,
			seen: new Uint8Array(this.size),
			left: this.size - skip.length,
			first: null,
			resolve,
			timer: setTimeout(() => {
				if (this.#waiter === waiter) this.#waiter = null;
				resolve(null);
			}, EVENT_TIMEOUT_MS)
		};
		for (const i of skip) waiter.seen[i] = 1;
		this.#waiter = waiter;
		return {
			seen,
			cancel: () => {
				clearTimeout(waiter.timer);
				if (this.#waiter === waiter) this.#waiter = null;
				resolve(null);
			}
		};
	}
}

function percentile(values: number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[
		Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	]!;
}

/** One measured figure: until the last client saw it (the figure), and until the first one did. */
class Series {
	readonly samples: number[] = [];
	readonly firstSamples: number[] = [];
	/** For actions: until the post was answered. */
	readonly answerSamples: number[] = [];
	timeouts = 0;
	add(sent: number, seen: Seen): void {
		if (seen === null) this.timeouts += 1;
		this.samples.push(seen ? seen.last - sent : Number.POSITIVE_INFINITY);
		this.firstSamples.push(seen ? seen.first - sent : Number.POSITIVE_INFINITY);
	}
	percentile(p: number): number | null {
		return percentile(this.samples, p);
	}
}

/** A phase's own figures: wall time, CPU and memory of the server, this process's event-loop lag. */
interface PhaseFigures {
	name: string;
	seconds: number;
	events: number;
	serverCpuS: number | null;
	serverPeakRss: number | null;
	benchCpuS: number;
	/** CPU the rest of the machine used meanwhile: other work skews the figures. */
	otherCpuS: number | null;
	loopP99Ms: number;
	loopMaxMs: number;
}

const phases: PhaseFigures[] = [];
const loadAtStart = os
	.loadavg()
	.map((n) => n.toFixed(2))
	.join(' ');
const LOOP_RESOLUTION_MS = 5;

async function phase(
	name: string,
	serverPid: number | undefined,
	events: () => number,
	run: () => Promise<void>
): Promise<void> {
	const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	loop.enable();
	let peakRss: number | null = null;
	const sampleRss = () => {
		const rss = processFigures(serverPid).rssBytes;
		if (rss !== null) peakRss = Math.max(peakRss ?? 0, rss);
	};
	const sampler = setInterval(sampleRss, 250);
	const started = performance.now();
	const serverBefore = processFigures(serverPid).cpuS;
	const benchBefore = process.cpuUsage();
	const machineBefore = machineBusyS();
	const eventsBefore = events();
	process.stdout.write(`  ${name}… `);
	try {
		await run();
	} finally {
		clearInterval(sampler);
		loop.disable();
	}
	sampleRss();
	const benchCpu = process.cpuUsage(benchBefore);
	const serverAfter = processFigures(serverPid).cpuS;
	const machineAfter = machineBusyS();
	const serverCpuS =
		serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : null;
	const benchCpuS = (benchCpu.user + benchCpu.system) / 1e6;
	const figures: PhaseFigures = {
		name,
		seconds: (performance.now() - started) / 1000,
		events: events() - eventsBefore,
		serverCpuS,
		serverPeakRss: peakRss,
		benchCpuS,
		otherCpuS:
			machineBefore !== null && machineAfter !== null && serverCpuS !== null
				? Math.max(0, machineAfter - machineBefore - serverCpuS - benchCpuS)
				: null,
		// The histogram counts the timer's own interval; the lag is what comes on top.
		loopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
		loopMaxMs: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS)
	};
	phases.push(figures);
	console.log(`${figures.seconds.toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// The workloads

interface LiveRoom {
	body: Body;
	peers: Peer[];
	live: Fanout;
}

const results = {
	checkIn: new Series(),
	ballot: new Series(),
	minutes: new Series(),
	reference: new Series()
};
const failures: string[] = [];

const stateOf = (peer: Peer) => peer.doc.getMap('room').get('state') as MeetingState | undefined;

/**
 * One live event: arms the test, posts the action, and records in `series` (when given) how long
 * until every client of the room passed the test. The post's answer and the page-data reload are
 * awaited too before the next event, as a browser would. A change not seen in time stops the room.
 */
async function liveEvent(
	site: Site,
	room: LiveRoom,
	cookie: string,
	action: string,
	fields: Record<string, string>,
	test: (state: MeetingState) => boolean,
	series?: Series
): Promise<void> {
	const watch = room.live.expect((i) => {
		const state = stateOf(room.peers[i]!);
		return state !== undefined && test(state);
	});
	const sent = performance.now();
	let answered = sent;
	try {
		const [seen] = await Promise.all([
			watch.seen,
			site.act(`${room.body.meetingPath}?/${action}`, cookie, fields).then(() => {
				answered = performance.now();
				return site.reload(room.body.meetingPath, cookie);
			})
		]);
		if (series) {
			series.add(sent, seen);
			series.answerSamples.push(answered - sent);
		}
		if (seen === null)
			throw new Error(`${action} was not seen by every client in ${EVENT_TIMEOUT_MS} ms`);
	} catch (error) {
		watch.cancel();
		throw error;
	}
}

async function checkInScript(site: Site, admin: string, room: LiveRoom): Promise<void> {
	const seats = room.body.seatMembers;
	const seatsPresent = (n: number) => (s: MeetingState) => s.quorum.seatsPresent === n;
	await pause([0, PAUSE_MS[1]]);
	// Every seat in (quorum for the ballots), then out and in again until CHECKINS are measured.
	let measured = 0;
	for (const [seat, memberId] of seats.entries()) {
		await pause(PAUSE_MS);
		await liveEvent(
			site,
			room,
			admin,
			'checkIn',
			{ memberId },
			seatsPresent(seat + 1),
			results.checkIn
		);
		measured += 1;
	}
	for (let round = 0; measured < CHECKINS; round++) {
		const memberId = seats[seats.length - 1 - (round % seats.length)]!;
		await pause(PAUSE_MS);
		await liveEvent(site, room, admin, 'checkOut', { memberId }, seatsPresent(seats.length - 1));
		await pause(PAUSE_MS);
		await liveEvent(
			site,
			room,
			admin,
			'checkIn',
			{ memberId },
			seatsPresent(seats.length),
			results.checkIn
		);
		measured += 1;
	}
}

async function ballotScript(
	site: Site,
	admin: string,
	voters: string[],
	room: LiveRoom
): Promise<void> {
	const choices = ['for', 'against', 'abstain'] as const;
	const cast = (s: MeetingState) =>
		s.motion ? s.motion.tally.for + s.motion.tally.against + s.motion.tally.abstain : -1;
	await pause([0, PAUSE_MS[1]]);
	for (let motion = 0; motion < MOTIONS; motion++) {
		const text = `Acuerdo de prueba ${motion + 1}`;
		await pause(PAUSE_MS);
		await liveEvent(site, room, admin, 'propose', { text }, (s) => s.motion?.text === text);
		await pause(PAUSE_MS);
		await liveEvent(site, room, admin, 'openVote', {}, (s) => s.motion?.status === 'voting');
		for (let v = 0; v < VOTERS; v++) {
			await pause(PAUSE_MS);
			const fields = { memberId: room.body.seatMembers[v]!, choice: choices[(v + motion) % 3]! };
			await liveEvent(
				site,
				room,
				voters[v]!,
				'ballot',
				fields,
				(s) => cast(s) === v + 1,
				results.ballot
			);
		}
		await pause(PAUSE_MS);
		await liveEvent(
			site,
			room,
			admin,
			'closeMotion',
			{},
			(s) => s.motion === null && s.decisions.length === motion + 1
		);
	}
}

/** One writer (client 0) types into the room's minutes; every other client must see each edit. */
async function minutesScript(peers: Peer[], fanout: Fanout, series: Series): Promise<void> {
	const texts = peers.map((peer) => peer.doc.getText('acta'));
	const writer = texts[0]!;
	const word = 'acuerdo ';
	await pause([0, EDIT_PAUSE_MS[1]]);
	for (let edit = 0; edit < EDITS; edit++) {
		await pause(EDIT_PAUSE_MS);
		const expected = writer.length + word.length;
		const watch = fanout.expect((i) => texts[i]!.length >= expected, [0]);
		const sent = performance.now();
		writer.insert(writer.length, word);
		const seen = await watch.seen;
		series.add(sent, seen);
		if (seen === null)
			throw new Error(`an edit was not seen by every peer in ${EVENT_TIMEOUT_MS} ms`);
	}
}

interface MinutesRoom {
	peers: Peer[];
	fanout: Fanout;
}

/** R × C minutes clients on a server; `room` names each room, `cookie` picks each client's login. */
async function connectMinutes(
	serverUrl: string,
	rooms: string[],
	cookie: (client: number) => string,
	saved: boolean
): Promise<MinutesRoom[]> {
	const fanouts = rooms.map(() => new Fanout(CLIENTS));
	const peers = await connectAll(
		rooms.length * CLIENTS,
		(n) => {
			const r = Math.floor(n / CLIENTS);
			const c = n % CLIENTS;
			return openPeer(serverUrl, rooms[r]!, cookie(c), {
				saved,
				onChange: () => fanouts[r]!.notify(c)
			});
		},
		() => true
	);
	return rooms.map((_, r) => ({
		peers: peers.slice(r * CLIENTS, (r + 1) * CLIENTS),
		fanout: fanouts[r]!
	}));
}

async function runMinutes(rooms: MinutesRoom[], series: Series): Promise<void> {
	await Promise.all(
		rooms.map((room, r) =>
			minutesScript(room.peers, room.fanout, series).catch((error: unknown) => {
				failures.push(
					`minutes, room ${r + 1}: ${error instanceof Error ? error.message : String(error)}`
				);
			})
		)
	);
}

// ---------------------------------------------------------------------------------------------
// The reference server

interface ReferenceServer {
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

async function startReference(): Promise<ReferenceServer> {
	const child = spawn(process.execPath, [path.resolve('bench/reference-server.js')], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`the reference server did not start:\n${output}`)),
			30_000
		);
		const read = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (\d+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(Number(match[1]));
			}
		};
		child.stdout!.on('data', read);
		child.stderr!.on('data', read);
		child.on('exit', () => {
			const reason = output.split('\n').find((line) => /Error/.test(line)) ?? output.trim();
			reject(new Error(`the reference server exited: ${reason}`));
		});
	});
	return {
		url: `ws://127.0.0.1:${port}`,
		child,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
		}
	};
}

// ---------------------------------------------------------------------------------------------
// The report

function formatMs(ms: number | null): string {
	if (ms === null) return '—';
	if (!Number.isFinite(ms)) return 'timeout';
	return `${ms.toFixed(1)} ms`;
}

interface Figures {
	app?: AppProcess;
	engine: string;
	serverPeak: number | null;
	serverRssConnected: number | null;
	referencePeak: number | null;
	referenceRssConnected: number | null;
	setupS: number;
	connectS: number;
	referenceConnectS: number;
}

const figures: Figures = {
	engine: DATABASE_ADMIN_URL ? 'PostgreSQL' : 'PGlite (embedded)',
	serverPeak: null,
	serverRssConnected: null,
	referencePeak: null,
	referenceRssConnected: null,
	setupS: 0,
	connectS: 0,
	referenceConnectS: 0
};

function table(rows: string[][]): void {
	const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
	const line = (row: string[]) =>
		row
			.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
			.join('  ')
			.trimEnd();
	console.log(line(rows[0]!));
	console.log(widths.map((w) => '─'.repeat(w)).join('  '));
	for (const row of rows.slice(1)) console.log(line(row));
}

function report(): void {
	const verdict = (ok: boolean | null) => (ok === null ? '—' : ok ? 'PASS' : 'MISS');
	const rows: string[][] = [['figure', 'n', 'p50', 'p99', 'max', 'target', 'result']];
	const series = (label: string, s: Series, target: boolean) => {
		const p99 = s.percentile(99);
		rows.push([
			label,
			String(s.samples.length) + (s.timeouts ? ` (${s.timeouts} timed out)` : ''),
			formatMs(s.percentile(50)),
			formatMs(p99),
			formatMs(s.percentile(100)),
			target ? `p99 ≤ ${TARGET_P99_MS} ms` : '',
			target ? verdict(p99 === null ? null : p99 <= TARGET_P99_MS) : ''
		]);
	};
	series('check-in → quorum seen by every client', results.checkIn, true);
	series('ballot → tally seen by every client', results.ballot, true);
	series('minutes edit → seen by every peer', results.minutes, true);
	series('  same workload, reference server', results.reference, false);
	const ours = results.minutes.percentile(99);
	const reference = results.reference.percentile(99);
	const ratio = ours !== null && reference !== null && reference > 0 ? ours / reference : null;
	const ratioKnown = ratio !== null && Number.isFinite(ratio);
	rows.push([
		'minutes edit p99, ours ÷ reference',
		'',
		'',
		ratioKnown ? `${ratio.toFixed(2)}×` : '—',
		'',
		`≤ ${TARGET_RATIO}×`,
		verdict(ratio === null || Number.isNaN(ratio) ? null : ratio <= TARGET_RATIO)
	]);
	rows.push([
		'server peak memory (VmHWM, whole run)',
		'',
		mb(figures.serverPeak),
		'',
		'',
		'none set',
		''
	]);
	const underLoad = phases
		.filter((p) => !p.name.includes('reference'))
		.map((p) => p.serverPeakRss ?? 0);
	rows.push([
		'  server peak RSS while measuring',
		'',
		underLoad.length ? mb(Math.max(...underLoad)) : 'n/a',
		'',
		'',
		'',
		''
	]);
	rows.push(['  reference server peak (VmHWM)', '', mb(figures.referencePeak), '', '', '', '']);
	console.log('');
	table(rows);

	// Where the time goes: the first client's figure is the server's work plus one hop; the rest
	// up to the last client is the fan-out (and this process's own turn through 2 × C sockets).
	console.log('');
	const detail: string[][] = [
		[
			'where the time goes',
			'first client p50',
			'p99',
			'last client p50',
			'p99',
			'post answered p50',
			'p99'
		]
	];
	const breakdown = (label: string, s: Series) =>
		detail.push([
			label,
			formatMs(percentile(s.firstSamples, 50)),
			formatMs(percentile(s.firstSamples, 99)),
			formatMs(s.percentile(50)),
			formatMs(s.percentile(99)),
			s.answerSamples.length ? formatMs(percentile(s.answerSamples, 50)) : '',
			s.answerSamples.length ? formatMs(percentile(s.answerSamples, 99)) : ''
		]);
	breakdown('check-in', results.checkIn);
	breakdown('ballot', results.ballot);
	breakdown('minutes edit, ours', results.minutes);
	breakdown('minutes edit, reference', results.reference);
	table(detail);

	console.log('');
	console.log(
		`setup ${figures.setupS.toFixed(1)} s · clients connected to ours in ${figures.connectS.toFixed(1)} s ` +
			`(server RSS then ${mb(figures.serverRssConnected)}), to the reference in ` +
			`${figures.referenceConnectS.toFixed(1)} s (its RSS then ${mb(figures.referenceRssConnected)})`
	);
	for (const p of phases) {
		const serverCpu =
			p.serverCpuS === null ? 'n/a' : `${((p.serverCpuS / p.seconds) * 100).toFixed(0)}%`;
		console.log(
			`${p.name}: ${p.seconds.toFixed(1)} s, ${(p.events / p.seconds).toFixed(1)} measured events/s; ` +
				`server CPU ${serverCpu} of a core, peak RSS ${mb(p.serverPeakRss)}; ` +
				`bench CPU ${((p.benchCpuS / p.seconds) * 100).toFixed(0)}%, event-loop lag ` +
				`p99 ${p.loopP99Ms.toFixed(1)} ms, max ${p.loopMaxMs.toFixed(1)} ms; other processes ` +
				(p.otherCpuS === null ? 'n/a' : `${((p.otherCpuS / p.seconds) * 100).toFixed(0)}%`)
		);
	}
	if (failures.length > 0) {
		console.log('');
		console.log(`${failures.length} problem(s) — rooms stopped early, or a server missing:`);
		for (const failure of failures.slice(0, 20)) console.log(`  ${failure}`);
	}
	console.log('');
	console.log(
		`load average at the start ${loadAtStart}, now ${os
			.loadavg()
			.map((n) => n.toFixed(2))
			.join(' ')} (other work on the machine skews every figure)`
	);
	console.log('Targets are printed, never enforced: a MISS does not fail the run.');
}

// ---------------------------------------------------------------------------------------------
// The run

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

async function createDatabase(): Promise<string | null> {
	if (!DATABASE_ADMIN_URL) return null;
	const name = `mesa_bench_${Date.now()}`;
	const admin = postgres(DATABASE_ADMIN_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	cleanups.push(async () => {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	});
	const url = new URL(DATABASE_ADMIN_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

async function main(): Promise<void> {
	// Each provider listens for the process's exit; 2 × R × C of them are expected here.
	process.setMaxListeners(0);
	const cpus = os.cpus();
	console.log(
		`Mesa Abierta benchmark — ${ROOMS} rooms × ${CLIENTS} clients, ${figures.engine}, ` +
			`${cpus.length} CPU(s) ${cpus[0]?.model ?? ''}, Node ${process.version}`
	);
	console.log(
		`per room: ${Math.max(CHECKINS, SEATS)} check-ins, ${MOTIONS} motions × ${VOTERS} ballots, ${EDITS} minutes edits; ` +
			`pauses ${PAUSE_MS.join('–')} ms between live events, ${EDIT_PAUSE_MS.join('–')} ms between edits`
	);

	// ---- our server
	const databaseUrl = await createDatabase();
	const app = await startApp(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
	figures.app = app;
	cleanups.push(async () => {
		if (app.child.exitCode === null) await app.stop();
	});
	const site = new Site(app.url);
	const pid = app.child.pid;

	const setupStarted = performance.now();
	process.stdout.write(`  setting up ${ROOMS} bodies and meetings, ${VOTERS} voter accounts… `);
	const adminEmail = 'admin@bench.mx';
	const admin = await signUpFirstAccount(app, adminEmail);
	const bodies = await inBatches(
		Array.from({ length: ROOMS }, (_, i) => i),
		4,
		(i) => createBody(site, admin, adminEmail, i)
	);
	const voters: string[] = [];
	for (let v = 0; v < VOTERS; v++) voters.push(await createVoter(site, admin, v));
	figures.setupS = (performance.now() - setupStarted) / 1000;
	console.log(`${figures.setupS.toFixed(1)} s`);

	// Clients use the logins in turn (several connections per login, as several tabs would).
	const logins = [admin, ...voters];
	const wsUrl = `${app.url.replace('http', 'ws')}/yjs`;
	const connectStarted = performance.now();
	process.stdout.write(
		`  connecting ${ROOMS * CLIENTS * 2} WebSockets (live room + minutes per client)… `
	);
	const liveFanouts = bodies.map(() => new Fanout(CLIENTS));
	const livePeers = await connectAll(
		ROOMS * CLIENTS,
		(n) => {
			const r = Math.floor(n / CLIENTS);
			const c = n % CLIENTS;
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
	const ourMinutes = await connectMinutes(
		wsUrl,
		minutesRoomNames,
		(c) => logins[c % logins.length]!,
		true
	);
	cleanups.push(() => ourMinutes.forEach((room) => closePeers(room.peers)));
	figures.connectS = (performance.now() - connectStarted) / 1000;
	figures.serverRssConnected = processFigures(pid).rssBytes;
	console.log(`${figures.connectS.toFixed(1)} s`);

	const liveRooms: LiveRoom[] = bodies.map((body, r) => ({
		body,
		peers: livePeers.slice(r * CLIENTS, (r + 1) * CLIENTS),
		live: liveFanouts[r]!
	}));
	const everyRoom = (name: string, script: (room: LiveRoom) => Promise<void>) =>
		Promise.all(
			liveRooms.map((room) =>
				script(room).catch((error: unknown) => {
					failures.push(
						`${name}, ${room.body.slug}: ${error instanceof Error ? error.message : String(error)}`
					);
				})
			)
		).then(() => undefined);

	await phase(
		'check-ins',
		pid,
		() => results.checkIn.samples.length,
		() => everyRoom('check-ins', (room) => checkInScript(site, admin, room))
	);
	await phase(
		'ballots',
		pid,
		() => results.ballot.samples.length,
		() => everyRoom('ballots', (room) => ballotScript(site, admin, voters, room))
	);
	// The reference has no live rooms: the minutes are compared with the minutes clients alone.
	closePeers(livePeers);
	await sleep(1_000);
	await phase(
		'minutes, ours',
		pid,
		() => results.minutes.samples.length,
		() => runMinutes(ourMinutes, results.minutes)
	);
	figures.serverPeak = processFigures(pid).peakBytes;
	await cleanUp();

	// ---- the reference server, same minutes workload; without it, our figures still print.
	try {
		await runReference(minutesRoomNames);
	} catch (error) {
		failures.push(
			`reference server: ${error instanceof Error ? error.message : String(error)} ` +
				'(is the devDependency @y/websocket-server@0.1.1 installed?)'
		);
		console.log('failed');
	}
	await cleanUp();
}

async function runReference(minutesRoomNames: string[]): Promise<void> {
	const reference = await startReference();
	cleanups.push(() => reference.stop());
	const referenceStarted = performance.now();
	process.stdout.write(`  connecting ${ROOMS * CLIENTS} WebSockets to the reference server… `);
	const referenceMinutes = await connectMinutes(reference.url, minutesRoomNames, () => '', false);
	cleanups.push(() => referenceMinutes.forEach((room) => closePeers(room.peers)));
	figures.referenceConnectS = (performance.now() - referenceStarted) / 1000;
	figures.referenceRssConnected = processFigures(reference.child.pid).rssBytes;
	console.log(`${figures.referenceConnectS.toFixed(1)} s`);
	await phase(
		'minutes, reference',
		reference.child.pid,
		() => results.reference.samples.length,
		() => runMinutes(referenceMinutes, results.reference)
	);
	figures.referencePeak = processFigures(reference.child.pid).peakBytes;
}

const deadline = setTimeout(() => {
	console.error(`\nbench: stopped after the global timeout of ${TIMEOUT_S} s; figures so far:`);
	report();
	void cleanUp().finally(() => process.exit(1));
}, TIMEOUT_S * 1000);

process.once('SIGINT', () => {
	console.error('\nbench: interrupted; cleaning up');
	void cleanUp().finally(() => process.exit(130));
});

try {
	await main();
	report();
	clearTimeout(deadline);
	// A miss is a figure; a room that stopped, or a server that did not run, is a broken run.
	process.exit(failures.length > 0 ? 1 : 0);
} catch (error) {
	clearTimeout(deadline);
	console.error('\nbench failed:', error instanceof Error ? (error.stack ?? error.message) : error);
	if (error instanceof Error && error.cause) console.error('cause:', error.cause);
	const output = figures.app?.output().trim();
	if (output)
		console.error(`\nserver output (last lines):\n${output.split('\n').slice(-20).join('\n')}`);
	await cleanUp();
	process.exit(1);
}
