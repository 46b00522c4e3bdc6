import { defineConfig, devices } from '@playwright/test';
import {
	E2E_APP_PORT,
	E2E_SMTP_PORT,
	E2E_TRUSTED_CA_DIR,
	E2E_TSA_PORT
} from './tests/support/e2e-ports';

// End-to-end tests drive Debian's Chromium (no browser download here) against the built app,
// started fresh on an empty embedded database and a real SMTP sink (tests/support/mail-sink-global.ts).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dataDir = 'test-results/e2e-data';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	retries: 0,
	// Whole flows (a body set up, a meeting run) on a shared 2-core machine: time, not a race, is the limit.
	timeout: 90_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	globalSetup: './tests/support/mail-sink-global.ts',
	use: {
		baseURL: `http://127.0.0.1:${E2E_APP_PORT}`,
		locale: 'es-MX',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium-phone', use: { ...devices['Pixel 7'], browserName: 'chromium' } }],
	webServer: {
		command: `rm -rf ${dataDir} && node build/start.js`,
		url: `http://127.0.0.1:${E2E_APP_PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(E2E_APP_PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
			MAIL_FROM: 'Mesa Abierta <no-reply@mesa-abierta.test>',
			LOG_LEVEL: 'warn',
			// e.firma (tests/e2e/efirma.e2e.ts writes the test authority there and starts the TSA).
			TRUSTED_CA_DIR: E2E_TRUSTED_CA_DIR,
			TSA_URL: `http://127.0.0.1:${E2E_TSA_PORT}/tsa`
		}
	}
});
