/**
 * Playwright's global set-up: a real SMTP server for the app under test (SMTP_URL points at it)
 * and a small HTTP API over what it received, since the tests run in other processes.
 * GET /messages lists every message received, oldest first.
 */
import http from 'node:http';
import { startSmtpSink } from './smtp-sink';
import { E2E_MAIL_API_PORT, E2E_SMTP_PORT } from './e2e-ports';

export default async function startMailSink(): Promise<() => Promise<void>> {
	const sink = await startSmtpSink(E2E_SMTP_PORT);
	const api = http.createServer((request, response) => {
		if (request.url !== '/messages') {
			response.writeHead(404).end();
			return;
		}
		response
			.writeHead(200, { 'content-type': 'application/json' })
			.end(JSON.stringify(sink.messages));
	});
	await new Promise<void>((resolve) => api.listen(E2E_MAIL_API_PORT, '127.0.0.1', resolve));
	return async () => {
		await new Promise<void>((resolve) => api.close(() => resolve()));
		await sink.close();
	};
}
