/**
 * The report of one engine's run: the p50/p99 table with the targets, where the time goes, the
 * server's CPU per tap (the lines `server CPU per check-in: <x> ms` and `server CPU per ballot:
 * <x> ms`, to compare from run to run), memory, and each phase's own figures. Targets are printed,
 * never enforced.
 */
import os from 'node:os';
import { parameters, TARGETS, type Engine } from './parameters';
import { mb, percentile, type PhaseFigures, type Series } from './measure';
import type { Results } from './workloads';

export interface EngineRun {
	engine: Engine;
	results: Results;
	phases: PhaseFigures[];
	serverPeak: number | null;
	serverRssConnected: number | null;
	referencePeak: number | null;
	referenceRssConnected: number | null;
	setupS: number;
	connectS: number;
	referenceConnectS: number;
	loadAtStart: string;
}

export const engineName = (engine: Engine) =>
	engine === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)';

export const loadAverage = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');

function formatMs(ms: number | null): string {
	if (ms === null) return '—';
	if (!Number.isFinite(ms)) return 'timeout';
	return `${ms.toFixed(1)} ms`;
}

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

const verdict = (ok: boolean | null) => (ok === null ? '—' : ok ? 'PASS' : 'MISS');

/**
 * The server's CPU per tap in a phase, in ms: the phase's CPU less what the server spends at rest
 * with the same clients connected (the idle phase: presence renewals, pings), over the taps posted.
 * Null when a figure is missing.
 */
export function cpuPerTap(run: EngineRun, name: string): { net: number; raw: number } | null {
	const measured = run.phases.find((p) => p.name === name);
	const idle = run.phases.find((p) => p.name === 'idle');
	if (!measured || measured.serverCpuS === null || measured.taps === 0) return null;
	const idleRate = idle && idle.serverCpuS !== null ? idle.serverCpuS / idle.seconds : 0;
	const raw = (measured.serverCpuS * 1000) / measured.taps;
	const net = Math.max(
		0,
		((measured.serverCpuS - idleRate * measured.seconds) * 1000) / measured.taps
	);
	return { net, raw };
}

/** The peak-memory target for the engine: fixed on PGlite, the reference's plus a margin on PostgreSQL. */
function memoryTarget(run: EngineRun): { bytes: number | null; label: string } {
	// Two instances' peaks added up: no target is set for the pair.
	if (parameters.instances > 1) return { bytes: null, label: '' };
	if (run.engine === 'pglite')
		return { bytes: TARGETS.pglitePeakMb * 1024 * 1024, label: `< ${TARGETS.pglitePeakMb} MB` };
	return {
		bytes:
			run.referencePeak === null
				? null
				: run.referencePeak + TARGETS.postgresOverReferenceMb * 1024 * 1024,
		label: `≤ ref + ${TARGETS.postgresOverReferenceMb} MB`
	};
}

/**
 * Two instances: until the last client of each instance saw a change posted to the first (A), and
 * what crossing to the second (B) adds — the p50 of B's delivery less A's.
 */
function byInstance(results: Results): void {
	console.log('');
	console.log(
		'delivery by instance — every action posted to instance A; B is the cross-instance one'
	);
	const rows: string[][] = [['figure', 'n', 'p50', 'p99', 'max', 'target', 'result']];
	for (const [label, s] of [
		['check-in → quorum', results.checkIn],
		['ballot → tally', results.ballot],
		['minutes edit (writer on A)', results.minutes]
	] as const) {
		const [same, cross] = s.groups;
		if (!same || !cross) continue;
		const p = (values: number[], at: number) => percentile(values, at);
		for (const [where, group] of [
			['every client on A (same instance)', same],
			['every client on B (cross-instance)', cross]
		] as const)
			rows.push([
				`${label}, ${where}`,
				String(group.samples.length),
				formatMs(p(group.samples, 50)),
				formatMs(p(group.samples, 99)),
				formatMs(p(group.samples, 100)),
				'',
				''
			]);
		const sameP50 = p(same.samples, 50);
		const crossP50 = p(cross.samples, 50);
		const added =
			sameP50 !== null && crossP50 !== null && Number.isFinite(sameP50 + crossP50)
				? crossP50 - sameP50
				: null;
		const target = s === results.checkIn;
		rows.push([
			`  cross-instance adds (p50 B − p50 A)`,
			'',
			formatMs(added),
			'',
			'',
			target ? `≤ ${TARGETS.crossInstanceMs} ms` : '',
			target ? verdict(added === null ? null : added <= TARGETS.crossInstanceMs) : ''
		]);
	}
	table(rows);
}

