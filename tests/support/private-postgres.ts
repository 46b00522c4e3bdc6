/**
 * A PostgreSQL server of a test's own, on a free port with a throw-away data folder, so that a
 * test may stop and start it — an outage — without touching the shared server other tests use.
 * Uses the machine's PostgreSQL binaries (Debian's postgresql package, as .ci/run finds it); as
 * root, the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './app-process';

const run = promisify(execFile);

export interface PrivatePostgres {
	url: string;
	/** Stops the server (fast shutdown: open connections are cut, as in a restart). */
	stop(): Promise<void>;
	start(): Promise<void>;
	/** Stops it and deletes its data. */
	remove(): Promise<void>;
}

async function binaries(): Promise<string> {
	const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
	if (versions.length === 0) throw new Error('no PostgreSQL binaries in /usr/lib/postgresql');
	return `/usr/lib/postgresql/${versions[0]}/bin`;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
	const bin = await binaries();
	const dir = await mkdtemp(path.join(tmpdir(), 'mesa-pg-'));
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const { stdout } = await run('id', ['-u', 'postgres']);
		const { stdout: gid } = await run('id', ['-g', 'postgres']);
		await chown(dir, Number(stdout.trim()), Number(gid.trim()));
	}
	const as = (command: string, args: string[]) =>
		asRoot
			? run('runuser', ['-u', 'postgres', '--', `${bin}/${command}`, ...args])
			: run(`${bin}/${command}`, args);
	const data = path.join(dir, 'data');
	await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	const port = await freePort();
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
	const start = async () => {
		await as('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
	};
	const stop = async () => {
		await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
	};
	await start();
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		start,
		stop,
		async remove() {
			await stop().catch(() => undefined);
			await rm(dir, { recursive: true, force: true });
		}
	};
}
