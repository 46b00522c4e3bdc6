/**
 * e.firma end to end (issue 14): a body chooses e.firma in its rules and records its seat holders'
 * RFC and CURP; after the meeting is closed and approved, two signers sign in turn from their own
 * browsers with SAT-shaped test certificates (a test authority and a local RFC 3161 TSA, made
 * here). The requests carry neither the key nor its password (their bodies are read); a wrong
 * password, another person's certificate, an expired one and one from an untrusted authority are
 * each refused with a message (Spanish, and English for the signer who reads English). The final
 * PDF is checked by poppler's pdfsig — both signatures "Signature is Valid.", the last one over
 * the total document; pdfsig is run with -nocert, so the test authority's trust is not asserted
 * there — and by /verificar, which also flags a copy altered after signing, as pdfsig does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type Request } from '@playwright/test';
import { ADMIN, acceptInvitation, createMeeting, signInAsAdmin } from './session';
import {
	createTestAuthority,
	runPdfsig,
	startTimestampAuthority,
	type TestAuthority
} from '../support/efirma';
import type { LocalTimestampAuthority } from '../support/efirma-tsa';
import { E2E_TRUSTED_CA_DIR, E2E_TSA_PORT } from '../support/e2e-ports';

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'contraseña de la cuenta';
const SIGNERS = [
	{
		name: 'Ana Beltrán',
		email: 'ana@efirma.test',
		rfc: 'BEAA800101AB1',
		curp: 'BEAA800101MZSLNN01',
		key: 'clave de Ana',
		locale: 'es-MX'
	},
	{
		name: 'Carlos Durán',
		email: 'carlos@efirma.test',
		rfc: 'DUCC750505CD2',
		curp: 'DUCC750505HZSRRR02',
		key: 'clave de Carlos',
		locale: 'en'
	}
] as const;
const DAY = 86_400_000;

let authority: TestAuthority;
let tsa: LocalTimestampAuthority;
const files = new Map<string, { cer: Uint8Array; key: Uint8Array }>();
const phones = new Map<string, Page>();
let meetingPath = '';

test.beforeAll(async () => {
	authority = await createTestAuthority();
	mkdirSync(E2E_TRUSTED_CA_DIR, { recursive: true });
	writeFileSync(path.join(E2E_TRUSTED_CA_DIR, 'autoridad-de-prueba.cer'), authority.certificate);
	tsa = await startTimestampAuthority(authority, E2E_TSA_PORT);
	for (const s of SIGNERS)
		files.set(
			s.name,
			await authority.issue({ name: s.name, rfc: s.rfc, curp: s.curp, password: s.key })
		);
});
test.afterAll(async () => {
	for (const phone of phones.values()) await phone.context().close();
	await tsa.close();
});

async function pickFiles(page: Page, cer: Uint8Array, key: Uint8Array, password: string) {
	await page.getByLabel(/Certificado \(\.cer\)|Certificate \(\.cer\)/).setInputFiles({
		name: 'firma.cer',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from(cer)
	});
	await page.getByLabel(/Clave privada \(\.key\)|Private key \(\.key\)/).setInputFiles({
		name: 'firma.key',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from(key)
	});
	await page.getByLabel(/Contraseña de la clave privada|Private key password/).fill(password);
	await page.getByRole('button', { name: /Firmar con e\.firma|Sign with e\.firma/ }).click();
}

/** Every POST body a page sends, to check that the key and its password are never among them. */
function recordPosts(page: Page): Request[] {
	const posts: Request[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST') posts.push(request);
	});
	return posts;
}

function expectNothingSecret(posts: Request[], key: Uint8Array, password: string) {
	const keyBase64 = Buffer.from(key).toString('base64').slice(0, 40);
	const keyLatin1 = Buffer.from(key.subarray(40, 80)).toString('latin1');
	for (const post of posts) {
		const body = post.postDataBuffer() ?? Buffer.alloc(0);
		const text = body.toString('latin1');
		expect(text).not.toContain(password);
		expect(text).not.toContain(keyBase64);
		expect(text).not.toContain(keyLatin1);
	}
}

