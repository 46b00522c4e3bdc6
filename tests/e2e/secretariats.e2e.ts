/**
 * Setting up bodies end to end: one from each preset through the UI, an invalid rules edit refused
 * with its message and nothing saved, an invited substitute who accepts and sees their seat, and a
 * secretariat admin who cannot reach another body's pages or data (the server refuses).
 */
import { expect, test, type Page } from '@playwright/test';
import { linkMailedTo } from './mail';
import { signInAsAdmin } from './session';

test.describe.configure({ mode: 'serial' });

const bodies = [
	{ preset: 'STL de Zacatecas', name: 'STL Zacatecas E2E', seats: 7, quorum: '4 de 7 asientos' },
	{
		preset: 'STL según la plantilla nacional (INAI)',
		name: 'STL Plantilla E2E',
		seats: 3,
		quorum: 'Todos los asientos'
	},
	{
		preset: 'STM de Tacámbaro, Michoacán',
		name: 'STM Tacámbaro E2E',
		seats: 7,
		quorum: '4 de 7 asientos'
	}
];
const slugs: string[] = [];

async function createBody(page: Page, body: (typeof bodies)[number]) {
	await page.goto('/secretariados');
	await page.getByRole('link', { name: 'Nuevo secretariado' }).click();
	await page.getByLabel('Nombre del secretariado').fill(body.name);
	await page.getByRole('radio', { name: body.preset, exact: true }).check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	await expect(page.getByRole('heading', { level: 1, name: body.name })).toBeVisible();
	return new URL(page.url()).pathname.split('/').pop()!;
}

test('an admin creates one body from each preset and sees its source and articles', async ({
	page
}) => {
	await signInAsAdmin(page);
	for (const body of bodies) {
		slugs.push(await createBody(page, body));
		await expect(page.getByRole('heading', { name: 'Asientos' })).toBeVisible();
		await expect(page.locator('#seats-heading + ul > li')).toHaveCount(body.seats);
		await expect(page.getByText('Documento fuente:')).toBeVisible();
		await expect(page.getByText(body.quorum)).toBeVisible();
		await expect(page.getByText(/Artículos: [ZIT] /).first()).toBeVisible();
	}
	await page.goto('/secretariados');
	for (const body of bodies)
		await expect(page.getByRole('link', { name: body.name })).toBeVisible();
});

test('an invalid rules edit is refused with its message and nothing is saved', async ({ page }) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slugs[0]}/reglas`);
	await page.getByLabel('Quórum', { exact: true }).selectOption('fixed');
	await page.getByLabel('Asientos para el quórum (solo con número fijo)').fill('9');
	await page.getByLabel('Aviso de sesión ordinaria (días hábiles)').fill('-1');
	await page.getByRole('button', { name: 'Guardar reglas' }).click();
	await expect(page.getByRole('alert').first()).toHaveText(
		'Revisa los campos marcados; no se guardó nada.'
	);
	await expect(
		page.getByText('El quórum no puede ser mayor que el número de asientos.')
	).toBeVisible();
	await expect(page.getByText('Los días de aviso no pueden ser negativos.')).toBeVisible();

	await page.goto(`/secretariados/${slugs[0]}`);
	await expect(page.getByText('4 de 7 asientos')).toBeVisible();

	await page.goto(`/secretariados/${slugs[0]}/reglas`);
	await page.getByLabel('Aviso de sesión ordinaria (días hábiles)').fill('6');
	await page.getByRole('button', { name: 'Guardar reglas' }).click();
	await expect(page.getByRole('status')).toHaveText('Se guardaron las reglas.');
	await expect(page.getByLabel('Aviso de sesión ordinaria (días hábiles)')).toHaveValue('6');
});

test('a seat without a titular is refused', async ({ page }) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slugs[1]}/integrantes`);
	await page.getByRole('link', { name: 'Editar el asiento Sociedad civil' }).click();
	await page.getByLabel('Organización').fill('Red de organizaciones');
	await page.getByRole('button', { name: 'Guardar asiento' }).click();
	await expect(
		page.getByText('Cada asiento necesita su titular: escribe su nombre.')
	).toBeVisible();
	await expect(page.getByLabel('Organización')).toHaveValue('Red de organizaciones');
});

