/**
 * A person on a slow phone starts typing before the page's scripts have run: what they typed and
 * chose survives hydration (issue 10). The app's scripts are held back until the fields are
 * filled, then let through.
 */
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './session';

test('what is typed and chosen before hydration survives it', async ({ page }) => {
	await signInAsAdmin(page);
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await released;
		await route.continue();
	});

	await page.goto('/secretariados/nuevo', { waitUntil: 'domcontentloaded' });
	await expect(page.locator('html')).not.toHaveAttribute('data-hydrated');
	await page.getByLabel('Nombre del secretariado').fill('STL de Oaxaca: Ñuu Savi');
	await page.getByLabel('STM de Tacámbaro, Michoacán').check();

	release();
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
	await expect(page.getByLabel('Nombre del secretariado')).toHaveValue('STL de Oaxaca: Ñuu Savi');
	await expect(page.getByLabel('STM de Tacámbaro, Michoacán')).toBeChecked();
	await expect(page.getByLabel('Configuración propia')).not.toBeChecked();
});
