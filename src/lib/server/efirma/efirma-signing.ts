/**
 * Signing a version of the minutes with e.firma (issue 14; Z art. 7.5, I III.6, T III.6: signed by
 * the members), in two steps around the signer's browser, which alone holds the key:
 *
 * 1. `prepareEfirmaSignature`: the current file of the version (the last signed one, or the
 *    unsigned render) plus this signer's signature field over their block on the signature page,
 *    kept as a preparation with the digest of its byte ranges; the browser gets that digest and
 *    the RFC and CURP on record for the seat holder.
 * 2. `submitEfirmaSignature`: the browser sends the signature value and the certificate. The server
 *    checks everything again — the certificate is valid now, chains to a trusted authority, is
 *    not revoked (when OCSP_URL is set), names the seat holder on record, and the signature
 *    verifies over the signed attributes rebuilt from the prepared digest — asks the TSA for a
 *    time-stamp when TSA_URL is set, embeds the CMS, and then, in one transaction under the
 *    version's row lock, checks the rules and that nobody signed since the preparation, and
 *    records the signed file, the in-app signature (minutes_signatures) and the file's hash.
 */
import { and, desc, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db';
import {
	efirmaIdentities,
	efirmaPreparations,
	efirmaSignatures,
	minutesPdfs,
	minutesSignatures,
	minutesVersions,
	type MinutesVersion
} from '../db/schema';
import {
	checkMinutesSignature,
	minutesSignatureMethod,
	type MinutesSignRefusal
} from '../../rules';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { renderMinutesPdfForEfirma, minutesFolio } from '../documents/minutes-pdf';
import { PAGE } from '../documents/pdf-layout';
import { listVersionSignatures } from '../minutes/minutes';
import {
	checkValidity,
	matchIdentity,
	parseCertificate,
	readCertificateIdentity,
	type IdentityMismatch,
	type ValidityProblem
} from '../../efirma/certificate';
import { bytesToHex, hexToBytes, OIDS } from '../../efirma/signed-attributes';
import { addSignatureField, digestPreparedPdf, embedSignature } from './pades';
import { assembleCms, verifySignerParts } from './cms';
import { checkChain, efirmaSettings, loadTrustedAuthorities } from './trust';
import { readTimestampToken, requestTimestampToken, TimestampError } from './timestamp';
import { checkRevocation } from './ocsp';

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export type EfirmaRefusal =
	| MinutesSignRefusal
	| 'not-efirma'
	| 'not-prepared'
	| 'stale'
	| 'not-a-certificate'
	| 'not-rsa'
	| 'untrusted-authority'
	| 'certificate-revoked'
	| 'bad-signature'
	| 'timestamp-unavailable'
	| IdentityMismatch
	| ValidityProblem;

/** The RFC and CURP on record for a member, or null. */
export async function findEfirmaIdentity(db: Queryable, memberId: string) {
	const [row] = await db
		.select({ rfc: efirmaIdentities.rfc, curp: efirmaIdentities.curp })
		.from(efirmaIdentities)
		.where(eq(efirmaIdentities.memberId, memberId));
	return row ?? null;
}

/** Records (or replaces) a seat holder's RFC and CURP; the admins' identities page calls it. */
export async function saveEfirmaIdentity(
	db: Queryable,
	memberId: string,
	identity: { rfc: string; curp: string },
	userId: string
) {
	const values = {
		rfc: identity.rfc.trim().toUpperCase(),
		curp: identity.curp.trim().toUpperCase(),
		updatedBy: userId,
		updatedAt: new Date()
	};
	await db
		.insert(efirmaIdentities)
		.values({ memberId, ...values })
		.onConflictDoUpdate({ target: efirmaIdentities.memberId, set: values });
}

/** The newest e.firma signature of a version (its file holds every signature so far), or null. */
export async function latestEfirmaSignature(db: Queryable, versionId: string) {
	const [row] = await db
		.select()
		.from(efirmaSignatures)
		.where(eq(efirmaSignatures.versionId, versionId))
		.orderBy(desc(efirmaSignatures.position))
		.limit(1);
	return row ?? null;
}

/** A version's e.firma signatures, in order, without their files. */
export function listEfirmaSignatures(db: Queryable, versionId: string) {
	return db
		.select({
			memberId: efirmaSignatures.memberId,
			position: efirmaSignatures.position,
			signerName: efirmaSignatures.signerName,
			rfc: efirmaSignatures.rfc,
			certificateSerial: efirmaSignatures.certificateSerial,
			timestampedAt: efirmaSignatures.timestampedAt,
			signedAt: efirmaSignatures.signedAt
		})
		.from(efirmaSignatures)
		.where(eq(efirmaSignatures.versionId, versionId))
		.orderBy(efirmaSignatures.position);
}

async function checkRules(
	db: Queryable,
	secretariat: LoadedSecretariat,
	version: MinutesVersion,
	memberId: string
) {
	const [newest] = await db
		.select({ number: minutesVersions.number })
		.from(minutesVersions)
		.where(eq(minutesVersions.meetingId, version.meetingId))
		.orderBy(desc(minutesVersions.number))
		.limit(1);
	return checkMinutesSignature({
		approvalRequired: secretariat.rules.minutes.approvalRequired,
		approved: version.approvedAt !== null,
		newest: newest?.number === version.number,
		signers: version.content.signers.map((s) => s.memberId),
		decided: (await listVersionSignatures(db, version.id)).map((s) => s.memberId),
		memberId
	});
}

/** Step 1: the file with this signer's field, and the digest their browser is to sign. */
export async function prepareEfirmaSignature(
	db: Database,
	secretariat: LoadedSecretariat,
	version: MinutesVersion,
	memberId: string,
	verifyUrl: string,
	now = new Date()
): Promise<
	| { ok: true; digest: string; holder: { rfc: string; curp: string } }
	| { ok: false; reason: EfirmaRefusal }
> {
	if (minutesSignatureMethod(secretariat.rules) !== 'efirma')
		return { ok: false, reason: 'not-efirma' };
	const rules = await checkRules(db, secretariat, version, memberId);
	if (!rules.ok) return rules;
	const holder = await findEfirmaIdentity(db, memberId);
	if (!holder) return { ok: false, reason: 'no-identity-on-record' };
	const signer = version.content.signers.find((s) => s.memberId === memberId)!;
	const latest = await latestEfirmaSignature(db, version.id);
	const unsigned = await renderMinutesPdfForEfirma(version, verifyUrl);
	const box = unsigned.fields.get(memberId)!;
	const base = latest?.pdf ?? unsigned.pdf;
	const prepared = addSignatureField(base, {
		name: signer.name,
		reason: `Firma de la minuta ${minutesFolio(version)} (hash ${version.sha256})`,
		location: version.content.secretariat.name,
		contactInfo: '',
		page: box.page,
		// pdfkit lays out from the top; PDF rectangles count from the bottom.
		rect: [box.x, PAGE.height - box.bottom, box.x + box.width, PAGE.height - box.top],
		signingTime: now
	});
	const digest = bytesToHex(await digestPreparedPdf(prepared));
	const values = {
		baseSha256: latest?.pdfSha256 ?? `unsigned:${sha256Hex(unsigned.pdf)}`,
		pdf: prepared,
		digest,
		createdAt: now
	};
	await db
		.insert(efirmaPreparations)
		.values({ versionId: version.id, memberId, ...values })
		.onConflictDoUpdate({
			target: [efirmaPreparations.versionId, efirmaPreparations.memberId],
			set: values
		});
	return { ok: true, digest, holder };
}

/** Step 2: checks the signer's signature and certificate and embeds them as PAdES. */
export async function submitEfirmaSignature(
	db: Database,
	secretariat: LoadedSecretariat,
	version: MinutesVersion,
	input: {
		memberId: string;
		userId: string;
		certificate: Uint8Array;
		signature: Uint8Array;
		clientAddress: string;
	},
	now = new Date()
): Promise<{ ok: true; pdfSha256: string } | { ok: false; reason: EfirmaRefusal }> {
	if (minutesSignatureMethod(secretariat.rules) !== 'efirma')
		return { ok: false, reason: 'not-efirma' };
	const [preparation] = await db
		.select()
		.from(efirmaPreparations)
		.where(
			and(
				eq(efirmaPreparations.versionId, version.id),
				eq(efirmaPreparations.memberId, input.memberId)
			)
		);
	if (!preparation) return { ok: false, reason: 'not-prepared' };
	let identity;
	try {
		const certificate = parseCertificate(input.certificate);
		if (certificate.subjectPublicKeyInfo.algorithm.algorithmId !== OIDS.rsaEncryption)
			return { ok: false, reason: 'not-rsa' };
		identity = readCertificateIdentity(certificate);
	} catch {
		return { ok: false, reason: 'not-a-certificate' };
	}
	const validity = checkValidity(identity, now);
	if (!validity.ok) return validity;
	const match = matchIdentity(identity, await findEfirmaIdentity(db, input.memberId));
	if (!match.ok) return match;
	const settings = efirmaSettings();
	const chain = await checkChain(
		input.certificate,
		loadTrustedAuthorities(settings.trustedCaDir)
	).catch(() => null);
	if (!chain?.trusted) return { ok: false, reason: 'untrusted-authority' };
	if (settings.ocspUrl && chain.issuer) {
		const revocation = await checkRevocation(
			settings.ocspUrl,
			input.certificate,
			new Uint8Array(chain.issuer.rawData)
		);
		if (revocation.status === 'revoked') return { ok: false, reason: 'certificate-revoked' };
	}
	const parts = {
		digest: hexToBytes(preparation.digest),
		certificate: input.certificate,
		signature: input.signature
	};
	if (!(await verifySignerParts(parts)).valid) return { ok: false, reason: 'bad-signature' };
	let token: Uint8Array | null = null;
	if (settings.tsaUrl) {
		try {
			token = await requestTimestampToken(settings.tsaUrl, input.signature);
		} catch (cause) {
			if (cause instanceof TimestampError) return { ok: false, reason: 'timestamp-unavailable' };
			throw cause;
		}
	}
	const timestampedAt = token ? readGenTime(token) : null;
	const signed = await embedSignature(preparation.pdf, async (covered) => {
		if (bytesToHex(covered) !== preparation.digest) throw new Error('prepared file changed');
		return assembleCms(parts, token);
	});
	const pdfSha256 = sha256Hex(signed);

	return db.transaction(async (tx) => {
		// The version's row lock orders signers: one signature is added at a time.
		await tx
			.select({ id: minutesVersions.id })
			.from(minutesVersions)
			.where(eq(minutesVersions.id, version.id))
			.for('update');
		const rules = await checkRules(tx, secretariat, version, input.memberId);
		if (!rules.ok) return rules;
		const latest = await latestEfirmaSignature(tx, version.id);
		const basedOnLatest = latest
			? preparation.baseSha256 === latest.pdfSha256
			: preparation.baseSha256.startsWith('unsigned:');
		if (!basedOnLatest) return { ok: false as const, reason: 'stale' as const };
		const position = (latest?.position ?? 0) + 1;
		await tx.insert(efirmaSignatures).values({
			versionId: version.id,
			memberId: input.memberId,
			position,
			pdf: signed,
			pdfSha256,
			certificate: input.certificate,
			certificateSerial: identity.serial,
			signerName: identity.name,
			rfc: identity.rfc,
			curp: identity.curp,
			timestampedAt,
			signedAt: now
		});
		await tx.insert(minutesSignatures).values({
			versionId: version.id,
			memberId: input.memberId,
			userId: input.userId,
			decision: 'signed',
			reason: '',
			versionSha256: version.sha256,
			clientAddress: input.clientAddress,
			at: now
		});
		await tx
			.insert(minutesPdfs)
			.values({ sha256: pdfSha256, versionId: version.id, signatureCount: position })
			.onConflictDoNothing();
		await tx.delete(efirmaPreparations).where(eq(efirmaPreparations.id, preparation.id));
		return { ok: true as const, pdfSha256 };
	});
}

/** The time of a token, read back with the reader /verificar uses. */
const readGenTime = (token: Uint8Array) => readTimestampToken(token)?.genTime ?? null;
