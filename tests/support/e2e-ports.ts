/** Fixed local ports of the end-to-end run: the app, the SMTP sink and the sink's HTTP API. */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const E2E_MAIL_API_PORT = Number(process.env.E2E_MAIL_API_PORT ?? 2527);
