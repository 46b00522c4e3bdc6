/**
 * e.firma test tools: the test authority (server/demo-efirma-authority.ts, re-exported), a folder
 * of trusted CA certificates, the local time-stamping authority (efirma-tsa.ts), and poppler's
 * `pdfsig` read into one record per signature. pdfsig is run with `-nocert` so it does not look in
 * an NSS database (our test authority is in none: pdfsig then says the certificate is untrusted or
 * of unknown issuer, which the tests accept); what they assert is that each signature is valid
 * ("Signature is Valid.") and whether it covers the whole document ("Total document signed").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
export { createTestAuthority, type TestAuthority } from '../../server/demo-efirma-authority';
export { startTimestampAuthority } from './efirma-tsa';

/** A fresh folder holding the given CA certificates (DER), for TRUSTED_CA_DIR. */
export function trustedCaDir(...certificates: Uint8Array[]): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'efirma-ca-'));
	mkdirSync(dir, { recursive: true });
	certificates.forEach((der, i) => writeFileSync(path.join(dir, `ca-${i + 1}.cer`), der));
	return dir;
}

export interface PdfsigSignature {
	signerName: string;
	validation: string;
	totalDocumentSigned: boolean;
	subFilter: string;
	raw: string;
}

/** pdfsig's report of every signature of a PDF (it exits non-zero when one is invalid). */
export function runPdfsig(pdf: Uint8Array): PdfsigSignature[] {
	const dir = mkdtempSync(path.join(tmpdir(), 'pdfsig-'));
	const file = path.join(dir, 'signed.pdf');
	writeFileSync(file, pdf);
	let out: string;
	try {
		out = execFileSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
	} catch (failure) {
		out = String((failure as { stdout?: string }).stdout ?? '');
	}
	return out
		.split(/^Signature #\d+:$/m)
		.slice(1)
		.map((block) => ({
			signerName: /Signer Certificate Common Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
			validation: /Signature Validation: (.*)/.exec(block)?.[1]?.trim() ?? '',
			totalDocumentSigned:
				/Total document signed/.test(block) && !/not total document signed/i.test(block),
			subFilter: /Signature Type: (.*)/.exec(block)?.[1]?.trim() ?? '',
			raw: block
		}));
}
