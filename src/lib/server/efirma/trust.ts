/**
 * Which certificate authorities the server trusts for e.firma: the certificates in the folder
 * TRUSTED_CA_DIR (DER `.cer`/`.crt`/`.der` or PEM `.pem`/`.crt`; in production the SAT's own, as
 * the SAT publishes them), read when asked so a new file counts at once. A certificate is trusted
 * when a chain from it ends in one of them, each link's signature verifying (@peculiar/x509).
 * TSA_URL and OCSP_URL are read here too: the e.firma settings live in one place.
 */
import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto as unknown as Crypto;
const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
x509.cryptoProvider.set(crypto);

/** The e.firma settings, from the environment. */
export function efirmaSettings() {
	return {
		trustedCaDir: process.env.TRUSTED_CA_DIR || null,
		tsaUrl: process.env.TSA_URL || null,
		ocspUrl: process.env.OCSP_URL || null
	};
}

/** Every CA certificate in the folder; unreadable files are skipped (and named in the log). */
export function loadTrustedAuthorities(dir: string | null): x509.X509Certificate[] {
	if (!dir) return [];
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	const out: x509.X509Certificate[] = [];
	for (const name of names.sort()) {
		const path = join(dir, name);
		if (!statSync(path).isFile()) continue;
		const bytes = readFileSync(path);
		const text = bytes.toString('latin1');
		const blocks = text.includes('-----BEGIN CERTIFICATE-----')
			? [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(
					(m) => m[0]
				)
			: [new Uint8Array(bytes)];
		for (const block of blocks) {
			try {
				out.push(new x509.X509Certificate(block));
			} catch {
				// Not a certificate (a README, a key): ignored.
			}
		}
	}
	return out;
}

export interface ChainCheck {
	trusted: boolean;
	/** The names along the chain, from the certificate's issuer up. */
	chain: string[];
	/** The issuer certificate found (for OCSP). */
	issuer: x509.X509Certificate | null;
}

/** Whether `certificate` chains to one of `trusted`, using `extra` certificates as links. */
export async function checkChain(
	certificate: Uint8Array,
	trusted: x509.X509Certificate[],
	extra: Uint8Array[] = []
): Promise<ChainCheck> {
	const leaf = new x509.X509Certificate(toBuffer(certificate));
	const pool = [...trusted, ...extra.map((der) => new x509.X509Certificate(toBuffer(der)))];
	const chain = await new x509.X509ChainBuilder({ certificates: pool }).build(leaf);
	const names = chain.slice(1).map((c) => c.subjectName.getField('CN')[0] ?? c.subject);
	const issuer = chain[1] ?? null;
	const top = chain.at(-1)!;
	const trustedTop = trusted.some((t) => t.equal(top));
	// Each link must really be signed by the next (the builder matches names and key ids).
	let linked = chain.length > 1;
	for (let i = 0; linked && i < chain.length - 1; i++)
		linked = await chain[i]!.verify({ publicKey: chain[i + 1]!.publicKey, signatureOnly: true });
	return { trusted: trustedTop && linked, chain: names, issuer };
}
