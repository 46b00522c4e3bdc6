/**
 * Every PDF the app makes is opened here (minutes, convocatoria, installation act, plan report), as
 * a PDF/A-2b document fit for the archive (ISO 19005-2, level B):
 *
 * - Fonts: Noto Sans (regular, bold) and Noto Sans Mono, TrueType files shipped by the
 *   @expo-google-fonts packages (SIL Open Font License 1.1), embedded as subsets — never the
 *   reader's or the server's fonts. Noto covers Latin with every diacritic and the combining marks,
 *   the modifier letters of Mexican indigenous orthographies (ʼ U+02BC, ꞌ U+A78C…) and common
 *   punctuation; each glyph is mapped back to its characters (ToUnicode), so the text copies and
 *   searches as written. A character the font lacks is printed as � and logged (pdf-text.ts).
 * - Metadata: title, author, subject and creation date in the Info dictionary and, equal to them,
 *   in the XMP packet with the PDF/A identification and the language; the catalogue's /Lang
 *   (es-MX for the body's records); the viewer shows the title; an sRGB OutputIntent with the
 *   sRGB IEC61966-2.1 ICC profile that pdfkit ships.
 * - Deterministic: the caller fixes the creation date from the content; pdfkit derives the file ID
 *   from the Info entries, and the subset font names from the order of first use, so the same
 *   input gives the same bytes (what /verificar relies on).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { log } from '../log';
import { coverText } from './pdf-text';

/** The names documents select fonts by (`doc.font(FONT.bold)`). */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold', mono: 'Mono' } as const;

const require = createRequire(import.meta.url);
const FONT_FILES = {
	[FONT.regular]: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
	[FONT.bold]: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
	[FONT.mono]: '@expo-google-fonts/noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf'
} as const;

// Read once per process; pdfkit parses and subsets a copy per document.
let fontData: Record<string, Buffer> | null = null;
let coverage: ((codePoint: number) => boolean) | null = null;

function loadFonts() {
	if (!fontData) {
		fontData = Object.fromEntries(
			Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(require.resolve(file))])
		);
		// The three share Noto's character set; the regular face answers for all of them.
		const regular = fontkit.create(fontData[FONT.regular]!) as fontkit.Font;
		coverage = (codePoint) => regular.hasGlyphForCodePoint(codePoint);
	}
	return { fontData, coverage: coverage! };
}

export interface ArchivalMetadata {
	title: string;
	author: string;
	subject: string;
	/** Fixed by the caller from the content (a version's date), never "now". */
	createdAt: Date;
	/** BCP 47: 'es-MX' for the body's records; the plan report is in the reader's language. */
	lang: string;
}

export type PdfOptions = Omit<
	PDFKit.PDFDocumentOptions,
	'info' | 'subset' | 'pdfVersion' | 'lang' | 'displayTitle' | 'font'
>;

/** pdfkit's internals this module replaces: its XMP writer (which does not escape XML). */
interface PdfKitInternals {
	_addInfo(): void;
	appendXML(xml: string, newline?: boolean): void;
}

const xml = (text: string) =>
	text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&apos;');

const CREATOR = 'Mesa Abierta';
const PRODUCER = 'Mesa Abierta (pdfkit)';

/** The XMP description of the document, equal to its Info dictionary (PDF/A-2 6.6.2.3). */
function xmpDescription(meta: ArchivalMetadata): string {
	const created = meta.createdAt.toISOString().split('.')[0] + 'Z';
	return `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${created}</xmp:CreateDate>
<xmp:CreatorTool>${xml(CREATOR)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>${xml(meta.lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${xml(PRODUCER)}</pdf:Producer>
</rdf:Description>`;
}

/**
 * A new PDF/A-2b document with the embedded fonts registered (the regular one selected) and every
 * string it prints or measures passed through `coverText` first.
 */
export function createArchivalPdf(
	meta: ArchivalMetadata,
	options: PdfOptions = {}
): PDFKit.PDFDocument {
	const { fontData, coverage } = loadFonts();
	const doc = new PDFDocument({
		...options,
		pdfVersion: '1.7',
		subset: 'PDF/A-2b',
		lang: meta.lang,
		displayTitle: true,
		// pdfkit would otherwise select (and embed nothing of) Helvetica first.
		font: fontData[FONT.regular] as unknown as string,
		info: {
			Title: meta.title,
			Author: meta.author,
			Subject: meta.subject,
			Creator: CREATOR,
			Producer: PRODUCER,
			CreationDate: meta.createdAt
		}
	});
	for (const [name, data] of Object.entries(fontData)) doc.registerFont(name, data);
	const internals = doc as unknown as PdfKitInternals;
	internals._addInfo = () => internals.appendXML(xmpDescription(meta));

	const cover = (text: string) => {
		const covered = coverText(text, coverage);
		if (covered.missing.length)
			log.warn(
				{ document: meta.title, missing: covered.missing },
				'pdf: characters the font lacks printed as U+FFFD'
			);
		return covered.text;
	};
	const text = doc.text.bind(doc) as (text: string, ...rest: unknown[]) => PDFKit.PDFDocument;
	const heightOfString = doc.heightOfString.bind(doc);
	const widthOfString = doc.widthOfString.bind(doc);
	doc.text = ((value: string, ...rest: unknown[]) =>
		text(cover(String(value)), ...rest)) as typeof doc.text;
	doc.heightOfString = (value, options) => heightOfString(cover(value), options);
	doc.widthOfString = (value, options) => widthOfString(cover(value), options);
	return doc.font(FONT.regular);
}
