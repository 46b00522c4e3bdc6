/**
 * Convening through the UI: a convocatoria giving 3 business days of notice is refused with the
 * latest date that complied; moved to 5 it is issued, and every titular gets a mail with a valid
 * .ics (read with ical.js). A companion of the body and another body's admin get 403 when they try.
 */
import ICAL from 'ical.js';
import { expect, test } from '@playwright/test';
import { mailsTo } from './mail';
import { ADMIN, acceptInvitation, createMeeting, signInAsAdmin } from './session';
import type { ReceivedMail } from '../support/smtp-sink';
import {
	computeEarliestMeetingDay,
	computeLatestNoticeIssue,
	copyPresetRules,
	startOfLocalDay
} from '../../src/lib/rules';

test.describe.configure({ mode: 'serial' });

const TZ = 'America/Mexico_City';
const rules = copyPresetRules('inai-stl');
// Meeting days, at 10:00 local, that leave exactly 3 and 5 business days after today.
const threeDaysDay = computeEarliestMeetingDay(
	{ ...rules, notice: { ...rules.notice, ordinaryBusinessDays: 3 } },
	'ordinary',
	new Date()
).earliestMeetingDay;
const fiveDaysDay = computeEarliestMeetingDay(rules, 'ordinary', new Date()).earliestMeetingDay;
const at10 = (day: string) => new Date(startOfLocalDay(day, TZ).getTime() + 10 * 3_600_000);

let slug = '';
let convocationPath = '';
const titulares = [
	['Poder Ejecutivo', 'Elena Convoca', 'elena@convoca.test'],
	['Organismo garante', 'Gabriel Convoca', 'gabriel@convoca.test'],
	['Sociedad civil', 'Sofía Convoca', 'sofia@convoca.test']
] as const;

