/**
 * What a person — or anyone — can send that the app must refuse in words, quickly, without a 500:
 * a calendar whose recurrence never ends, a NUL in a text field, a body over the size limit, a post
 * that is not a form or a broken one, a post from another site, a CSV that is not UTF-8. The whole
 * built process answers (`npm run build` first), so SvelteKit's and adapter-node's own refusals
 * are in play. The messages are the catalogue's, in Spanish (the person's Accept-Language) unless
 * the person chose English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as devalue from 'devalue';
import { createPostgresDatabase, engines } from '../support/databases';
import {
	createBodyWithFacilitator,
	signUpFirstAccount,
	startApp,
	type AppProcess
} from '../support/app-process';
import es from '../../messages/es-MX.json' with { type: 'json' };
import en from '../../messages/en.json' with { type: 'json' };

/** A catalogue message's words before its first placeholder, as the page prints them. */
const words = (message: string) => message.split('{')[0]!;

const ics = (rule: string) =>
	[
		'BEGIN:VCALENDAR',
		'BEGIN:VEVENT',
		'UID:x',
		'DTSTART;VALUE=DATE:20260101',
		`RRULE:${rule}`,
		'END:VEVENT',
		'END:VCALENDAR'
	].join('\r\n');

describe.each(engines)('hostile input to the app process on %s', (engine) => {
	let app: AppProcess;
	let dropDatabase: (() => Promise<void>) | undefined;
	let cookie: string;
	let slug: string;

	const headers = (extra: Record<string, string> = {}) => ({
		origin: app.url,
		cookie,
		accept: 'text/html',
		'accept-language': 'es-MX,es;q=0.9',
		...extra
	});
	/** What use:enhance sends with a form. */
	const enhanced = (extra: Record<string, string> = {}) =>
		headers({ accept: 'application/json', 'x-sveltekit-action': 'true', ...extra });
	const page = (path: string) => `${app.url}/secretariados/${slug}${path}`;

	/** Follows a refusal's redirect as the browser does, with the cookie it set. */
	async function followRefusal(response: Response): Promise<string> {
		expect(response.status).toBe(303);
		const refusal = response.headers
			.getSetCookie()
			.find((c) => c.startsWith('solicitud_rechazada='));
		expect(refusal).toBeDefined();
		const next = await fetch(new URL(response.headers.get('location')!, app.url), {
			headers: headers({ cookie: `${cookie}; ${refusal!.split(';')[0]}` })
		});
		expect(next.status).toBe(200);
		return next.text();
	}

	/** The page's `form` after an enhanced post, which `$app/forms` reads from the JSON's own status. */
	async function failure(response: Response, status: number): Promise<Record<string, unknown>> {
		const body = (await response.json()) as { type: string; status: number; data: string };
		expect(body.type).toBe('failure');
		expect(body.status).toBe(status);
		return devalue.parse(body.data) as Record<string, unknown>;
	}

	beforeAll(async () => {
		// A small body limit, so that going over it costs the test little.
		const env = { BODY_SIZE_LIMIT: '64K' };
		if (engine === 'postgres') {
			const created = await createPostgresDatabase();
			dropDatabase = created.drop;
			app = await startApp({ ...env, DATABASE_URL: created.url });
		} else {
			app = await startApp(env);
		}
		cookie = await signUpFirstAccount(app);
		slug = await createBodyWithFacilitator(app, cookie);
	});
	afterAll(async () => {
		if (app.child.exitCode === null) await app.stop();
		await dropDatabase?.();
	});

	describe('a non-working-days calendar whose recurrence never ends', () => {
		for (const rule of ['FREQ=SECONDLY', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY']) {
			it(`is refused with the message, and the server goes on answering (${rule})`, async () => {
				const form = new FormData();
				form.append('calendar', new File([ics(rule)], 'feriados.ics', { type: 'text/calendar' }));
				const response = await fetch(page('/dias-inhabiles?/import'), {
					method: 'POST',
					headers: enhanced(),
					body: form
				});
				expect(String((await failure(response, 400)).message)).toContain(
					words(es.non_working_days_ics_beyond_window)
				);
				expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
				const days = await (await fetch(page('/dias-inhabiles'), { headers: headers() })).text();
				expect(days).toContain(es.non_working_days_none);
			});
		}
	});

	describe('a control character in a text field', () => {
		it('is that field’s error in Spanish, not a 500, and nothing is saved', async () => {
			const response = await fetch(page('/plan?/create'), {
				method: 'POST',
				headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
				body: new URLSearchParams({
					title: 'Plan\u0000 de trabajo',
					startsOn: '2026-01-01',
					endsOn: '2026-12-31'
				})
			});
			expect(response.status).toBe(400);
			const html = await response.text();
			expect(html).toContain(es.error_control_characters);
			const plans = await (await fetch(page('/plan'), { headers: headers() })).text();
			expect(plans).not.toContain('de trabajo');
		});

		it('in a field read without a schema (the month to send) is a 400 in words', async () => {
			const response = await fetch(page('/envio-mensual?/send'), {
				method: 'POST',
				headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
				body: new URLSearchParams({ month: '2026-11\u0000' })
			});
			expect(response.status).toBe(400);
			expect(await response.text()).toContain(es.error_control_characters);
		});
	});

	describe('a post refused as a whole', () => {
		const addDay = (date: string) => new URLSearchParams({ date });

		it('over the size limit (413): the page says so, from a plain form and an enhanced one', async () => {
			const big = new FormData();
			big.append('calendar', new File(['x'.repeat(100 * 1024)], 'grande.ics'));
			const plain = await fetch(page('/dias-inhabiles?/import'), {
				method: 'POST',
				redirect: 'manual',
				headers: headers({ referer: page('/dias-inhabiles') }),
				body: big
			});
			expect(plain.headers.get('location')).toBe(`/secretariados/${slug}/dias-inhabiles`);
			expect(await followRefusal(plain)).toContain(es.request_refused_too_large);
			const viaEnhance = await fetch(page('/dias-inhabiles?/import'), {
				method: 'POST',
				headers: enhanced(),
				body: big
			});
			expect(await failure(viaEnhance, 413)).toEqual({ refusal: es.request_refused_too_large });
		});

		it('not a form (415): the page says so', async () => {
			const response = await fetch(page('/dias-inhabiles?/add'), {
				method: 'POST',
				redirect: 'manual',
				headers: headers({ 'content-type': 'application/json' }),
				body: JSON.stringify({ date: '2026-12-24' })
			});
			expect(await followRefusal(response)).toContain(es.request_refused_unsupported_type);
			const viaEnhance = await fetch(page('/dias-inhabiles?/add'), {
				method: 'POST',
				headers: enhanced({ 'content-type': 'application/json' }),
				body: JSON.stringify({ date: '2026-12-24' })
			});
			expect(await failure(viaEnhance, 415)).toEqual({
				refusal: es.request_refused_unsupported_type
			});
		});

		it('a broken multipart body: the page says so', async () => {
			const broken = '--xyz\r\nContent-Disposition: form-data; name="date"\r\n\r\n2026-12-24';
			const response = await fetch(page('/dias-inhabiles?/add'), {
				method: 'POST',
				redirect: 'manual',
				headers: headers({ 'content-type': 'multipart/form-data; boundary=xyz' }),
				body: broken
			});
			expect(await followRefusal(response)).toContain(es.request_refused_malformed);
			const viaEnhance = await fetch(page('/dias-inhabiles?/add'), {
				method: 'POST',
				headers: enhanced({ 'content-type': 'multipart/form-data; boundary=xyz' }),
				body: broken
			});
			expect(await failure(viaEnhance, 400)).toEqual({ refusal: es.request_refused_malformed });
		});

		it('from another site: refused on the page, in words, and nothing is saved', async () => {
			const response = await fetch(page('/dias-inhabiles?/add'), {
				method: 'POST',
				redirect: 'manual',
				headers: headers({
					origin: 'https://otro-sitio.example',
					referer: 'https://otro-sitio.example/trampa',
					'content-type': 'application/x-www-form-urlencoded'
				}),
				body: addDay('2026-12-24')
			});
			// Back to the page posted to, never to the other site.
			expect(response.headers.get('location')).toBe(`/secretariados/${slug}/dias-inhabiles`);
			const html = await followRefusal(response);
			expect(html).toContain(es.request_refused_cross_site);
			expect(html).toContain(es.non_working_days_none);
			// The message is shown once.
			const again = await (await fetch(page('/dias-inhabiles'), { headers: headers() })).text();
			expect(again).not.toContain(es.request_refused_cross_site);
			// A client that is not a browser asking for a page gets the status and the words.
			const script = await fetch(page('/dias-inhabiles?/add'), {
				method: 'POST',
				headers: headers({
					origin: 'https://otro-sitio.example',
					accept: '*/*',
					'content-type': 'application/x-www-form-urlencoded'
				}),
				body: addDay('2026-12-24')
			});
			expect(script.status).toBe(403);
			expect(await script.text()).toBe(es.request_refused_cross_site);
		});

		it('in the language the person chose', async () => {
			const switched = await fetch(`${app.url}/idioma`, {
				method: 'POST',
				redirect: 'manual',
				headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
				body: new URLSearchParams({ locale: 'en', redirectTo: '/' })
			});
			expect(switched.status).toBe(303);
			const response = await fetch(page('/dias-inhabiles?/add'), {
				method: 'POST',
				headers: enhanced({
					origin: 'https://otro-sitio.example',
					'content-type': 'application/x-www-form-urlencoded'
				}),
				body: addDay('2026-12-24')
			});
			expect(await failure(response, 403)).toEqual({ refusal: en.request_refused_cross_site });
			await fetch(`${app.url}/idioma`, {
				method: 'POST',
				redirect: 'manual',
				headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
				body: new URLSearchParams({ locale: 'es-MX', redirectTo: '/' })
			});
		});
	});

	describe('a progress CSV that is not UTF-8', () => {
		it('is refused with a message that says so', async () => {
			const created = await fetch(page('/plan?/create'), {
				method: 'POST',
				redirect: 'manual',
				headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
				body: new URLSearchParams({
					title: 'Plan de acción',
					startsOn: '2026-01-01',
					endsOn: '2026-12-31'
				})
			});
			expect(created.status).toBe(303);
			const plan = created.headers.get('location')!;
			// "Revisión" in Latin-1: the "ó" is the single byte 0xF3.
			const latin1 = Uint8Array.from(
				[...'actividad_id,avance,nota\nx,50,Revisi'].map((c) => c.charCodeAt(0)).concat(0xf3, 0x6e)
			);
			const form = new FormData();
			form.append('file', new File([latin1], 'avance.csv', { type: 'text/csv' }));
			const response = await fetch(`${app.url}${plan}?/importCsv`, {
				method: 'POST',
				headers: headers(),
				body: form
			});
			expect(response.status).toBe(400);
			expect(await response.text()).toContain(es.plan_csv_not_utf8);
		});
	});
});
