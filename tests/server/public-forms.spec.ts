/**
 * The public site's forms and data in the built process, seeded by `--demo`: the demo bodies'
 * public pages show only consenting members and no one's contact data; the request form works
 * without JavaScript (a plain form post and a redirect to the tracking page), drops what a bot
 * fills in the honeypot, refuses an oversized message, and throttles a flood from one address;
 * the open-data ZIP holds every dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { startApp, type AppProcess } from '../support/app-process';
import { datasets } from '../../src/lib/server/open-data/datasets';

describe('the public site of a demo body, in the built process', () => {
	let app: AppProcess;
	const site = () => `${app.url}/publico/stl-zacatecas`;

	beforeAll(async () => {
		app = await startApp({}, ['--demo']);
	}, 120_000);
	afterAll(() => app?.stop());

	const post = (path: string, fields: Record<string, string>) =>
		fetch(`${site()}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: app.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(fields).toString()
		});

	it('shows the demo members who consented, and nobody’s email or phone', async () => {
		const page = await (await fetch(`${site()}/secretariado`)).text();
		expect(page).toContain('Jorge Luis Ramírez Díaz');
		expect(page).toContain('Secretaría de la Función Pública');
		expect(page).toContain('Sesión de instalación');
		expect(page).toContain('?miniatura=1');
		expect(page).not.toContain('@demo.mesa-abierta.mx');
		expect(page).not.toContain('492 100 0001');
		// The demo's companion and observer did not consent: not shown.
		expect(page).not.toContain('Daniel Robles Fierro');
		expect(page).not.toContain('Gabriela Pinedo Sáenz');
		const contact = await (await fetch(`${site()}/contacto`)).text();
		expect(contact).toContain('contacto.stl-zacatecas@demo.mesa-abierta.mx');
	});

	it('takes a complaint as a plain form post, drops a bot’s, refuses an oversized one, then throttles', async () => {
		const complaint = {
			kind: 'complaint',
			message: 'Llegué y no había sesión.',
			name: '',
			email: ''
		};
		const sent = await post('/buzon', { ...complaint, sitio_web: '' });
		expect(sent.status).toBe(303);
		const tracking = sent.headers.get('location')!;
		expect(tracking).toMatch(/\/buzon\/seguimiento\?numero=QS-[A-Z0-9]{5}-[A-Z0-9]{5}&nuevo=1$/);
		expect(await (await fetch(`${app.url}${tracking}`)).text()).toContain(
			'Llegué y no había sesión.'
		);

		const bot = await post('/buzon', { ...complaint, sitio_web: 'https://spam.example' });
		expect(bot.status).toBe(303);
		expect(bot.headers.get('location')).toBe('/publico/stl-zacatecas/buzon');

		const huge = await post('/buzon', { ...complaint, message: 'x'.repeat(4001) });
		expect(huge.status).toBe(400);
		expect(await huge.text()).toContain('4000');

		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await post('/buzon', complaint)).status);
		expect(statuses).toEqual([303, 303, 303, 429]);
		// Another body's form is counted apart.
		const other = await fetch(`${app.url}/publico/stm-tacambaro/buzon`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: app.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(complaint).toString()
		});
		expect(other.status).toBe(303);
	});

	it('serves the open-data ZIP with every dataset and its dictionary', async () => {
		const response = await fetch(`${site()}/datos/datos-abiertos.zip`);
		expect(response.headers.get('content-type')).toBe('application/zip');
		const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
		for (const dataset of datasets) {
			expect(strFromU8(zip[`${dataset.id}.csv`]!).split('\n')[0]).toBe(
				dataset.columns.map((c) => c.name).join(',')
			);
			expect(zip[`${dataset.id}-diccionario.csv`]).toBeDefined();
		}
		expect(JSON.parse(strFromU8(zip['data.json']!)).dataset).toHaveLength(datasets.length);
	});
});
