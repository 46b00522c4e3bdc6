/**
 * A Redis server of a test's own (the machine's redis-server binary, as CI has it) on a free port,
 * without persistence, so that a test may stop and start it — an outage — without touching the
 * shared Redis other tests and sessions use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './app-process';

export interface PrivateRedis {
	url: string;
	/** Stops the server (SIGKILL: connections are cut, as when Redis crashes). */
	stop(): Promise<void>;
	/** Starts it again on the same port. */
	start(): Promise<void>;
	/** Stops it for good. */
	remove(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		const server = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		child = server;
		await new Promise<void>((resolve, reject) => {
			let output = '';
			const timer = setTimeout(() => reject(new Error(`redis did not start:\n${output}`)), 10_000);
			server.stdout!.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) {
					clearTimeout(timer);
					resolve();
				}
			});
			server.on('exit', () => reject(new Error(`redis exited:\n${output}`)));
		});
	};
	const stop = async () => {
		const server = child;
		child = null;
		if (!server || server.exitCode !== null) return;
		const exited = new Promise((resolve) => server.on('exit', resolve));
		server.kill('SIGKILL');
		await exited;
	};
	await start();
	return { url: `redis://127.0.0.1:${port}`, start, stop, remove: stop };
}
