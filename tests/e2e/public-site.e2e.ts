/**
 * The public website end to end: a body set up by its admin (contact data, a communiqué, a link,
 * evidence, one member's consent) is read by an anonymous visitor without JavaScript through all
 * seven sections, each passing axe-core's WCAG 2.1 AA checks; a complaint gets a tracking number,
 * reaches the facilitator's inbox and its answer reaches the sender; a join request is confirmed
 * through the emailed link; nothing unpublished is reachable anonymously.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import sharp from 'sharp';
import { linkMailedTo } from './mail';
import { signInAsAdmin } from './session';

test.describe.configure({ mode: 'serial' });

const BODY = 'STL Sitio Público E2E';
const FACILITATOR = {
	name: 'Fernanda Facilita',
	email: 'fernanda@mesa.test',
	password: 'contraseña de fernanda'
};
let slug = '';

/**
 * Runs axe-core's WCAG 2.1 AA checks on a path, in a page of its own with JavaScript on (axe runs
 * as a script; the visitor's own page keeps JavaScript off).
 */
async function expectAccessible(browser: Browser, path: string) {
	const context = await browser.newContext({ locale: 'es-MX' });
	const page = await context.newPage();
	await page.goto(path);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	await context.close();
	expect(
		results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)
	).toEqual([]);
}

/** A browser with JavaScript off and no account: the public as the site must serve it. */
async function anonymousPage(browser: Browser) {
	const context = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false });
	return { context, page: await context.newPage() };
}

