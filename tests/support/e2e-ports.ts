/**
 * Fixed local ports of the end-to-end run: the app, the SMTP sink and the sink's HTTP API, and the
 * test time-stamping authority.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const E2E_MAIL_API_PORT = Number(process.env.E2E_MAIL_API_PORT ?? 2527);
/** The local RFC 3161 time-stamping authority the e.firma test starts (tests/support/efirma-tsa.ts). */
export const E2E_TSA_PORT = Number(process.env.E2E_TSA_PORT ?? 2528);
/** The trusted CA folder of the e2e app; the e.firma test writes its test authority there. */
export const E2E_TRUSTED_CA_DIR = 'test-results/e2e-data/efirma-ca';
