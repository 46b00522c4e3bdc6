/**
 * Reads every signature of an uploaded PDF and says, for each, what a reader like Adobe's or
 * poppler's pdfsig would: who signed (name, RFC, CURP from the certificate), the certificate's
 * serial and validity, whether it chains to an authority this server trusts (TRUSTED_CA_DIR),
 * whether the bytes it covers are intact and whether the file was changed after it, and when it
 * was signed — the RFC 3161 time-stamp's time and authority, or the server's time (/M) with the
 * warning that no trusted time-stamp backs it — plus the revocation check when OCSP_URL is set.
 * The ranges come from @signpdf/utils (findByteRange); the CMS is read with pkijs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, webcrypto } from 'node:crypto';
import { findByteRange } from '@signpdf/utils';
import { readCertificateIdentity, type CertificateIdentity } from '../../efirma/certificate';
import { OIDS } from '../../efirma/signed-attributes';
import { checkChain, efirmaSettings, loadTrustedAuthorities } from './trust';
import { readTimestampToken, verifyTimestampToken } from './timestamp';
import { checkRevocation, type RevocationStatus } from './ocsp';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export interface PdfSignatureReport {
	index: number;
	subFilter: string;
	signer:
		| (Omit<CertificateIdentity, 'notBefore' | 'notAfter'> & {
				notBefore: string;
				notAfter: string;
		  })
		| null;
	/** The covered bytes hash to the signed digest and the signature verifies with the certificate. */
	valid: boolean;
	/** 'no': the signature covers the whole file; 'later-signatures': only later signed revisions
	 * follow it; 'yes': bytes it covers changed, or unsigned bytes were appended after it. */
	changedAfter: 'no' | 'later-signatures' | 'yes';
	trusted: boolean;
	chain: string[];
	/** Valid at the time of signing (the time-stamp's, else the declared one). */
	validAtSigning: boolean;
	timestamp: { at: string; authority: string; valid: boolean } | null;
	/** The time the signature dictionary declares (/M): the server's clock, not a trusted time. */
	declaredTime: string | null;
	revocation: RevocationStatus;
}

/** The /M of the signature dictionary holding the byte range at `position`, as a Date. */
function declaredTime(pdf: Buffer, position: number): Date | null {
	const start = pdf.lastIndexOf('obj', position);
	const end = pdf.indexOf('endobj', position);
	const dict = pdf.subarray(start, end === -1 ? undefined : end).toString('latin1');
	const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(dict);
	return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
}

const equal = (a: Uint8Array, b: Uint8Array) =>
	a.length === b.length && a.every((x, i) => x === b[i]);

