/** Reads what the SMTP sink received (tests/support/mail-sink-global.ts) and finds links in it. */
import { expect } from '@playwright/test';
import { E2E_MAIL_API_PORT } from '../support/e2e-ports';
import type { ReceivedMail } from '../support/smtp-sink';

/** Every mail the sink received for an address, oldest first. */
export async function mailsTo(address: string): Promise<ReceivedMail[]> {
	const response = await fetch(`http://127.0.0.1:${E2E_MAIL_API_PORT}/messages`);
	const all = (await response.json()) as ReceivedMail[];
	return all.filter((message) => message.to.includes(address));
}

/** Waits for the newest mail to an address whose body has a link under `path`, and returns the link. */
export async function linkMailedTo(address: string, path: string): Promise<string> {
	const pattern = new RegExp(`https?://[^\\s]+${path}[^\\s]+`);
	let link = '';
	await expect
		.poll(async () => {
			const found = (await mailsTo(address)).map((m) => m.text.match(pattern)?.[0]).filter(Boolean);
			link = found.at(-1) ?? '';
			return link;
		})
		.toMatch(pattern);
	return link;
}
