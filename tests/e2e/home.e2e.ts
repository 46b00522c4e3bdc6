/**
 * A newcomer's first steps end to end, on a fresh instance: the admin is guided from the home page
 * to creating the first body; an invited member finds their name already written and lands on
 * their body; adding a member answers with a redirect (a reload adds nobody twice) and the seat
 * card lists the titular first; a meeting too soon for its notice is warned about when it is
 * created, with and without JavaScript; and a member reaches the meeting under way in one tap
 * from home, where the next meetings show with their dates.
 */
import { expect, test, type Page } from '@playwright/test';
import { linkMailedTo } from './mail';
import { ADMIN, hydrated, signIn, signInAsAdmin } from './session';
import { addCalendarDays, toLocalDate } from '../../src/lib/rules/local-dates';
import { startApp } from '../support/app-process';

test.describe.configure({ mode: 'serial' });

const BODY = 'STL Inicio E2E';
const ELENA = {
	name: 'Elena Inicio Campos',
	email: 'elena@inicio.test',
	password: 'contraseña de elena'
};
const today = toLocalDate(new Date(), 'America/Mexico_City');
let slug = '';
let meetingPath = '';

/** A look at the page at a phone's and a laptop's size (checked by eye, not asserted). */
async function screenshots(page: Page, name: string) {
	for (const [width, height] of [
		[412, 915],
		[1366, 768]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
	}
}

/** Creates the walk's body from the new-body form the page is on, and waits for its page. */
async function createBody(page: Page) {
	await page.getByLabel('Nombre del secretariado').fill(BODY);
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	await expect(page.getByRole('heading', { level: 1, name: BODY })).toBeVisible();
}

test('a fresh instance’s admin is guided from home to creating the first body', async ({
	browser,
	page
}) => {
	// The suite's app already has bodies: the guide is seen on an instance of its own.
	const fresh = await startApp();
	const context = await browser.newContext({ baseURL: fresh.url });
	try {
		const newcomer = await context.newPage();
		await newcomer.goto('/');
		await expect(newcomer).toHaveURL(/\/registro$/);
		await signInAsAdmin(newcomer);
		await newcomer.goto('/');
		await expect(
			newcomer.getByRole('heading', { name: 'Empieza por crear el primer Secretariado Técnico' })
		).toBeVisible();
		await screenshots(newcomer, 'home-fresh-admin');
		await newcomer.getByRole('link', { name: 'Crear el primer secretariado' }).click();
		await expect(newcomer).toHaveURL(/\/secretariados\/nuevo$/);
		await createBody(newcomer);
		await newcomer.goto('/');
		await expect(newcomer.getByRole('heading', { name: 'Empieza por crear' })).toHaveCount(0);
		await expect(
			newcomer.getByRole('region', { name: 'Secretariados de esta instancia' })
		).toContainText(BODY);
		await expect(newcomer.getByRole('region', { name: 'Próximas sesiones' })).toContainText(
			'No hay sesiones programadas.'
		);
	} finally {
		await context.close();
		await fresh.stop();
	}

	// The rest of the walk runs on the suite's app.
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await createBody(page);
	slug = new URL(page.url()).pathname.split('/').pop()!;
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Secretariados de esta instancia' })).toContainText(
		BODY
	);
});

