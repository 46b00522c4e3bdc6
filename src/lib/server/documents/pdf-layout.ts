/**
 * The frame every document of a body shares when printed (minutes, convocatoria, installation
 * act): generated on the server with pdfkit as PDF/A-2b with embedded Noto fonts (pdf-document.ts),
 * Letter size. After the text is laid out, each page gets — through pdfkit's buffered pages — a header
 * with the body and the document's folio, a footer with "Página X de Y", and, in the right margin,
 * one small box per signer labelled with their initials: the *rúbrica* on every page (Z art. 7.5,
 * I III.6, T III.6; the installation act, I VIII). A box holds the initials once that person has
 * signed. The last page carries the signature block and, for minutes, the hash and a QR code to
 * /verificar/<hash>.
 *
 * Deterministic: the creation date and title are fixed by the caller (pdfkit derives the file ID
 * from them), no modification date is written, so the same input gives the same bytes — what lets
 * /verificar recognise an uploaded PDF by its SHA-256.
 */
import { createArchivalPdf, FONT } from './pdf-document';
import QRCode from 'qrcode';
import { formatDate as formatDateIn, formatTime as formatTimeIn } from '../../i18n/time';

export const PAGE = { width: 612, height: 792 } as const;
export const MARGIN = { top: 72, bottom: 64, left: 60, right: 100 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export interface DocumentSigner {
	name: string;
	position: string;
	/** The role and seat printed under the name. */
	seat: string;
	/** "Firmó el …", "Se negó a firmar: …", or "Pendiente". */
	status: string;
	/** Whether the person signed: their initials then fill the margin boxes. */
	signed: boolean;
}

export interface DocumentFrame {
	title: string;
	bodyName: string;
	folio: string;
	createdAt: Date;
	signers: DocumentSigner[];
	/** "Página {page} de {pages}". */
	pageLabel: (page: number, pages: number) => string;
	initialsCaption: string;
}

/** The initials of a name: "María José Pérez" → "MJP". */
export function initialsOf(name: string): string {
	return name
		.split(/\s+/)
		.filter((word) => word.length > 0 && word[0] === word[0]!.toUpperCase())
		.map((word) => word[0])
		.join('')
		.slice(0, 4);
}

/** Each signer's label under their box: initials, numbered when two people share them. */
export function initialsLabels(names: readonly string[]): string[] {
	const initials = names.map(initialsOf);
	const seen = new Map<string, number>();
	return initials.map((mark) => {
		if (initials.filter((other) => other === mark).length === 1) return mark;
		const n = (seen.get(mark) ?? 0) + 1;
		seen.set(mark, n);
		return `${mark}${n}`;
	});
}

/** A new document with fixed metadata and buffered pages, in Spanish (the body's records). */
export function openDocument(frame: DocumentFrame): PDFKit.PDFDocument {
	const doc = createArchivalPdf(
		{
			title: frame.title,
			author: frame.bodyName,
			subject: frame.folio,
			createdAt: frame.createdAt,
			lang: 'es-MX'
		},
		{ size: 'LETTER', margins: MARGIN, bufferPages: true, compress: true }
	);
	doc.font(FONT.regular).fontSize(10).fillColor('black');
	return doc;
}

/** A heading of the document's body text. */
export function heading(doc: PDFKit.PDFDocument, text: string, size = 12): void {
	ensureSpace(doc, size * 3);
	doc.moveDown(0.6).font(FONT.bold).fontSize(size).text(text, { width: CONTENT_WIDTH });
	doc.font(FONT.regular).fontSize(10).moveDown(0.3);
}

/** A paragraph of body text. */
export function paragraph(
	doc: PDFKit.PDFDocument,
	text: string,
	options: PDFKit.Mixins.TextOptions = {}
) {
	doc
		.font(FONT.regular)
		.fontSize(10)
		.text(text, { width: CONTENT_WIDTH, align: 'justify', ...options });
	doc.moveDown(0.3);
}

/** Starts a new page unless `height` points are left on this one. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
	if (doc.y + height > PAGE.height - MARGIN.bottom) doc.addPage();
}

/**
 * A simple table: column titles in bold, then the rows, with thin rules; rows never split across
 * pages (the header is repeated on a new page).
 */
export function table(
	doc: PDFKit.PDFDocument,
	columns: { title: string; width: number }[],
	rows: string[][]
): void {
	const total = columns.reduce((sum, c) => sum + c.width, 0);
	const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
	const padding = 3;
	const drawRow = (cells: string[], bold: boolean) => {
		doc.font(bold ? FONT.bold : FONT.regular).fontSize(8);
		const height =
			Math.max(
				...cells.map((cell, i) =>
					doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * padding })
				)
			) +
			2 * padding;
		if (doc.y + height > PAGE.height - MARGIN.bottom) {
			doc.addPage();
			if (!bold)
				drawRow(
					columns.map((c) => c.title),
					true
				);
		}
		const top = doc.y;
		let x = MARGIN.left;
		cells.forEach((cell, i) => {
			doc.text(cell, x + padding, top + padding, { width: widths[i]! - 2 * padding });
			x += widths[i]!;
		});
		doc.lineWidth(0.5).strokeColor('#555555');
		doc.rect(MARGIN.left, top, CONTENT_WIDTH, height).stroke();
		x = MARGIN.left;
		for (const w of widths.slice(0, -1)) {
			x += w;
			doc
				.moveTo(x, top)
				.lineTo(x, top + height)
				.stroke();
		}
		doc.x = MARGIN.left;
		doc.y = top + height;
	};
	drawRow(
		columns.map((c) => c.title),
		true
	);
	for (const row of rows) drawRow(row, false);
	doc.font(FONT.regular).fontSize(10).moveDown(0.5);
}

