/**
 * The live room on the devices people hold (issue 11 items 1–3), in the demo's Zacatecas meeting:
 * the facilitator's console on a 1366×768 laptop with the roll call, the quorum, the agenda and its
 * moves, the motion with its tally and the speakers' queue all inside the window, keyboard moves
 * that leave typing alone, and a confirmation before closing; a member's phone (412×915) whose
 * first screen holds their duty — check in, then the vote with three equal ballots, even when they
 * had scrolled into the minutes; the projector at 1920×1080 and 1280×720 fitting its screen with a
 * vote under way and ten decisions, no text under 24 px at 1080p, and the speaker's clock counting
 * down. axe-core (WCAG 2.1 AA) on the three. Screenshots are kept in test-results/.
 *
 * Runs its own app process (the built app with `--demo`).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { signInDemoPerson } from './demo-people';
import { startApp, type AppProcess } from '../support/app-process';

const LIVE = 'En vivo: los cambios aparecen al instante.';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 412, height: 915 };

let app: AppProcess;
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
	for (const context of contexts) await context.close();
	await app?.stop('SIGTERM');
});

/** The element lies wholly inside the window as it is scrolled now. */
async function expectInWindow(page: Page, locator: Locator) {
	const box = await locator.boundingBox();
	const viewport = page.viewportSize()!;
	expect(box, 'rendered').not.toBeNull();
	expect(box!.y).toBeGreaterThanOrEqual(0);
	expect(box!.x).toBeGreaterThanOrEqual(0);
	expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 0.5);
	expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 0.5);
}

/** The document is exactly as tall as the window: nothing to scroll. */
async function expectNoPageScroll(page: Page) {
	const [scrollHeight, innerHeight] = await page.evaluate(() => [
		document.documentElement.scrollHeight,
		window.innerHeight
	]);
	expect(scrollHeight).toBe(innerHeight);
}

/** Nothing focused: a key press goes to the page. */
const blur = (page: Page) =>
	page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

