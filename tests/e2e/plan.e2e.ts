/**
 * The action plan end to end: the facilitator creates a plan and a commitment with two weighted
 * activities, naming a titular responsible; the titular, on a phone, reports progress on both; the
 * plan page shows the computed percentage; the report PDF carries the commitment; another titular,
 * not responsible, gets no form and a forged post is refused.
 */
import { devices, expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PDFParse } from 'pdf-parse';
import { ADMIN, signInAsAdmin, acceptInvitation } from './session';

test.describe.configure({ mode: 'serial' });

let slug = '';
let planPath = '';
let commitmentPath = '';

const INVITED_PASSWORD = 'contraseña del plan 1';
test('the facilitator sets up a body and a plan with a commitment of two activities', async ({
	page
}) => {
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Plan E2E');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	slug = new URL(page.url()).pathname.split('/').pop()!;
	for (const [seat, name, email] of [
		['Poder Ejecutivo', 'Paula Plan', 'paula@plan.test'],
		['Sociedad civil', 'Sergio Plan', 'sergio@plan.test']
	]) {
		await page.goto(`/secretariados/${slug}/integrantes`);
		await page.getByRole('link', { name: `Editar el asiento ${seat}` }).click();
		const titular = page.getByRole('group', { name: 'Titular' });
		await titular.getByLabel('Nombre completo').fill(name!);
		await titular.getByLabel('Correo electrónico').fill(email!);
		await page.getByRole('button', { name: 'Guardar asiento' }).click();
		await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes$`));
	}
	await page.getByLabel('Papel').selectOption('facilitator');
	await page.getByLabel('Nombre completo').fill(ADMIN.name);
	await page.getByLabel('Correo electrónico').fill(ADMIN.email);
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: `Invitar a ${ADMIN.email}` }).click();
	await expect(page.getByRole('status')).toContainText('ya tenía cuenta');
	for (const email of ['paula@plan.test', 'sergio@plan.test']) {
		await page.getByRole('button', { name: `Invitar a ${email}` }).click();
		await expect(page.getByRole('status')).toHaveText(`Invitación enviada a ${email}.`);
	}

	await page.getByRole('link', { name: 'Plan de acción' }).click();
	await page.getByLabel('Nombre del plan').fill('Plan de Acción Local 2026');
	await page.getByLabel('Inicio del periodo').fill('2026-01-01');
	await page.getByLabel('Fin del periodo').fill('2027-12-31');
	await page.getByRole('button', { name: 'Crear plan' }).click();
	await expect(page.getByRole('heading', { name: 'Plan de Acción Local 2026' })).toBeVisible();
	await expect(page).toHaveURL(/\/plan\/[0-9a-f-]{36}$/);
	planPath = new URL(page.url()).pathname;

	await page.getByLabel('Compromiso', { exact: true }).fill('Datos abiertos de obra pública');
	await page.getByLabel('Objetivo').fill('Publicar los contratos de obra');
	await page.getByLabel('Institución responsable').fill('Secretaría de Obras');
	await page.getByLabel('Persona responsable').selectOption({ label: 'Paula Plan (Titular)' });
	await page.getByRole('button', { name: 'Agregar compromiso' }).click();
	await expect(page.getByRole('status')).toHaveText('Compromiso guardado.');
	await page.getByRole('link', { name: 'Compromiso 1: Datos abiertos de obra pública' }).click();
	await expect(page).toHaveURL(/\/compromisos\//);
	commitmentPath = new URL(page.url()).pathname;
	for (const [title, weight] of [
		['Inventario de contratos', '1'],
		['Portal de datos', '3']
	]) {
		await page.getByLabel('Descripción').fill(title!);
		await page.getByLabel('Inicio', { exact: true }).fill('2026-01-01');
		await page.getByLabel('Fecha límite').fill('2027-12-31');
		await page.getByLabel('Peso').fill(weight!);
		await page.getByRole('button', { name: 'Agregar actividad' }).click();
		await expect(page.getByRole('heading', { name: `Actividad: ${title}` })).toBeVisible();
	}
});

test('the responsible titular reports progress from a phone; the plan shows 55 %', async ({
	page,
	browser
}) => {
	const phone = await acceptInvitation(browser, 'paula@plan.test', 'Paula Plan', INVITED_PASSWORD, {
		...devices['Pixel 7']
	});
	await phone.goto(commitmentPath);
	for (const [title, progress] of [
		['Inventario de contratos', '100'],
		['Portal de datos', '40']
	]) {
		const item = phone.getByRole('listitem').filter({
			has: phone.getByRole('heading', { name: `Actividad: ${title}` })
		});
		await item.getByLabel('Avance (%)').fill(progress!);
		await item.getByLabel('Nota').fill(`Informe de ${title}`);
		await item.getByRole('button', { name: 'Guardar avance' }).click();
		await expect(phone.getByRole('status')).toHaveText('Avance guardado.');
	}
	await expect(
		phone.getByRole('progressbar', { name: 'Avance de Datos abiertos de obra pública' })
	).toHaveAttribute('aria-valuenow', '55');
	await phone.context().close();

	await signInAsAdmin(page);
	await page.goto(planPath);
	const commitment = page
		.getByRole('listitem')
		.filter({ hasText: 'Compromiso 1: Datos abiertos de obra pública' });
	await expect(commitment.getByTestId('progress-value')).toHaveText('55 %');
	await expect(commitment).toContainText('En curso');

	const pdf = await page.request.get(`${planPath}/reporte.pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const parser = new PDFParse({ data: new Uint8Array(await pdf.body()) });
	const text = (await parser.getText()).text;
	await parser.destroy();
	expect(text).toContain('Reporte de seguimiento y evaluación');
	expect(text).toContain('Compromiso 1: Datos abiertos de obra pública');
	expect(text).toContain('Avance: 55 %');

	// A CSV with one bad row is refused whole, with its row and column, in Spanish.
	const csv = await (await page.request.get(`${planPath}/avance.csv`)).text();
	const lines = csv.trimEnd().split('\n');
	lines[1] = lines[1]!.replace(/,100,$/, ',80,');
	lines[2] = lines[2]!.replace(/,40,$/, ',cuarenta,');
	await page.getByLabel('Archivo CSV de avance').setInputFiles({
		name: 'avance.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(lines.join('\n'))
	});
	await page.getByRole('button', { name: 'Importar avance' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'No se guardó nada: corrige el archivo y vuelve a importarlo.'
	);
	await expect(page.getByTestId('csv-issues')).toHaveText(
		'Fila 3, columna avance: el avance debe ser un número entero de 0 a 100'
	);
	await expect(commitment.getByTestId('progress-value')).toHaveText('55 %');

	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);
	await page.goto(commitmentPath);
	const axeCommitment = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	expect(axeCommitment.violations.map((v) => v.id)).toEqual([]);
});

test('a titular not responsible gets no progress form, and a forged post is refused', async ({
	browser
}) => {
	const phone = await acceptInvitation(
		browser,
		'sergio@plan.test',
		'Sergio Plan',
		INVITED_PASSWORD,
		{ ...devices['Pixel 7'] }
	);
	await phone.goto(commitmentPath);
	await expect(phone.getByRole('heading', { name: 'Actividad: Portal de datos' })).toBeVisible();
	await expect(phone.getByRole('button', { name: 'Guardar avance' })).toHaveCount(0);
	const origin = new URL(phone.url()).origin;
	// A real activity of the commitment (every member may read the plan's CSV).
	const csv = await (await phone.request.get(`${planPath}/avance.csv`)).text();
	const activityId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(csv)![0];
	const forged = await phone.request.post(`${commitmentPath}?/reportProgress`, {
		form: { activityId, progress: '90', note: '' },
		headers: { origin }
	});
	expect(forged.status()).toBe(403);
	const after = await (await phone.request.get(`${planPath}/avance.csv`)).text();
	expect(after).toBe(csv);
	await phone.context().close();
});