test('seat cards list the titular first; adding a member redirects, so a reload adds nobody twice', async ({
	page
}) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slug}/integrantes`);
	await page.getByRole('link', { name: 'Editar el asiento Poder Ejecutivo' }).click();
	const titular = page.getByRole('group', { name: 'Titular' });
	await titular.getByLabel('Nombre completo').fill(ELENA.name);
	await titular.getByLabel('Correo electrónico').fill(ELENA.email);
	// "Suplente" sorts before "Titular" alphabetically: the card must not.
	const substitute = page.getByRole('group', { name: 'Suplente' });
	await substitute.getByLabel('Nombre completo').fill('Aarón Suplente');
	await substitute.getByLabel('Correo electrónico').fill('aaron@inicio.test');
	await page.getByRole('button', { name: 'Guardar asiento' }).click();
	await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes$`));
	const card = page.locator('#seats-heading').locator('xpath=../..').locator('ul > li').first();
	await expect(card.locator('ul > li')).toHaveText([/^Titular:/, /^Suplente:/]);

	await page.getByLabel('Papel').selectOption('guest');
	await page.getByLabel('Nombre completo').fill('Gustavo Invitado');
	await page.getByLabel('Correo electrónico').fill('gustavo@inicio.test');
	await page.getByRole('button', { name: 'Agregar' }).click();
	await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes\\?agregado=`));
	await expect(page.getByRole('status')).toHaveText('Se agregó a Gustavo Invitado.');
	await expect(page.getByText('gustavo@inicio.test')).toHaveCount(1);

	// The page after the post is a GET: reloading it (or going back and forth) posts nothing.
	await page.reload();
	await expect(page.getByRole('status')).toHaveText('Se agregó a Gustavo Invitado.');
	await expect(page.getByText('gustavo@inicio.test')).toHaveCount(1);
	await page.goto(`/secretariados/${slug}/integrantes`);
	await expect(page.getByText('gustavo@inicio.test')).toHaveCount(1);
	await expect(page.getByRole('status')).toHaveCount(0);

	// The admin runs this body's meetings: its facilitator, linked to their account.
	await page.getByLabel('Papel').selectOption('facilitator');
	await page.getByLabel('Nombre completo').fill(ADMIN.name);
	await page.getByLabel('Correo electrónico').fill(ADMIN.email);
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: `Invitar a ${ADMIN.email}` }).click();
	await expect(page.getByRole('status')).toContainText('ya tenía cuenta');
	await screenshots(page, 'integrantes');
});

test('an invited member finds their name written and lands on their body', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slug}/integrantes`);
	await page.getByRole('button', { name: `Invitar a ${ELENA.email}` }).click();
	await expect(page.getByRole('status')).toHaveText(`Invitación enviada a ${ELENA.email}.`);
	const link = await linkMailedTo(ELENA.email, '/invitacion/');
	// The outbox shows when each mail went, in the bodies' time zone, named on the page.
	await page.goto('/admin/outbox');
	await expect(page.getByText('Horas en Centro (Ciudad de México).')).toBeVisible();
	await expect(page.getByText(/\d{1,2} \w{3,4}\.? \d{4}, \d{2}:\d{2}/).first()).toBeVisible();
	await screenshots(page, 'outbox');

	const context = await browser.newContext({ locale: 'es-MX' });
	const phone = await context.newPage();
	await phone.goto(link);
	await hydrated(phone);
	await expect(phone.getByText(`${BODY} te invitó con el correo ${ELENA.email}.`)).toBeVisible();
	await expect(phone.getByLabel('Nombre completo')).toHaveValue(ELENA.name);
	await screenshots(phone, 'invitacion');
	await phone.getByLabel('Contraseña', { exact: true }).fill(ELENA.password);
	await phone.getByLabel('Confirma la contraseña').fill(ELENA.password);
	await phone.getByRole('button', { name: 'Crear mi cuenta' }).click();
	await expect(phone).toHaveURL(new RegExp(`/secretariados/${slug}$`));
	await expect(phone.getByRole('region', { name: 'Tu lugar' })).toContainText(
		'Titular del asiento Poder Ejecutivo'
	);
	await context.close();
});

