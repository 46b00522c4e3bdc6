/**
 * A whole live session of the demo's Zacatecas body, with every screen open at once: the
 * facilitator's console, the projector, four titulares, a substitute attending remotely for her
 * absent titular, and a companion. Then the server is killed (SIGKILL) and started again on the
 * same data: nothing committed is lost, and every screen reconnects and carries on by itself.
 *
 * This test runs its own app process (the built app with `--demo`), so that it can kill it.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signInDemoPerson } from './demo-people';
import { startApp, type AppProcess } from '../support/app-process';

const LIVE = 'En vivo: los cambios aparecen al instante.';

let app: AppProcess;
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
	for (const context of contexts) await context.close();
	await app?.stop('SIGTERM');
});

function phoneOf(browser: Browser, user: string): Promise<Page> {
	return signInDemoPerson(browser, app.url, user, contexts);
}

/** A form post as a hostile client would send it: the person's own cookie, any fields. */
async function forge(page: Page, url: string, action: string, form: Record<string, string>) {
	const response = await page.request.post(`${url}?/${action}`, {
		form,
		headers: { origin: app.url, accept: 'text/html' },
		maxRedirects: 0
	});
	const body = await response.text();
	return { status: response.status(), body };
}

test('a live session: remote substitute, companion without vote, kill -9 mid-session', async ({
	browser
}) => {
	test.setTimeout(240_000);
	app = await startApp({}, ['--demo']);
	const facilitator = await phoneOf(browser, 'facilitacion');
	await facilitator.goto('/secretariados/stl-zacatecas/sesiones');
	await facilitator.getByRole('link', { name: /Sesión ordinaria \(demostración\)/ }).click();
	await expect(
		facilitator.getByRole('heading', { name: 'Sesión ordinaria (demostración)' })
	).toBeVisible();
	const meetingUrl = facilitator.url();
	const projector = await phoneOf(browser, 'admin');
	await projector.goto(`${meetingUrl}/proyector`);

	const open = async (user: string) => {
		const page = await phoneOf(browser, user);
		await page.goto(meetingUrl);
		await expect(page.getByText(LIVE)).toBeVisible();
		return page;
	};
	// Four titulares: three already in the room (the demo checked them in), and Sofía, who is late.
	const executive = await open('zac.ejecutivo');
	const legislative = await open('zac.legislativo');
	const judicial = await open('zac.judicial');
	const sofia = await open('zac.sociedad.civil');
	// Ana Karen is Sofía's substitute; she follows from home.
	const substitute = await open('sociedad.civil');
	const companion = await open('zac.acompanante');

	const quorum = projector.getByTestId('quorum-count');
	await expect(quorum).toHaveText('4 de 7 asientos presentes; se necesitan 4.');
	await substitute.getByRole('button', { name: 'Registrar asistencia a distancia' }).click();
	await expect(substitute.getByText('Registraste tu asistencia a distancia.')).toBeVisible();
	await expect(quorum).toHaveText('5 de 7 asientos presentes; se necesitan 4.');
	const companionId = await companion.locator('input[name="memberId"]').first().inputValue();
	await companion.getByRole('button', { name: 'Registrar asistencia en la sala' }).click();
	// A companion has voice, no vote: no seat is counted for her.
	await expect(projector.getByText('Presentes: 6')).toBeVisible();
	await expect(quorum).toHaveText('5 de 7 asientos presentes; se necesitan 4.');

	// First motion: a vote in which the substitute casts her seat's ballot.
	await facilitator.getByLabel('Propuesta de acuerdo').fill('Aprobar el orden del día');
	await facilitator.getByRole('button', { name: 'Plantear propuesta' }).click();
	await facilitator.getByRole('button', { name: 'Abrir votación' }).click();
	await expect(projector.getByTestId('motion-status')).toHaveText(
		'En votación: un voto por asiento.'
	);
	await expect(substitute.getByRole('button', { name: 'A favor' })).toBeVisible();
	await expect(companion.getByRole('button', { name: 'A favor' })).toHaveCount(0);
	// The companion forges a ballot, in her own name and in the substitute's: both refused.
	const substituteId = await substitute.locator('input[name="memberId"]').first().inputValue();
	for (const memberId of [companionId, substituteId]) {
		const forged = await forge(companion, meetingUrl, 'ballot', { memberId, choice: 'against' });
		expect(forged.status, forged.body).toBeGreaterThanOrEqual(400);
	}
	await substitute.getByRole('button', { name: 'A favor' }).click();
	await executive.getByRole('button', { name: 'A favor' }).click();
	await legislative.getByRole('button', { name: 'En contra' }).click();
	await judicial.getByRole('button', { name: 'Abstención' }).click();
	await expect(projector.getByTestId('tally-for')).toHaveText('2');
	await expect(projector.getByTestId('tally-against')).toHaveText('1');
	await expect(projector.getByTestId('tally-abstain')).toHaveText('1');
	// Sofía arrives: her seat has voted through her substitute, and that ballot stands.
	await sofia.getByRole('button', { name: 'Registrar asistencia en la sala' }).click();
	await expect(quorum).toHaveText('5 de 7 asientos presentes; se necesitan 4.');
	await expect(sofia.getByText('Tu asiento ya votó.')).toBeVisible();
	await facilitator.getByRole('button', { name: 'Cerrar y registrar' }).click();
	await facilitator
		.getByRole('dialog')
		.getByRole('button', { name: 'Registrar la decisión' })
		.click();
	await expect(projector.getByTestId('decisions')).toContainText('Aprobar el orden del día');

	// Second motion: with Sofía present, the vote is hers, not her substitute's.
	await facilitator.getByLabel('Propuesta de acuerdo').fill('Publicar las actas en el sitio');
	await facilitator.getByRole('button', { name: 'Plantear propuesta' }).click();
	await facilitator.getByRole('button', { name: 'Abrir votación' }).click();
	await expect(sofia.getByRole('button', { name: 'A favor' })).toBeVisible();
	await expect(substitute.getByRole('button', { name: 'A favor' })).toHaveCount(0);
	const late = await forge(substitute, meetingUrl, 'ballot', {
		memberId: substituteId,
		choice: 'against'
	});
	expect(late.status, late.body).toBeGreaterThanOrEqual(400);
	await sofia.getByRole('button', { name: 'A favor' }).click();
	await expect(projector.getByTestId('tally-for')).toHaveText('1');
	await expect(projector.getByTestId('tally-against')).toHaveText('0');

	// The facilitator writes in the minutes until the server says it is saved.
	const editor = facilitator.getByRole('textbox', { name: /^Acta: / });
	await editor.click();
	await facilitator.keyboard.type('Se presenta la propuesta de publicar las actas. ');
	await expect(facilitator.getByTestId('minutes-saved')).toHaveText('Guardado');

	// kill -9, and the same server started again on the same data and port.
	const { dataDir, port } = app;
	await app.stop('SIGKILL', { keepData: true });
	await expect(facilitator.getByText('Conectando con la sala…')).toBeVisible();
	app = await startApp({}, [], { dataDir, port });

	// Every screen reconnects by itself; a page loaded afresh shows what was committed.
	for (const page of [facilitator, executive, sofia, substitute]) {
		await expect(page.getByText(LIVE)).toBeVisible({ timeout: 20_000 });
	}
	await legislative.reload();
	await expect(legislative.getByRole('textbox', { name: /^Acta: / })).toContainText(
		'Se presenta la propuesta de publicar las actas.'
	);
	await expect(legislative.getByTestId('tally-for')).toHaveText('1');
	// The session carries on: a ballot cast after the restart reaches the projector live.
	await executive.getByRole('button', { name: 'A favor' }).click();
	await expect(executive.getByText('Tu asiento ya votó.')).toBeVisible();
	await expect(projector.getByTestId('tally-for')).toHaveText('2', { timeout: 20_000 });
	await expect(quorum).toHaveText('5 de 7 asientos presentes; se necesitan 4.');
	await facilitator.getByRole('button', { name: 'Cerrar y registrar' }).click();
	await facilitator
		.getByRole('dialog')
		.getByRole('button', { name: 'Registrar la decisión' })
		.click();
	await expect(projector.getByTestId('decisions')).toContainText('Publicar las actas en el sitio');
});
