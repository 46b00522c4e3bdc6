/**
 * `npm run demo` holds a meeting of the national-template body whose minutes are signed with
 * e.firma by its three titulares, with certificates of a test authority generated at seed time
 * (labelled PRUEBA, never the SAT's). The published PDF opens with every signature valid in
 * poppler's pdfsig, and the verification reads the same, chaining to the demo's test authority.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startApp, type AppProcess } from '../support/app-process';
import { runPdfsig } from '../support/efirma';
import { verifyPdfSignatures } from '../../src/lib/server/efirma/verify-pdf';

describe('the demo signed with e.firma', () => {
	let app: AppProcess;

	beforeAll(async () => {
		app = await startApp({ TRUSTED_CA_DIR: '', TSA_URL: '' }, ['--demo']);
	}, 180_000);
	afterAll(() => app?.stop());

	it('publishes minutes every titular signed, valid for pdfsig and for the verification', async () => {
		const site = await (
			await fetch(`${app.url}/publico/stl-plantilla-nacional/secretariado`)
		).text();
		const link = /href="(\/publico\/stl-plantilla-nacional\/actas\/[^"]+)"/.exec(site)?.[1];
		expect(link).toBeTruthy();
		const pdf = new Uint8Array(await (await fetch(app.url + link!)).arrayBuffer());
		const pdfsig = runPdfsig(pdf);
		expect(pdfsig).toHaveLength(3);
		expect(pdfsig.every((s) => s.validation === 'Signature is Valid.')).toBe(true);
		expect(pdfsig.at(-1)!.totalDocumentSigned).toBe(true);

		const folder = path.join(app.dataDir, 'efirma-prueba');
		expect(readdirSync(path.join(folder, 'ca'))).toEqual(['autoridad-de-prueba.cer']);
		process.env.TRUSTED_CA_DIR = path.join(folder, 'ca');
		try {
			const report = await verifyPdfSignatures(pdf);
			expect(report.map((r) => [r.valid, r.trusted])).toEqual(Array(3).fill([true, true]));
			expect(report[0]!.chain[0]).toBe(
				'Autoridad certificadora de PRUEBA — Mesa Abierta, no es el SAT'
			);
			expect(report.every((r) => r.timestamp === null && r.declaredTime)).toBe(true);
		} finally {
			delete process.env.TRUSTED_CA_DIR;
		}
	});
});
