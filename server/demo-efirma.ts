/**
 * The demo's meeting signed with e.firma (issue 14, item 6): the national-template body signs its
 * minutes with e.firma; a past meeting of it is held, closed, approved and signed by its three
 * titulares with certificates of a TEST authority generated now ("Autoridad certificadora de
 * PRUEBA — Mesa Abierta, no es el SAT"), never the SAT's. The authority's certificate, and each
 * signer's `.cer` and `.key` (password: the demo password), are written to
 * DATA_DIR/efirma-prueba/ (nothing is committed); when TRUSTED_CA_DIR is not set, the demo trusts
 * that folder's authority, so /verificar shows the signatures as chaining to it. Signing runs the
 * same code as a browser (src/lib/efirma/signer.ts) and the same server steps as the app.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '../src/lib/server/db/index';
import { meetings, minutesVersions, users } from '../src/lib/server/db/schema';
import {
	loadSecretariat,
	updateSecretariatRules
} from '../src/lib/server/secretariats/secretariats';
import { listMembers } from '../src/lib/server/secretariats/members';
import { createMeeting } from '../src/lib/server/meetings/meetings';
import { setAttendance } from '../src/lib/server/meetings/attendance';
import { openMeeting } from '../src/lib/server/meetings/meeting-progress';
import { approveMinutesVersion, closeMeeting } from '../src/lib/server/minutes/minutes';
import {
	prepareEfirmaSignature,
	saveEfirmaIdentity,
	submitEfirmaSignature
} from '../src/lib/server/efirma/efirma-signing';
import { signDigestWithEfirma } from '../src/lib/efirma/signer';
import { base64ToBytes } from '../src/lib/efirma/signed-attributes';
import { createTestAuthority } from './demo-efirma-authority';

const BODY_SLUG = 'stl-plantilla-nacional';
const TITLE = 'Sesión ordinaria firmada con e.firma (demostración)';
/** Made-up RFC and CURP, shaped like real ones, for the demo's test certificates. */
const IDENTITIES = [
	{ rfc: 'TEBC700101AB1', curp: 'TEBC700101HMNLRR01' },
	{ rfc: 'ROCI800202CD2', curp: 'ROCI800202MMNMMT02' },
	{ rfc: 'OALB850303EF3', curp: 'OALB850303MMNCRT03' }
];

/** Where the demo keeps its test authority and certificates. */
export const demoEfirmaDir = () => path.resolve(process.env.DATA_DIR ?? 'data', 'efirma-prueba');

/** Seeds the signed meeting once; on every run, trusts the demo's test authority if none is set. */
export async function seedEfirmaMeeting(db: Database, password: string): Promise<void> {
	const dir = demoEfirmaDir();
	if (!process.env.TRUSTED_CA_DIR && existsSync(path.join(dir, 'ca'))) {
		process.env.TRUSTED_CA_DIR = path.join(dir, 'ca');
	}
	let body = await loadSecretariat(db, BODY_SLUG);
	if (!body) return;
	const [already] = await db
		.select({ id: meetings.id })
		.from(meetings)
		.where(eq(meetings.title, TITLE));
	if (already) return;

	// An operator's own trusted folder is never written to: the demo then signs nothing.
	if (process.env.TRUSTED_CA_DIR && process.env.TRUSTED_CA_DIR !== path.join(dir, 'ca')) {
		console.log('demo: TRUSTED_CA_DIR is set, so the e.firma demo meeting is not seeded');
		return;
	}
	const authority = await createTestAuthority();
	mkdirSync(path.join(dir, 'ca'), { recursive: true });
	writeFileSync(path.join(dir, 'ca', 'autoridad-de-prueba.cer'), authority.certificate);
	process.env.TRUSTED_CA_DIR = path.join(dir, 'ca');

	await updateSecretariatRules(db, body.secretariat.id, (rules) => ({
		minutes: { ...rules.minutes, signatureMethod: 'efirma' }
	}));
	body = (await loadSecretariat(db, BODY_SLUG))!;
	const [facilitator] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, 'inai.facilitacion@demo.mesa-abierta.mx'));
	const by = facilitator?.id ?? null;
	const titulares = (await listMembers(db, body.secretariat.id)).filter(
		(m) => m.role === 'titular'
	);
	const meeting = await createMeeting(db, body, {
		kind: 'ordinary',
		title: TITLE,
		scheduledAt: new Date(Date.now() - 7 * 86_400_000),
		place: 'Sala del órgano garante'
	});
	await openMeeting(db, body, meeting.id);
	for (const titular of titulares)
		await setAttendance(db, body, meeting.id, {
			memberId: titular.id,
			present: true,
			remote: false,
			by: by as string
		});
	const closed = await closeMeeting(db, body, meeting.id, by as string);
	if (!closed.ok) throw new Error(`demo e.firma meeting: ${closed.reason}`);
	await approveMinutesVersion(db, closed.version, {
		method: 'vote',
		note: 'Aprobada por votación al cierre (demostración).',
		userId: by as string
	});
	const [version] = await db
		.select()
		.from(minutesVersions)
		.where(eq(minutesVersions.id, closed.version.id));

	for (const [index, titular] of titulares.entries()) {
		const identity = IDENTITIES[index % IDENTITIES.length]!;
		await saveEfirmaIdentity(db, titular.id, identity, by as string);
		const files = await authority.issue({ name: titular.name, ...identity, password });
		const base = path.join(dir, titular.email.split('@')[0]!);
		writeFileSync(`${base}.cer`, files.cer);
		writeFileSync(`${base}.key`, files.key);
		const prepared = await prepareEfirmaSignature(
			db,
			body,
			version!,
			titular.id,
			'/verificar/' + version!.sha256
		);
		if (!prepared.ok) throw new Error(`demo e.firma: ${prepared.reason}`);
		const signed = await signDigestWithEfirma({
			certificate: files.cer,
			key: files.key,
			password,
			digestHex: prepared.digest,
			holder: identity,
			now: new Date()
		});
		if (!signed.ok) throw new Error(`demo e.firma: ${signed.reason}`);
		const submitted = await submitEfirmaSignature(db, body, version!, {
			memberId: titular.id,
			userId: titular.userId ?? (by as string),
			certificate: base64ToBytes(signed.value.certificate),
			signature: base64ToBytes(signed.value.signature),
			clientAddress: '127.0.0.1'
		});
		if (!submitted.ok) throw new Error(`demo e.firma: ${submitted.reason}`);
	}
	writeFileSync(
		path.join(dir, 'LEEME.txt'),
		[
			'Certificados de PRUEBA de la demostración de Mesa Abierta. NO son del SAT.',
			"Test certificates of the Mesa Abierta demo. They are NOT the SAT's.",
			`Autoridad / authority: ${authority.name}`,
			`Contraseña de cada .key / each .key's password: ${password}`,
			''
		].join('\n')
	);
}
