import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	emptyTestDatabase,
	engines,
	openTestDatabase,
	type TestDatabase
} from '../support/databases';
import {
	createTestAuthority,
	runPdfsig,
	startTimestampAuthority,
	trustedCaDir,
	type TestAuthority
} from '../support/efirma';
import type { LocalTimestampAuthority } from '../support/efirma-tsa';
import {
	createSecretariat,
	loadSecretariat,
	type LoadedSecretariat
} from '../../src/lib/server/secretariats/secretariats';
import { addMember, listMembers, saveSeat } from '../../src/lib/server/secretariats/members';
import { createMeeting } from '../../src/lib/server/meetings/meetings';
import { setAttendance } from '../../src/lib/server/meetings/attendance';
import { openMeeting } from '../../src/lib/server/meetings/meeting-progress';
import {
	approveMinutesVersion,
	closeMeeting,
	findApprovedVersionByHash,
	listVersionSignatures
} from '../../src/lib/server/minutes/minutes';
import { issueMinutesPdf } from '../../src/lib/server/minutes/minutes-files';
import {
	prepareEfirmaSignature,
	saveEfirmaIdentity,
	submitEfirmaSignature
} from '../../src/lib/server/efirma/efirma-signing';
import { verifyPdfSignatures } from '../../src/lib/server/efirma/verify-pdf';
import { signDigestWithEfirma } from '../../src/lib/efirma/signer';
import { base64ToBytes } from '../../src/lib/efirma/signed-attributes';
import { minutesVersions, type MinutesVersion } from '../../src/lib/server/db/schema';
import { sha256Hex } from '../../src/lib/server/minutes/minutes-content';

const holder = (name: string, email: string) => ({
	name,
	position: 'Cargo de ' + name,
	email,
	phone: '',
	termStartsOn: null,
	termEndsOn: null,
	reelections: 0
});
const TITULARS = ['Ana Beltrán', 'Carlos Durán', 'Elena Fuentes'];
const IDS: Record<string, { rfc: string; curp: string; password: string }> = {
	'Ana Beltrán': { rfc: 'BEAA800101AB1', curp: 'BEAA800101MZSLNN01', password: 'ana-clave' },
	'Carlos Durán': { rfc: 'DUCC750505CD2', curp: 'DUCC750505HZSRRR02', password: 'carlos-clave' },
	'Elena Fuentes': { rfc: 'FUEE900909EF3', curp: 'FUEE900909MZSNNL03', password: 'elena-clave' }
};
const DAY = 86_400_000;

