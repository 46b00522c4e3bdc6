/**
 * The process outlives its database (issue 10): the connection running the minutes' INSERT is
 * terminated, and the PostgreSQL server is stopped and started again mid-session. Each time the
 * process keeps serving, nothing acknowledged is lost, edits made during the outage are committed
 * once the database is back, and requests meanwhile get 503 with a message, never a 500 or a hang.
 * Runs the built app against a PostgreSQL server of the test's own (tests/support/private-postgres.ts),
 * whenever the suite runs on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { engines } from '../support/databases';
import {
	createBodyWithFacilitator,
	createMinutesRoom,
	signUpFirstAccount,
	startApp,
	type AppProcess
} from '../support/app-process';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { connectMinutes, waitFor } from '../support/yjs-client';

async function healthStatus(app: AppProcess): Promise<number> {
	return (await fetch(`${app.url}/healthz`)).status;
}

describe.each(engines.filter((engine) => engine === 'postgres'))(
	'the app process through a database outage (%s)',
	() => {
		let server: PrivatePostgres;
		let app: AppProcess;
		let cookie: string;
		let slug: string;

		beforeAll(async () => {
			server = await startPrivatePostgres();
			app = await startApp({ DATABASE_URL: server.url });
			cookie = await signUpFirstAccount(app);
			slug = await createBodyWithFacilitator(app, cookie);
		}, 60_000);
		afterAll(async () => {
			if (app?.child.exitCode === null) await app.stop();
			await server?.remove();
		});

		it('keeps saving when the connection running the INSERT is terminated', async () => {
			const room = await createMinutesRoom(app, cookie, slug);
			const writer = connectMinutes(app, cookie, room);
			const admin = postgres(server.url, { max: 1, onnotice: () => {} });
			try {
				await waitFor(() => writer.provider.synced, 10_000, 'writer synced');
				const text = writer.doc.getText('acta');
				// Edits every few milliseconds while every backend of the app is terminated, again
				// and again: some INSERTs of the minutes' batches are cut in flight.
				let terminated = 0;
				for (let round = 0; round < 60; round += 1) {
					text.insert(text.length, `línea ${round}\n`);
					if (round % 3 === 0) {
						const rows = await admin`
							select pg_terminate_backend(pid) as done from pg_stat_activity
							where datname = current_database() and pid <> pg_backend_pid()
								and backend_type = 'client backend'`;
						terminated += rows.filter((row) => row.done).length;
					}
					await new Promise((resolve) => setTimeout(resolve, 3));
				}
				await waitFor(writer.isSaved, 30_000, 'every edit saved');
				expect(terminated).toBeGreaterThan(0);
				expect(app.output()).toContain('could not save minutes updates; retrying');
				expect(app.child.exitCode).toBeNull();
				expect(await healthStatus(app)).toBe(200);

				// What was acknowledged is in the database: a new client after the process restarts.
				writer.provider.destroy();
				const expected = text.toString();
				await app.stop('SIGKILL', { keepData: true });
				app = await startApp({ DATABASE_URL: server.url }, [], { dataDir: app.dataDir });
				const reader = connectMinutes(app, cookie, room);
				try {
					await waitFor(() => reader.provider.synced, 10_000, 'reader synced');
					expect(reader.doc.getText('acta').toString()).toBe(expected);
				} finally {
					reader.provider.destroy();
				}
			} finally {
				writer.provider.destroy();
				await admin.end();
			}
		}, 90_000);

		it('serves 503 while PostgreSQL is stopped and commits the outage edits once it is back', async () => {
			const room = await createMinutesRoom(app, cookie, slug);
			const writer = connectMinutes(app, cookie, room);
			try {
				await waitFor(() => writer.provider.synced, 10_000, 'writer synced');
				const text = writer.doc.getText('acta');
				text.insert(0, 'Antes de la caída. ');
				await waitFor(writer.isSaved, 10_000, 'saved before the outage');

				await server.stop();
				const outageStarted = Date.now();
				expect(await healthStatus(app)).toBe(503);
				text.insert(text.length, 'Durante la caída.');
				// Not acknowledged: it is not in the database yet.
				await new Promise((resolve) => setTimeout(resolve, 500));
				expect(writer.isSaved()).toBe(false);

				// A signed-in page and a form post: 503 and a message, not a 500.
				const page = await fetch(`${app.url}/secretariados/${slug}`, {
					headers: { cookie, accept: 'text/html' }
				});
				expect(page.status).toBe(503);
				expect(await page.text()).toContain('no está disponible');
				const post = await fetch(`${app.url}/secretariados/${slug}/sesiones?/create`, {
					method: 'POST',
					redirect: 'manual',
					headers: {
						origin: app.url,
						cookie,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'text/html'
					},
					body: new URLSearchParams({
						kind: 'ordinary',
						title: 'Convocada durante la caída',
						date: '2026-12-10',
						time: '10:00',
						place: ''
					})
				});
				expect(post.status).toBe(503);
				// Through an enhanced form (use:enhance asks for JSON): the message in words too.
				const enhanced = await fetch(`${app.url}/secretariados/${slug}/sesiones?/create`, {
					method: 'POST',
					headers: {
						origin: app.url,
						cookie,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'application/json',
						'x-sveltekit-action': 'true'
					},
					body: new URLSearchParams({ kind: 'ordinary', title: 'x', date: '2026-12-10' })
				});
				expect(enhanced.status).toBe(503);
				expect(await enhanced.text()).toContain('La base de datos no responde');
				// Without a login the page itself reaches the database: the app's own error page.
				const signIn = await fetch(`${app.url}/entrar`, {
					method: 'POST',
					redirect: 'manual',
					headers: {
						origin: app.url,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'text/html',
						'accept-language': 'es-MX'
					},
					body: new URLSearchParams({ email: 'admin@example.mx', password: 'x' })
				});
				expect(signIn.status).toBe(503);
				expect(await signIn.text()).toMatch(/la base de datos no responde|no está disponible/);
				expect(app.child.exitCode).toBeNull();

				await server.start();
				const restarted = Date.now();
				await waitFor(() => writer.isSaved(), 30_000, 'outage edit saved');
				const savedAfterMs = Date.now() - restarted;
				let healthyAfterMs = 0;
				for (;;) {
					if ((await healthStatus(app)) === 200) break;
					if (Date.now() - restarted > 30_000) throw new Error('never healthy again');
					await new Promise((resolve) => setTimeout(resolve, 50));
				}
				healthyAfterMs = Date.now() - restarted;
				console.log(
					`outage: ${restarted - outageStarted} ms down; after restart, healthy in ${healthyAfterMs} ms, outage edit saved in ${savedAfterMs} ms`
				);
				expect(app.output()).toContain('minutes updates saved again');

				// Nothing partial: the meeting posted during the outage does not exist.
				const list = await fetch(`${app.url}/secretariados/${slug}/sesiones`, {
					headers: { cookie }
				});
				expect(list.status).toBe(200);
				expect(await list.text()).not.toContain('Convocada durante la caída');

				const reader = connectMinutes(app, cookie, room);
				try {
					await waitFor(() => reader.provider.synced, 10_000, 'reader synced');
					expect(reader.doc.getText('acta').toString()).toBe(
						'Antes de la caída. Durante la caída.'
					);
				} finally {
					reader.provider.destroy();
				}
			} finally {
				writer.provider.destroy();
			}
		}, 90_000);
	}
);