test('an admin sets up the body, its facilitator and what its public site shows', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill(BODY);
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	await expect(page.getByRole('heading', { level: 1, name: BODY })).toBeVisible();
	slug = new URL(page.url()).pathname.split('/').pop()!;

	await page.goto(`/secretariados/${slug}/integrantes`);
	await page.getByRole('link', { name: 'Editar el asiento Sociedad civil' }).click();
	await page.getByLabel('Organización').fill('Colectivo Transparencia');
	const titular = page.getByRole('group', { name: 'Titular' });
	await titular.getByLabel('Nombre completo').fill('Beatriz Pública Lara');
	await titular.getByLabel('Cargo').fill('Coordinadora');
	await titular.getByLabel('Correo electrónico').fill('beatriz.publica@mesa.test');
	const substitute = page.getByRole('group', { name: 'Suplente' });
	await substitute.getByLabel('Nombre completo').fill('Samuel Privado Ortiz');
	await substitute.getByLabel('Correo electrónico').fill('samuel.privado@mesa.test');
	await page.getByRole('button', { name: 'Guardar asiento' }).click();
	await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes$`));

	await page.getByLabel('Papel').selectOption('facilitator');
	await page.getByLabel('Nombre completo').fill(FACILITATOR.name);
	await page.getByLabel('Correo electrónico').fill(FACILITATOR.email);
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: `Invitar a ${FACILITATOR.email}` }).click();
	const invitation = await linkMailedTo(FACILITATOR.email, '/invitacion/');
	const context = await browser.newContext({ locale: 'es-MX' });
	const facilitator = await context.newPage();
	await facilitator.goto(invitation);
	await facilitator.getByLabel('Nombre completo').fill(FACILITATOR.name);
	await facilitator.getByLabel('Contraseña', { exact: true }).fill(FACILITATOR.password);
	await facilitator.getByLabel('Confirma la contraseña').fill(FACILITATOR.password);
	await facilitator.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(facilitator.getByRole('button', { name: 'Salir' })).toBeVisible();
	await context.close();

	await page.goto(`/secretariados/${slug}`);
	await page.getByRole('link', { name: 'Sitio público' }).click();
	await page.getByLabel('Área o persona de contacto').fill('Unidad de Gobierno Abierto');
	await page.getByLabel('Correo electrónico').fill('abierto@mesa.test');
	await page.getByLabel('Horario de atención').fill('Lunes a viernes, 9 a 15 h');
	await page.getByRole('button', { name: 'Guardar datos de contacto' }).click();
	await expect(page.getByRole('status')).toHaveText('Se guardó.');

	const communique = page.locator('form[action="?/addCommunique"]');
	await communique.getByLabel('Título').fill('Primer comunicado');
	await communique.getByLabel('Texto del comunicado').fill('El secretariado quedó instalado.');
	await communique.getByRole('button', { name: 'Agregar comunicado' }).click();
	await communique.getByLabel('Título').fill('Borrador interno');
	await communique.getByLabel('Texto del comunicado').fill('Aún no se publica.');
	await communique.getByLabel('Publicar ahora').uncheck();
	await communique.getByRole('button', { name: 'Agregar comunicado' }).click();
	await expect(page.getByText('Borrador interno · sin publicar')).toBeVisible();

	await page.getByLabel('Nombre del enlace').fill('Datos abiertos de México');
	await page.getByLabel('Dirección (https://…)').fill('javascript:alert(1)');
	await page.getByRole('button', { name: 'Agregar enlace' }).click();
	await expect(
		page.getByText('Escribe una dirección completa que empiece con https:// o http://.')
	).toBeVisible();
	await page.getByLabel('Dirección (https://…)').fill('https://datos.gob.mx/');
	await page.getByRole('button', { name: 'Agregar enlace' }).click();
	await expect(page.getByText('Datos abiertos de México · https://datos.gob.mx/')).toBeVisible();

	const upload = page.locator('form[action="?/upload"]');
	await upload.getByLabel('Título').fill('Programa renombrado');
	await upload.getByLabel('Archivo').setInputFiles({
		name: 'foto.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2048, 0x90)])
	});
	await upload.getByRole('button', { name: 'Subir evidencia' }).click();
	await expect(page.getByText('Ese tipo de archivo no se acepta', { exact: false })).toBeVisible();
	const photo = await sharp({
		create: { width: 800, height: 600, channels: 3, background: '#336699' }
	})
		.png()
		.toBuffer();
	await upload.getByLabel('Título').fill('Foto de la instalación');
	await upload
		.getByLabel('Archivo')
		.setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: photo });
	await upload.getByRole('button', { name: 'Subir evidencia' }).click();
	await expect(page.getByRole('status')).toHaveText('Se subió «Foto de la instalación».');
	await upload.getByLabel('Título').fill('Foto retirada');
	await upload
		.getByLabel('Archivo')
		.setInputFiles({ name: 'otra.png', mimeType: 'image/png', buffer: photo });
	await upload.getByRole('button', { name: 'Subir evidencia' }).click();
	await page
		.getByText('Foto retirada · foto · publicado')
		.locator('..')
		.getByRole('button', { name: 'Retirar' })
		.click();
	await expect(page.getByText('Foto retirada · foto · sin publicar')).toBeVisible();

	await page.getByRole('button', { name: 'Publicar los datos de Beatriz Pública Lara' }).click();
	await expect(
		page.getByText('Beatriz Pública Lara · publicado con su consentimiento')
	).toBeVisible();
});

test('an anonymous visitor without JavaScript reaches all seven sections, each accessible', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await anonymousPage(browser);
	await page.goto(`/publico/${slug}`);
	await expect(page.getByRole('heading', { level: 1, name: BODY })).toBeVisible();
	await expectAccessible(browser, page.url());
	const sections = [
		['El secretariado', 'Beatriz Pública Lara'],
		['Avance y agenda', 'Suscribirse a la agenda (calendario .ics)'],
		['Contacto', 'Unidad de Gobierno Abierto'],
		['Datos abiertos', 'Descargar todo (ZIP)'],
		['Enlaces de interés', 'Datos abiertos de México'],
		['Preguntas, quejas y sugerencias', 'Número de seguimiento'],
		['Participa', 'Enviar solicitud']
	];
	for (const [section, content] of sections) {
		await page
			.getByRole('navigation', { name: 'Secciones del sitio público' })
			.getByRole('link', { name: section })
			.click();
		await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
		await expect(page.getByText(content!, { exact: false }).first()).toBeVisible();
		await expectAccessible(browser, page.url());
	}
	await page.getByRole('link', { name: 'Aviso de privacidad' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Aviso de privacidad' })).toBeVisible();
	await expectAccessible(browser, page.url());

	// Section a shows only what is published: the consenting member, not the others' names or contacts.
	await page.goto(`/publico/${slug}/secretariado`);
	const body = page.locator('main');
	await expect(body).toContainText('Coordinadora');
	await expect(body).toContainText('Colectivo Transparencia');
	await expect(body).toContainText('Primer comunicado');
	await expect(body.getByRole('img', { name: 'Foto de la instalación' })).toBeVisible();
	for (const hidden of [
		'Samuel Privado',
		FACILITATOR.name,
		'mesa.test',
		'Borrador interno',
		'Foto retirada'
	])
		await expect(body).not.toContainText(hidden);
	await context.close();
});

test('anonymous requests reach nothing unpublished', async ({ browser, page }) => {
	const { context, page: visitor } = await anonymousPage(browser);
	const response = await visitor.goto(`/secretariados/${slug}/sitio-publico`);
	expect(new URL(visitor.url()).pathname).toBe('/entrar');
	expect(response?.status()).toBe(200);
	for (const path of ['/sitio-publico/buzon', '/sitio-publico/participantes', '/integrantes']) {
		await visitor.goto(`/secretariados/${slug}${path}`);
		expect(new URL(visitor.url()).pathname, path).toBe('/entrar');
	}
	// A withdrawn file is 404 at its address; a published one is served, with its thumbnail.
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slug}/sitio-publico`);
	const fileId = (title: string) =>
		page
			.locator('li', { hasText: title })
			.locator('input[name="id"]')
			.first()
			.getAttribute('value');
	const files = `/publico/${slug}/archivos`;
	expect((await visitor.request.get(`${files}/${await fileId('Foto retirada')}`)).status()).toBe(
		404
	);
	const shown = await visitor.request.get(`${files}/${await fileId('Foto de la instalación')}`);
	expect(shown.headers()['content-type']).toBe('image/png');
	const thumbnail = await visitor.request.get(
		`${files}/${await fileId('Foto de la instalación')}?miniatura=1`
	);
	expect(thumbnail.headers()['content-type']).toBe('image/webp');
	const data = await (
		await visitor.request.get(`/secretariados/${slug}/sitio-publico/__data.json`)
	).text();
	expect(data).not.toContain('Foto retirada');
	const csv = await (await visitor.request.get(`/publico/${slug}/datos/asistencia.csv`)).text();
	expect(csv.split('\n')[0]).toBe(
		'sesion_id,secretariado,asiento,institucion,papel,nombre,a_distancia,entrada,salida'
	);
	const api = await visitor.request.get(`/publico/${slug}/datos/api/sesiones`, {
		headers: { Origin: 'https://elsewhere.example' }
	});
	expect(api.headers()['access-control-allow-origin']).toBe('*');
	await context.close();
});

