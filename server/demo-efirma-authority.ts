/**
 * A certificate authority FOR TESTS AND THE DEMO ONLY, clearly labelled as such in every
 * certificate it issues ("Autoridad certificadora de PRUEBA — Mesa Abierta, no es el SAT"). It
 * issues certificates shaped like the SAT's e.firma: RSA 2048, the holder's RFC in
 * x500UniqueIdentifier (2.5.4.45) and CURP in serialNumber (2.5.4.5), and the private key as a
 * PKCS#8 EncryptedPrivateKeyInfo in DER (PBES2, PBKDF2, DES-EDE3-CBC — what a SAT `.key` holds),
 * protected by the holder's password. It also issues a time-stamping certificate for the local
 * RFC 3161 authority of the tests. Everything is generated when asked (seed or test time); nothing
 * of it is committed. The demo and tests/support/efirma.ts use it; the product never does.
 */
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

/** The label of the test authority: never presented as the SAT. */
export const TEST_AUTHORITY_NAME = 'Autoridad certificadora de PRUEBA — Mesa Abierta, no es el SAT';

const RSA = {
	name: 'RSASSA-PKCS1-v1_5',
	hash: 'SHA-256',
	publicExponent: new Uint8Array([1, 0, 1]),
	modulusLength: 2048
} as const;

export interface TestPerson {
	name: string;
	rfc: string;
	curp: string;
	password: string;
	notBefore?: Date;
	notAfter?: Date;
}

export interface IssuedEfirma {
	/** The `.cer`: the certificate, DER. */
	cer: Uint8Array;
	/** The `.key`: the private key, PKCS#8 encrypted with the password, DER. */
	key: Uint8Array;
	serialNumber: string;
}

export interface TestAuthority {
	name: string;
	/** The authority's own certificate (DER): what a trusted-CA folder holds. */
	certificate: Uint8Array;
	/** Issues an e.firma shaped like the SAT's to a person. */
	issue(person: TestPerson): Promise<IssuedEfirma>;
	/** Issues the key and certificate of a time-stamping authority (extended key usage timeStamping). */
	issueTimestamping(name: string): Promise<{ certificate: Uint8Array; privateKey: CryptoKey }>;
}

const DAY = 24 * 60 * 60 * 1000;
let serial = Date.now();
const nextSerial = () => (++serial).toString(16).padStart(16, '0');

/** Exports a private key as the SAT ships it: PKCS#8 encrypted with the password, DER. */
async function encryptedKeyDer(privateKey: CryptoKey, password: string): Promise<Uint8Array> {
	const plain = new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
	const key = createPrivateKey({ key: Buffer.from(plain), format: 'der', type: 'pkcs8' });
	return new Uint8Array(
		key.export({ format: 'der', type: 'pkcs8', cipher: 'des-ede3-cbc', passphrase: password })
	);
}

/** Creates a new test authority (a self-signed root), named `name` (the label by default). */
export async function createTestAuthority(name = TEST_AUTHORITY_NAME): Promise<TestAuthority> {
	const keys = await crypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
	const subject: x509.JsonName = [{ CN: [name] }, { O: ['Mesa Abierta (pruebas)'] }, { C: ['MX'] }];
	const root = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: nextSerial(),
		name: subject,
		notBefore: new Date(Date.now() - 365 * DAY),
		notAfter: new Date(Date.now() + 10 * 365 * DAY),
		keys,
		signingAlgorithm: RSA,
		extensions: [
			new x509.BasicConstraintsExtension(true, undefined, true),
			new x509.KeyUsagesExtension(
				x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
				true
			),
			await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
		]
	});
	const issueWith = async (
		subjectName: x509.JsonName,
		extensions: x509.Extension[],
		validity: { notBefore?: Date; notAfter?: Date }
	) => {
		const own = await crypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
		const certificate = await x509.X509CertificateGenerator.create({
			serialNumber: nextSerial(),
			subject: subjectName,
			issuer: root.subject,
			notBefore: validity.notBefore ?? new Date(Date.now() - DAY),
			notAfter: validity.notAfter ?? new Date(Date.now() + 4 * 365 * DAY),
			publicKey: own.publicKey,
			signingKey: keys.privateKey,
			signingAlgorithm: RSA,
			extensions: [
				new x509.BasicConstraintsExtension(false, undefined, true),
				await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
				...extensions
			]
		});
		return { certificate, privateKey: own.privateKey };
	};
	return {
		name,
		certificate: new Uint8Array(root.rawData),
		async issue(person) {
			const { certificate, privateKey } = await issueWith(
				[
					{ CN: [person.name] },
					{ '2.5.4.41': [person.name] },
					{ O: [person.name] },
					{ C: ['MX'] },
					{ '2.5.4.45': [person.rfc] },
					{ '2.5.4.5': [person.curp] },
					{ OU: ['PRUEBA — no es el SAT'] }
				],
				[
					new x509.KeyUsagesExtension(
						x509.KeyUsageFlags.digitalSignature |
							x509.KeyUsageFlags.nonRepudiation |
							x509.KeyUsageFlags.dataEncipherment |
							x509.KeyUsageFlags.keyAgreement,
						true
					)
				],
				person
			);
			return {
				cer: new Uint8Array(certificate.rawData),
				key: await encryptedKeyDer(privateKey, person.password),
				serialNumber: certificate.serialNumber
			};
		},
		async issueTimestamping(tsaName) {
			const { certificate, privateKey } = await issueWith(
				[{ CN: [tsaName] }, { O: ['Mesa Abierta (pruebas)'] }, { C: ['MX'] }],
				[
					new x509.KeyUsagesExtension(
						x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
						true
					),
					new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true)
				],
				{}
			);
			return { certificate: new Uint8Array(certificate.rawData), privateKey };
		}
	};
}
