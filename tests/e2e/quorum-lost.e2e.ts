/**
 * No quorum, no decision (Z art. 7.1, I III.2, T III.2), in the demo's Zacatecas meeting with its
 * four titulares present (quorum: four of seven): a vote under way when a titular leaves is
 * suspended on the projector and on every phone — in words, with no ballot buttons — and refused
 * to a forged ballot or close; when quorum returns it resumes with the ballot already cast. A
 * second vote that loses quorum is withdrawn by the facilitator and recorded as withdrawn, never
 * as an agreement; the minutes' quorum log shows the suspension and the resumption. Screenshots
 * of the suspended vote at each device's size are kept in test-results/.
 *
 * Runs its own app process (the built app with `--demo`).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signInDemoPerson } from './demo-people';
import { PDFParse } from 'pdf-parse';
import { startApp, type AppProcess } from '../support/app-process';

const SUSPENDED = /Votación suspendida: no hay quórum/;

let app: AppProcess;
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
	for (const context of contexts) await context.close();
	await app?.stop('SIGTERM');
});

function signedIn(
	browser: Browser,
	user: string,
	viewport: { width: number; height: number }
): Promise<Page> {
	return signInDemoPerson(browser, app.url, user, contexts, { viewport, locale: 'es-MX' });
}

/** A form post as a hostile client would send it: the person's own cookie, any fields. */
async function forge(page: Page, url: string, action: string, form: Record<string, string>) {
	const response = await page.request.post(`${url}?/${action}`, {
		form,
		headers: { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	return { status: response.status(), body: await response.text() };
}

test('a vote that loses quorum is suspended everywhere, resumes, or is withdrawn', async ({
	browser
}) => {
	test.setTimeout(240_000);
	app = await startApp({}, ['--demo']);
	const phone = { width: 412, height: 915 };
	const facilitator = await signedIn(browser, 'facilitacion', { width: 1366, height: 768 });
	await facilitator.goto('/secretariados/stl-zacatecas/sesiones');
	await facilitator.getByRole('link', { name: /Sesión ordinaria \(demostración\)/ }).click();
	await expect(
		facilitator.getByRole('heading', { name: 'Sesión ordinaria (demostración)' })
	).toBeVisible();
	const meetingUrl = facilitator.url();
	const projector = await signedIn(browser, 'admin', { width: 1920, height: 1080 });
	await projector.goto(`${meetingUrl}/proyector`);
	const executive = await signedIn(browser, 'zac.ejecutivo', phone);
	const legislative = await signedIn(browser, 'zac.legislativo', phone);
	for (const page of [executive, legislative]) await page.goto(meetingUrl);
	const quorum = projector.getByTestId('quorum-count');
	await expect(quorum).toHaveText('4 de 7 asientos presentes; se necesitan 4.');

	await facilitator.getByLabel('Propuesta de acuerdo').fill('Aprobar el calendario de sesiones');
	await facilitator.getByRole('button', { name: 'Plantear propuesta' }).click();
	await facilitator.getByRole('button', { name: 'Abrir votación' }).click();
	await executive.getByRole('button', { name: 'A favor' }).click();
	await expect(projector.getByTestId('tally-for')).toHaveText('1');

	// The academia titular leaves the room: three seats of seven, no quorum, the vote is suspended.
	const leave = facilitator.getByRole('button', {
		name: 'Registrar el retiro de Dr. Raúl Esparza Quiroz'
	});
	const arrive = facilitator.getByRole('button', {
		name: 'Registrar la asistencia de Dr. Raúl Esparza Quiroz'
	});
	await leave.click();
	await expect(quorum).toHaveText('3 de 7 asientos presentes; se necesitan 4.');
	for (const page of [projector, legislative, executive])
		await expect(page.getByTestId('motion-status')).toHaveText(SUSPENDED);
	await expect(legislative.getByRole('button', { name: 'A favor' })).toHaveCount(0);
	await expect(legislative.getByRole('button', { name: 'En contra' })).toHaveCount(0);
	await expect(facilitator.getByRole('button', { name: 'Cerrar y registrar' })).toHaveCount(0);
	await facilitator.screenshot({ path: 'test-results/quorum-lost-console.png' });
	await projector.screenshot({ path: 'test-results/quorum-lost-projector.png' });
	await legislative.screenshot({ path: 'test-results/quorum-lost-phone.png' });
	// Hostile posts: a ballot and the close, both refused in words while quorum is lost.
	const memberId = await legislative.locator('input[name="memberId"]').first().inputValue();
	const ballot = await forge(legislative, meetingUrl, 'ballot', { memberId, choice: 'against' });
	expect(ballot.body).toContain('La votación está suspendida porque no hay quórum');
	const close = await forge(facilitator, meetingUrl, 'closeMotion', {});
	expect(close.body).toContain('La votación está suspendida porque no hay quórum');
	await expect(projector.getByTestId('tally-against')).toHaveText('0');

	// She comes back: the vote resumes with the ballot already cast.
	await arrive.click();
	await expect(quorum).toHaveText('4 de 7 asientos presentes; se necesitan 4.');
	await expect(projector.getByTestId('motion-status')).toHaveText(
		'En votación: un voto por asiento.'
	);
	await legislative.getByRole('button', { name: 'En contra' }).click();
	await expect(projector.getByTestId('tally-for')).toHaveText('1');
	await expect(projector.getByTestId('tally-against')).toHaveText('1');
	await facilitator.getByRole('button', { name: 'Cerrar y registrar' }).click();
	await facilitator
		.getByRole('dialog')
		.getByRole('button', { name: 'Registrar la decisión' })
		.click();
	await expect(projector.getByTestId('decisions')).toContainText(
		'Aprobar el calendario de sesiones'
	);

	// A second vote loses quorum and is withdrawn: recorded as withdrawn, with no agreement number.
	await facilitator.getByLabel('Propuesta de acuerdo').fill('Publicar el informe trimestral');
	await facilitator.getByRole('button', { name: 'Plantear propuesta' }).click();
	await facilitator.getByRole('button', { name: 'Abrir votación' }).click();
	await executive.getByRole('button', { name: 'A favor' }).click();
	await leave.click();
	await expect(projector.getByTestId('motion-status')).toHaveText(SUSPENDED);
	await facilitator
		.getByRole('button', { name: 'Retirar la propuesta por falta de quórum' })
		.click();
	// Withdrawing cannot be undone: the console asks first, saying so.
	const withdraw = facilitator.getByRole('dialog', { name: '¿Retirar la propuesta?' });
	await expect(withdraw).toContainText('no será un acuerdo');
	await expect(withdraw).toContainText('Esto no se puede deshacer.');
	await withdraw.getByRole('button', { name: 'Retirar la propuesta' }).click();
	const decisions = projector.getByTestId('decisions');
	await expect(decisions).toContainText(
		'Publicar el informe trimestral — retirada por falta de quórum'
	);
	await expect(decisions.getByText(/Acuerdo .*Publicar el informe trimestral/)).toHaveCount(0);
	await expect(legislative.getByTestId('decisions')).toContainText('retirada por falta de quórum');

	// The minutes record the suspension and the resumption in the quorum log.
	await arrive.click();
	await expect(quorum).toHaveText('4 de 7 asientos presentes; se necesitan 4.');
	// Closing cannot be undone: the console asks first, saying what it will do.
	await facilitator.getByRole('button', { name: 'Cerrar la sesión…' }).click();
	await facilitator
		.getByRole('dialog')
		.getByRole('button', { name: 'Cerrar la sesión y congelar el acta' })
		.click();
	await expect(facilitator).toHaveURL(/\/acta$/);
	const response = await facilitator.request.get(`${meetingUrl}/acta/1/pdf`);
	expect(response.status()).toBe(200);
	const parser = new PDFParse({ data: new Uint8Array(await response.body()) });
	const text = (await parser.getText()).text.replace(/\s+/g, ' ');
	await parser.destroy();
	expect(text).toContain(
		'En ese momento se suspendió la votación de «Aprobar el calendario de sesiones»'
	);
	expect(text).toContain(
		'Se reanudó la votación de «Aprobar el calendario de sesiones» con los votos ya emitidos.'
	);
	expect(text).toContain('Publicar el informe trimestral');
	expect(text).toContain('retirada por falta de quórum');
});
