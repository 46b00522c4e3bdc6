/**
 * With PROFILE=<dir>: the server's CPU profile during each phase, taken with V8's sampling
 * profiler (the one `node --cpu-prof` writes) through the inspector the app was started with
 * (`--inspect` on BENCH_PORT + 2), saved as <dir>/<engine>-<phase>.cpuprofile (open it in Chrome's
 * DevTools or speedscope), and summed up: the functions with the most self time, and the time per
 * package. The same session reads the app's count of database queries (DATABASE_COUNT_QUERIES,
 * src/lib/server/db/index.ts), for the queries per tap.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import type { PhaseFigures, PhaseObserver } from './measure';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}
interface CpuProfile {
	nodes: { id: number; callFrame: CallFrame }[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

/** A minimal client of the inspector protocol: one request at a time is all this needs. */
class Inspector {
	#next = 1;
	#waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
	private constructor(private readonly socket: WebSocket) {
		socket.on('message', (data) => {
			const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
			if (message.id) this.#waiting.get(message.id)?.(message);
		});
	}

	static async connect(port: number): Promise<Inspector> {
		const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
			webSocketDebuggerUrl: string;
		}[];
		const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl, { maxPayload: 2 ** 30 });
		await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
		return new Inspector(socket);
	}

	async send<T>(method: string, params: object = {}): Promise<T> {
		const id = this.#next++;
		const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve) =>
			this.#waiting.set(id, resolve)
		);
		this.socket.send(JSON.stringify({ id, method, params }));
		const message = await answer;
		this.#waiting.delete(id);
		if (message.error) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
		return message.result as T;
	}

	close(): void {
		this.socket.close();
	}
}

/** Where a sample's time went: a package, the app's own code, Node's, or V8's own work. */
function area(frame: CallFrame): string {
	const url = frame.url;
	if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg) return pkg[1]!;
	if (url.startsWith('node:')) return 'node';
	if (/\/build\/server\//.test(url)) return 'app (SvelteKit bundle)';
	if (/\/build\//.test(url)) return 'app (socket server bundle)';
	return url;
}

/** The top entries of a profile: self time per function, and per package. */
export function summarise(profile: CpuProfile, top = 15): string[] {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map<string, number>();
	const areas = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, i) => {
		const delta = profile.timeDeltas[i + 1] ?? 0;
		const frame = byId.get(id)!.callFrame;
		const file = frame.url.split('/').slice(-2).join('/');
		const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}`;
		self.set(key, (self.get(key) ?? 0) + delta);
		areas.set(area(frame), (areas.get(area(frame)) ?? 0) + delta);
		total += delta;
	});
	const busy = total - (areas.get('(idle)') ?? 0);
	const rows = (map: Map<string, number>) =>
		[...map]
			.filter(([key]) => key !== '(idle)' && !key.startsWith('(idle)'))
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(
				([key, us]) =>
					`    ${(us / 1000).toFixed(0).padStart(7)} ms ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${key}`
			);
	return [
		`  busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms profiled; by package:`,
		...rows(areas),
		'  by function (self time):',
		...rows(self)
	];
}

const QUERY_COUNT = `globalThis[Symbol.for('mesa-abierta.query-count')] ?? null`;

/** Profiles every phase of one engine's run into `dir`, named after the engine. */
export async function profiler(port: number, dir: string, engine: string): Promise<PhaseObserver> {
	const inspector = await Inspector.connect(port);
	await mkdir(dir, { recursive: true });
	await inspector.send('Profiler.enable');
	await inspector.send('Profiler.setSamplingInterval', { interval: 1000 });
	const queries = async () =>
		(
			await inspector.send<{ result: { value: number | null } }>('Runtime.evaluate', {
				expression: QUERY_COUNT,
				returnByValue: true
			})
		).result.value;
	let before: number | null = null;
	return {
		async start() {
			before = await queries();
			await inspector.send('Profiler.start');
		},
		async stop(name: string, figures: PhaseFigures) {
			const { profile } = await inspector.send<{ profile: CpuProfile }>('Profiler.stop');
			const after = await queries();
			figures.queries = before !== null && after !== null ? after - before : null;
			const file = path.join(dir, `${engine}-${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
			await writeFile(file, JSON.stringify(profile));
			figures.profile = [`  ${file}`, ...summarise(profile)];
		},
		close: () => inspector.close()
	};
}

/** The inspector flag for the app, and a way to let go of it once the app stops. */
export const inspectFlag = (port: number) => `--inspect=127.0.0.1:${port}`;
export { Inspector };
