/**
 * Measuring: the moment the first and the last client of a room see a change, percentiles, and a
 * phase's own figures — wall time, the server's CPU and memory from /proc, this process's
 * event-loop lag, and what the rest of the machine did meanwhile.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parameters } from './parameters';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const pause = ([low, high]: [number, number]) => sleep(low + Math.random() * (high - low));

export async function waitUntil(
	what: () => string,
	predicate: () => boolean,
	ms: number
): Promise<void> {
	const start = Date.now();
	while (!predicate()) {
		if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
		await sleep(20);
	}
}

/** The memory and CPU time the kernel reports for a process (Linux); nulls elsewhere. */
export function processFigures(pid: number | undefined) {
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

/** The figures of several processes (the instances of a cluster), added up. */
export function processesFigures(pids: (number | undefined)[]) {
	const each = pids.map(processFigures);
	const sum = (key: 'peakBytes' | 'rssBytes' | 'cpuS') =>
		each.some((f) => f[key] === null) ? null : each.reduce((total, f) => total + f[key]!, 0);
	return { peakBytes: sum('peakBytes'), rssBytes: sum('rssBytes'), cpuS: sum('cpuS') };
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

export const mb = (bytes: number | null) =>
	bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * When a change reached the first and the last client of a room (null: not all in time), and of
 * each group of its clients (the clients of each instance, with two).
 */
export type Seen = {
	first: number;
	last: number;
	groups: { first: number; last: number }[];
} | null;

/**
 * The clients of one room. `expect` arms a test before the change is made; every client's update
 * calls `notify`, and the promise resolves with the times the first and the last client passed the
 * test (or null after the timeout).
 */
export class Fanout {
	#waiter: {
		test: (i: number) => boolean;
		seen: Uint8Array;
		left: number;
		first: number | null;
		groups: { first: number; last: number }[];
		resolve: (seen: Seen) => void;
		timer: NodeJS.Timeout;
	} | null = null;

	/** `group` tells which group a client is in (0 when there is one). */
	constructor(
		readonly size: number,
		readonly group: (i: number) => number = () => 0
	) {}

	notify(i: number): void {
		const waiter = this.#waiter;
		if (!waiter || waiter.seen[i] || !waiter.test(i)) return;
		const at = performance.now();
		waiter.seen[i] = 1;
		waiter.first ??= at;
		// Clients are seen in time order: the last one seen of a group is its last.
		const group = (waiter.groups[this.group(i)] ??= { first: at, last: at });
		group.last = at;
		if (--waiter.left === 0) {
			this.#waiter = null;
			clearTimeout(waiter.timer);
			waiter.resolve({ first: waiter.first, last: at, groups: waiter.groups });
		}
	}

	expect(
		test: (i: number) => boolean,
		skip: number[] = []
	): { seen: Promise<Seen>; cancel(): void; unseen(): number[] } {
		if (this.#waiter) throw new Error('one change at a time per room');
		let resolve!: (seen: Seen) => void;
		const seen = new Promise<Seen>((r) => (resolve = r));
		const waiter = {
			test,
			seen: new Uint8Array(this.size),
			left: this.size - skip.length,
			first: null,
			groups: [],
			resolve,
			timer: setTimeout(() => {
				if (this.#waiter === waiter) this.#waiter = null;
				resolve(null);
			}, parameters.eventTimeoutMs)
		};
		for (const i of skip) waiter.seen[i] = 1;
		this.#waiter = waiter;
		return {
			seen,
			/** The clients of each group that have not seen the change (for a timeout's message). */
			unseen: () => {
				const counts: number[] = [];
				for (let i = 0; i < this.size; i++) {
					const g = this.group(i);
					counts[g] = (counts[g] ?? 0) + (waiter.seen[i] ? 0 : 1);
				}
				return counts;
			},
			cancel: () => {
				clearTimeout(waiter.timer);
				if (this.#waiter === waiter) this.#waiter = null;
				resolve(null);
			}
		};
	}
}

export function percentile(values: number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[
		Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	]!;
}

/** One measured figure: until the last client saw it (the figure), and until the first one did. */
export class Series {
	readonly samples: number[] = [];
	readonly firstSamples: number[] = [];
	/** For actions: until the post was answered. */
	readonly answerSamples: number[] = [];
	/** The same, for each group of clients (each instance's clients, with two instances). */
	readonly groups: { samples: number[]; firstSamples: number[] }[] = [];
	timeouts = 0;
	add(sent: number, seen: Seen): void {
		if (seen === null) this.timeouts += 1;
		this.samples.push(seen ? seen.last - sent : Number.POSITIVE_INFINITY);
		this.firstSamples.push(seen ? seen.first - sent : Number.POSITIVE_INFINITY);
		const groups = seen?.groups ?? this.groups.map(() => undefined);
		for (const [g, times] of groups.entries()) {
			const group = (this.groups[g] ??= { samples: [], firstSamples: [] });
			group.samples.push(times ? times.last - sent : Number.POSITIVE_INFINITY);
			group.firstSamples.push(times ? times.first - sent : Number.POSITIVE_INFINITY);
		}
	}
	percentile(p: number): number | null {
		return percentile(this.samples, p);
	}
}

/** A phase's own figures: wall time, CPU and memory of the server, this process's event-loop lag. */
export interface PhaseFigures {
	name: string;
	seconds: number;
	events: number;
	/** Actions posted during the phase (check-ins and check-outs; motions, ballots, closes). */
	taps: number;
	serverCpuS: number | null;
	serverPeakRss: number | null;
	benchCpuS: number;
	/** CPU the rest of the machine used meanwhile: other work skews the figures. */
	otherCpuS: number | null;
	loopP99Ms: number;
	loopMaxMs: number;
	/** What the profiler found, when one was attached (profile.ts). */
	profile?: string[];
	queries?: number | null;
}

/** Something watching a phase from inside the server (the profiler); it adds to the figures. */
export interface PhaseObserver {
	start(name: string): Promise<void>;
	stop(name: string, figures: PhaseFigures): Promise<void>;
	/** Lets go of the server (a process with an inspector attached waits for it before exiting). */
	close(): void;
}

const LOOP_RESOLUTION_MS = 5;

export async function phase(
	name: string,
	serverPid: number | undefined | (number | undefined)[],
	counters: { events: () => number; taps: () => number },
	run: () => Promise<void>,
	observer?: PhaseObserver
): Promise<PhaseFigures> {
	const pids = Array.isArray(serverPid) ? serverPid : [serverPid];
	const figuresNow = () => processesFigures(pids);
	const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	loop.enable();
	let peakRss: number | null = null;
	const sampleRss = () => {
		const rss = figuresNow().rssBytes;
		if (rss !== null) peakRss = Math.max(peakRss ?? 0, rss);
	};
	const sampler = setInterval(sampleRss, 250);
	await observer?.start(name);
	const started = performance.now();
	const serverBefore = figuresNow().cpuS;
	const benchBefore = process.cpuUsage();
	const machineBefore = machineBusyS();
	const eventsBefore = counters.events();
	const tapsBefore = counters.taps();
	process.stdout.write(`  ${name}… `);
	try {
		await run();
	} finally {
		clearInterval(sampler);
		loop.disable();
	}
	sampleRss();
	const benchCpu = process.cpuUsage(benchBefore);
	const serverAfter = figuresNow().cpuS;
	const machineAfter = machineBusyS();
	const serverCpuS =
		serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : null;
	const benchCpuS = (benchCpu.user + benchCpu.system) / 1e6;
	const figures: PhaseFigures = {
		name,
		seconds: (performance.now() - started) / 1000,
		events: counters.events() - eventsBefore,
		taps: counters.taps() - tapsBefore,
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
	await observer?.stop(name, figures);
	console.log(`${figures.seconds.toFixed(1)} s`);
	return figures;
}