test('the console, the phone and the projector each fit their device', async ({ browser }) => {
	test.setTimeout(300_000);
	app = await startApp({}, ['--demo']);
	// The project's phone settings (touch, pixel density) stay with the phone; a laptop and the
	// room's screen are desktops.
	const signIn = (user: string, viewport: { width: number; height: number }) =>
		signInDemoPerson(browser, app.url, user, contexts, {
			viewport,
			locale: 'es-MX',
			...(viewport.width > 1000 ? { isMobile: false, hasTouch: false, deviceScaleFactor: 1 } : {})
		});

	const facilitator = await signIn('facilitacion', LAPTOP);
	await facilitator.goto('/secretariados/stl-zacatecas/sesiones');
	await facilitator.getByRole('link', { name: /Sesión ordinaria \(demostración\)/ }).click();
	await expect(facilitator.getByTestId('connection')).toHaveText(LIVE);
	const meetingUrl = facilitator.url();
	// The projector's short join link leads to the meeting under way.
	await facilitator.goto('/sala/stl-zacatecas');
	await expect(facilitator).toHaveURL(meetingUrl);
	await expect(facilitator.getByTestId('connection')).toHaveText(LIVE);

	// Sofía (civil society's titular) is late: her phone's first screen asks her to check in.
	const phone = await signIn('zac.sociedad.civil', PHONE);
	await phone.goto(meetingUrl);
	await expect(phone.getByTestId('connection')).toHaveText(LIVE);
	const duty = phone.getByTestId('duty-card');
	await expect(duty).toHaveAttribute('data-duty', 'check-in');
	await expectInWindow(
		phone,
		phone.getByRole('button', { name: 'Registrar asistencia en la sala' })
	);
	await expectInWindow(
		phone,
		phone.getByRole('button', { name: 'Registrar asistencia a distancia' })
	);
	await phone.screenshot({ path: 'test-results/room-devices-phone-check-in.png' });
	await phone.getByRole('button', { name: 'Registrar asistencia en la sala' }).click();
	await expect(duty).toHaveAttribute('data-duty', 'follow');
	await expect(phone.getByText('Registraste tu asistencia en la sala.')).toBeVisible();

	await test.step('the console holds everything in the window', async () => {
		const roll = facilitator.getByTestId('roll-call');
		await expect(roll.locator('[data-status="present"]')).toHaveCount(5);
		// Each seat's titular and substitute side by side: Sofía present, Ana Karen absent.
		const civil = roll.getByRole('row', { name: /Sociedad civil/ });
		await expect(civil.getByTestId('roll-person').first()).toHaveAttribute(
			'data-status',
			'present'
		);
		await expect(civil.getByTestId('roll-person').nth(1)).toHaveAttribute('data-status', 'absent');
		await expectNoPageScroll(facilitator);
		for (const part of [
			roll,
			facilitator.getByTestId('quorum-status'),
			facilitator.getByRole('button', { name: 'Siguiente punto' }),
			facilitator.getByRole('button', { name: 'Punto anterior' }),
			facilitator.getByRole('button', { name: 'Plantear propuesta' }),
			facilitator.getByTestId('console-speakers'),
			facilitator.getByTestId('speaker-queue'),
			facilitator.getByRole('textbox', { name: /^Acta: / }),
			facilitator.getByTestId('shortcuts')
		])
			await expectInWindow(facilitator, part);
	});

	await test.step('keyboard: S and A move the item, never while typing', async () => {
		const current = facilitator.getByTestId('current-item');
		await expect(current).toHaveText(/^II\. /);
		await blur(facilitator);
		await facilitator.keyboard.press('s');
		await expect(current).toHaveText(/^III\. /);
		await expect(phone.getByTestId('duty-item')).toHaveText(/^III\. /);
		await facilitator.keyboard.press('a');
		await expect(current).toHaveText(/^II\. /);
		// Typed into the minutes, an "s" is a letter.
		const editor = facilitator.getByRole('textbox', { name: /^Acta: / });
		await editor.click();
		await facilitator.keyboard.type('Se abre la sesión. ');
		await expect(editor).toContainText('Se abre la sesión.');
		await expect(current).toHaveText(/^II\. /);
	});

	await test.step('ten decisions, a speaker on the clock, a vote under way', async () => {
		for (let n = 1; n <= 10; n++) {
			await facilitator
				.getByLabel('Propuesta de acuerdo')
				.fill(
					`Acuerdo de prueba ${n}: publicar el calendario de sesiones en el sitio del secretariado`
				);
			await facilitator.getByRole('button', { name: 'Plantear propuesta' }).click();
			await facilitator.getByRole('button', { name: 'Cerrar y registrar' }).click();
			await facilitator
				.getByRole('dialog')
				.getByRole('button', { name: 'Registrar la decisión' })
				.click();
			await expect(facilitator.getByTestId('decisions').locator('li')).toHaveCount(n);
		}
		// Only whoever grants the floor sets its limit, and only within 1–15 minutes.
		const forge = (page: Page, minutes: string) =>
			page.request.post(`${meetingUrl}?/setSpeakingLimit`, {
				form: { minutes },
				headers: { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true' },
				maxRedirects: 0
			});
		expect((await forge(phone, '5')).status()).toBe(403);
		const tooLong = await forge(facilitator, '99');
		expect(await tooLong.text()).toContain('de 1 a 15 minutos');
		await facilitator.getByLabel('Tiempo por intervención').selectOption('2');
		await phone.getByRole('button', { name: 'Pedir la palabra' }).click();
		await expect(facilitator.getByTestId('speaker-queue')).toContainText('Sofía Mares Delgado');
		await blur(facilitator);
		await facilitator.keyboard.press('d');
		await expect(facilitator.getByTestId('speaker-current')).toContainText('Sofía Mares Delgado');
		await expect(facilitator.getByLabel('Tiempo por intervención')).toHaveValue('2');
		const clock = facilitator.getByTestId('speaker-timer');
		await expect(clock).toHaveAttribute('data-phase', 'running');
		await expect(clock.getByRole('timer')).toHaveText(/^(2:00|1:[0-5]\d)$/);

		// Sofía has scrolled down into the minutes when the vote opens.
		await phone.getByRole('heading', { name: 'Acta de la sesión' }).scrollIntoViewIfNeeded();
		await facilitator.getByLabel('Propuesta de acuerdo').fill('Aprobar el informe trimestral');
		await facilitator.getByRole('button', { name: 'Plantear propuesta' }).click();
		await facilitator.getByRole('button', { name: 'Abrir votación' }).click();
	});

	await test.step('the phone brings the ballot to its first screen, three equal choices', async () => {
		await expect(duty).toHaveAttribute('data-duty', 'ballot');
		const ballots = ['A favor', 'En contra', 'Abstención'].map((name) =>
			phone.getByRole('button', { name, exact: true })
		);
		await expect(async () => {
			await expectInWindow(phone, duty);
			for (const ballot of ballots) await expectInWindow(phone, ballot);
		}).toPass();
		const looks = await Promise.all(
			ballots.map((ballot) =>
				ballot.evaluate((button) => {
					const style = getComputedStyle(button);
					const box = button.getBoundingClientRect();
					return [
						style.backgroundColor,
						style.color,
						style.borderColor,
						style.fontWeight,
						style.fontSize,
						Math.round(box.width),
						Math.round(box.height)
					].join(' ');
				})
			)
		);
		expect(new Set(looks).size).toBe(1);
		await phone.screenshot({ path: 'test-results/room-devices-phone-vote.png' });
		await expectAccessible(phone);
		await ballots[1]!.click();
		await expect(phone.getByTestId('duty-answer')).toHaveText('Tu asiento ya votó.');
		await expect(duty).toHaveAttribute('data-duty', 'voted');
	});

	await test.step('the console shows the live tally in the window', async () => {
		await expect(facilitator.getByTestId('tally-against')).toHaveText('1');
		await expectNoPageScroll(facilitator);
		for (const part of [
			facilitator.getByTestId('tally'),
			facilitator.getByRole('button', { name: 'Cerrar y registrar' }),
			facilitator.getByTestId('roll-call'),
			facilitator.getByTestId('speaker-queue')
		])
			await expectInWindow(facilitator, part);
		await facilitator.screenshot({ path: 'test-results/room-devices-console-1366x768.png' });
		await expectAccessible(facilitator);
	});

	await test.step('the projector fits 1920×1080 and 1280×720', async () => {
		const projector = await signIn('admin', { width: 1920, height: 1080 });
		await projector.goto(`${meetingUrl}/proyector`);
		await expect(projector.getByTestId('connection')).toHaveText(LIVE);
		await expect(projector.getByTestId('tally-against')).toHaveText('1');
		await expect(projector.getByTestId('decisions').locator('li')).toHaveCount(10);
		await expect(projector.getByTestId('join-qr')).toBeVisible();
		await expect(projector.getByTestId('join-link')).toHaveText(/\/sala\/stl-zacatecas$/);
		await expect(projector.getByTestId('speaker-timer')).toHaveAttribute('data-phase', 'running');
		await expectNoPageScroll(projector);
		const smallest = await projector.evaluate(() => {
			let min = Infinity;
			const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const element = node.parentElement!;
				if (!node.textContent?.trim() || element.closest('.sr-only')) continue;
				if (!element.checkVisibility()) continue;
				min = Math.min(min, parseFloat(getComputedStyle(element).fontSize));
			}
			return min;
		});
		expect(smallest).toBeGreaterThanOrEqual(24);
		await projector.screenshot({ path: 'test-results/room-devices-projector-1920x1080.png' });
		await expectAccessible(projector);
		await projector.setViewportSize({ width: 1280, height: 720 });
		await expectNoPageScroll(projector);
		await expect(projector.getByTestId('tally')).toBeInViewport({ ratio: 1 });
		await projector.screenshot({ path: 'test-results/room-devices-projector-1280x720.png' });
	});

	await test.step('closing asks first, saying what it does', async () => {
		// Closing the motion cannot be undone: from the keyboard, the dialog takes the focus, says
		// what it will record with the tally as it stands, and Escape leaves the vote open.
		const closeMotion = facilitator.getByRole('button', { name: 'Cerrar y registrar…' });
		const motionDialog = facilitator.getByRole('dialog', {
			name: '¿Cerrar la propuesta y registrar la decisión?'
		});
		await closeMotion.focus();
		await facilitator.keyboard.press('Enter');
		await expect(motionDialog).toBeVisible();
		await expect(
			motionDialog.getByRole('button', { name: 'Volver sin cambiar nada' })
		).toBeFocused();
		await expect(motionDialog.getByTestId('close-motion-record')).toContainText('en contra 1');
		await expect(motionDialog).toContainText('siguiente número del libro de acuerdos');
		await expect(motionDialog).toContainText('Esto no se puede deshacer.');
		await facilitator.keyboard.press('Escape');
		await expect(motionDialog).toBeHidden();
		await expect(facilitator.getByTestId('tally-against')).toHaveText('1');
		await expect(phone.getByTestId('duty-answer')).toHaveText('Tu asiento ya votó.');
		await expect(facilitator.getByTestId('decisions').locator('li')).toHaveCount(10);
		// Cancelling with the button leaves it open too; confirming records it.
		await closeMotion.click();
		await motionDialog.getByRole('button', { name: 'Volver sin cambiar nada' }).click();
		await expect(motionDialog).toBeHidden();
		await expect(facilitator.getByTestId('decisions').locator('li')).toHaveCount(10);
		await closeMotion.click();
		await motionDialog.getByRole('button', { name: 'Registrar la decisión' }).click();
		await expect(facilitator.getByTestId('decisions').locator('li')).toHaveCount(11);
		await expect(facilitator.getByTestId('tally')).toHaveCount(0);
		await facilitator.getByRole('button', { name: 'Cerrar la sesión…' }).click();
		const dialog = facilitator.getByRole('dialog', { name: '¿Cerrar la sesión?' });
		await expect(dialog).toBeVisible();
		await expect(dialog).toContainText('se congela la versión 1 del acta');
		await expect(dialog).toContainText('Esto no se puede deshacer.');
		// A key pressed with the dialog open is not a shortcut.
		await facilitator.keyboard.press('s');
		await expect(facilitator.getByTestId('current-item')).toHaveText(/^II\. /);
		await dialog.getByRole('button', { name: 'Volver a la sesión' }).click();
		await expect(dialog).toBeHidden();
		await expect(phone.getByTestId('meeting-standing')).toHaveCount(0);
		await facilitator.getByRole('button', { name: 'Cerrar la sesión…' }).click();
		await dialog.getByRole('button', { name: 'Cerrar la sesión y congelar el acta' }).click();
		await expect(facilitator).toHaveURL(/\/acta$/);
		await expect(phone.getByTestId('meeting-standing')).toContainText('Sesión cerrada');
	});
});
