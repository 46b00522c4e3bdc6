/**
 * What poppler and qpdf say of a PDF the app made: its fonts (pdffonts), its text as a reader
 * copies it (pdftotext), whether its structure is sound (qpdf --check), and its XMP packet (the
 * metadata stream, which PDF/A keeps uncompressed). Used by the PDF tests to check that every
 * document is an archival PDF/A with its fonts embedded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

export interface PdfFont {
	name: string;
	type: string;
	encoding: string;
	embedded: boolean;
	subset: boolean;
	unicode: boolean;
}

export interface PdfInspection {
	fonts: PdfFont[];
	text: string;
	xmp: string;
	qpdfCheck: string;
}

function parseFonts(listing: string): PdfFont[] {
	// pdffonts prints a header, a dashed rule, then one row per font; the last six columns are
	// emb, sub, uni, object id and generation, and the name is the first word.
	return listing
		.split('\n')
		.slice(2)
		.filter((line) => line.trim())
		.map((line) => {
			const words = line.trim().split(/\s+/);
			const [emb, sub, uni] = words.slice(-5, -2);
			return {
				name: words[0]!,
				type: words.slice(1, -6).join(' '),
				encoding: words.at(-6)!,
				embedded: emb === 'yes',
				subset: sub === 'yes',
				unicode: uni === 'yes'
			};
		});
}

/** Runs the tools on the bytes (in a temporary folder, removed after). */
export function inspectPdf(bytes: Uint8Array): PdfInspection {
	const folder = mkdtempSync(path.join(tmpdir(), 'mesa-pdf-'));
	try {
		const file = path.join(folder, 'document.pdf');
		writeFileSync(file, bytes);
		const run = (tool: string, args: string[]) =>
			execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		const raw = Buffer.from(bytes).toString('latin1');
		const start = raw.indexOf('<?xpacket begin');
		const end = raw.indexOf('<?xpacket end', start);
		return {
			fonts: parseFonts(run('pdffonts', [file])),
			text: run('pdftotext', ['-enc', 'UTF-8', file, '-']),
			xmp: start >= 0 && end > start ? Buffer.from(raw.slice(start, end), 'latin1').toString() : '',
			qpdfCheck: run('qpdf', ['--check', file])
		};
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/**
 * Expects an archival PDF: PDF/A-2b declared in its XMP with its title (ending so) and language, an sRGB output
 * intent, every font embedded as a subset with a Unicode map, and a sound structure. Returns the
 * inspection for the caller's own checks (its text).
 */
export function expectArchivalPdf(bytes: Uint8Array, titleEnding: string): PdfInspection {
	const inspection = inspectPdf(bytes);
	expect(inspection.fonts.length, 'fonts used').toBeGreaterThan(0);
	for (const font of inspection.fonts) {
		expect(font, `font ${font.name}`).toMatchObject({
			embedded: true,
			subset: true,
			unicode: true
		});
		expect(font.name, 'a subset tag before the name').toMatch(/^[A-Z]{6}\+Noto/);
	}
	expect(inspection.xmp).toContain('<pdfaid:part>2</pdfaid:part>');
	expect(inspection.xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
	const escaped = titleEnding
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;');
	expect(inspection.xmp).toContain(`${escaped}</rdf:li></rdf:Alt></dc:title>`);
	const raw = Buffer.from(bytes).toString('latin1');
	expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
	expect(raw).toContain('/S /GTS_PDFA1');
	expect(raw).toMatch(/\/Lang \(es-MX\)|\/Lang \(en\)/);
	expect(inspection.qpdfCheck).toContain('No syntax or stream encoding errors found');
	return inspection;
}
