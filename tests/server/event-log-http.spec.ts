/**
 * The sealed record of a session through the built app (`npm run build` first): a meeting run
 * through the room's forms, then its record downloaded by a member (JSON and CSV) and by the public
 * once the minutes are published, checked on /verificar/registro — valid and sealed untouched,
 * broken at the edited event otherwise, in Spanish and in English — and refused to whoever may not
 * have it: anonymous (sent to sign in), a member of another body (403), the public before the
 * minutes are published (404), an unknown format or meeting (404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createBodyWithFacilitator,
	createMinutesRoom,
	signUpFirstAccount,
	startApp,
	type AppProcess
} from '../support/app-process';
import type { EventLogDownload } from '../../src/lib/server/meetings/event-log-files';

describe('the sealed record of a session through the app', () => {
	let app: AppProcess;
	let cookie: string;
	let slug: string;
	let meetingId: string;
	let stranger: string;

	/**
	 * A request that the app does not answer within 60 s fails with its path and the app's log,
	 * instead of leaving the hook to time out without saying where it stood.
	 */
	const answered = async (path: string, request: Promise<Response>) => {
		try {
			return await request;
		} catch (cause) {
			throw new Error(`${path}: ${String(cause)}\n${app.output().slice(-4000)}`, { cause });
		}
	};
	const post = (path: string, who: string, fields: Record<string, string>) =>
		answered(
			path,
			fetch(`${app.url}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: app.url,
					cookie: who,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body: new URLSearchParams(fields),
				signal: AbortSignal.timeout(60_000)
			})
		);
	const get = (path: string, who = '') =>
		answered(
			path,
			fetch(`${app.url}${path}`, {
				redirect: 'manual',
				headers: who ? { cookie: who } : {},
				signal: AbortSignal.timeout(60_000)
			})
		);
	const memberIdOf = async (body: string, name: string) => {
		const page = await (await get(`/secretariados/${body}/integrantes`, cookie)).text();
		return page.slice(page.indexOf(name)).match(/name="memberId" value="([0-9a-f-]{36})"/)![1]!;
	};
	/** Uploads a file to /verificar/registro as an anonymous visitor of the given language. */
	const verify = async (name: string, text: string, language: string) => {
		const form = new FormData();
		form.set('file', new File([text], name));
		const response = await fetch(`${app.url}/verificar/registro`, {
			method: 'POST',
			headers: { origin: app.url, accept: 'text/html', 'accept-language': language },
			body: form
		});
		return { status: response.status, html: await response.text() };
	};

	beforeAll(async () => {
		app = await startApp();
		cookie = await signUpFirstAccount(app);
		slug = await createBodyWithFacilitator(app, cookie);
		meetingId = (await createMinutesRoom(app, cookie, slug)).split(':minutes-')[1]!;
		const room = `/secretariados/${slug}/sesiones/${meetingId}`;
		const admin = await memberIdOf(slug, 'Admin');
		for (const [action, fields] of [
			['checkIn', { memberId: admin }],
			['open', {}],
			['next', {}],
			['requestFloor', { memberId: admin }],
			['grantFloor', {}],
			['finishFloor', {}],
			['close', {}]
		] as const) {
			const response = await post(`${room}?/${action}`, cookie, fields);
			expect(response.status, action).toBeLessThan(400);
		}
		// A member of another body, with an account of their own.
		const other = await createBodyWithFacilitator(app, cookie);
		const email = `ajeno${Date.now()}@example.mx`;
		await post(`/secretariados/${other}/integrantes?/addMember`, cookie, {
			role: 'companion',
			name: 'Persona Ajena',
			position: '',
			email,
			phone: ''
		});
		await post('/admin/invitaciones', cookie, { email });
		const outbox = await (await get('/admin/outbox', cookie)).text();
		const token = outbox
			.split('<li')
			.find((item) => item.includes(email))
			?.match(/\/invitacion\/([A-Za-z0-9_-]+)/)?.[1];
		const accepted = await post(`/invitacion/${token}`, '', {
			name: 'Persona Ajena',
			password: 'una contraseña larga',
			passwordConfirm: 'una contraseña larga'
		});
		stranger = accepted.headers
			.getSetCookie()
			.find((c) => c.startsWith('auth_session='))!
			.split(';')[0]!;
	}, 180_000);
	afterAll(() => app?.stop());

	const membersLog = (format: string) =>
		`/secretariados/${slug}/sesiones/${meetingId}/acta/registro.${format}`;
	const publicLog = (format: string) => `/publico/${slug}/actas/${meetingId}/registro.${format}`;

	it('gives a member the record, sealed into the minutes, and the minutes page shows its head', async () => {
		const response = await get(membersLog('json'), cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		const log = (await response.json()) as EventLogDownload;
		expect(log.events.map((e) => e.kind).filter((k) => k !== 'quorum-changed')).toEqual([
			'check-in',
			'meeting-opened',
			'agenda-moved',
			'floor-requested',
			'floor-granted',
			'floor-finished',
			'meeting-closed'
		]);
		expect(log.events[0]!.payload).toMatchObject({ by: 'self' });
		expect(Object.values(log.people)).toContain('Admin');
		const minutes = await (
			await get(`/secretariados/${slug}/sesiones/${meetingId}/acta`, cookie)
		).text();
		expect(minutes).toContain(log.head.sha256);
		expect((await get(membersLog('csv'), cookie)).headers.get('content-type')).toContain(
			'text/csv'
		);
	});

	it('refuses the record to whoever may not have it', async () => {
		const anonymous = await get(membersLog('json'));
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/entrar');
		expect((await get(membersLog('json'), stranger)).status).toBe(403);
		expect((await get(membersLog('csv'), stranger)).status).toBe(403);
		expect((await get(membersLog('xml'), cookie)).status).toBe(404);
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect(
			(await get(`/secretariados/${slug}/sesiones/${unknown}/acta/registro.json`, cookie)).status
		).toBe(404);
		// Not published yet (not approved): the public gets nothing, whoever asks.
		expect((await get(publicLog('json'))).status).toBe(404);
		expect((await get(publicLog('json'), cookie)).status).toBe(404);
	});

	it('checks a download on /verificar/registro: valid and sealed untouched, broken where edited, in Spanish and English', async () => {
		const json = await (await get(membersLog('json'), cookie)).text();
		const csv = await (await get(membersLog('csv'), cookie)).text();
		const log = JSON.parse(json) as EventLogDownload;
		const count = log.events.length;
		for (const [name, text] of [
			['registro.json', json],
			['registro.csv', csv]
		]) {
			const es = await verify(name, text, 'es-MX');
			expect(es.status).toBe(200);
			expect(es.html).toContain(`Cadena íntegra: ${count} eventos`);
			expect(es.html).toContain('Coincide con el sello de la versión 1 del acta');
			expect(es.html).toContain(log.head.sha256);
			const en = await verify(name, text, 'en');
			expect(en.html).toContain(`Chain intact: ${count} events`);
			expect(en.html).toContain('Matches the seal of version 1 of the minutes');
		}
		// Edited: the third event says something else.
		const edited = structuredClone(log);
		edited.events[2]!.payload = { ...edited.events[2]!.payload, to: 7 };
		const es = await verify('registro.json', JSON.stringify(edited), 'es-MX');
		expect(es.html).toContain('data-broken-at="3"');
		expect(es.html).toContain('Cadena rota en el evento 3');
		expect(es.html).toContain('No coincide con el sello');
		const en = await verify('registro.json', JSON.stringify(edited), 'en');
		expect(en.html).toContain('Chain broken at event 3');
		// The CSV edited the same way.
		const moved = log.events.find((e) => e.kind === 'agenda-moved')!;
		const csvEdited = await verify(
			'registro.csv',
			csv.replace('"{""from"":0,', '"{""from"":1,'),
			'es-MX'
		);
		expect(csvEdited.html).toContain(`Cadena rota en el evento ${moved.seq}`);
		// Not a record at all: a clear refusal, not a 500.
		const junk = await verify('x.json', '{"hola":1}', 'es-MX');
		expect(junk.status).toBe(400);
		expect(junk.html).toContain('No se pudo leer el archivo como registro sellado');
	});

	it('publishes the record with the approved minutes, without the names of people who did not consent', async () => {
		const approved = await post(
			`/secretariados/${slug}/sesiones/${meetingId}/acta?/approve`,
			cookie,
			{
				version: '1',
				method: 'vote',
				note: ''
			}
		);
		expect(approved.status).toBeLessThan(400);
		const response = await get(publicLog('json'));
		expect(response.status).toBe(200);
		const log = (await response.json()) as EventLogDownload;
		const members = (await (await get(membersLog('json'), cookie)).json()) as EventLogDownload;
		expect(log.events).toEqual(members.events);
		expect(log.people).toEqual({});
		const csv = await (await get(publicLog('csv'))).text();
		expect(csv).not.toContain('Admin');
		const checked = await verify('registro.csv', csv, 'es-MX');
		expect(checked.html).toContain('Coincide con el sello de la versión 1 del acta');
		const site = await (await get(`/publico/${slug}/secretariado`)).text();
		expect(site).toContain(`/publico/${slug}/actas/${meetingId}/registro.json`);
		const dataset = await (await get(`/publico/${slug}/datos/registro-sellado.csv`)).text();
		expect(dataset).toContain(members.head.sha256);
		expect(dataset).not.toContain('Admin');
	});
});