test('a complaint gets a tracking number, reaches the facilitator, and its answer reaches the sender', async ({
	browser
}) => {
	const { context, page } = await anonymousPage(browser);
	await page.goto(`/publico/${slug}/buzon`);
	await page.getByLabel('Tipo').selectOption('complaint');
	await page.getByLabel('Mensaje').fill('La sesión empezó una hora tarde.');
	await page.getByRole('button', { name: 'Enviar' }).click();
	await expect(page.getByRole('status')).toHaveText('Recibimos tu mensaje.');
	const number = (await page.getByTestId('tracking-number').textContent())!.trim();
	expect(number).toMatch(/^QS-[A-Z0-9]{5}-[A-Z0-9]{5}$/);
	await expect(page.getByText('Recibida, en espera de respuesta')).toBeVisible();
	await expectAccessible(browser, page.url());

	const staffContext = await browser.newContext({ locale: 'es-MX' });
	const staff = await staffContext.newPage();
	await staff.goto('/entrar');
	await staff.getByLabel('Correo electrónico').fill(FACILITATOR.email);
	await staff.getByLabel('Contraseña').fill(FACILITATOR.password);
	await staff.getByRole('button', { name: 'Entrar' }).click();
	await expect(staff.getByRole('button', { name: 'Salir' })).toBeVisible();
	await staff.goto(`/secretariados/${slug}/sitio-publico`);
	await staff.getByRole('link', { name: 'Buzón del público' }).click();
	await expect(
		staff.getByText(`${number} · Queja · Recibida, en espera de respuesta`)
	).toBeVisible();
	await staff
		.getByLabel(`Respuesta a ${number}`)
		.fill('Ofrecemos una disculpa; la próxima empezará a tiempo.');
	await staff.getByRole('button', { name: 'Guardar respuesta' }).click();
	await expect(staff.getByRole('status')).toContainText('Se guardó la respuesta');
	await expect(staff.getByText(`${number} · Queja · Cerrada`)).toBeVisible();
	// The facilitator may not change members' consent (only the body's admins): refused by the server.
	const forged = await staff.request.post(`/secretariados/${slug}/sitio-publico?/consent`, {
		form: { memberId: '00000000-0000-4000-8000-000000000000', consent: 'true' },
		headers: { origin: new URL(staff.url()).origin }
	});
	expect(forged.status()).toBe(403);
	await staffContext.close();

	await page.goto(`/publico/${slug}/buzon`);
	await page.getByLabel('Número de seguimiento').fill(number.toLowerCase());
	await page.getByRole('button', { name: 'Consultar' }).click();
	await expect(
		page.getByText('Ofrecemos una disculpa; la próxima empezará a tiempo.')
	).toBeVisible();
	await expect(page.getByText('Cerrada')).toBeVisible();
	await context.close();
});

