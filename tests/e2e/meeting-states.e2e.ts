/**
 * Honest states (issue 11): in the demo's Zacatecas meeting, a phone (412×915) and the projector
 * (1920×1080) say so within seconds when the phone loses its network, with what is saved and what
 * is not, and stop saying so when it is back; the facilitator's minutes say "cambios sin guardar"
 * while offline and are saved once back. When the facilitator closes the meeting, the phone and the
 * projector switch to "Sesión cerrada" with a link to the minutes — no quorum, no floor button —
 * without a reload, and a reload shows the same. Screenshots are kept in test-results/.
 *
 * Runs its own app process (the built app with `--demo`).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signInDemoPerson } from './demo-people';
import { startApp, type AppProcess } from '../support/app-process';

const LIVE = 'En vivo: los cambios aparecen al instante.';
const OFFLINE = 'Sin conexión: este dispositivo perdió la red; lo que ves puede no estar al día.';
const UNSENT =
	'Lo que ya registraste está guardado; lo que toques ahora no se registrará hasta que vuelva la conexión.';

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

/** What a closed meeting's screen shows: where it stands and its minutes, none of the live panels. */
async function expectClosed(page: Page) {
	const standing = page.getByTestId('meeting-standing');
	await expect(standing.getByRole('heading', { name: 'Sesión cerrada' })).toBeVisible();
	await expect(standing.getByRole('link', { name: 'Acta de la sesión' })).toHaveAttribute(
		'href',
		/\/acta$/
	);
	await expect(page.getByTestId('quorum-status')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Pedir la palabra' })).toHaveCount(0);
}

test('offline and closed are said on the phone and the projector', async ({ browser }) => {
	test.setTimeout(240_000);
	app = await startApp({}, ['--demo']);
	const facilitator = await signedIn(browser, 'facilitacion', { width: 1366, height: 768 });
	await facilitator.goto('/secretariados/stl-zacatecas/sesiones');
	await facilitator.getByRole('link', { name: /Sesión ordinaria \(demostración\)/ }).click();
	await expect(
		facilitator.getByRole('heading', { name: 'Sesión ordinaria (demostración)' })
	).toBeVisible();
	const meetingUrl = facilitator.url();
	const projector = await signedIn(browser, 'admin', { width: 1920, height: 1080 });
	await projector.goto(`${meetingUrl}/proyector`);
	const phone = await signedIn(browser, 'zac.legislativo', { width: 412, height: 915 });
	await phone.goto(meetingUrl);
	for (const page of [phone, projector, facilitator])
		await expect(page.getByTestId('connection')).toHaveText(LIVE);
	await expect(phone.getByRole('button', { name: 'Pedir la palabra' })).toBeVisible();
	await expect(phone.getByTestId('meeting-standing')).toHaveCount(0);

	// The phone loses its network: it says so within 5 s, and what is saved and what is not.
	await phone.context().setOffline(true);
	await expect(phone.getByTestId('connection')).toHaveText(OFFLINE, { timeout: 5_000 });
	await expect(phone.getByTestId('connection-unsent')).toHaveText(UNSENT);
	await phone.screenshot({ path: 'test-results/meeting-states-phone-offline.png' });
	await phone.context().setOffline(false);
	await expect(phone.getByTestId('connection')).toHaveText(LIVE);
	await expect(phone.getByTestId('connection-unsent')).toHaveCount(0);

	// The facilitator writes in the minutes while offline: not saved until the connection is back.
	const editor = facilitator.getByRole('textbox', { name: /^Acta: / });
	await expect(facilitator.getByTestId('minutes-saved')).toHaveText('Guardado');
	await facilitator.context().setOffline(true);
	await expect(facilitator.getByTestId('connection')).toHaveText(OFFLINE, { timeout: 5_000 });
	await editor.click();
	await facilitator.keyboard.type('Escrito sin conexión. ');
	await expect(facilitator.getByTestId('minutes-saved')).toHaveText(
		'Cambios sin guardar: se guardarán cuando vuelva la conexión.'
	);
	await facilitator.context().setOffline(false);
	await expect(facilitator.getByTestId('connection')).toHaveText(LIVE);
	await expect(facilitator.getByTestId('minutes-saved')).toHaveText('Guardado');

	// The facilitator closes the meeting: phone and projector follow without a reload.
	// Closing cannot be undone: the console asks first, saying what it will do.
	await facilitator.getByRole('button', { name: 'Cerrar la sesión…' }).click();
	await facilitator
		.getByRole('dialog')
		.getByRole('button', { name: 'Cerrar la sesión y congelar el acta' })
		.click();
	await expect(facilitator).toHaveURL(/\/acta$/);
	await expect(facilitator.getByText('Escrito sin conexión.')).toBeVisible();
	for (const page of [phone, projector]) await expectClosed(page);
	await phone.screenshot({ path: 'test-results/meeting-states-phone-closed.png' });
	await projector.screenshot({ path: 'test-results/meeting-states-projector-closed.png' });

	// A reload shows the same, and the link leads to the minutes.
	for (const page of [phone, projector]) {
		await page.reload();
		await expectClosed(page);
	}
	await phone.getByRole('link', { name: 'Acta de la sesión' }).click();
	await expect(phone).toHaveURL(/\/acta$/);
	await expect(phone.getByRole('heading', { name: 'Versión 1' })).toBeVisible();
});
