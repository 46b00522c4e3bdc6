/**
 * The CMS SignedData of a PAdES signature (RFC 5652, ETSI EN 319 142-1 baseline B and, with a
 * time-stamp, B-T), put together on the server from what the signer's browser sent — the signature
 * value and the certificate — and the signed attributes rebuilt here from the digest the server
 * computed (signed-attributes.ts, shared with the browser). The signature is checked with the
 * certificate's public key before anything is embedded: a forged or mismatched post is refused.
 * Built with pkijs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { webcrypto } from 'node:crypto';
import { buildSignedAttributes, OIDS } from '../../efirma/signed-attributes';
import { parseCertificate } from '../../efirma/certificate';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export interface SignerParts {
	digest: Uint8Array;
	certificate: Uint8Array;
	signature: Uint8Array;
}

/** The signed attributes for these parts, and whether the signature over them verifies. */
export async function verifySignerParts(parts: SignerParts) {
	const certificate = parseCertificate(parts.certificate);
	const certificateHash = new Uint8Array(
		await subtle.digest('SHA-256', toBuffer(parts.certificate))
	);
	const built = buildSignedAttributes(parts.digest, certificate, certificateHash);
	let valid: boolean;
	try {
		const key = await subtle.importKey(
			'spki',
			certificate.subjectPublicKeyInfo.toSchema().toBER(),
			RSA_SHA256,
			false,
			['verify']
		);
		valid = await subtle.verify(
			RSA_SHA256,
			key,
			toBuffer(parts.signature),
			toBuffer(built.toBeSigned)
		);
	} catch {
		valid = false;
	}
	return { certificate, built, valid };
}

/** The DER ContentInfo(SignedData) to write into the PDF, with an optional RFC 3161 token. */
export async function assembleCms(
	parts: SignerParts,
	timestampToken: Uint8Array | null
): Promise<Uint8Array> {
	const { certificate, built } = await verifySignerParts(parts);
	const sha256 = () => new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 });
	const signerInfo = new pkijs.SignerInfo({
		version: 1,
		sid: new pkijs.IssuerAndSerialNumber({
			issuer: certificate.issuer,
			serialNumber: certificate.serialNumber
		}),
		digestAlgorithm: sha256(),
		signedAttrs: built.attributes,
		signatureAlgorithm: new pkijs.AlgorithmIdentifier({
			algorithmId: OIDS.rsaEncryption,
			algorithmParams: new asn1js.Null()
		}),
		signature: new asn1js.OctetString({ valueHex: toBuffer(parts.signature) })
	});
	if (timestampToken) {
		const token = asn1js.fromBER(toBuffer(timestampToken));
		signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
			type: 1,
			attributes: [
				new pkijs.Attribute({ type: OIDS.signatureTimeStampToken, values: [token.result] })
			]
		});
	}
	const signedData = new pkijs.SignedData({
		version: 1,
		digestAlgorithms: [sha256()],
		encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data }),
		certificates: [certificate],
		signerInfos: [signerInfo]
	});
	const contentInfo = new pkijs.ContentInfo({
		contentType: OIDS.signedData,
		content: signedData.toSchema(true)
	});
	return new Uint8Array(contentInfo.toSchema().toBER());
}
