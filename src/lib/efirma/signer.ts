/**
 * Signing a document digest with an e.firma on the signer's own device: the `.cer` and `.key` the
 * person picked and the password they typed never leave this function (nor the browser). The key
 * (PKCS#8 EncryptedPrivateKeyInfo, DER; the SAT encrypts with PBES2 and DES-EDE3-CBC, which
 * WebCrypto lacks) is decrypted with node-forge; the signature (RSASSA-PKCS1-v1_5 with SHA-256,
 * SAT keys are RSA) is made with WebCrypto over the CMS signed attributes (signed-attributes.ts);
 * it is checked against the certificate's own public key, so a key of another certificate is
 * caught here. Before anything is signed, the certificate must be valid today and name the seat
 * holder on record (RFC and CURP). What comes out is only the signature value and the certificate.
 * The signing page calls it in the browser; the demo seed in Node (both have WebCrypto).
 */
import forge from 'node-forge';
import {
	checkValidity,
	matchIdentity,
	parseCertificate,
	readCertificateIdentity,
	type CertificateIdentity,
	type IdentityMismatch,
	type ValidityProblem
} from './certificate';
import { buildSignedAttributes, bytesToBase64, hexToBytes, OIDS } from './signed-attributes';

export type SignerRefusal =
	| 'not-a-certificate'
	| 'not-a-key'
	| 'not-rsa'
	| 'wrong-password'
	| 'key-certificate-mismatch'
	| IdentityMismatch
	| ValidityProblem;

export interface EfirmaSignature {
	/** base64 of the RSA signature over the signed attributes. */
	signature: string;
	/** base64 of the certificate (DER). */
	certificate: string;
	identity: CertificateIdentity;
}

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** Decrypts a SAT `.key` with its password to a PKCS#8 DER, or null when the password is wrong. */
export function decryptSatKey(key: Uint8Array, password: string): Uint8Array | 'not-a-key' | null {
	let encrypted: forge.asn1.Asn1;
	try {
		encrypted = forge.asn1.fromDer(forge.util.createBuffer(String.fromCharCode(...key)));
	} catch {
		return 'not-a-key';
	}
	try {
		const info = forge.pki.decryptPrivateKeyInfo(encrypted, password);
		if (!info) return null;
		// A wrong password may still unpad by chance; the key must then parse as an RSA key.
		forge.pki.privateKeyFromAsn1(info);
		const der = forge.asn1.toDer(info).getBytes();
		return Uint8Array.from(der, (c) => c.charCodeAt(0));
	} catch (cause) {
		// forge says what it could not read: an unencrypted or unknown structure is not a SAT key.
		return /Cannot read encrypted private key|Unsupported|not supported/i.test(String(cause))
			? 'not-a-key'
			: null;
	}
}

/**
 * Signs the digest (hex SHA-256 of the PDF's signed byte ranges) with the picked e.firma, after
 * checking the certificate against the seat holder on record and today's date.
 */
export async function signDigestWithEfirma(input: {
	certificate: Uint8Array;
	key: Uint8Array;
	password: string;
	digestHex: string;
	holder: { rfc: string; curp: string } | null;
	now: Date;
}): Promise<{ ok: true; value: EfirmaSignature } | { ok: false; reason: SignerRefusal }> {
	const subtle = globalThis.crypto.subtle;
	let identity: CertificateIdentity;
	let certificate: ReturnType<typeof parseCertificate>;
	try {
		certificate = parseCertificate(input.certificate);
		identity = readCertificateIdentity(certificate);
	} catch {
		return { ok: false, reason: 'not-a-certificate' };
	}
	if (certificate.subjectPublicKeyInfo.algorithm.algorithmId !== OIDS.rsaEncryption)
		return { ok: false, reason: 'not-rsa' };
	const validity = checkValidity(identity, input.now);
	if (!validity.ok) return validity;
	const holder = matchIdentity(identity, input.holder);
	if (!holder.ok) return holder;

	const pkcs8 = decryptSatKey(input.key, input.password);
	if (pkcs8 === 'not-a-key') return { ok: false, reason: 'not-a-key' };
	if (!pkcs8) return { ok: false, reason: 'wrong-password' };
	let privateKey: CryptoKey;
	try {
		privateKey = await subtle.importKey('pkcs8', toBuffer(pkcs8), RSA_SHA256, false, ['sign']);
	} catch {
		return { ok: false, reason: 'not-rsa' };
	}
	const certificateHash = new Uint8Array(
		await subtle.digest('SHA-256', toBuffer(input.certificate))
	);
	const { toBeSigned } = buildSignedAttributes(
		hexToBytes(input.digestHex),
		certificate,
		certificateHash
	);
	const signature = new Uint8Array(await subtle.sign(RSA_SHA256, privateKey, toBuffer(toBeSigned)));
	const publicKey = await subtle.importKey(
		'spki',
		certificate.subjectPublicKeyInfo.toSchema().toBER(),
		RSA_SHA256,
		false,
		['verify']
	);
	if (!(await subtle.verify(RSA_SHA256, publicKey, toBuffer(signature), toBuffer(toBeSigned))))
		return { ok: false, reason: 'key-certificate-mismatch' };
	return {
		ok: true,
		value: {
			signature: bytesToBase64(signature),
			certificate: bytesToBase64(input.certificate),
			identity
		}
	};
}
