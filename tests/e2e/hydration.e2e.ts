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

test('a date too soon typed before hydration is warned about once the page runs', async ({
	page
}) => {
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL hidratación');
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	const slug = new URL(page.url()).pathname.split('/').pop()!;
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await released;
		await route.continue();
	});

	await page.goto(`/secretariados/${slug}/sesiones`, { waitUntil: 'domcontentloaded' });
	await expect(page.locator('html')).not.toHaveAttribute('data-hydrated');
	await page.getByLabel('Título').fill('Sesión tecleada antes');
	// Tomorrow: too soon for any preset's notice, whatever day the test runs.
	const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
	await page.getByLabel('Fecha').fill(tomorrow);

	release();
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
	// The handlers attached by hydration saw the date: the warning shows before creating, and the
	// one click creates the meeting.
	await expect(page.getByRole('alert')).toContainText('anticipación insuficiente');
	await page.getByRole('button', { name: 'Crear sesión' }).click();
	await expect(page.getByRole('heading', { name: 'Sesión tecleada antes' })).toBeVisible();
});