export function report(run: EngineRun): void {
	const { results } = run;
	console.log('');
	console.log(
		`── ${engineName(run.engine)}: ${parameters.rooms} rooms × ${parameters.clients} clients` +
			(parameters.instances > 1
				? `, ${parameters.instances} instances (CPU and memory: both together)`
				: '') +
			(parameters.reloadAfterTap ? ' (page data reloaded after every tap)' : '')
	);
	const rows: string[][] = [['figure', 'n', 'p50', 'p99', 'max', 'target', 'result']];
	const series = (label: string, s: Series, target: boolean) => {
		const p99 = s.percentile(99);
		rows.push([
			label,
			String(s.samples.length) + (s.timeouts ? ` (${s.timeouts} timed out)` : ''),
			formatMs(s.percentile(50)),
			formatMs(p99),
			formatMs(s.percentile(100)),
			target ? `p99 ≤ ${TARGETS.p99Ms} ms` : '',
			target ? verdict(p99 === null ? null : p99 <= TARGETS.p99Ms) : ''
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
		`≤ ${TARGETS.ratio}×`,
		verdict(ratio === null || Number.isNaN(ratio) ? null : ratio <= TARGETS.ratio)
	]);
	const cpuTarget = TARGETS.cpuPerTapMs[run.engine];
	for (const [label, name] of [
		['server CPU per check-in (net of idle)', 'check-ins'],
		['server CPU per ballot (net of idle)', 'ballots']
	] as const) {
		const cpu = cpuPerTap(run, name);
		rows.push([
			label,
			String(run.phases.find((p) => p.name === name)?.taps ?? ''),
			cpu ? formatMs(cpu.net) : '—',
			'',
			'',
			`≤ ${cpuTarget} ms`,
			verdict(cpu ? cpu.net <= cpuTarget : null)
		]);
	}
	const memory = memoryTarget(run);
	rows.push([
		parameters.instances > 1
			? 'servers peak memory (both VmHWM added)'
			: 'server peak memory (VmHWM, whole run)',
		'',
		mb(run.serverPeak),
		'',
		'',
		memory.label,
		verdict(
			run.serverPeak === null || memory.bytes === null ? null : run.serverPeak <= memory.bytes
		)
	]);
	const underLoad = run.phases
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
	rows.push(['  reference server peak (VmHWM)', '', mb(run.referencePeak), '', '', '', '']);
	table(rows);
	if (parameters.instances > 1) byInstance(results);

	// The lines to compare from run to run, exactly in this form.
	for (const [label, name] of [
		['check-in', 'check-ins'],
		['ballot', 'ballots']
	] as const) {
		const cpu = cpuPerTap(run, name);
		console.log(
			`server CPU per ${label}: ${cpu ? cpu.net.toFixed(1) : 'n/a'} ms` +
				(cpu ? `  (${cpu.raw.toFixed(1)} ms before taking off the server's CPU at rest)` : '')
		);
	}

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
		`setup ${run.setupS.toFixed(1)} s · clients connected to ours in ${run.connectS.toFixed(1)} s ` +
			`(server RSS then ${mb(run.serverRssConnected)}), to the reference in ` +
			`${run.referenceConnectS.toFixed(1)} s (its RSS then ${mb(run.referenceRssConnected)})`
	);
	for (const p of run.phases) {
		const serverCpu =
			p.serverCpuS === null ? 'n/a' : `${((p.serverCpuS / p.seconds) * 100).toFixed(0)}%`;
		console.log(
			`${p.name}: ${p.seconds.toFixed(1)} s, ${p.taps} taps, ${(p.events / p.seconds).toFixed(1)} measured events/s; ` +
				`server CPU ${serverCpu} of a core, peak RSS ${mb(p.serverPeakRss)}; ` +
				`bench CPU ${((p.benchCpuS / p.seconds) * 100).toFixed(0)}%, event-loop lag ` +
				`p99 ${p.loopP99Ms.toFixed(1)} ms, max ${p.loopMaxMs.toFixed(1)} ms; other processes ` +
				(p.otherCpuS === null ? 'n/a' : `${((p.otherCpuS / p.seconds) * 100).toFixed(0)}%`)
		);
		if (p.queries !== undefined && p.queries !== null)
			console.log(
				`  database queries: ${p.queries}` +
					(p.taps ? `, ${(p.queries / p.taps).toFixed(1)} per tap` : '')
			);
		for (const line of p.profile ?? []) console.log(line);
	}
	if (results.failures.length > 0) {
		console.log('');
		console.log(
			`${results.failures.length} problem(s) — rooms stopped early, or a server missing:`
		);
		for (const failure of results.failures.slice(0, 20)) console.log(`  ${failure}`);
	}
	console.log('');
	console.log(
		`load average at the start ${run.loadAtStart}, now ${loadAverage()} ` +
			'(other work on the machine skews every figure)'
	);
}