/** Every signature of `bytes`, in file order; an empty list when the PDF has none. */
export async function verifyPdfSignatures(
	bytes: Uint8Array,
	now = new Date()
): Promise<PdfSignatureReport[]> {
	const pdf = Buffer.from(bytes);
	const settings = efirmaSettings();
	const trusted = loadTrustedAuthorities(settings.trustedCaDir);
	// findByteRange returns the ranges too (its typings lag behind).
	const { byteRanges, byteRangeStrings } = findByteRange(pdf) as ReturnType<
		typeof findByteRange
	> & {
		byteRanges: string[][];
	};
	const reports: PdfSignatureReport[] = [];
	const ends: number[] = [];
	let searchFrom = 0;
	for (const [index, range] of byteRanges.entries()) {
		const position = pdf.indexOf(byteRangeStrings[index]!, searchFrom);
		searchFrom = position + 1;
		const [a, b, c, d] = range.map(Number) as [number, number, number, number];
		if ([a, b, c, d].some((n) => !Number.isInteger(n) || n < 0) || c + d > pdf.length) continue;
		ends.push(c + d);
		const covered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
		const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
		const report: PdfSignatureReport = {
			index: reports.length + 1,
			subFilter:
				/\/SubFilter\s*\/([\w.]+)/.exec(
					pdf.subarray(pdf.lastIndexOf('obj', position), c).toString('latin1')
				)?.[1] ?? '',
			signer: null,
			valid: false,
			changedAfter: 'yes',
			trusted: false,
			chain: [],
			validAtSigning: false,
			timestamp: null,
			declaredTime: declaredTime(pdf, position)?.toISOString() ?? null,
			revocation: { status: 'not-configured' }
		};
		reports.push(report);
		let signedData: pkijs.SignedData;
		try {
			const der = Buffer.from(hex, 'hex');
			const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(toBuffer(der)).result });
			signedData = new pkijs.SignedData({ schema: info.content });
		} catch {
			continue;
		}
		const signerInfo = signedData.signerInfos[0];
		const certificates = (signedData.certificates ?? []).filter(
			(item): item is pkijs.Certificate => item instanceof pkijs.Certificate
		);
		const sid = signerInfo?.sid as pkijs.IssuerAndSerialNumber | undefined;
		const certificate =
			certificates.find((cert) => sid && cert.serialNumber.isEqual(sid.serialNumber)) ??
			certificates[0];
		if (!signerInfo || !certificate) continue;
		const identity = readCertificateIdentity(certificate);
		report.signer = {
			...identity,
			notBefore: identity.notBefore.toISOString(),
			notAfter: identity.notAfter.toISOString()
		};
		// Intact: the message digest is that of the covered bytes, and the signature verifies.
		const digest = createHash('sha256').update(covered).digest();
		const messageDigest = signerInfo.signedAttrs?.attributes.find(
			(x) => x.type === OIDS.messageDigest
		);
		const signedDigest = messageDigest
			? new Uint8Array((messageDigest.values[0] as asn1js.OctetString).valueBlock.valueHexView)
			: new Uint8Array();
		let signatureOk: boolean;
		try {
			const toBeSigned = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
			toBeSigned[0] = 0x31;
			const key = await subtle.importKey(
				'spki',
				certificate.subjectPublicKeyInfo.toSchema().toBER(),
				{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
				false,
				['verify']
			);
			signatureOk = await subtle.verify(
				'RSASSA-PKCS1-v1_5',
				key,
				toBuffer(new Uint8Array(signerInfo.signature.valueBlock.valueHexView)),
				toBuffer(toBeSigned)
			);
		} catch {
			signatureOk = false;
		}
		report.valid = signatureOk && equal(new Uint8Array(digest), signedDigest);
		const certDer = new Uint8Array(certificate.toSchema().toBER());
		try {
			const chain = await checkChain(
				certDer,
				trusted,
				certificates
					.filter((x) => x !== certificate)
					.map((x) => new Uint8Array(x.toSchema().toBER()))
			);
			report.trusted = chain.trusted;
			report.chain = chain.chain;
			if (settings.ocspUrl && chain.issuer)
				report.revocation = await checkRevocation(
					settings.ocspUrl,
					certDer,
					new Uint8Array(chain.issuer.rawData)
				);
		} catch {
			report.trusted = false;
		}
		const tokenAttribute = signerInfo.unsignedAttrs?.attributes.find(
			(x) => x.type === OIDS.signatureTimeStampToken
		);
		if (tokenAttribute) {
			const token = readTimestampToken(new Uint8Array(tokenAttribute.values[0]!.toBER()));
			if (token) {
				const imprint = createHash('sha256')
					.update(new Uint8Array(signerInfo.signature.valueBlock.valueHexView))
					.digest();
				report.timestamp = {
					at: token.genTime.toISOString(),
					authority: token.authority,
					valid:
						equal(token.imprint, new Uint8Array(imprint)) &&
						(await verifyTimestampToken(
							token,
							new Uint8Array(signerInfo.signature.valueBlock.valueHexView)
						))
				};
			}
		}
		const at = new Date(report.timestamp?.at ?? report.declaredTime ?? now);
		report.validAtSigning = at >= identity.notBefore && at <= identity.notAfter;
	}
	// Changed after: its own bytes changed, or bytes follow it that no later valid signature covers.
	const lastEnd = Math.max(0, ...ends);
	for (const [i, report] of reports.entries()) {
		const later = reports.slice(i + 1);
		if (!report.valid) report.changedAfter = 'yes';
		else if (ends[i] === pdf.length) report.changedAfter = 'no';
		else if (lastEnd === pdf.length && later.length > 0 && later.every((r) => r.valid))
			report.changedAfter = 'later-signatures';
		else report.changedAfter = 'yes';
	}
	return reports;
}
