/**
 * The minutes end to end: the facilitator closes a meeting, version 1 is frozen; the body's
 * approval is recorded; every signer signs in the app with their password (a wrong one records
 * nothing); the signed PDF carries each signer's initials box on every page; its hash verifies
 * on the public /verificar page and a tampered copy does not; each member is mailed a copy; and
 * people without the right get 403.
 */
import { expect, test, type Page } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { linkMailedTo } from './mail';
import {
	ADMIN,
	acceptInvitation,
	accessibilityViolations,
	createMeeting,
	signInAsAdmin
} from './session';

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'contraseña de las actas';
const SIGNERS = [
	['Poder Ejecutivo', 'Ana Beltrán', 'ana@actas.test', 'AB'],
	['Organismo garante', 'Gerardo Campos', 'gerardo@actas.test', 'GC'],
	['Sociedad civil', 'Carmen Duarte', 'carmen@actas.test', 'CD']
] as const;

let slug = '';
let meetingPath = '';
let hash = '';
let pdf = new Uint8Array();
const phones = new Map<string, Page>();

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
	const parser = new PDFParse({ data: new Uint8Array(bytes) });
	try {
		return (await parser.getText()).pages.map((page) => page.text);
	} finally {
		await parser.destroy();
	}
}

test('a body with three signers holds a meeting and the facilitator closes it', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Actas E2E');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	slug = new URL(page.url()).pathname.split('/').pop()!;
	for (const [seat, name, email] of SIGNERS) {
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
	for (const [, name, email] of SIGNERS) {
		await page.getByRole('button', { name: `Invitar a ${email}` }).click();
		await expect(page.getByRole('status')).toHaveText(`Invitación enviada a ${email}.`);
		phones.set(name, await acceptInvitation(browser, email, name, PASSWORD));
	}

	meetingPath = await createMeeting(page, slug, 'Sesión con acta', '2026-12-03');
	for (const [, name] of SIGNERS) {
		await page.getByRole('button', { name: `Registrar la asistencia de ${name}` }).click();
		await expect(
			page.getByRole('button', { name: `Registrar la asistencia de ${name}` })
		).toHaveCount(0);
	}
	await page.getByRole('button', { name: 'Abrir la sesión' }).click();
	// Typing starts once the page has settled after the action (a reload would take the focus).
	await expect(page.getByRole('button', { name: 'Abrir la sesión' })).toHaveCount(0);
	await page.reload();
	await expect(page.getByText('En vivo: los cambios aparecen al instante.')).toBeVisible();
	await expect(page.getByTestId('minutes-saved')).toHaveText('Guardado');
	const editor = page.getByRole('textbox', { name: /^Acta: / });
	await editor.click();
	await page.keyboard.type('Se verificó el quórum con los tres asientos.');
	await expect(editor).toContainText('Se verificó el quórum con los tres asientos.');
	await expect(page.getByTestId('minutes-saved')).toHaveText('Guardado');
	// What the server stored is what a fresh load shows: the minutes are assembled from it.
	await page.reload();
	await expect(page.getByRole('textbox', { name: /^Acta: / })).toContainText(
		'Se verificó el quórum con los tres asientos.'
	);
	await page.getByLabel('Propuesta de acuerdo').fill('Aprobar el orden del día');
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
	await expect(page.getByRole('heading', { name: 'Versión 1' })).toBeVisible();
	await expect(page.getByText('Se verificó el quórum con los tres asientos.')).toBeVisible();
	hash = (await page.locator('code').first().textContent())!.trim();
	expect(hash).toMatch(/^[0-9a-f]{64}$/);

	// The closed meeting's room no longer changes, whatever the request says.
	const origin = new URL(page.url()).origin;
	for (const action of ['next', 'propose', 'finishFloor']) {
		const late = await page.request.post(`${meetingPath}?/${action}`, {
			form: { text: 'Un acuerdo tardío' },
			headers: { origin, accept: 'text/html' }
		});
		expect(late.status(), action).toBe(409);
		expect(await late.text()).toContain('La sesión ya se cerró');
	}
});

const publicMinutes = () => `/publico/${slug}/actas/${meetingPath.split('/').at(-1)}/1`;

test('only the facilitator records the approval; a wrong password refuses the signature', async ({
	page,
	request
}) => {
	const ana = phones.get('Ana Beltrán')!;
	await ana.goto(`${meetingPath}/acta`);
	// A titular forging the facilitator's approval gets 403.
	const forged = await ana.request.post(`${meetingPath}/acta?/approve`, {
		form: { version: '1', method: 'vote', note: '' },
		headers: { origin: new URL(ana.url()).origin }
	});
	expect(forged.status()).toBe(403);

	await signInAsAdmin(page);
	await page.goto(`${meetingPath}/acta`);
	await page.getByLabel('Cómo se aprobó').selectOption('vote');
	await page.getByLabel('Nota (sesión, acuerdo)').fill('Aprobada al cierre.');
	await page.getByRole('button', { name: 'Registrar la aprobación' }).click();
	await expect(page.getByText(/Aprobada el \d/)).toBeVisible();

	await ana.reload();
	await ana.getByLabel('Tu contraseña').fill('no es mi contraseña');
	await ana.getByRole('button', { name: 'Firmar el acta' }).click();
	await expect(ana.getByRole('alert')).toHaveText(
		'La contraseña no es correcta: no se registró la firma.'
	);
	await expect(ana.getByText('Ana Beltrán (Titular, Poder Ejecutivo): Pendiente')).toBeVisible();
	// Approved but not yet signed by all: nobody without an account gets it.
	expect((await request.get(publicMinutes())).status()).toBe(404);
});

