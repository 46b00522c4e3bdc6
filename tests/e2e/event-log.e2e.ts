/**
 * The sealed record of a session in the browser (issue 14 item 5): the facilitator checks
 * themself in, opens and closes a meeting; the minutes page shows the record's head and downloads
 * it; /verificar/registro says the untouched download is intact and matches the minutes' seal, and
 * that an edited copy breaks at the edited event — in Spanish and in English.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN, createMeeting, signInAsAdmin } from './session';

test('a downloaded record verifies, and an edited one is shown broken, in Spanish and English', async ({
	page
}) => {
	test.setTimeout(90_000);
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Registro Sellado');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	const slug = new URL(page.url()).pathname.split('/').pop()!;
	await page.goto(`/secretariados/${slug}/integrantes`);
	await page.getByLabel('Papel').selectOption('facilitator');
	await page.getByLabel('Nombre completo').fill(ADMIN.name);
	await page.getByLabel('Correo electrónico').fill(ADMIN.email);
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: `Invitar a ${ADMIN.email}` }).click();
	await expect(page.getByRole('status')).toContainText('ya tenía cuenta');

	await createMeeting(page, slug, 'Sesión sellada', '2026-12-03');
	await page.getByRole('button', { name: `Registrar la asistencia de ${ADMIN.name}` }).click();
	await expect(
		page.getByRole('button', { name: `Registrar la asistencia de ${ADMIN.name}` })
	).toHaveCount(0);
	await page.getByRole('button', { name: 'Abrir la sesión' }).click();
	await expect(page.getByRole('button', { name: 'Abrir la sesión' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Cerrar la sesión…' }).click();
	await page
		.getByRole('dialog')
		.getByRole('button', { name: 'Cerrar la sesión y congelar el acta' })
		.click();
	await expect(page).toHaveURL(/\/acta$/);

	const record = page.getByTestId('event-log');
	await expect(record).toContainText('Registro sellado de la sesión');
	const head = (await record.locator('code').textContent())!;
	const [, count, hash] = head.match(/(\d+) eventos?, SHA-256 ([0-9a-f]{64})/)!;
	const downloading = page.waitForEvent('download');
	await record.getByRole('link', { name: 'Descargar registro sellado (JSON)' }).click();
	const json = await readFile((await (await downloading).path())!, 'utf8');
	const log = JSON.parse(json) as { events: { seq: number; kind: string; payload: object }[] };
	expect(log.events).toHaveLength(Number(count));

	const upload = async (name: string, text: string) => {
		await page.goto('/verificar/registro');
		await page
			.locator('#verify-log-file')
			.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
		await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
		return page.getByTestId('event-log-result');
	};
	const opened = log.events.find((e) => e.kind === 'meeting-opened')!;
	const edited = JSON.stringify({
		...log,
		events: log.events.map((e) =>
			e.seq === opened.seq ? { ...e, payload: { ...e.payload, by: 'otra persona' } } : e
		)
	});

	let result = await upload('registro.json', json);
	await expect(result).toContainText(`Cadena íntegra: ${count} eventos`);
	await expect(result).toContainText('Coincide con el sello de la versión 1 del acta');
	await expect(result).toContainText(hash!);
	result = await upload('registro-editado.json', edited);
	await expect(result).toContainText(`Cadena rota en el evento ${opened.seq}`);
	await expect(result).toContainText('No coincide con el sello');

	await page.getByRole('button', { name: 'English' }).click();
	result = await upload('registro.json', json);
	await expect(result).toContainText(`Chain intact: ${count} events`);
	await expect(result).toContainText('Matches the seal of version 1 of the minutes');
	result = await upload('registro-editado.json', edited);
	await expect(result).toContainText(`Chain broken at event ${opened.seq}`);
	await expect(result).toContainText('Matches the seal of no frozen minutes');
	await page.getByRole('button', { name: 'Español' }).click();
});