test('a meeting too soon for its notice is warned about when it is created, and may still be', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto(`/secretariados/${slug}/sesiones`);
	await hydrated(page);
	const warning = page.getByRole('alert').filter({ hasText: 'anticipación insuficiente' });
	// Far enough ahead: no warning.
	await page.getByLabel('Título').fill('Sesión ordinaria de enero');
	await page.getByLabel('Fecha').fill(addCalendarDays(today, 40));
	await expect(warning).toHaveCount(0);
	// Tomorrow: five business days are out of reach, said before anything is created.
	await page.getByLabel('Fecha').fill(addCalendarDays(today, 1));
	await expect(warning).toContainText('Con esta fecha ya no se puede convocar a tiempo');
	await expect(warning).toContainText('5 días hábiles de anticipación');
	await screenshots(page, 'sesiones-aviso');
	// An extraordinary meeting has a two-day period: a date a week ahead is fine for it.
	await page.getByLabel('Tipo de sesión').selectOption('extraordinary');
	await page.getByLabel('Fecha').fill(addCalendarDays(today, 8));
	await expect(warning).toHaveCount(0);
	await page.getByLabel('Tipo de sesión').selectOption('ordinary');
	await page.getByLabel('Fecha').fill(addCalendarDays(today, 1));
	await expect(warning).toBeVisible();
	await page.getByRole('button', { name: 'Crear sesión' }).click();
	await expect(page.getByRole('heading', { name: 'Sesión ordinaria de enero' })).toBeVisible();
	meetingPath = new URL(page.url()).pathname;

	// Without JavaScript the server answers the post with the warning and lets them go on.
	const context = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false });
	const plain = await context.newPage();
	await plain.goto('/entrar');
	await plain.getByLabel('Correo electrónico').fill(ADMIN.email);
	await plain.getByLabel('Contraseña').fill(ADMIN.password);
	await plain.getByRole('button', { name: 'Entrar' }).click();
	await expect(plain.getByRole('button', { name: 'Salir' })).toBeVisible();
	await plain.goto(`/secretariados/${slug}/sesiones`);
	await plain.getByLabel('Título').fill('Sesión sin aviso suficiente');
	await plain.getByLabel('Fecha').fill(addCalendarDays(today, 2));
	await plain.getByRole('button', { name: 'Crear sesión' }).click();
	await expect(plain.getByRole('alert')).toContainText('la convocatoria tendría que emitirse');
	await expect(plain.getByLabel('Título')).toHaveValue('Sesión sin aviso suficiente');
	// Creating it again without the acknowledgment still warns; with it, it is created.
	await plain.getByRole('button', { name: 'Crear sesión' }).click();
	await expect(plain.getByRole('alert')).toContainText('la convocatoria tendría que emitirse');
	await plain.getByRole('button', { name: 'Crear la sesión de todos modos' }).click();
	await expect(plain.getByRole('heading', { name: 'Sesión sin aviso suficiente' })).toBeVisible();
	await context.close();

	// A meeting for later, to show on the home page with its date.
	await page.goto(`/secretariados/${slug}/sesiones`);
	await page.getByLabel('Título').fill('Sesión ordinaria de febrero');
	await page.getByLabel('Fecha').fill(addCalendarDays(today, 60));
	await page.getByLabel('Hora').fill('17:30');
	await page.getByRole('button', { name: 'Crear sesión' }).click();
	await expect(page.getByRole('heading', { name: 'Sesión ordinaria de febrero' })).toBeVisible();
});

test('a member reaches the meeting under way in one tap from home, and sees the next ones with their dates', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto(meetingPath);
	await page.getByRole('button', { name: 'Abrir la sesión' }).click();
	await expect(page.getByRole('button', { name: 'Abrir la sesión' })).toHaveCount(0);

	const context = await browser.newContext({ locale: 'es-MX' });
	const phone = await context.newPage();
	await signIn(phone, ELENA.email, ELENA.password);
	await phone.goto('/');
	const underWay = phone.getByRole('region', { name: 'En curso ahora' });
	await expect(underWay).toContainText('Sesión ordinaria de enero');
	const next = phone.getByRole('region', { name: 'Próximas sesiones' });
	await expect(next).toContainText('Sesión ordinaria de febrero');
	// The date in the body's time zone, on the 24-hour clock.
	await expect(next.getByRole('link', { name: /Sesión ordinaria de febrero/ })).toContainText(
		'17:30'
	);
	await expect(next).not.toContainText('Sesión ordinaria de enero');
	const bodies = phone.getByRole('region', { name: 'Tus secretariados' });
	await expect(bodies).toContainText(BODY);
	await expect(bodies).toContainText('Titular');
	await screenshots(phone, 'home-member');
	await phone.setViewportSize({ width: 412, height: 915 });
	const join = underWay.getByRole('link', {
		name: `Entrar a la sesión «Sesión ordinaria de enero» de ${BODY}`
	});
	// On the phone's first screen, without scrolling.
	const box = await join.boundingBox();
	expect(box && box.y + box.height).toBeLessThanOrEqual(915);
	await join.click();
	await expect(phone).toHaveURL(new RegExp(`${meetingPath}$`));
	await context.close();
});