/** Where a signer's block was drawn: its page (0-based) and box, in pdfkit's top-down points. */
export interface SignerBox {
	page: number;
	x: number;
	top: number;
	width: number;
	bottom: number;
}

/**
 * The signature block: for each signer a line, the name, position, seat and what they did.
 * Returns where each signer's block lies (an e.firma signature field is placed over it).
 */
export function signatureBlock(
	doc: PDFKit.PDFDocument,
	caption: string,
	signers: DocumentSigner[]
): SignerBox[] {
	const boxes: SignerBox[] = [];
	// The caption stays on the page of the first row of signatures.
	ensureSpace(doc, 130);
	heading(doc, caption);
	const columnWidth = (CONTENT_WIDTH - 20) / 2;
	for (let index = 0; index < signers.length; index += 2) {
		ensureSpace(doc, 90);
		const top = doc.y;
		let bottom = top + 80;
		signers.slice(index, index + 2).forEach((signer, column) => {
			const x = MARGIN.left + column * (columnWidth + 20);
			doc.lineWidth(0.5).strokeColor('black');
			doc
				.moveTo(x, top + 28)
				.lineTo(x + columnWidth, top + 28)
				.stroke();
			doc
				.font(FONT.bold)
				.fontSize(9)
				.text(signer.name, x, top + 32, { width: columnWidth });
			doc.font(FONT.regular).fontSize(8);
			if (signer.position) doc.text(signer.position, x, doc.y, { width: columnWidth });
			if (signer.seat) doc.text(signer.seat, x, doc.y, { width: columnWidth });
			doc.fillColor('#333333').text(signer.status, x, doc.y, { width: columnWidth });
			doc.fillColor('black');
			bottom = Math.max(bottom, doc.y + 8);
			const range = doc.bufferedPageRange();
			boxes.push({
				page: range.start + range.count - 1,
				x,
				top,
				width: columnWidth,
				bottom: doc.y + 4
			});
		});
		doc.x = MARGIN.left;
		doc.y = bottom;
	}
	doc.font(FONT.regular).fontSize(10).moveDown(0.5);
	return boxes;
}