const INVITED_PASSWORD = 'contraseña de convocatoria';
test('a body with three titulares and a companion', async ({ page }) => {
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Convoca E2E');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	slug = new URL(page.url()).pathname.split('/').pop()!;
	for (const [seat, name, email] of titulares) {
		await page.goto(`/secretariados/${slug}/integrantes`);
		await page.getByRole('link', { name: `Editar el asiento ${seat}` }).click();
		const titular = page.getByRole('group', { name: 'Titular' });
		await titular.getByLabel('Nombre completo').fill(name);
		await titular.getByLabel('Correo electrónico').fill(email);
		await page.getByRole('button', { name: 'Guardar asiento' }).click();
		await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes$`));
	}
	await page.getByLabel('Papel').selectOption('companion');
	await page.getByLabel('Nombre completo').fill('Carlos Acompañante');
	await page.getByLabel('Correo electrónico').fill('carlos@convoca.test');
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: 'Invitar a carlos@convoca.test' }).click();
	await expect(page.getByRole('status')).toHaveText('Invitación enviada a carlos@convoca.test.');
});

test('3 business days of notice is refused with the date it needed; 5 is issued with a valid .ics', async ({
	page
}) => {
	await signInAsAdmin(page);
	const meetingPath = await createMeeting(page, slug, 'Sesión ordinaria convocada', threeDaysDay);
	const meetingId = meetingPath.split('/').pop()!;
	// The follow-up item lists the open agreements of earlier meetings: none yet.
	await expect(page.getByRole('region', { name: /seguimiento de acuerdos/ })).toContainText(
		'No hay acuerdos abiertos de sesiones anteriores.'
	);
	await page.getByRole('link', { name: 'Convocatoria' }).click();
	convocationPath = `/secretariados/${slug}/sesiones/${meetingId}/convocatoria`;
	await expect(page).toHaveURL(new RegExp(`${convocationPath}$`));

	await page.getByRole('button', { name: 'Emitir convocatoria' }).click();
	const latest = computeLatestNoticeIssue(rules, 'ordinary', at10(threeDaysDay)).latestIssue;
	const latestDay = new Intl.DateTimeFormat('es-MX', { dateStyle: 'full', timeZone: TZ }).format(
		latest
	);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('da 3 días hábiles de anticipación y las reglas piden 5');
	await expect(alert).toContainText(`debió emitirse a más tardar el ${latestDay}`);
	await expect(page.getByTestId('convocation-status')).toContainText('Borrador');

	await page.getByLabel('Fecha').fill(fiveDaysDay);
	await page.getByLabel('Enlace para asistir en línea').fill('https://reunion.example.mx/stl');
	await page.getByRole('button', { name: 'Guardar convocatoria' }).click();
	await expect(page.getByRole('status')).toHaveText('Convocatoria guardada.');
	await page.getByRole('button', { name: 'Emitir convocatoria' }).click();
	await expect(page.getByRole('status')).toHaveText('Convocatoria emitida y enviada.');
	await expect(page.getByTestId('convocation-status')).toContainText('Emitida');
	await expect(page.getByTestId('delivery-log').getByRole('listitem')).toHaveCount(3);

	await page.goto(`/secretariados/${slug}/sesiones`);
	await expect(page.getByRole('link', { name: /Sesión ordinaria convocada/ })).toContainText(
		'convocada'
	);
	await page.getByRole('link', { name: 'Acuerdos' }).click();
	await expect(page.getByRole('heading', { name: 'Acuerdos' })).toBeVisible();
	await expect(page.getByText('No hay acuerdos con estos filtros.')).toBeVisible();
	await page.getByLabel('Estado').selectOption('overdue');
	await page.getByRole('button', { name: 'Filtrar' }).click();
	await expect(page).toHaveURL(/estado=overdue/);

	const start = at10(fiveDaysDay);
	for (const [, , email] of titulares) {
		let mail: ReceivedMail | undefined;
		await expect
			.poll(async () => {
				mail = (await mailsTo(email)).find((m) => m.subject.startsWith('Convocatoria:'));
				return Boolean(mail);
			})
			.toBe(true);
		expect(mail!.text).toContain('https://reunion.example.mx/stl');
		const ics = mail!.attachments.find((a) => a.mimeType === 'text/calendar');
		const calendar = new ICAL.Component(ICAL.parse(ics!.content));
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
		expect(event.uid).toBe(`${meetingId}@mesa-abierta`);
		expect(event.startDate.toJSDate().toISOString()).toBe(start.toISOString());
		expect(event.organizer).toBe(`mailto:${ADMIN.email}`);
		expect(event.attendees.map((a) => String(a.getFirstValue())).sort()).toEqual(
			titulares.map(([, , address]) => `mailto:${address}`).sort()
		);
	}
});

test('a companion and another body’s admin get 403 issuing the convocatoria', async ({
	page,
	browser
}) => {
	const companion = await acceptInvitation(
		browser,
		'carlos@convoca.test',
		'Carlos Acompañante',
		INVITED_PASSWORD
	);
	const origin = new URL(companion.url()).origin;
	// A companion reads the convocatoria but may not issue, cancel nor invite.
	expect((await companion.goto(convocationPath))?.status()).toBe(200);
	for (const action of ['issue', 'save', 'cancel', 'invite']) {
		const forged = await companion.request.post(`${convocationPath}?/${action}`, {
			form: { name: 'X', email: 'x@convoca.test' },
			headers: { origin }
		});
		expect(forged.status(), action).toBe(403);
	}

	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Otra E2E');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	const other = new URL(page.url()).pathname.split('/').pop()!;
	await page.goto(`/secretariados/${other}/integrantes`);
	await page.getByLabel('Papel').selectOption('secretariat-admin');
	await page.getByLabel('Nombre completo').fill('Olga Admin Otra');
	await page.getByLabel('Correo electrónico').fill('olga@otra.test');
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: 'Invitar a olga@otra.test' }).click();
	const stranger = await acceptInvitation(
		browser,
		'olga@otra.test',
		'Olga Admin Otra',
		INVITED_PASSWORD
	);
	expect((await stranger.goto(convocationPath))?.status()).toBe(403);
	expect((await stranger.goto(`/secretariados/${slug}/acuerdos`))?.status()).toBe(403);
	const forged = await stranger.request.post(`${convocationPath}?/issue`, {
		form: {},
		headers: { origin }
	});
	expect(forged.status()).toBe(403);
});
