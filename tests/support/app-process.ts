/**
 * Starts the built app (build/start.js, as `npm start` runs it) in a child process on a free
 * port, with its own data folder or database, and stops it. Tests of the whole process — health,
 * WebSocket upgrades, throttling, shutdown — go through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface AppProcess {
	url: string;
	port: number;
	child: ChildProcess;
	/** The embedded database's folder (unused with DATABASE_URL). */
	dataDir: string;
	output(): string;
	/**
	 * Sends a signal and resolves with the exit code and how long the exit took. The data folder
	 * is removed unless `keepData` (to start the app again on it).
	 */
	stop(
		signal?: NodeJS.Signals,
		options?: { keepData?: boolean }
	): Promise<{ code: number | null; ms: number }>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

/** Generous: the demo's seed on a busy 2-core machine takes tens of seconds. */
const START_TIMEOUT_MS = 120_000;

export async function startApp(
	env: Record<string, string> = {},
	args: string[] = [],
	/**
	 * `port`: to start the app again where its clients will reconnect. `cwd`: another checkout
	 * whose build to run (the bench compares builds in one session).
	 */
	options: { dataDir?: string; port?: number; cwd?: string } = {}
): Promise<AppProcess> {
	const port = options.port ?? (await freePort());
	const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'mesa-app-')));
	const child = spawn(process.execPath, ['build/start.js', ...args], {
		cwd: options.cwd,
		env: {
			...process.env,
			DATABASE_URL: '',
			// Alone unless a test makes a cluster (tests/server/cluster*.spec.ts).
			REDIS_URL: '',
			SMTP_URL: '',
			DATA_DIR: dataDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'info',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		// A process that never said it listens is stopped, not left running after the test.
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`app did not start in ${START_TIMEOUT_MS / 1000} s:\n${output}`));
		}, START_TIMEOUT_MS);
		const check = () => {
			if (output.includes('listening on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', check);
		child.on('exit', () => reject(new Error(`app exited during start:\n${output}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		child,
		dataDir,
		output: () => output,
		async stop(signal = 'SIGTERM', stopOptions = {}) {
			const start = Date.now();
			if (child.exitCode === null) child.kill(signal);
			const code = await exited;
			if (!stopOptions.keepData) await rm(dataDir, { recursive: true, force: true });
			return { code, ms: Date.now() - start };
		}
	};
}

/** Signs up the first account through the real form and returns its auth-session cookie. */
export async function signUpFirstAccount(
	app: AppProcess,
	email = 'admin@example.mx'
): Promise<string> {
	const response = await fetch(`${app.url}/registro`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.url,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({
			name: 'Admin',
			email,
			password: 'una contraseña larga',
			passwordConfirm: 'una contraseña larga'
		})
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('auth_session='));
	if (response.status !== 303 || !cookie) throw new Error(`sign-up failed: ${response.status}`);
	return cookie.split(';')[0]!;
}

/** Signs in through the real form (password of `signUpFirstAccount`) and returns the new cookie. */
export async function signIn(app: AppProcess, email: string): Promise<string> {
	const response = await fetch(`${app.url}/entrar`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.url,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({ email, password: 'una contraseña larga' })
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('auth_session='));
	if (response.status !== 303 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
	return cookie.split(';')[0]!;
}

const form = (app: AppProcess, cookie: string) => ({
	origin: app.url,
	cookie,
	'content-type': 'application/x-www-form-urlencoded',
	accept: 'text/html'
});

/**
 * Through the real forms: creates a secretariat (INAI template) and makes the signed-in admin its
 * facilitator, so that they may edit its documents. Returns the body's slug.
 */
export async function createBodyWithFacilitator(
	app: AppProcess,
	cookie: string,
	email = 'admin@example.mx'
): Promise<string> {
	const created = await fetch(`${app.url}/secretariados/nuevo`, {
		method: 'POST',
		redirect: 'manual',
		headers: form(app, cookie),
		body: new URLSearchParams({ name: `Cuerpo ${Date.now()}`, preset: 'inai-stl' })
	});
	const slug = created.headers.get('location')?.split('/').pop();
	if (created.status !== 303 || !slug)
		throw new Error(`could not create a body: ${created.status}`);
	const members = `${app.url}/secretariados/${slug}/integrantes`;
	await fetch(`${members}?/addMember`, {
		method: 'POST',
		headers: form(app, cookie),
		body: new URLSearchParams({
			role: 'facilitator',
			name: 'Admin',
			position: '',
			email,
			phone: ''
		})
	});
	const page = await (await fetch(members, { headers: { cookie } })).text();
	const memberId = page.match(/name="memberId" value="([0-9a-f-]{36})"/)?.[1];
	if (!memberId) throw new Error('the facilitator was not added');
	await fetch(`${members}?/invite`, {
		method: 'POST',
		headers: form(app, cookie),
		body: new URLSearchParams({ memberId })
	});
	return slug;
}

/** Through the real form: a meeting of the body; returns its minutes room's name. */
export async function createMinutesRoom(
	app: AppProcess,
	cookie: string,
	slug: string
): Promise<string> {
	const created = await fetch(`${app.url}/secretariados/${slug}/sesiones?/create`, {
		method: 'POST',
		redirect: 'manual',
		headers: form(app, cookie),
		body: new URLSearchParams({
			kind: 'ordinary',
			title: 'Sesión',
			date: '2026-12-03',
			time: '10:00',
			place: '',
			// Too soon for five business days' notice: created anyway, as the form lets one.
			shortNotice: 'accepted'
		})
	});
	const meetingId = created.headers.get('location')?.split('/').pop();
	if (created.status !== 303 || !meetingId)
		throw new Error(`could not create a meeting: ${created.status}`);
	return `${slug}:minutes-${meetingId}`;
}