/** A QR code drawn as vector squares (deterministic), `size` points wide, at (x, y). */
export function drawQrCode(
	doc: PDFKit.PDFDocument,
	text: string,
	x: number,
	y: number,
	size: number
) {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const count = qr.modules.size;
	const cell = size / (count + 8);
	doc.save().rect(x, y, size, size).fill('white').fillColor('black');
	for (let row = 0; row < count; row++) {
		for (let col = 0; col < count; col++) {
			if (qr.modules.get(row, col))
				doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
		}
	}
	doc.fill('black').restore();
}

/**
 * Writes on every buffered page the header (body, folio), the footer ("Página X de Y", folio) and
 * the signers' initials boxes in the right margin. Called once the text is laid out.
 */
export function stampPages(doc: PDFKit.PDFDocument, frame: DocumentFrame): void {
	const range = doc.bufferedPageRange();
	const pages = range.count;
	const column = { x: PAGE.width - MARGIN.right + 30, top: MARGIN.top + 14 };
	const available = PAGE.height - MARGIN.bottom - column.top;
	const slot = frame.signers.length ? Math.min(44, available / frame.signers.length) : 0;
	const boxHeight = Math.max(10, slot - 12);
	const labels = initialsLabels(frame.signers.map((signer) => signer.name));
	for (let i = range.start; i < range.start + pages; i++) {
		doc.switchToPage(i);
		// Writing in the margins must not make pdfkit add pages.
		const margins = doc.page.margins;
		doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
		doc.font(FONT.regular).fontSize(8).fillColor('#333333');
		doc.text(frame.bodyName, MARGIN.left, 30, { width: CONTENT_WIDTH * 0.6, lineBreak: false });
		doc.text(`Folio: ${frame.folio}`, MARGIN.left, 30, { width: CONTENT_WIDTH, align: 'right' });
		doc
			.lineWidth(0.5)
			.strokeColor('#999999')
			.moveTo(MARGIN.left, 44)
			.lineTo(MARGIN.left + CONTENT_WIDTH, 44)
			.stroke();
		const footerY = PAGE.height - 40;
		doc.text(frame.pageLabel(i - range.start + 1, pages), MARGIN.left, footerY, {
			width: CONTENT_WIDTH,
			align: 'center'
		});
		doc.text(frame.folio, MARGIN.left, footerY + 10, { width: CONTENT_WIDTH, align: 'center' });
		if (frame.signers.length) {
			doc
				.fontSize(6)
				.fillColor('#333333')
				.text(frame.initialsCaption, column.x - 8, MARGIN.top, {
					width: 56,
					align: 'center'
				});
			frame.signers.forEach((signer, index) => {
				const y = column.top + index * slot;
				const initials = labels[index]!;
				doc.lineWidth(0.6).strokeColor('black').rect(column.x, y, 40, boxHeight).stroke();
				if (signer.signed) {
					doc.font(FONT.bold).fontSize(9).fillColor('#1e3a8a');
					doc.text(initials, column.x, y + boxHeight / 2 - 4, { width: 40, align: 'center' });
				}
				doc.font(FONT.regular).fontSize(6).fillColor('black');
				doc.text(initials, column.x - 8, y + boxHeight + 1, { width: 56, align: 'center' });
			});
		}
		doc.page.margins = margins;
	}
	doc.fillColor('black');
}

/** Ends the document and collects its bytes. */
export function finishDocument(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		doc.end();
	});
}

/** A date and time in the body's time zone, in Spanish (the documents' language): i18n/time.ts. */
export function formatDateTime(iso: string | Date, timeZone: string): string {
	return `${formatDate(iso, timeZone)}, ${formatTime(iso, timeZone)}`;
}

/** A date in the body's time zone, in Spanish: "21 de noviembre de 2026". */
export function formatDate(iso: string | Date, timeZone: string): string {
	return formatDateIn(iso, timeZone, { locale: 'es-MX' });
}

/** A time in the body's time zone, on the 24-hour clock: "17:30". */
export function formatTime(iso: string | Date, timeZone: string): string {
	return formatTimeIn(iso, timeZone, { locale: 'es-MX' });
}
