/**
 * Accounts end to end, in Debian's Chromium on a phone-sized screen, against the built app on a
 * fresh embedded database. The steps build on each other (the first account exists once), so
 * they run in order.
 */
import { expect, test } from '@playwright/test';
import { linkMailedTo } from './mail';
import { ADMIN, signIn, signOut, tryRoom } from './session';

test.describe.configure({ mode: 'serial' });

const admin = ADMIN;
const member = { name: 'Beto Juárez', email: 'beto@mesa.test', password: 'contraseña de beto 1' };

test('the first visitor creates the first account, after a refused invalid attempt', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/registro$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es-MX');
	await expect(page.getByRole('heading', { name: 'Crear la primera cuenta' })).toBeVisible();

	await page.getByLabel('Nombre completo').fill(admin.name);
	await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
	await page.getByLabel('Contraseña', { exact: true }).fill('corta');
	await page.getByLabel('Confirma la contraseña').fill('otra');
	await page.getByRole('button', { name: 'Crear cuenta' }).click();
	await expect(page.getByRole('alert').first()).toContainText(
		'Revisa los campos marcados; no se guardó nada.'
	);
	await expect(page.getByText('Escribe un correo válido')).toBeVisible();
	await expect(page.getByText('La contraseña debe tener al menos 10 caracteres.')).toBeVisible();
	await expect(page.getByLabel('Nombre completo')).toHaveValue(admin.name);
	await expect(page.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel('Correo electrónico').fill(admin.email);
	await page.getByLabel('Contraseña', { exact: true }).fill(admin.password);
	await page.getByLabel('Confirma la contraseña').fill(admin.password);
	await page.getByRole('button', { name: 'Crear cuenta' }).click();
	await expect(page.getByRole('heading', { name: `Hola, ${admin.name}.` })).toBeVisible();
});

test('signs out, is refused a wrong password in Spanish, and signs in again', async ({ page }) => {
	await signIn(page, admin.email, admin.password);
	await expect(page.getByRole('heading', { name: `Hola, ${admin.name}.` })).toBeVisible();
	await signOut(page);

	await signIn(page, admin.email, 'no es la contraseña');
	await expect(page.getByRole('alert')).toHaveText('El correo o la contraseña no son correctos.');
	await expect(page.getByLabel('Correo electrónico')).toHaveValue(admin.email);

	await page.getByLabel('Contraseña').fill(admin.password);
	await page.getByRole('button', { name: 'Entrar' }).click();
	await expect(page.getByRole('heading', { name: `Hola, ${admin.name}.` })).toBeVisible();
});

test('sign-up is closed once an account exists', async ({ page }) => {
	await page.goto('/registro');
	await expect(page.getByRole('alert')).toContainText('El registro está cerrado');
	await expect(page.getByRole('button', { name: 'Crear cuenta' })).toHaveCount(0);
});

test('an invited person accepts through the emailed link and cannot reach admin pages', async ({
	page,
	browser
}) => {
	await signIn(page, admin.email, admin.password);
	await page.getByRole('link', { name: 'Invitaciones' }).first().click();
	await page.getByLabel('Correo electrónico').fill(member.email);
	await page.getByRole('button', { name: 'Enviar invitación' }).click();
	await expect(page.getByRole('status')).toHaveText(`Invitación enviada a ${member.email}.`);
	await expect(page.getByRole('cell', { name: member.email })).toBeVisible();

	const link = await linkMailedTo(member.email, '/invitacion/');
	const invitee = await browser.newContext({ locale: 'es-MX' });
	const phone = await invitee.newPage();
	await phone.goto(link);
	await expect(phone.getByText(`Te invitaron con el correo ${member.email}`)).toBeVisible();
	await phone.getByLabel('Nombre completo').fill(member.name);
	await phone.getByLabel('Contraseña', { exact: true }).fill(member.password);
	await phone.getByLabel('Confirma la contraseña').fill(member.password);
	await phone.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(phone.getByRole('heading', { name: `Hola, ${member.name}.` })).toBeVisible();
	await expect(phone.getByRole('link', { name: 'Invitaciones' })).toHaveCount(0);

	// The server refuses, not just the menu: a member asking for admin pages gets 403.
	const outbox = await phone.goto('/admin/outbox');
	expect(outbox?.status()).toBe(403);
	await expect(phone.getByText('No tienes permiso para ver esta página.')).toBeVisible();
	const forged = await phone.request.post('/admin/invitaciones', {
		form: { email: 'intruso@mesa.test' },
		headers: { origin: new URL(link).origin }
	});
	expect(forged.status()).toBe(403);

	// The link worked once.
	await phone.goto(link);
	await expect(phone.getByRole('alert')).toContainText('Esta invitación ya no es válida');
	await invitee.close();
});

test('a forgotten password is reset through the emailed link', async ({ page }) => {
	await page.goto('/entrar');
	await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
	// Until the new page shows, the sign-in page's own email field is the one a fill would reach.
	await expect(page.getByRole('heading', { name: 'Recuperar la contraseña' })).toBeVisible();
	await page.getByLabel('Correo electrónico').fill(member.email);
	await page.getByRole('button', { name: 'Enviar enlace' }).click();
	await expect(page.getByRole('status')).toContainText('Si hay una cuenta con ese correo');

	const link = await linkMailedTo(member.email, '/restablecer/');
	await page.goto(link);
	member.password = 'una contraseña nueva 2';
	await page.getByLabel('Contraseña nueva').fill(member.password);
	await page.getByLabel('Confirma la contraseña').fill(member.password);
	await page.getByRole('button', { name: 'Guardar contraseña' }).click();
	await expect(page.getByRole('heading', { name: `Hola, ${member.name}.` })).toBeVisible();
	await signOut(page);

	await signIn(page, member.email, member.password);
	await expect(page.getByRole('heading', { name: `Hola, ${member.name}.` })).toBeVisible();
});

test('the language switch changes every text and is remembered for the account', async ({
	page,
	browser
}) => {
	await signIn(page, member.email, member.password);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: `Hello, ${member.name}.` })).toBeVisible();
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	// Another device with a Spanish browser: after signing in, the account's English wins.
	const other = await browser.newContext({ locale: 'es-MX' });
	const otherPage = await other.newPage();
	await signIn(otherPage, member.email, member.password);
	await expect(otherPage.getByRole('heading', { name: `Hello, ${member.name}.` })).toBeVisible();
	await expect(otherPage.locator('html')).toHaveAttribute('lang', 'en');
	await other.close();

	await page.getByRole('button', { name: 'Español' }).click();
	await expect(page.getByRole('heading', { name: `Hola, ${member.name}.` })).toBeVisible();
});

test('an English browser gets English before anyone signs in', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/entrar');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await context.close();
});

test('the WebSocket endpoint refuses a browser without a session, and a member of no body', async ({
	page,
	browser
}) => {
	const anonymous = await browser.newContext();
	const anonymousPage = await anonymous.newPage();
	await anonymousPage.goto('/entrar');
	expect(await tryRoom(anonymousPage, 'prueba:acta')).toBe('closed 1006');
	await anonymous.close();

	await signIn(page, member.email, member.password);
	await expect(page.getByRole('heading', { name: `Hola, ${member.name}.` })).toBeVisible();
	expect(await tryRoom(page, 'prueba:acta')).toBe('closed 1006');
});
