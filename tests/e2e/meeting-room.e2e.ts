/**
 * The live room end to end: a titular checks in from a phone and the facilitator checks the
 * others in from the console; the projector, open in another browser, follows every committed
 * change — quorum and current agenda item — without reloading.
 */
import { expect, test } from '@playwright/test';
import { ADMIN, acceptInvitation, createMeeting, signInAsAdmin, tryRoom } from './session';

test.describe.configure({ mode: 'serial' });

let slug = '';
let meetingPath = '';

const INVITED_PASSWORD = 'contraseña de la sala';
test('a body is set up with three seats and the admin as facilitator', async ({ page }) => {
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL Sala E2E');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	slug = new URL(page.url()).pathname.split('/').pop()!;
	const titulares = [
		['Poder Ejecutivo', 'Ana Sala', 'ana@sala.test'],
		['Organismo garante', 'Gerardo Sala', 'gerardo@sala.test'],
		['Sociedad civil', 'Carmen Sala', 'carmen@sala.test']
	];
	for (const [seat, name, email] of titulares) {
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
	await page.getByRole('button', { name: 'Invitar a ana@sala.test' }).click();
	await expect(page.getByRole('status')).toHaveText('Invitación enviada a ana@sala.test.');
});

test('check-ins from a phone and from the console move the projector live', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	meetingPath = await createMeeting(page, slug, 'Primera sesión ordinaria', '2026-12-03');

	const projectorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const projector = await projectorContext.newPage();
	await signInAsAdmin(projector);
	await projector.goto(`${meetingPath}/proyector`);
	await expect(projector.getByTestId('quorum-count')).toHaveText(
		'0 de 3 asientos presentes; se necesitan 3.'
	);
	await expect(projector.getByTestId('quorum-status')).toHaveText('No hay quórum');
	await expect(
		projector.getByRole('img', { name: 'Código QR para abrir la sesión en tu teléfono' })
	).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);

	const phone = await acceptInvitation(browser, 'ana@sala.test', 'Ana Sala', INVITED_PASSWORD);
	await phone.goto(meetingPath);
	const meetingId = meetingPath.split('/').pop()!;
	// The WebSocket server asks the same matrix: Ana's body's minutes open, a made-up room does not.
	expect(await tryRoom(phone, `${slug}:minutes-${meetingId}`)).toBe('open');
	expect(await tryRoom(phone, `${slug}:otra-cosa`)).toBe('closed 1006');
	await expect(phone.getByText('En vivo: los cambios aparecen al instante.')).toBeVisible();
	await phone.getByRole('button', { name: 'Registrar asistencia en la sala' }).click();
	await expect(phone.getByText('Registraste tu asistencia en la sala.')).toBeVisible();
	await expect(projector.getByTestId('quorum-count')).toHaveText(
		'1 de 3 asientos presentes; se necesitan 3.'
	);

	await page.getByRole('button', { name: 'Registrar la asistencia de Gerardo Sala' }).click();
	await expect(projector.getByTestId('quorum-count')).toHaveText(
		'2 de 3 asientos presentes; se necesitan 3.'
	);
	await page.getByRole('button', { name: 'Registrar la asistencia de Carmen Sala' }).click();
	await expect(projector.getByTestId('quorum-status')).toHaveText('Hay quórum');
	await expect(phone.getByTestId('quorum-status')).toHaveText('Hay quórum');

	await page.getByRole('button', { name: 'Abrir la sesión' }).click();
	await page.getByRole('button', { name: 'Siguiente punto' }).click();
	await expect(projector.locator('li[aria-current="step"]')).toHaveText(/^II\. /);

	// Ana asks for the floor from her phone; the facilitator gives it; the projector follows.
	await phone.getByRole('button', { name: 'Pedir la palabra' }).click();
	await expect(projector.getByTestId('speaker-queue')).toHaveText('Ana Sala');
	await page.getByRole('button', { name: 'Dar la palabra a Ana Sala' }).click();
	await expect(projector.getByTestId('speaker-current')).toContainText(
		'Tiene la palabra: Ana Sala'
	);
	// The facilitator ends the turn and goes straight on writing the minutes; the answer arrives
	// while they type (held back here), and must not take their focus away mid-sentence.
	await page.route(
		(url) => url.search.includes('/finishFloor'),
		async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 800));
			await route.continue();
		}
	);
	await page.getByRole('button', { name: 'Terminar la intervención' }).click();

	// Two people write in the same section of the minutes at once: both keep their text.
	const consoleEditor = page.getByRole('textbox', { name: /^Acta: / });
	const phoneEditor = phone.getByRole('textbox', { name: /^Acta: / });
	await consoleEditor.click();
	await page.keyboard.type('Se verifica el quórum. ', { delay: 60 });
	await expect(projector.getByText('Nadie tiene la palabra.')).toBeVisible();
	await phoneEditor.click();
	await phone.keyboard.type('Ana pide la palabra. ');
	for (const editor of [consoleEditor, phoneEditor]) {
		await expect(editor).toContainText('Se verifica el quórum.');
		await expect(editor).toContainText('Ana pide la palabra.');
	}
	await expect(page.getByTestId('minutes-saved')).toHaveText('Guardado');
	await expect(phone.getByTestId('minutes-saved')).toHaveText('Guardado');

	// A motion: Ana objects from her phone, which opens the vote; her ballot reaches the projector.
	await page.getByLabel('Propuesta de acuerdo').fill('Publicar el calendario de sesiones');
	await page.getByRole('button', { name: 'Plantear propuesta' }).click();
	await expect(projector.getByTestId('motion-text')).toHaveText(
		'Publicar el calendario de sesiones'
	);
	await phone.getByRole('button', { name: 'Objetar' }).click();
	await expect(projector.getByTestId('motion-status')).toHaveText(
		'En votación: un voto por asiento.'
	);
	await phone.getByRole('button', { name: 'A favor' }).click();
	await expect(projector.getByTestId('tally-for')).toHaveText('1');
	await expect(phone.getByText('Tu asiento ya votó.')).toBeVisible();
	await page.getByRole('button', { name: 'Cerrar y registrar' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Registrar la decisión' }).click();
	await expect(projector.getByTestId('decisions')).toContainText('Acuerdo 1.');
	await expect(projector.getByTestId('decisions')).toContainText('aprobado por mayoría');

	// Ana leaves: the quorum is lost on every screen.
	await phone.getByRole('button', { name: 'Retirarse' }).click();
	await expect(projector.getByTestId('quorum-status')).toHaveText('No hay quórum');
	await projectorContext.close();
	await phone.context().close();
});

test('nobody outside the body follows its meeting or checks anyone in', async ({
	page,
	browser
}) => {
	await signInAsAdmin(page);
	await page.goto('/admin/invitaciones');
	await page.getByLabel('Correo electrónico').fill('fuera@sala.test');
	await page.getByRole('button', { name: 'Enviar invitación' }).click();
	const outsider = await acceptInvitation(
		browser,
		'fuera@sala.test',
		'Persona de fuera',
		INVITED_PASSWORD
	);
	expect((await outsider.goto(meetingPath))?.status()).toBe(403);
	expect((await outsider.goto(`${meetingPath}/proyector`))?.status()).toBe(403);
	const meetingId = meetingPath.split('/').pop()!;
	expect(await tryRoom(outsider, `${slug}:minutes-${meetingId}`)).toBe('closed 1006');
	expect(await tryRoom(outsider, `${slug}:meeting-${meetingId}:live`)).toBe('closed 1006');
	const forged = await outsider.request.post(`${meetingPath}?/checkIn`, {
		form: { memberId: '00000000-0000-4000-8000-000000000000' },
		headers: { origin: new URL(outsider.url()).origin }
	});
	expect(forged.status()).toBe(403);
	await outsider.context().close();
});