test('an invited substitute accepts through the emailed link and sees their seat', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slugs[1]}/integrantes`);
	await page.getByRole('link', { name: 'Editar el asiento Sociedad civil' }).click();
	await page.getByLabel('Organización').fill('Red de organizaciones');
	const titular = page.getByRole('group', { name: 'Titular' });
	await titular.getByLabel('Nombre completo').fill('Beatriz Ochoa Lara');
	await titular.getByLabel('Correo electrónico').fill('beatriz@mesa.test');
	const substitute = page.getByRole('group', { name: 'Suplente' });
	await substitute.getByLabel('Nombre completo').fill('Samuel Reyes Ortiz');
	await substitute.getByLabel('Cargo').fill('Enlace');
	await substitute.getByLabel('Correo electrónico').fill('samuel@mesa.test');
	await page.getByRole('button', { name: 'Guardar asiento' }).click();
	await expect(page).toHaveURL(new RegExp(`/secretariados/${slugs[1]}/integrantes$`));

	await page.getByRole('button', { name: 'Invitar a samuel@mesa.test' }).click();
	await expect(page.getByRole('status')).toHaveText('Invitación enviada a samuel@mesa.test.');
	const link = await linkMailedTo('samuel@mesa.test', '/invitacion/');

	const phoneContext = await browser.newContext({ locale: 'es-MX' });
	const phone = await phoneContext.newPage();
	await phone.goto(link);
	await phone.getByLabel('Nombre completo').fill('Samuel Reyes Ortiz');
	await phone.getByLabel('Contraseña', { exact: true }).fill('contraseña de samuel');
	await phone.getByLabel('Confirma la contraseña').fill('contraseña de samuel');
	await phone.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(phone.getByRole('button', { name: 'Salir' })).toBeVisible();
	await phone.goto('/secretariados');
	await expect(phone.getByRole('link', { name: bodies[0]!.name })).toHaveCount(0);
	await phone.getByRole('link', { name: bodies[1]!.name }).click();
	await expect(phone.getByRole('region', { name: 'Tu lugar' })).toContainText(
		'Suplente del asiento Sociedad civil (Red de organizaciones)'
	);
	// A substitute has no access to the body's administration.
	expect((await phone.goto(`/secretariados/${slugs[1]}/integrantes`))?.status()).toBe(403);
	await phoneContext.close();
});

test("a secretariat admin manages their own body and cannot reach another's pages or data", async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slugs[2]}/integrantes`);
	await page.getByLabel('Papel').selectOption('secretariat-admin');
	await page.getByLabel('Nombre completo').fill('Tomás Admin Local');
	await page.getByLabel('Correo electrónico').fill('tomas@mesa.test');
	await page.getByRole('button', { name: 'Agregar' }).click();
	await expect(page.getByRole('status')).toHaveText('Se agregó a Tomás Admin Local.');
	await page.getByRole('button', { name: 'Invitar a tomas@mesa.test' }).click();
	const link = await linkMailedTo('tomas@mesa.test', '/invitacion/');

	const context = await browser.newContext({ locale: 'es-MX' });
	const local = await context.newPage();
	await local.goto(link);
	await local.getByLabel('Nombre completo').fill('Tomás Admin Local');
	await local.getByLabel('Contraseña', { exact: true }).fill('contraseña de tomas');
	await local.getByLabel('Confirma la contraseña').fill('contraseña de tomas');
	await local.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(local.getByRole('button', { name: 'Salir' })).toBeVisible();

	// Their own body: the administration pages open.
	expect((await local.goto(`/secretariados/${slugs[2]}/integrantes`))?.status()).toBe(200);
	expect((await local.goto(`/secretariados/${slugs[2]}/reglas`))?.status()).toBe(200);

	// Another body: every page and every action is refused by the server.
	for (const path of ['', '/integrantes', '/reglas', '/dias-inhabiles', '/instalacion']) {
		expect((await local.goto(`/secretariados/${slugs[0]}${path}`))?.status(), path).toBe(403);
	}
	const origin = new URL(link).origin;
	const forged = await local.request.post(`/secretariados/${slugs[0]}/integrantes?/addMember`, {
		form: {
			role: 'secretariat-admin',
			name: 'Intruso',
			position: '',
			email: 'intruso@mesa.test',
			phone: ''
		},
		headers: { origin }
	});
	expect(forged.status()).toBe(403);
	// The client-side data endpoint carries the refusal, and none of the body's data.
	const data = await (await local.request.get(`/secretariados/${slugs[0]}/__data.json`)).text();
	expect(data).toContain('"status":403');
	expect(data).not.toContain(bodies[0]!.name);
	await local.goto('/secretariados');
	await expect(local.getByRole('link', { name: bodies[2]!.name })).toBeVisible();
	await expect(local.getByRole('link', { name: bodies[0]!.name })).toHaveCount(0);
	await context.close();

	// Nothing reached the other body.
	await page.goto(`/secretariados/${slugs[0]}/integrantes`);
	await expect(page.getByText('intruso@mesa.test')).toHaveCount(0);
});

