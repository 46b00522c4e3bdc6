/** The demo's people (`--demo`, server/demo.ts), signed in from browsers of their own. */
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

/** Every demo account's password (printed by `npm run demo`). */
export const DEMO_PASSWORD = 'mesa-abierta-demo';

export const demoEmail = (user: string) => `${user}@demo.mesa-abierta.mx`;

/**
 * Signs a demo person in, in a browser context of their own (their phone, laptop or the room's
 * screen); the context joins `contexts`, which the test closes when it ends.
 */
export async function signInDemoPerson(
	browser: Browser,
	baseURL: string,
	user: string,
	contexts: { push(context: Awaited<ReturnType<Browser['newContext']>>): unknown },
	options: BrowserContextOptions = {}
): Promise<Page> {
	const context = await browser.newContext({ baseURL, ...options });
	contexts.push(context);
	const page = await context.newPage();
	await page.goto('/entrar');
	await page.getByLabel('Correo electrónico').fill(demoEmail(user));
	await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Entrar' }).click();
	await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
	return page;
}