test('everyone signs; the PDF has every initials box on every page and is mailed', async ({
	request
}) => {
	for (const [, name] of SIGNERS) {
		const phone = phones.get(name)!;
		await phone.goto(`${meetingPath}/acta`);
		await phone.getByLabel('Tu contraseña').fill(PASSWORD);
		await phone.getByRole('button', { name: 'Firmar el acta' }).click();
		await expect(phone.getByText('Quedó registrado.')).toBeVisible();
	}
	const ana = phones.get('Ana Beltrán')!;
	await ana.reload();
	await expect(ana.getByText('Ana Beltrán (Titular, Poder Ejecutivo): Firmó el')).toBeVisible();
	expect(await accessibilityViolations(ana)).toEqual([]);
	await ana.screenshot({ path: 'test-results/minutes-page.png', fullPage: true });
	const link = await linkMailedTo('ana@actas.test', '/acta/');
	expect(link).toMatch(/\/acta\/1\/pdf$/);
	const response = await ana.request.get(link);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
	pdf = new Uint8Array(await response.body());
	const pages = await pageTexts(pdf);
	pages.forEach((text, index) => {
		expect(text).toContain(`Página ${index + 1} de ${pages.length}`);
		expect(text).toContain('Rúbricas');
		for (const [, , , initials] of SIGNERS) expect(text).toContain(initials);
	});
	expect(pages.at(-1)).toContain(hash);
	for (const [, name] of SIGNERS) expect(pages.at(-1)).toContain(name);
	expect(pages.at(-1)).toContain('Firmó el');
	// Signed by all: the public site lists it and serves it to anyone.
	const published = await request.get(publicMinutes());
	expect(published.status()).toBe(200);
	expect(published.headers()['content-type']).toBe('application/pdf');
	const section = await (await request.get(`/publico/${slug}/secretariado`)).text();
	expect(section).toContain('Acta firmada (versión 1)');
});

test('the hash and the PDF verify on /verificar; a tampered copy does not', async ({ browser }) => {
	const visitor = await (await browser.newContext({ locale: 'es-MX' })).newPage();
	await visitor.goto(`/verificar/${hash}`);
	await expect(
		visitor.getByRole('heading', { name: 'El documento coincide con una versión aprobada.' })
	).toBeVisible();
	await expect(visitor.getByText('Sesión con acta')).toBeVisible();
	expect(await accessibilityViolations(visitor)).toEqual([]);
	await visitor.screenshot({ path: 'test-results/minutes-verify.png', fullPage: true });
	await expect(visitor.getByText('STL Actas E2E')).toBeVisible();

	await visitor.goto('/verificar');
	await visitor.getByLabel('Archivo PDF').setInputFiles({
		name: 'acta.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from(pdf)
	});
	await visitor.getByRole('button', { name: 'Verificar' }).click();
	await expect(visitor.getByText('El archivo es un PDF emitido de esta versión.')).toBeVisible();

	const tampered = Buffer.from(pdf);
	tampered[Math.floor(tampered.length / 2)]! ^= 0xff;
	await visitor.getByLabel('Archivo PDF').setInputFiles({
		name: 'acta.pdf',
		mimeType: 'application/pdf',
		buffer: tampered
	});
	await visitor.getByRole('button', { name: 'Verificar' }).click();
	await expect(visitor.getByRole('alert')).toContainText(
		'El documento NO coincide con ninguna versión aprobada.'
	);
	expect(await accessibilityViolations(visitor)).toEqual([]);
	await visitor.goto(`/verificar/${'0'.repeat(64)}`);
	await expect(visitor.getByRole('alert')).toContainText('NO coincide');
	await visitor.context().close();
});

test('someone outside the body gets 403 on its documents and PDFs', async ({ page, browser }) => {
	await signInAsAdmin(page);
	await page.goto('/admin/invitaciones');
	await page.getByLabel('Correo electrónico').fill('fuera@actas.test');
	await page.getByRole('button', { name: 'Enviar invitación' }).click();
	const outsider = await acceptInvitation(
		browser,
		'fuera@actas.test',
		'Persona de fuera',
		PASSWORD
	);
	expect((await outsider.goto(`${meetingPath}/acta`))?.status()).toBe(403);
	expect((await outsider.request.get(`${meetingPath}/acta/1/pdf`)).status()).toBe(403);
	expect((await outsider.request.get(`${meetingPath}/convocatoria.pdf`)).status()).toBe(403);
	expect((await outsider.goto(`/secretariados/${slug}/documentos`))?.status()).toBe(403);

	// A member downloads every document of the body from the Documentos tab.
	const carmen = phones.get('Carmen Duarte')!;
	await carmen.goto(`/secretariados/${slug}/documentos`);
	for (const name of ['Acta de instalación (PDF)', 'Convocatoria (PDF)', 'Acta, versión 1 (PDF)']) {
		const href = await carmen.getByRole('link', { name }).getAttribute('href');
		const response = await carmen.request.get(href!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('application/pdf');
	}
	for (const phone of phones.values()) await phone.context().close();
	await outsider.context().close();
});
