/**
 * Removing a member end to end (Z art. 5, I I.3, T I.3), in the demo's Zacatecas body: one titular
 * proposes, with the reason, that the academia seat's titular be removed; a second seat supports
 * it and it goes onto the agenda of the next meeting; there the facilitator puts it to a vote of
 * all the seats, four of seven vote for (a majority of ALL seats), and the designation ends: the
 * seat shows its titular's place vacant, the register and the minutes keep the outcome with its
 * counts, and the instance's admin is mailed. People without a seat cannot propose or support.
 *
 * Runs its own app process (the built app with `--demo`).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signInDemoPerson } from './demo-people';
import { startApp, type AppProcess } from '../support/app-process';

const BODY = '/secretariados/stl-zacatecas';
const TARGET = 'Dr. Raúl Esparza Quiroz';

let app: AppProcess;
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
	for (const context of contexts) await context.close();
	await app?.stop('SIGTERM');
});

function signedIn(browser: Browser, user: string): Promise<Page> {
	return signInDemoPerson(browser, app.url, user, contexts, {
		viewport: { width: 412, height: 915 },
		locale: 'es-MX'
	});
}

test('a removal proposed by two seats is voted by all seats at the next meeting and frees the seat', async ({
	browser
}) => {
	test.setTimeout(240_000);
	app = await startApp({}, ['--demo']);
	const executive = await signedIn(browser, 'zac.ejecutivo');
	await executive.goto(`${BODY}/remociones`);
	await executive.getByLabel('Integrante').selectOption({ label: `${TARGET} — Titular, Academia` });
	await executive
		.getByLabel('Motivo (actos u omisiones reiterados)')
		.fill('No asistió a seis sesiones seguidas ni envió a su suplente.');
	await executive.getByRole('button', { name: 'Presentar la propuesta' }).click();
	await expect(executive.getByText('Propuesta registrada.')).toBeVisible();
	await expect(executive.getByTestId('removal-status')).toHaveText('Reúne apoyos');
	await expect(executive.getByText('Apoyos: 1 de 2 asientos')).toBeVisible();

	// Hostile: the companion (no seat) forges a support; the facilitator cannot propose either.
	const companion = await signedIn(browser, 'zac.acompanante');
	// The proposer's own seat already supports it: no support button for him.
	await expect(executive.getByRole('button', { name: 'Apoyar esta propuesta' })).toHaveCount(0);
	const legislative = await signedIn(browser, 'zac.legislativo');
	await legislative.goto(`${BODY}/remociones`);
	const id = await legislative.locator('input[name="proposalId"]').inputValue();
	const forged = await companion.request.post(`${BODY}/remociones?/support`, {
		form: { proposalId: id, memberId: '00000000-0000-4000-8000-000000000000' },
		headers: { origin: app.url },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);

	await legislative.getByRole('button', { name: 'Apoyar esta propuesta' }).click();
	await expect(legislative.getByText('Apoyo registrado.')).toBeVisible();
	await expect(legislative.getByTestId('removal-status')).toHaveText('En la orden del día');
	await expect(
		legislative.getByText('Se decide en la sesión «Próxima sesión ordinaria (demostración)».')
	).toBeVisible();

	// The next meeting: the facilitator opens it, four titulares check in, the vote runs.
	const facilitator = await signedIn(browser, 'facilitacion');
	await facilitator.setViewportSize({ width: 1366, height: 768 });
	await facilitator.goto(`${BODY}/sesiones`);
	await facilitator
		.getByRole('link', { name: /Próxima sesión ordinaria \(demostración\)/ })
		.click();
	await expect(
		facilitator.getByRole('heading', { name: 'Próxima sesión ordinaria (demostración)' })
	).toBeVisible();
	const meetingUrl = facilitator.url();
	const voters = [executive, legislative];
	for (const user of ['zac.judicial', 'zac.municipio']) voters.push(await signedIn(browser, user));
	for (const voter of voters) {
		await voter.goto(meetingUrl);
		await voter.getByRole('button', { name: 'Registrar asistencia en la sala' }).click();
		await expect(voter.getByText('Registraste tu asistencia en la sala.')).toBeVisible();
	}
	await facilitator.getByRole('button', { name: 'Abrir la sesión' }).click();
	await expect(
		facilitator.getByText(
			'Se vota por todos los asientos; se aprueba con la mayoría de todos ellos (4 votos a favor).'
		)
	).toBeVisible();
	await facilitator.getByRole('button', { name: `Someter a votación: ${TARGET}` }).click();
	for (const voter of voters) await voter.getByRole('button', { name: 'A favor' }).click();
	await expect(facilitator.getByTestId('tally-for')).toHaveText('4');
	await facilitator.getByRole('button', { name: 'Cerrar y registrar' }).click();
	await facilitator
		.getByRole('dialog')
		.getByRole('button', { name: 'Registrar la decisión' })
		.click();
	await expect(facilitator.getByTestId('decisions')).toContainText(
		'aprobada por la mayoría de todos los asientos: la designación queda sin efectos'
	);
	await expect(facilitator.getByTestId('decisions')).toContainText(
		'4 a favor, 0 en contra, 0 abstenciones'
	);

	// The seat's titular place is vacant; the register keeps the agreement; the admin was told.
	await executive.goto(BODY);
	const academia = executive
		.getByRole('listitem')
		.filter({ hasText: 'Universidad Autónoma de Zacatecas' });
	await expect(academia).not.toContainText(TARGET);
	await expect(academia).toContainText('Vacante');
	await executive.goto(`${BODY}/remociones`);
	await expect(executive.getByTestId('removal-status')).toHaveText(
		'Aprobada: la designación quedó sin efectos'
	);
	await executive.goto(`${BODY}/acuerdos`);
	await expect(executive.getByText(`Dejar sin efectos la designación de ${TARGET}`)).toBeVisible();
	const admin = await signedIn(browser, 'admin');
	await admin.goto('/admin/outbox');
	await expect(admin.getByText('STL Zacatecas: un asiento quedó vacante')).toBeVisible();
});
