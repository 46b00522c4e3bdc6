/**
 * The public view of a meeting (issue 4, item 8): an observer without an account opens
 * /sesion-publica/<body>/<meeting> on a phone and follows, live and read-only, what the
 * facilitator does from the console; the page passes the WCAG checks and opens no minutes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ADMIN, createMeeting, signInAsAdmin, tryRoom } from './session';

test('an observer without an account follows the facilitator’s check-ins live', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Vista Pública');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	const slug = new URL(page.url()).pathname.split('/').pop()!;
	await page.goto(`/secretariados/${slug}/integrantes`);
	await page.getByRole('link', { name: 'Editar el asiento Poder Ejecutivo' }).click();
	await page
		.getByRole('group', { name: 'Titular' })
		.getByLabel('Nombre completo')
		.fill('Inés Pública');
	await page
		.getByRole('group', { name: 'Titular' })
		.getByLabel('Correo electrónico')
		.fill('ines@publica.test');
	await page.getByRole('button', { name: 'Guardar asiento' }).click();
	await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes$`));
	await page.getByLabel('Papel').selectOption('facilitator');
	await page.getByLabel('Nombre completo').fill(ADMIN.name);
	await page.getByLabel('Correo electrónico').fill(ADMIN.email);
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: `Invitar a ${ADMIN.email}` }).click();
	await expect(page.getByRole('status')).toContainText('ya tenía cuenta');
	const meetingId = (await createMeeting(page, slug, 'Sesión abierta al público', '2026-12-10'))
		.split('/')
		.pop()!;

	// Nobody signed in on this phone.
	const observerContext = await browser.newContext({ locale: 'es-MX' });
	const observer = await observerContext.newPage();
	await observer.goto(`/sesion-publica/${slug}/${meetingId}`);
	await expect(
		observer.getByRole('heading', { level: 1, name: 'Sesión abierta al público' })
	).toBeVisible();
	await expect(observer.getByTestId('public-connection')).toHaveText(
		'En vivo: los cambios aparecen al instante.'
	);
	await expect(observer.getByTestId('quorum-count')).toHaveText(
		'0 de 3 asientos presentes; se necesitan 3.'
	);
	await expect(observer.getByTestId('public-status')).toHaveText('Programada');
	await expect(
		observer.getByRole('heading', { level: 2, name: 'La sesión aún no empieza' })
	).toBeVisible();
	expect(await tryRoom(observer, `${slug}:minutes-${meetingId}`)).toBe('closed 1006');
	expect(
		(
			await new AxeBuilder({ page: observer })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
				.analyze()
		).violations
	).toEqual([]);

	await page.getByRole('button', { name: 'Registrar la asistencia de Inés Pública' }).click();
	await expect(observer.getByTestId('quorum-count')).toHaveText(
		'1 de 3 asientos presentes; se necesitan 3.'
	);
	await expect(observer.getByTestId('public-present')).toHaveText('Presentes: 1');
	await page.getByRole('button', { name: 'Abrir la sesión' }).click();
	await expect(observer.getByTestId('public-status')).toHaveText('En curso');
	// Opened: the notice gives way to the live panels, without a reload.
	await expect(observer.getByTestId('meeting-standing')).toHaveCount(0);
	await page.getByRole('button', { name: 'Siguiente punto' }).click();
	await expect(observer.getByTestId('public-current-item')).toHaveText(
		'Aprobación del orden del día'
	);
	// The body's public agenda leads to the meeting under way.
	const visitor = await observerContext.newPage();
	await visitor.goto(`/publico/${slug}/agenda`);
	await visitor.getByRole('link', { name: 'En curso: seguir la sesión en vivo' }).click();
	await expect(visitor).toHaveURL(new RegExp(`/sesion-publica/${slug}/${meetingId}$`));
	await expect(visitor.getByTestId('public-status')).toHaveText('En curso');
	// Nothing to press: the view has no forms.
	await expect(observer.getByTestId('public-view').locator('form')).toHaveCount(0);
	await observerContext.close();
});
