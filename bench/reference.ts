/**
 * The reference server (bench/reference-server.js, @y/websocket-server 0.1.1) as a child process:
 * started on BENCH_PORT + 1 (or a free port), its port read from "listening on <port>", stopped
 * with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sleep } from './measure';

export interface ReferenceServer {
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

export async function startReference(port: number | null): Promise<ReferenceServer> {
	const child = spawn(process.execPath, [path.resolve('bench/reference-server.js')], {
		env: { ...process.env, PORT: String(port ?? 0) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const listening = await new Promise<number>((resolve, reject) => {
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
		url: `ws://127.0.0.1:${listening}`,
		child,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
		}
	};
}