describe.each(engines)('e.firma signatures of the minutes on %s', (engine) => {
	let database: TestDatabase;
	let authority: TestAuthority;
	let tsa: LocalTimestampAuthority;
	let body: LoadedSecretariat;
	let version: MinutesVersion;
	let id: (name: string) => string;
	const issued = new Map<string, { cer: Uint8Array; key: Uint8Array }>();

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		authority = await createTestAuthority();
		tsa = await startTimestampAuthority(authority);
		for (const name of TITULARS) issued.set(name, await authority.issue({ name, ...IDS[name]! }));
	});
	afterAll(async () => {
		delete process.env.TRUSTED_CA_DIR;
		delete process.env.TSA_URL;
		await tsa.close();
		await database.drop();
	});
	beforeEach(async () => {
		process.env.TRUSTED_CA_DIR = trustedCaDir(authority.certificate);
		process.env.TSA_URL = tsa.url;
		await emptyTestDatabase(database);
		const created = await createSecretariat(database.db, {
			name: 'STL e.firma',
			presetId: 'inai-stl'
		});
		const loaded = (await loadSecretariat(database.db, created.slug))!;
		for (const [index, seat] of loaded.seats.entries())
			await saveSeat(database.db, created.id, seat.id, {
				sector: seat.sector,
				organisation: `Organización ${index}`,
				titular: holder(TITULARS[index]!, `t${index}@x.mx`),
				substitute: null
			});
		await addMember(database.db, created.id, 'facilitator', holder('Facilitadora', 'f@x.mx'));
		body = (await loadSecretariat(database.db, created.slug))!;
		body.rules.minutes = { ...body.rules.minutes, signatureMethod: 'efirma' };
		const people = await listMembers(database.db, created.id);
		id = (name) => people.find((p) => p.name === name)!.id;
		const meetingId = (
			await createMeeting(database.db, body, {
				kind: 'ordinary',
				title: 'Sesión firmada',
				scheduledAt: new Date('2026-11-20T16:00:00Z'),
				place: 'Sala'
			})
		).id;
		await openMeeting(database.db, body, meetingId);
		for (const name of TITULARS)
			await setAttendance(database.db, body, meetingId, {
				memberId: id(name),
				present: true,
				remote: false,
				by: null as unknown as string
			});
		const closed = await closeMeeting(database.db, body, meetingId, null as unknown as string);
		if (!closed.ok) throw new Error(closed.reason);
		await approveMinutesVersion(database.db, closed.version, {
			method: 'vote',
			note: '',
			userId: null as unknown as string
		});
		[version] = await database.db
			.select()
			.from(minutesVersions)
			.where(eq(minutesVersions.id, closed.version.id));
		for (const name of TITULARS)
			await saveEfirmaIdentity(database.db, id(name), IDS[name]!, null as unknown as string);
	});

	/** The browser's part, done here with the same code; `as` signs with another person's files. */
	async function sign(
		name: string,
		options: { as?: string; now?: Date; files?: { cer: Uint8Array; key: Uint8Array } } = {}
	) {
		const prepared = await prepareEfirmaSignature(
			database.db,
			body,
			version,
			id(name),
			'http://x/verificar/h'
		);
		if (!prepared.ok) throw new Error(prepared.reason);
		const signerName = options.as ?? name;
		const files = options.files ?? issued.get(signerName)!;
		const signed = await signDigestWithEfirma({
			certificate: files.cer,
			key: files.key,
			password: IDS[signerName]!.password,
			digestHex: prepared.digest,
			holder: IDS[signerName]!,
			now: options.now ?? new Date()
		});
		if (!signed.ok) throw new Error(signed.reason);
		return submitEfirmaSignature(database.db, body, version, {
			memberId: id(name),
			userId: null as unknown as string,
			certificate: base64ToBytes(signed.value.certificate),
			signature: base64ToBytes(signed.value.signature),
			clientAddress: '203.0.113.9'
		});
	}

	it('three signers in sequence: one file, every signature valid, time-stamped, as pdfsig and /verificar say', async () => {
		for (const name of TITULARS) expect(await sign(name)).toMatchObject({ ok: true });
		const pdf = await issueMinutesPdf(database.db, version, 'http://x');
		const pdfsig = runPdfsig(pdf);
		expect(pdfsig.map((s) => s.validation)).toEqual(Array(3).fill('Signature is Valid.'));
		expect(pdfsig.map((s) => s.signerName)).toEqual(TITULARS);
		expect(pdfsig.at(-1)!.totalDocumentSigned).toBe(true);
		const report = await verifyPdfSignatures(pdf);
		expect(report.map((r) => [r.signer?.rfc, r.valid, r.trusted, r.changedAfter])).toEqual([
			[IDS['Ana Beltrán']!.rfc, true, true, 'later-signatures'],
			[IDS['Carlos Durán']!.rfc, true, true, 'later-signatures'],
			[IDS['Elena Fuentes']!.rfc, true, true, 'no']
		]);
		expect(report.every((r) => r.timestamp?.valid)).toBe(true);
		expect(tsa.requests).toBeGreaterThanOrEqual(3);
		// The in-app record and the hash lookup of /verificar know the file too.
		expect((await listVersionSignatures(database.db, version.id)).map((s) => s.decision)).toEqual([
			'signed',
			'signed',
			'signed'
		]);
		expect(await findApprovedVersionByHash(database.db, sha256Hex(pdf))).toMatchObject({
			matched: 'pdf'
		});
	});

	it('without TSA_URL the server time is all there is, and the verification says so', async () => {
		delete process.env.TSA_URL;
		expect(await sign('Ana Beltrán')).toMatchObject({ ok: true });
		const [report] = await verifyPdfSignatures(
			await issueMinutesPdf(database.db, version, 'http://x')
		);
		expect(report).toMatchObject({ valid: true, timestamp: null });
		expect(report!.declaredTime).not.toBeNull();
	});

	it("another person's certificate for a seat is refused on the server (hostile client)", async () => {
		expect(await sign('Ana Beltrán', { as: 'Carlos Durán' })).toEqual({
			ok: false,
			reason: 'rfc-mismatch'
		});
		expect(await listVersionSignatures(database.db, version.id)).toEqual([]);
	});

	it('a forged signature value is refused', async () => {
		const prepared = await prepareEfirmaSignature(
			database.db,
			body,
			version,
			id('Ana Beltrán'),
			'http://x'
		);
		expect(prepared.ok).toBe(true);
		const result = await submitEfirmaSignature(database.db, body, version, {
			memberId: id('Ana Beltrán'),
			userId: null as unknown as string,
			certificate: issued.get('Ana Beltrán')!.cer,
			signature: new Uint8Array(256).fill(7),
			clientAddress: '203.0.113.9'
		});
		expect(result).toEqual({ ok: false, reason: 'bad-signature' });
	});

	it('an expired certificate and one from an untrusted authority are refused on the server', async () => {
		const ana = IDS['Ana Beltrán']!;
		const expired = await authority.issue({
			name: 'Ana Beltrán',
			...ana,
			notBefore: new Date(Date.now() - 800 * DAY),
			notAfter: new Date(Date.now() - 10 * DAY)
		});
		// The client is made to sign anyway (its own check bypassed with an earlier clock).
		expect(
			await sign('Ana Beltrán', { files: expired, now: new Date(Date.now() - 100 * DAY) })
		).toEqual({ ok: false, reason: 'certificate-expired' });
		const stranger = await createTestAuthority('Otra autoridad');
		expect(
			await sign('Ana Beltrán', { files: await stranger.issue({ name: 'Ana Beltrán', ...ana }) })
		).toEqual({ ok: false, reason: 'untrusted-authority' });
	});

	it('a signer whose prepared file was overtaken by another signature must sign again', async () => {
		const first = await prepareEfirmaSignature(
			database.db,
			body,
			version,
			id('Carlos Durán'),
			'http://x'
		);
		expect(first.ok).toBe(true);
		expect(await sign('Ana Beltrán')).toMatchObject({ ok: true });
		const signed = await signDigestWithEfirma({
			certificate: issued.get('Carlos Durán')!.cer,
			key: issued.get('Carlos Durán')!.key,
			password: IDS['Carlos Durán']!.password,
			digestHex: first.ok ? first.digest : '',
			holder: IDS['Carlos Durán']!,
			now: new Date()
		});
		expect(signed.ok).toBe(true);
		if (!signed.ok) return;
		const stale = await submitEfirmaSignature(database.db, body, version, {
			memberId: id('Carlos Durán'),
			userId: null as unknown as string,
			certificate: base64ToBytes(signed.value.certificate),
			signature: base64ToBytes(signed.value.signature),
			clientAddress: '203.0.113.9'
		});
		expect(stale).toEqual({ ok: false, reason: 'stale' });
		expect(await sign('Carlos Durán')).toMatchObject({ ok: true });
	});

	it('a body that signs with the password cannot be signed with e.firma', async () => {
		body.rules.minutes = { ...body.rules.minutes, signatureMethod: 'password' };
		expect(
			await prepareEfirmaSignature(database.db, body, version, id('Ana Beltrán'), 'http://x')
		).toEqual({ ok: false, reason: 'not-efirma' });
	});
});
