import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestAuthority,
	runPdfsig,
	startTimestampAuthority,
	trustedCaDir,
	type TestAuthority
} from '../../../../tests/support/efirma';
import type { LocalTimestampAuthority } from '../../../../tests/support/efirma-tsa';
import { createArchivalPdf } from '../documents/pdf-document';
import { finishDocument } from '../documents/pdf-layout';
import { signDigestWithEfirma } from '../../efirma/signer';
import { base64ToBytes, bytesToHex } from '../../efirma/signed-attributes';
import { addSignatureField, digestPreparedPdf, embedSignature } from './pades';
import { assembleCms } from './cms';
import { requestTimestampToken } from './timestamp';
import { verifyPdfSignatures } from './verify-pdf';

const people = [
	{ name: 'Ana Pérez Ruiz', rfc: 'PERA800101AB1', curp: 'PERA800101MZSRZN09', password: 'ana-1' },
	{ name: 'Luis Gómez Díaz', rfc: 'GODL750505CD2', curp: 'GODL750505HZSMZS01', password: 'luis-2' }
];

async function basePdf() {
	const doc = createArchivalPdf(
		{
			title: 'Acta de prueba',
			author: 'STL',
			subject: 'folio',
			createdAt: new Date('2026-11-01T00:00:00Z'),
			lang: 'es-MX'
		},
		{ size: 'LETTER' }
	);
	doc.text('Primera página');
	doc.addPage().text('Página de firmas');
	return finishDocument(doc);
}

async function signOnce(
	pdf: Uint8Array,
	person: (typeof people)[number],
	issued: { cer: Uint8Array; key: Uint8Array },
	tsaUrl: string | null,
	index: number
) {
	const prepared = addSignatureField(pdf, {
		name: person.name,
		reason: 'Firma del acta',
		location: 'Zacatecas',
		contactInfo: '',
		rect: [60, 500 - index * 90, 280, 580 - index * 90],
		signingTime: new Date()
	});
	const digest = await digestPreparedPdf(prepared);
	const signed = await signDigestWithEfirma({
		certificate: issued.cer,
		key: issued.key,
		password: person.password,
		digestHex: bytesToHex(digest),
		holder: person,
		now: new Date()
	});
	if (!signed.ok) throw new Error(signed.reason);
	const signature = base64ToBytes(signed.value.signature);
	return embedSignature(prepared, async (covered) => {
		expect(bytesToHex(covered)).toBe(bytesToHex(digest));
		const token = tsaUrl ? await requestTimestampToken(tsaUrl, signature) : null;
		return assembleCms({ digest, certificate: issued.cer, signature }, token);
	});
}

describe('PAdES signatures in sequence, as incremental updates', () => {
	let authority: TestAuthority;
	let tsa: LocalTimestampAuthority;
	let final: Uint8Array;
	let first: Uint8Array;
	beforeAll(async () => {
		authority = await createTestAuthority();
		tsa = await startTimestampAuthority(authority);
		process.env.TRUSTED_CA_DIR = trustedCaDir(authority.certificate);
		const base = await basePdf();
		first = await signOnce(base, people[0]!, await authority.issue(people[0]!), tsa.url, 0);
		final = await signOnce(first, people[1]!, await authority.issue(people[1]!), null, 1);
	});
	afterAll(async () => {
		delete process.env.TRUSTED_CA_DIR;
		await tsa.close();
	});

	it('keeps every earlier revision byte for byte', () => {
		expect(Buffer.from(final.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
	});

	it('pdfsig finds both signatures valid, the last covering the whole document', () => {
		const report = runPdfsig(final);
		expect(report).toHaveLength(2);
		expect(report.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
		expect(report.map((s) => s.signerName)).toEqual(people.map((p) => p.name));
		expect(report[1]!.totalDocumentSigned).toBe(true);
		expect(report[0]!.subFilter).toContain('ETSI.CAdES.detached');
	});

	it('/verificar reads the same: signer, RFC, CURP, trust, time-stamp or server time', async () => {
		const report = await verifyPdfSignatures(final);
		expect(report).toHaveLength(2);
		expect(report[0]).toMatchObject({
			valid: true,
			trusted: true,
			changedAfter: 'later-signatures',
			signer: { name: people[0]!.name, rfc: people[0]!.rfc, curp: people[0]!.curp },
			revocation: { status: 'not-configured' }
		});
		expect(report[0]!.timestamp).toMatchObject({ valid: true });
		expect(report[1]).toMatchObject({
			valid: true,
			trusted: true,
			changedAfter: 'no',
			timestamp: null
		});
		expect(report[1]!.declaredTime).not.toBeNull();
		expect(tsa.requests).toBe(1);
	});

	it('a byte changed after signing is caught by pdfsig and by the verification', async () => {
		const altered = new Uint8Array(final);
		const at = Buffer.from(altered).indexOf('Primera');
		const position = at > 0 ? at : 200;
		altered[position] = altered[position]! ^ 1;
		const pdfsig = runPdfsig(altered);
		expect(pdfsig.every((s) => s.validation !== 'Signature is Valid.')).toBe(true);
		const report = await verifyPdfSignatures(altered);
		expect(report.every((r) => !r.valid && r.changedAfter === 'yes')).toBe(true);
	});

	it('an untrusted authority is flagged', async () => {
		process.env.TRUSTED_CA_DIR = trustedCaDir((await createTestAuthority('Otra AC')).certificate);
		const report = await verifyPdfSignatures(final);
		expect(report.map((r) => r.trusted)).toEqual([false, false]);
		expect(report.map((r) => r.valid)).toEqual([true, true]);
	});
});
