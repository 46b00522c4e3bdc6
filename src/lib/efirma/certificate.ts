/**
 * What an e.firma certificate says of its holder, read the same way in the signer's browser and on
 * the server. The SAT puts the holder's RFC in x500UniqueIdentifier (OID 2.5.4.45) and the CURP in
 * serialNumber (2.5.4.5); for a company's representative either holds "<company> / <person>", and
 * the first part is the one that names the certificate's holder. Parsed with pkijs (no hand-written
 * ASN.1). Glossary: RFC → tax id; CURP → population id; vigencia → validity.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
	commonName: '2.5.4.3',
	name: '2.5.4.41',
	rfc: '2.5.4.45',
	curp: '2.5.4.5',
	organization: '2.5.4.10'
} as const;

export interface CertificateIdentity {
	name: string;
	rfc: string;
	curp: string;
	/** The certificate's serial number, hex. */
	serial: string;
	issuer: string;
	notBefore: Date;
	notAfter: Date;
}

/** A DER certificate as pkijs reads it; throws on anything that is not one. */
export function parseCertificate(der: Uint8Array): pkijs.Certificate {
	const asn1 = asn1js.fromBER(der);
	if (asn1.offset === -1) throw new Error('not DER');
	return new pkijs.Certificate({ schema: asn1.result });
}

function attributeText(value: unknown): string {
	const block = (value as { valueBlock?: { value?: unknown; valueHexView?: Uint8Array } })
		.valueBlock;
	if (typeof block?.value === 'string') return block.value;
	if (block?.valueHexView) return new TextDecoder().decode(block.valueHexView);
	return '';
}

/** The value of an attribute of a name (the first one), or ''. */
export function nameAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string {
	const found = name.typesAndValues.find((item) => item.type === oid);
	return found ? attributeText(found.value).trim() : '';
}

/** "AAA010101AAA / HEGT7610034S2" → "AAA010101AAA": the holder's own part, upper case. */
const firstPart = (value: string) => (value.split('/')[0] ?? '').trim().toUpperCase();

const hex = (bytes: Uint8Array) =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The holder's name, RFC and CURP, the serial, the issuer and the validity of a certificate. */
export function readCertificateIdentity(certificate: pkijs.Certificate): CertificateIdentity {
	const subject = certificate.subject;
	return {
		name: nameAttribute(subject, OID.commonName) || nameAttribute(subject, OID.name),
		rfc: firstPart(nameAttribute(subject, OID.rfc)),
		curp: firstPart(nameAttribute(subject, OID.curp)),
		serial: hex(certificate.serialNumber.valueBlock.valueHexView),
		issuer:
			nameAttribute(certificate.issuer, OID.commonName) ||
			nameAttribute(certificate.issuer, OID.organization),
		notBefore: certificate.notBefore.value,
		notAfter: certificate.notAfter.value
	};
}

export type IdentityMismatch = 'rfc-mismatch' | 'curp-mismatch' | 'no-identity-on-record';

/**
 * Whether a certificate's RFC and CURP are those on record for the seat holder. Both must be on
 * record and both must match (case and spaces aside): a certificate of another person is refused
 * with which of the two differs. The browser checks it before signing; the server again on submit.
 */
export function matchIdentity(
	certificate: Pick<CertificateIdentity, 'rfc' | 'curp'>,
	onRecord: { rfc: string; curp: string } | null
): { ok: true } | { ok: false; reason: IdentityMismatch } {
	const norm = (value: string) => value.replace(/\s+/g, '').toUpperCase();
	if (!onRecord || !norm(onRecord.rfc) || !norm(onRecord.curp))
		return { ok: false, reason: 'no-identity-on-record' };
	if (norm(certificate.rfc) !== norm(onRecord.rfc)) return { ok: false, reason: 'rfc-mismatch' };
	if (norm(certificate.curp) !== norm(onRecord.curp)) return { ok: false, reason: 'curp-mismatch' };
	return { ok: true };
}

export type ValidityProblem = 'certificate-expired' | 'certificate-not-yet-valid';

/** Whether a certificate is within its validity at `now`. */
export function checkValidity(
	identity: Pick<CertificateIdentity, 'notBefore' | 'notAfter'>,
	now: Date
): { ok: true } | { ok: false; reason: ValidityProblem } {
	if (now.getTime() > identity.notAfter.getTime())
		return { ok: false, reason: 'certificate-expired' };
	if (now.getTime() < identity.notBefore.getTime())
		return { ok: false, reason: 'certificate-not-yet-valid' };
	return { ok: true };
}