test('a join request is confirmed through the emailed link and listed for the admins', async ({
	browser,
	page
}) => {
	const { context, page: visitor } = await anonymousPage(browser);
	await visitor.goto(`/publico/${slug}/participa`);
	await visitor.getByLabel('Nombre completo').fill('Rosa Participa');
	await visitor.getByLabel('Correo electrónico').fill('rosa@mesa.test');
	await visitor.getByRole('button', { name: 'Enviar solicitud' }).click();
	await expect(
		visitor.getByText('Para enviar la solicitud acepta el aviso de privacidad.')
	).toBeVisible();
	await expect(visitor.getByLabel('Nombre completo')).toHaveValue('Rosa Participa');
	await visitor.getByLabel('Leí el aviso de privacidad', { exact: false }).check();
	await visitor.getByRole('button', { name: 'Enviar solicitud' }).click();
	await expect(visitor.getByRole('status')).toContainText('rosa@mesa.test');

	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slug}/sitio-publico/participantes`);
	await expect(page.getByText('Rosa Participa')).toHaveCount(0);

	const link = await linkMailedTo('rosa@mesa.test', '/participa/confirmar/');
	await visitor.goto(link);
	await expect(visitor.getByRole('status')).toContainText('quedó confirmada');
	await visitor.goto(link.slice(0, -3) + 'xyz');
	await expect(visitor.getByRole('alert')).toContainText('no es válido');
	await context.close();

	await page.reload();
	await expect(page.getByText('Rosa Participa')).toBeVisible();
});

test('the public site speaks English to an English browser, and stays accessible', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'en', javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`/publico/${slug}`);
	const sections = page.getByRole('navigation', { name: 'Sections of the public site' });
	for (const name of [
		'The body',
		'Progress and agenda',
		'Contact',
		'Open data',
		'Links of interest',
		'Questions, complaints and suggestions',
		'Take part'
	])
		await expect(sections.getByRole('link', { name })).toBeVisible();
	await sections.getByRole('link', { name: 'Questions, complaints and suggestions' }).click();
	await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
	const axeContext = await browser.newContext({ locale: 'en' });
	const axePage = await axeContext.newPage();
	await axePage.goto(page.url());
	const results = await new AxeBuilder({ page: axePage })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(results.violations.map((v) => v.id)).toEqual([]);
	await axeContext.close();
	await context.close();
});
