/**
 * A real SMTP server for tests (the smtp-server package), keeping every message it receives,
 * parsed. In-process for integration tests; `tests/support/smtp-sink-server.ts` wraps it with a
 * small HTTP API for the end-to-end tests, which run in other processes.
 */
import { SMTPServer } from 'smtp-server';
import PostalMime from 'postal-mime';

export interface ReceivedMail {
	to: string[];
	from: string;
	subject: string;
	text: string;
	attachments: { filename: string | null; mimeType: string; content: string; bytes: Uint8Array }[];
}

export interface SmtpSink {
	port: number;
	url: string;
	messages: ReceivedMail[];
	close(): Promise<void>;
}

/** Starts an SMTP server on a free port of 127.0.0.1 that accepts any mail without auth. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
	const messages: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				PostalMime.parse(Buffer.concat(chunks))
					.then((email) => {
						messages.push({
							to: session.envelope.rcptTo.map((r) => r.address),
							from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
							subject: email.subject ?? '',
							text: email.text ?? '',
							attachments: email.attachments.map((a) => ({
								filename: a.filename,
								mimeType: a.mimeType,
								content:
									typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content),
								// The raw bytes, for binary files (a PDF).
								bytes:
									typeof a.content === 'string'
										? new TextEncoder().encode(a.content)
										: new Uint8Array(a.content)
							}))
						});
						callback();
					})
					.catch((error: Error) => callback(error));
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.server.address();
	const bound = typeof address === 'object' && address ? address.port : port;
	return {
		port: bound,
		url: `smtp://127.0.0.1:${bound}`,
		messages,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