test('a body signs with e.firma: rules, RFC and CURP on record, a meeting closed and approved', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await signInAsAdmin(page);
	await page.goto('/secretariados/nuevo');
	await page.getByLabel('Nombre del secretariado').fill('STL e.firma E2E');
	await page
		.getByRole('radio', { name: 'STL según la plantilla nacional (INAI)', exact: true })
		.check();
	await page.getByRole('button', { name: 'Crear secretariado' }).click();
	const slug = new URL(page.url()).pathname.split('/').pop()!;
	const seats = ['Poder Ejecutivo', 'Organismo garante'];
	for (const [index, signer] of SIGNERS.entries()) {
		await page.goto(`/secretariados/${slug}/integrantes`);
		await page.getByRole('link', { name: `Editar el asiento ${seats[index]}` }).click();
		const titular = page.getByRole('group', { name: 'Titular' });
		await titular.getByLabel('Nombre completo').fill(signer.name);
		await titular.getByLabel('Correo electrónico').fill(signer.email);
		await page.getByRole('button', { name: 'Guardar asiento' }).click();
		await expect(page).toHaveURL(new RegExp(`/secretariados/${slug}/integrantes$`));
	}
	await page.getByLabel('Papel').selectOption('facilitator');
	await page.getByLabel('Nombre completo').fill(ADMIN.name);
	await page.getByLabel('Correo electrónico').fill(ADMIN.email);
	await page.getByRole('button', { name: 'Agregar' }).click();
	await page.getByRole('button', { name: `Invitar a ${ADMIN.email}` }).click();
	await expect(page.getByRole('status')).toContainText('ya tenía cuenta');
	for (const signer of SIGNERS) {
		await page.getByRole('button', { name: `Invitar a ${signer.email}` }).click();
		await expect(page.getByRole('status')).toHaveText(`Invitación enviada a ${signer.email}.`);
		const phone = await acceptInvitation(browser, signer.email, signer.name, PASSWORD);
		// Carlos reads English: his saved language decides his messages.
		if (signer.locale === 'en') {
			await phone.getByRole('button', { name: 'English' }).click();
			await expect(phone.getByRole('button', { name: 'English' })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
		}
		phones.set(signer.name, phone);
	}

	await page.goto(`/secretariados/${slug}/reglas`);
	await page.getByLabel('Forma de firmar la minuta').selectOption('efirma');
	await expect(page.getByText(/El documento del órgano sugiere: e\.firma del SAT/)).toBeVisible();
	await page.getByRole('button', { name: 'Guardar reglas' }).click();
	await expect(page.getByText('Se guardaron las reglas.')).toBeVisible();
	await page.getByRole('link', { name: 'RFC y CURP para la e.firma' }).click();
	for (const signer of SIGNERS) {
		const row = page.getByRole('listitem').filter({ hasText: signer.name });
		await row.getByLabel('RFC').fill(signer.rfc);
		await row.getByLabel('CURP').fill(signer.curp);
		await row.getByRole('button', { name: `Guardar RFC y CURP de ${signer.name}` }).click();
		await expect(page.getByText('Se guardaron el RFC y la CURP.')).toBeVisible();
	}

	meetingPath = await createMeeting(page, slug, 'Sesión firmada con e.firma', '2026-12-03');
	for (const signer of SIGNERS) {
		await page.getByRole('button', { name: `Registrar la asistencia de ${signer.name}` }).click();
		await expect(
			page.getByRole('button', { name: `Registrar la asistencia de ${signer.name}` })
		).toHaveCount(0);
	}
	await page.getByRole('button', { name: 'Abrir la sesión' }).click();
	await expect(page.getByRole('button', { name: 'Abrir la sesión' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Cerrar la sesión…' }).click();
	await page
		.getByRole('dialog')
		.getByRole('button', { name: 'Cerrar la sesión y congelar el acta' })
		.click();
	await expect(page).toHaveURL(new RegExp(`${meetingPath}/acta$`));
	await page.getByLabel('Cómo se aprobó').selectOption('vote');
	await page.getByRole('button', { name: 'Registrar la aprobación' }).click();
	await expect(page.getByText(/Aprobada el \d/)).toBeVisible();
});

test('each refusal says why, and the key and its password never leave the browser', async () => {
	const ana = phones.get('Ana Beltrán')!;
	const posts = recordPosts(ana);
	const own = files.get('Ana Beltrán')!;
	await ana.goto(`${meetingPath}/acta`);
	await expect(
		ana.getByText('RFC y CURP registrados para este asiento: BEAA800101AB1 · BEAA800101MZSLNN01')
	).toBeVisible();

	await pickFiles(ana, own.cer, own.key, 'no es la clave');
	await expect(ana.getByRole('alert')).toHaveText(
		'La contraseña de la clave privada no es correcta.'
	);

	const carlos = files.get('Carlos Durán')!;
	await pickFiles(ana, carlos.cer, carlos.key, 'clave de Carlos');
	await expect(ana.getByRole('alert')).toHaveText(
		'El RFC del certificado (DUCC750505CD2) no es el registrado para este asiento (BEAA800101AB1).'
	);

	const expired = await authority.issue({
		name: 'Ana Beltrán',
		rfc: SIGNERS[0].rfc,
		curp: SIGNERS[0].curp,
		password: 'vieja',
		notBefore: new Date(Date.now() - 900 * DAY),
		notAfter: new Date(Date.now() - 30 * DAY)
	});
	await pickFiles(ana, expired.cer, expired.key, 'vieja');
	await expect(ana.getByRole('alert')).toContainText('El certificado venció el');

	const stranger = await (
		await createTestAuthority('Autoridad desconocida')
	).issue({ name: 'Ana Beltrán', rfc: SIGNERS[0].rfc, curp: SIGNERS[0].curp, password: 'ajena' });
	await pickFiles(ana, stranger.cer, stranger.key, 'ajena');
	await expect(ana.getByRole('alert')).toHaveText(
		'El certificado no fue emitido por una autoridad certificadora de confianza para este servidor.'
	);

	await pickFiles(ana, own.cer, own.key, SIGNERS[0].key);
	await expect(ana.getByText('Firmaste la minuta con tu e.firma.')).toBeVisible();
	await expect(
		ana.getByText(/Ana Beltrán \(Titular, .*\): Firmó con e\.firma .* con sello de tiempo/)
	).toBeVisible();

	expectNothingSecret(posts, own.key, SIGNERS[0].key);
	for (const other of [carlos, expired, stranger])
		expectNothingSecret(posts, other.key, 'clave de Carlos');
	const signs = posts
		.filter((p) => p.url().endsWith('/efirma'))
		.map((p) => JSON.parse(p.postData()!));
	expect(signs.length).toBeGreaterThan(0);
	for (const body of signs) {
		expect(Object.keys(body).sort()).toEqual(
			body.step === 'prepare'
				? ['memberId', 'step']
				: ['certificate', 'memberId', 'signature', 'step']
		);
	}

	// A hostile client: Ana posts a signature for Carlos's seat; the server refuses it.
	const forged = await ana.request.post(`${meetingPath}/acta/1/efirma`, {
		data: {
			step: 'sign',
			memberId: '00000000-0000-4000-8000-000000000000',
			certificate: Buffer.from(own.cer).toString('base64'),
			signature: 'AAAA'
		}
	});
	expect(forged.status()).toBe(403);
	expect((await forged.json()).message).toBe('Solo puedes firmar por tu propio asiento.');
});

test('the second signer signs after the first; pdfsig and /verificar find both valid', async ({
	browser
}) => {
	const carlos = phones.get('Carlos Durán')!;
	const posts = recordPosts(carlos);
	const own = files.get('Carlos Durán')!;
	await carlos.goto(`${meetingPath}/acta`);
	await pickFiles(carlos, own.cer, own.key, 'wrong one');
	await expect(carlos.getByRole('alert')).toHaveText("The private key's password is not correct.");
	await pickFiles(carlos, own.cer, own.key, SIGNERS[1].key);
	await expect(carlos.getByText('You signed the minutes with your e.firma.')).toBeVisible();
	expectNothingSecret(posts, own.key, SIGNERS[1].key);

	const response = await carlos.request.get(`${meetingPath}/acta/1/pdf`);
	expect(response.status()).toBe(200);
	const pdf = new Uint8Array(await response.body());
	const pdfsig = runPdfsig(pdf);
	expect(pdfsig.map((s) => [s.signerName, s.validation])).toEqual(
		SIGNERS.map((s) => [s.name, 'Signature is Valid.'])
	);
	expect(pdfsig[1]!.totalDocumentSigned).toBe(true);
	expect(pdfsig[0]!.subFilter).toContain('ETSI.CAdES.detached');

	const visitor = await (await browser.newContext({ locale: 'es-MX' })).newPage();
	await visitor.goto('/verificar');
	await visitor
		.getByLabel('Archivo PDF')
		.setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
	await visitor.getByRole('button', { name: 'Verificar' }).click();
	await expect(visitor.getByText('El archivo es un PDF emitido de esta versión.')).toBeVisible();
	const items = visitor.getByTestId('pdf-signature');
	await expect(items).toHaveCount(2);
	for (const [index, signer] of SIGNERS.entries()) {
		const item = items.nth(index);
		await expect(item).toContainText(signer.name);
		await expect(item).toContainText(signer.rfc);
		await expect(item).toContainText(signer.curp);
		await expect(item).toContainText('Firma válida: lo firmado no cambió.');
		await expect(item).toContainText('Emitido por una autoridad de confianza');
		await expect(item).toContainText('Sello de tiempo (RFC 3161) de Sellado de tiempo de PRUEBA');
		await expect(item).toContainText('Revocación: no se consultó');
	}
	await expect(items.nth(0)).toContainText(
		'Después de esta firma solo se añadieron las firmas siguientes.'
	);
	await expect(items.nth(1)).toContainText('El documento no cambió después de esta firma.');

	// A copy altered after signing: pdfsig and /verificar both say so (in English for this reader).
	const altered = Buffer.from(pdf);
	const at = altered.indexOf('/Title');
	altered[at + 8]! ^= 0x01;
	expect(runPdfsig(altered).every((s) => s.validation !== 'Signature is Valid.')).toBe(true);
	const reader = await (await browser.newContext({ locale: 'en' })).newPage();
	await reader.goto('/verificar');
	await reader
		.getByLabel(/PDF/)
		.setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: altered });
	await reader.getByRole('button', { name: /Verify/ }).click();
	await expect(reader.getByTestId('pdf-signature').first()).toContainText('INVALID signature');
	await expect(reader.getByTestId('pdf-signature').first()).toContainText(
		'The document WAS CHANGED after this signature.'
	);
	await visitor.context().close();
	await reader.context().close();
});