test('non-working days are imported from an .ics file and the installation act lists the seat holders', async ({
	page
}) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slugs[1]}/dias-inhabiles`);
	const ics = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Gobierno//Calendario//ES',
		'BEGIN:VEVENT',
		'UID:vacaciones-2026',
		'DTSTAMP:20260101T000000Z',
		'SUMMARY:Vacaciones de invierno',
		'DTSTART;VALUE=DATE:20261221',
		'DTEND;VALUE=DATE:20261223',
		'END:VEVENT',
		'END:VCALENDAR'
	].join('\r\n');
	await page
		.getByLabel('Archivo de calendario (.ics)')
		.setInputFiles({ name: 'inhabiles.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
	await page.getByRole('button', { name: 'Importar' }).click();
	await expect(page.getByRole('status')).toHaveText('Se importaron 2 días inhábiles nuevos.');
	await expect(page.locator('time[datetime="2026-12-21"]').first()).toBeVisible();
	await expect(page.locator('time[datetime="2026-12-22"]').first()).toBeVisible();

	await page.getByLabel('Archivo de calendario (.ics)').setInputFiles({
		name: 'foto.ics',
		mimeType: 'text/calendar',
		buffer: Buffer.from('no es un calendario')
	});
	await page.getByRole('button', { name: 'Importar' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'No pudimos leer el archivo: no parece un calendario .ics.'
	);

	// A recurrence without end (153 bytes that once hung the server) is refused with its message.
	await page.getByLabel('Archivo de calendario (.ics)').setInputFiles({
		name: 'sin-fin.ics',
		mimeType: 'text/calendar',
		buffer: Buffer.from(
			ics.replace('DTEND;VALUE=DATE:20261223', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30')
		)
	});
	await page.getByRole('button', { name: 'Importar' }).click();
	await expect(page.getByRole('alert')).toContainText('No importamos el archivo: daría más de 400');
	// A body over the server's limit (21 MB) is refused before any action: back on this page, in words.
	await page.getByLabel('Archivo de calendario (.ics)').setInputFiles({
		name: 'enorme.ics',
		mimeType: 'text/calendar',
		buffer: Buffer.alloc(22 * 1024 * 1024, 'x')
	});
	await page.getByRole('button', { name: 'Importar' }).click();
	await expect(page).toHaveURL(new RegExp(`/secretariados/${slugs[1]}/dias-inhabiles$`));
	await expect(page.getByRole('alert')).toHaveText(
		'Lo que enviaste es demasiado grande y no lo recibimos; no se guardó nada. Si adjuntaste un archivo, elige uno más pequeño.'
	);
	await page.screenshot({ path: 'test-results/refusal-too-large.png' });
	await expect(page.locator('time[datetime="2026-12-21"]').first()).toBeVisible();

	await page.goto(`/secretariados/${slugs[1]}/instalacion`);
	const substitutes = page.getByRole('table', { name: 'Suplentes' });
	await expect(substitutes.getByRole('row', { name: /Sociedad civil/ })).toContainText(
		'Samuel Reyes Ortiz'
	);
	await expect(substitutes.getByRole('row', { name: /Sociedad civil/ })).toContainText(
		'samuel@mesa.test'
	);
	await expect(
		page.getByRole('table', { name: 'Integrantes' }).getByRole('row', { name: /Sociedad civil/ })
	).toContainText('Beatriz Ochoa Lara');
});
