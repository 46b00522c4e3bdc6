import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { sendMail } from '../../src/lib/server/mail/mailer';
import { outboxMessages } from '../../src/lib/server/db/schema';

const mail = {
	to: 'persona@example.mx',
	subject: 'Convocatoria',
	text: 'Sesión ordinaria el lunes, ¿vienes?'
};

describe.each(engines)('mail on %s', (engine) => {
	let database: TestDatabase;
	let sink: SmtpSink;

	beforeAll(async () => {
		sink = await startSmtpSink();
	});
	afterAll(() => sink.close());
	beforeAll(async () => {
		database = await openTestDatabase(engine);
	});
	afterAll(() => database.drop());
	beforeEach(async () => {
		await emptyTestDatabase(database);
		sink.messages.length = 0;
	});

	it('keeps the mail in the outbox when no SMTP server is configured', async () => {
		const status = await sendMail(database.db, mail, {
			smtpUrl: undefined,
			from: 'app@example.mx'
		});
		expect(status).toBe('stored');
		const rows = await database.db.select().from(outboxMessages);
		expect(rows).toMatchObject([
			{ toAddress: mail.to, subject: mail.subject, textBody: mail.text, status: 'stored' }
		]);
		expect(sink.messages).toHaveLength(0);
	});

	it('delivers through SMTP, accents intact, and logs it as sent', async () => {
		const status = await sendMail(database.db, mail, {
			smtpUrl: sink.url,
			from: 'Mesa Abierta <app@example.mx>'
		});
		expect(status).toBe('sent');
		expect(sink.messages).toHaveLength(1);
		expect(sink.messages[0]).toMatchObject({
			to: [mail.to],
			from: 'app@example.mx',
			subject: mail.subject
		});
		expect(sink.messages[0]!.text.trim()).toBe(mail.text);
		const [row] = await database.db.select().from(outboxMessages);
		// Delivered bodies are erased: they may hold personal sign-in links.
		expect(row).toMatchObject({ status: 'sent', textBody: '', htmlBody: null });
		expect(row!.sentAt).toBeInstanceOf(Date);
	});

	it('records a failure when the SMTP server cannot be reached, without throwing', async () => {
		const closed = await startSmtpSink();
		await closed.close();
		const status = await sendMail(database.db, mail, {
			smtpUrl: closed.url,
			from: 'app@example.mx'
		});
		expect(status).toBe('failed');
		const [row] = await database.db.select().from(outboxMessages);
		expect(row!.status).toBe('failed');
		expect(row!.error).toBeTruthy();
	});
});
