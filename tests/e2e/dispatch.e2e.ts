/**
 * The monthly dispatch and the end of term end to end: a body holds a meeting and approves its
 * minutes; the "Envío mensual" page offers them with their deadline; one click mails them with the
 * PDF to the oversight body (a real SMTP sink) and the log says so; they are not offered again;
 * "Fin del periodo" hands out the ZIP; a companion gets 403 on both.
 */
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { unzipSync } from 'fflate';
import { linkMailedTo, mailsTo } from './mail';
import { ADMIN, createMeeting, signInAsAdmin } from './session';

test.describe.configure({ mode: 'serial' });

const OVERSIGHT = 'supervision@organo-dispatch.test';
const SEATS = [
	['Poder Ejecutivo', 'Ana Envío', 'ana@dispatch.test'],
	['Organismo garante', 'Gerardo Envío', 'gerardo@dispatch.test'],
	['Sociedad civil', 'Carmen Envío', 'carmen@dispatch.test']
] as const;
let slug = '';

test('the approved minutes are sent to the oversight body in one click, and logged', async ({
	page
}) => {
	test.setTimeout(90_000);
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Envío E2E');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	slug = new URL(page.url()).pathname.split('/').pop()!;
	for (const [seat, name, email] of SEATS) {
		await page.goto(`/secretariados/${slug}/integrantes`);
		await page.getByRole('link', { name: `Editar el asiento ${seat}` }).click();
		const titular = page.getByRole('group', { name: 'Titular' });
		await titular.getByLabel('Nombre completo').fill(name);
		await titular.getByLabel('Correo electrónico').fill(email);
		await page.getByRole('button', { name: 'Guardar asiento' }).click();
		await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes$`));
	}
	await page.getByLabel('Papel').selectOption('facilitator');
	await page.getByLabel('Nombre completo').fill(ADMIN.name);
	await page.getByLabel('Correo electrónico').fill(ADMIN.email);
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: `Invitar a ${ADMIN.email}` }).click();
	await expect(page.getByRole('status')).toContainText('ya tenía cuenta');
	await page.getByLabel('Papel').selectOption('companion');
	await page.getByLabel('Nombre completo').fill('Alma Acompañante');
	await page.getByLabel('Correo electrónico').fill('alma@dispatch.test');
	await page.getByRole('button', { name: 'Agregar' }).click();

	const meetingPath = await createMeeting(page, slug, 'Sesión por enviar', '2026-12-03');
	for (const [, name] of SEATS) {
		await page.getByRole('button', { name: `Registrar la asistencia de ${name}` }).click();
		await expect(
			page.getByRole('button', { name: `Registrar la asistencia de ${name}` })
		).toHaveCount(0);
	}
	await page.getByRole('button', { name: 'Abrir la sesión' }).click();
	await expect(page.getByRole('button', { name: 'Abrir la sesión' })).toHaveCount(0);
	await page.getByLabel('Propuesta de acuerdo').fill('Enviar las minutas a tiempo');
	await page.getByRole('button', { name: 'Plantear propuesta' }).click();
	await page.getByRole('button', { name: 'Cerrar y registrar' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Registrar la decisión' }).click();
	await expect(page.getByText('aprobado por consenso').first()).toBeVisible();
	// Closing cannot be undone: the console asks first, saying what it will do.
	await page.getByRole('button', { name: 'Cerrar la sesión…' }).click();
	await page
		.getByRole('dialog')
		.getByRole('button', { name: 'Cerrar la sesión y congelar el acta' })
		.click();
	await expect(page).toHaveURL(new RegExp(`${meetingPath}/acta$`));
	await page.getByLabel('Cómo se aprobó').selectOption('vote');
	await page.getByRole('button', { name: 'Registrar la aprobación' }).click();
	await expect(page.getByText(/Aprobada el \d/)).toBeVisible();

	await page.getByRole('link', { name: 'Envío mensual' }).click();
	await expect(page.getByRole('heading', { name: /Envío mensual de minutas/ })).toBeVisible();
	await expect(page.getByTestId('dispatch-month')).toContainText('Sesión por enviar, versión 1');
	await expect(page.getByTestId('dispatch-month')).toContainText('Plazo:');
	expect(
		(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.map(
			(v) => v.id
		)
	).toEqual([]);

	// A wrong address is refused with its message and nothing is saved.
	await page.getByLabel('Otros destinatarios (un correo por línea)').fill('no es correo');
	await page.getByRole('button', { name: 'Guardar configuración' }).click();
	await expect(page.getByText('«no es correo» no es un correo válido.')).toBeVisible();
	await page.getByLabel('Otros destinatarios (un correo por línea)').fill(OVERSIGHT);
	await page.getByRole('button', { name: 'Guardar configuración' }).click();
	await expect(page.getByRole('status')).toHaveText('Configuración guardada.');

	await page.getByRole('button', { name: /^Enviar las minutas de / }).click();
	await expect(page.getByRole('status')).toHaveText(`Se envió 1 minuta a ${OVERSIGHT}.`);
	await expect(page.getByTestId('dispatch-none')).toBeVisible();
	await expect(page.getByTestId('dispatch-log')).toContainText(`${OVERSIGHT}: enviado`);
	await expect(page.getByTestId('dispatch-log')).toContainText(ADMIN.name);

	await expect.poll(async () => (await mailsTo(OVERSIGHT)).length).toBe(1);
	const [mail] = await mailsTo(OVERSIGHT);
	expect(mail!.subject).toContain('STL Envío E2E');
	expect(mail!.attachments.map((a) => [a.mimeType, a.filename?.endsWith('-v1.pdf')])).toEqual([
		['application/pdf', true]
	]);
});

test('members download the hand-over ZIP; a companion gets 403 on both pages', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slug}/fin-del-periodo`);
	await expect(page.getByRole('heading', { name: /Fin del periodo/ })).toBeVisible();
	const response = await page.request.get(`/secretariados/${slug}/fin-del-periodo/entrega.zip`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/zip');
	const names = Object.keys(unzipSync(new Uint8Array(await response.body())));
	expect(names).toEqual(
		expect.arrayContaining([
			'acta-de-instalacion.pdf',
			'registro-de-acuerdos.csv',
			'informe-de-actividades-borrador.txt'
		])
	);
	expect(names.filter((n) => n.startsWith('minutas/'))).toHaveLength(1);
	expect(names.filter((n) => n.startsWith('convocatorias/'))).toHaveLength(1);

	// The companion accepts an invitation, then is refused both pages and the forged dispatch.
	await page.goto(`/secretariados/${slug}/integrantes`);
	await page.getByRole('button', { name: 'Invitar a alma@dispatch.test' }).click();
	const link = await linkMailedTo('alma@dispatch.test', '/invitacion/');
	const context = await browser.newContext({ locale: 'es-MX' });
	const companion = await context.newPage();
	await companion.goto(link);
	await companion.getByLabel('Nombre completo').fill('Alma Acompañante');
	await companion.getByLabel('Contraseña', { exact: true }).fill('contraseña de alma 1');
	await companion.getByLabel('Confirma la contraseña').fill('contraseña de alma 1');
	await companion.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(companion.getByRole('button', { name: 'Salir' })).toBeVisible();
	const origin = new URL(companion.url()).origin;
	expect((await companion.request.get(`/secretariados/${slug}/envio-mensual`)).status()).toBe(403);
	expect(
		(await companion.request.get(`/secretariados/${slug}/fin-del-periodo/entrega.zip`)).status()
	).toBe(403);
	const forged = await companion.request.post(`/secretariados/${slug}/envio-mensual?/send`, {
		form: { month: '2026-11' },
		headers: { origin }
	});
	expect(forged.status()).toBe(403);
	await context.close();
});
