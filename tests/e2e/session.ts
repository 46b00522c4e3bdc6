/** Signing in and out in end-to-end tests, whatever the order the test files run in. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { linkMailedTo } from './mail';

export const ADMIN = {
	name: 'Adriana Ramírez',
	email: 'admin@mesa.test',
	password: 'contraseña de admin 1'
};

/** Waits until the page's scripts have hydrated it (src/lib/typed-before-hydration.ts marks it). */
export async function hydrated(page: Page) {
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
}

/**
 * Creates a meeting from the body's sessions page and waits for its page; answers its path. The
 * page is hydrated before anything is typed: a date too soon for the notice then shows the live
 * warning, and the one click creates the meeting saying the facilitator saw it. (Typed before
 * hydration, the post went without it and the server answered with the warning instead.)
 */
export async function createMeeting(page: Page, slug: string, title: string, date: string) {
	await page.goto(`/secretariados/${slug}/sesiones`);
	await hydrated(page);
	await page.getByLabel('Título').fill(title);
	await page.getByLabel('Fecha').fill(date);
	await page.getByRole('button', { name: 'Crear sesión' }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
	return new URL(page.url()).pathname;
}

export async function signIn(page: Page, email: string, password: string) {
	await page.goto('/entrar');
	await hydrated(page);
	await page.getByLabel('Correo electrónico').fill(email);
	await page.getByLabel('Contraseña').fill(password);
	await page.getByRole('button', { name: 'Entrar' }).click();
}

export async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Salir' }).click();
	await expect(page).toHaveURL(/\/entrar$/);
}

/** Signs the instance admin in, creating the first account if this instance has none yet. */
export async function signInAsAdmin(page: Page) {
	await page.goto('/registro');
	await hydrated(page);
	if (await page.getByRole('button', { name: 'Crear cuenta' }).isVisible()) {
		await page.getByLabel('Nombre completo').fill(ADMIN.name);
		await page.getByLabel('Correo electrónico').fill(ADMIN.email);
		await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN.password);
		await page.getByLabel('Confirma la contraseña').fill(ADMIN.password);
		await page.getByRole('button', { name: 'Crear cuenta' }).click();
		await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
		return;
	}
	await signIn(page, ADMIN.email, ADMIN.password);
	await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
}

/** Opens the Yjs room from the page's browser and says whether it opened or how it closed. */
export function tryRoom(page: Page, room: string): Promise<string> {
	return page.evaluate(
		(name) =>
			new Promise<string>((resolve) => {
				const socket = new WebSocket(`ws://${location.host}/yjs/${name}`);
				socket.onopen = () => {
					socket.close();
					resolve('open');
				};
				socket.onclose = (event) => resolve(`closed ${event.code}`);
			}),
		room
	);
}

/**
 * Accepts the invitation mailed to `email` in a browser context of its own (a person's phone),
 * creating the account, and returns the signed-in page.
 */
export async function acceptInvitation(
	browser: Browser,
	email: string,
	name: string,
	password: string,
	contextOptions: BrowserContextOptions = {}
): Promise<Page> {
	const link = await linkMailedTo(email, '/invitacion/');
	const context = await browser.newContext({ locale: 'es-MX', ...contextOptions });
	const phone = await context.newPage();
	await phone.goto(link);
	await phone.getByLabel('Nombre completo').fill(name);
	await phone.getByLabel('Contraseña', { exact: true }).fill(password);
	await phone.getByLabel('Confirma la contraseña').fill(password);
	await phone.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(phone.getByRole('button', { name: 'Salir' })).toBeVisible();
	return phone;
}

/** The page's WCAG 2 A/AA violations found by axe (rule ids). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	return results.violations.map((violation) => violation.id);
}
