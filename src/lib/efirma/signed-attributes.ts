/**
 * The CMS signed attributes of a PAdES signature (ETSI EN 319 142-1, baseline B): content type
 * (id-data), message digest (the SHA-256 of the PDF's signed byte ranges) and the
 * signing-certificate-v2 attribute (RFC 5035: the SHA-256 of the signer's certificate and its
 * issuer and serial), and no signing-time (PAdES keeps the time in the signature dictionary, /M).
 * The signer's browser builds them from the digest the server sent and signs their DER; the server
 * builds them again from the same digest and the certificate it receives, so the browser sends
 * only the signature value and the certificate. Built with pkijs and asn1js; the attributes are
 * sorted by their encoding (DER's SET OF order), so both sides get the same bytes.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OIDS = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
	sha256: '2.16.840.1.101.3.4.2.1',
	rsaEncryption: '1.2.840.113549.1.1.1',
	sha256WithRsa: '1.2.840.113549.1.1.11'
} as const;

const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

function compareBytes(a: Uint8Array, b: Uint8Array): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
	return a.length - b.length;
}

/** ESS signing-certificate-v2 (RFC 5035): the certificate's SHA-256, its issuer and serial. */
function signingCertificateV2(certificate: pkijs.Certificate, certHash: Uint8Array) {
	const issuerSerial = new asn1js.Sequence({
		value: [
			new pkijs.GeneralNames({
				names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })]
			}).toSchema(),
			certificate.serialNumber
		]
	});
	// hashAlgorithm is left out: its DEFAULT is SHA-256 (RFC 5035, ESSCertIDv2).
	const essCertIdV2 = new asn1js.Sequence({
		value: [new asn1js.OctetString({ valueHex: toBuffer(certHash) }), issuerSerial]
	});
	return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

export interface BuiltSignedAttributes {
	/** For the SignerInfo ([0] IMPLICIT). */
	attributes: pkijs.SignedAndUnsignedAttributes;
	/** The DER the signature is computed over (the same, tagged as a SET). */
	toBeSigned: Uint8Array;
}

/**
 * Builds the signed attributes over a document digest (SHA-256 of the signed byte ranges) for a
 * certificate, and the bytes to sign. `certificateSha256` is the SHA-256 of the certificate's DER.
 */
export function buildSignedAttributes(
	digest: Uint8Array,
	certificate: pkijs.Certificate,
	certificateSha256: Uint8Array
): BuiltSignedAttributes {
	const list = [
		new pkijs.Attribute({
			type: OIDS.contentType,
			values: [new asn1js.ObjectIdentifier({ value: OIDS.data })]
		}),
		new pkijs.Attribute({
			type: OIDS.messageDigest,
			values: [new asn1js.OctetString({ valueHex: toBuffer(digest) })]
		}),
		new pkijs.Attribute({
			type: OIDS.signingCertificateV2,
			values: [signingCertificateV2(certificate, certificateSha256)]
		})
	];
	const sorted = list
		.map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER()) }))
		.sort((a, b) => compareBytes(a.der, b.der))
		.map(({ attribute }) => attribute);
	const attributes = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted });
	const toBeSigned = new Uint8Array(attributes.toSchema().toBER());
	toBeSigned[0] = 0x31; // SET OF, as RFC 5652 §5.4 asks for the signature input.
	return { attributes, toBeSigned };
}

/** Hex ⇄ bytes, base64 ⇄ bytes: the forms the digest, certificate and signature travel in. */
export const bytesToHex = (bytes: Uint8Array) =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function hexToBytes(hex: string): Uint8Array {
	if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
	const out = new Uint8Array(hex.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
	return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
	const binary = atob(text);
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
