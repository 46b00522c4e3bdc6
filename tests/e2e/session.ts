/** Signing in and out in end-to-end tests, whatever the order the test files run in. */
import { expect, type Page } from '@playwright/test';

export const ADMIN = {
	name: 'Adriana Ramírez',
	email: 'admin@mesa.test',
	password: 'contraseña de admin 1'
};

export async function signIn(page: Page, email: string, password: string) {
	await page.goto('/entrar');
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
