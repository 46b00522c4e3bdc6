/**
 * The PDF side of a PAdES signature, done with @signpdf: an incremental update that adds, to the
 * file as it stands, one signature field (subFilter ETSI.CAdES.detached) whose widget lies over
 * the signer's block on the signature page, with a placeholder for the CMS; then the SHA-256 of
 * the byte ranges the signature will cover; then, once the CMS exists, the file with it written
 * into the placeholder. Earlier revisions are never rewritten, so every earlier signature stays
 * valid and the last file holds them all.
 *
 * @signpdf's plainAddPlaceholder always puts the widget on the first page; `addSignatureField`
 * is that function with one change, the page (the last one: the signature page), built from the
 * same package's own parts (readPdf, findObject, the pdfkit placeholder writer, the page and
 * trailer writers) — no PDF bytes are written here by hand.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { SignPdf } from '@signpdf/signpdf';
import {
	PDFKitReferenceMock,
	PDFObject,
	Signer,
	SUBFILTER_ETSI_CADES_DETACHED,
	removeTrailingNewLine
} from '@signpdf/utils';

const require = createRequire(import.meta.url);
type Info = {
	xref: { maxIndex: number; offsets: Map<number, number> };
	rootRef: string;
	root: string;
};
const plain = (name: string) => require(`@signpdf/placeholder-plain/dist/${name}.js`);
const readPdf: (pdf: Buffer) => Info = plain('readPdf').default;
const findObject: (pdf: Buffer, xref: Info['xref'], ref: string) => Buffer =
	plain('findObject').default;
const getIndexFromRef: (xref: Info['xref'], ref: string) => number =
	plain('getIndexFromRef').default;
const getPagesDictionaryRef: (info: Info) => string = plain('getPagesDictionaryRef').default;
const createBufferRootWithAcroform: (pdf: Buffer, info: Info, form: unknown) => Buffer = plain(
	'createBufferRootWithAcroform'
).default;
const createBufferPageWithAnnotation: (
	pdf: Buffer,
	info: Info,
	pageRef: string,
	widget: unknown
) => Buffer = plain('createBufferPageWithAnnotation').default;
const createBufferTrailer: (pdf: Buffer, info: Info, added: Map<number, number>) => Buffer =
	plain('createBufferTrailer').default;
const { pdfkitAddPlaceholder } = require(
	require.resolve('@signpdf/placeholder-pdfkit010', {
		paths: [require.resolve('@signpdf/placeholder-plain')]
	})
) as {
	pdfkitAddPlaceholder: (input: Record<string, unknown>) => { form: unknown; widget: unknown };
};

/** Room for the CMS (certificate, signature, time-stamp token with its authority's chain). */
export const SIGNATURE_BYTES = 16_384;

export interface SignatureField {
	/** The signer's name, as the signature dictionary's /Name. */
	name: string;
	reason: string;
	location: string;
	contactInfo: string;
	/** [x1, y1, x2, y2] in PDF points on the signature page (origin bottom left). */
	rect: [number, number, number, number];
	/** Recorded as /M: the server's time of signing. */
	signingTime: Date;
	/** The page of the widget (0-based); the last page when absent. */
	page?: number;
}

/** The reference ("12 0 R") of the document's page `page` (0-based), or of its last page. */
function pageRefAt(pdf: Buffer, info: Info, page?: number): string {
	const pages = findObject(pdf, info.xref, getPagesDictionaryRef(info)).toString();
	const kidsAt = pages.indexOf('/Kids');
	const kids = pages.slice(pages.indexOf('[', kidsAt) + 1, pages.indexOf(']', kidsAt));
	const refs = [...kids.matchAll(/(\d+)\s+(\d+)\s+R/g)];
	const found = page === undefined ? refs.at(-1) : refs[page];
	if (!found) throw new Error(`PDF without page ${page ?? 'last'}`);
	return `${found[1]} ${found[2]} R`;
}

/** Appends an incremental update with a signature field and its placeholder on its page. */
export function addSignatureField(pdfBytes: Uint8Array, field: SignatureField): Uint8Array {
	const pdfBuffer = Buffer.from(pdfBytes);
	let pdf = removeTrailingNewLine(pdfBuffer);
	const info = readPdf(pdf);
	const pageRef = pageRefAt(pdf, info, field.page);
	const pageIndex = getIndexFromRef(info.xref, pageRef);
	const added = new Map<number, number>();
	const mock = {
		ref: (input: unknown, knownIndex?: number) => {
			info.xref.maxIndex += 1;
			const index = knownIndex ?? info.xref.maxIndex;
			added.set(index, pdf.length + 1);
			pdf = Buffer.concat([
				pdf,
				Buffer.from(`\n${index} 0 obj\n`),
				Buffer.from(PDFObject.convert(input)),
				Buffer.from('\nendobj\n')
			]);
			return new PDFKitReferenceMock(info.xref.maxIndex);
		},
		page: { dictionary: new PDFKitReferenceMock(pageIndex, { data: { Annots: [] } }) },
		_root: { data: {} as Record<string, unknown> }
	};
	const acroForm = /\/AcroForm\s+(\d+\s\d+\sR)/.exec(info.root)?.[1];
	if (acroForm) mock._root.data.AcroForm = acroForm;
	const { form, widget } = pdfkitAddPlaceholder({
		pdf: mock,
		pdfBuffer,
		reason: field.reason,
		contactInfo: field.contactInfo,
		name: field.name,
		location: field.location,
		signingTime: field.signingTime,
		signatureLength: SIGNATURE_BYTES,
		subFilter: SUBFILTER_ETSI_CADES_DETACHED,
		widgetRect: field.rect,
		appName: 'MesaAbierta' // a PDF name: no spaces
	});
	if (!/\/AcroForm\s+(\d+\s\d+\sR)/.test(pdf.toString('latin1'))) {
		added.set(getIndexFromRef(info.xref, info.rootRef), pdf.length + 1);
		pdf = Buffer.concat([pdf, Buffer.from('\n'), createBufferRootWithAcroform(pdf, info, form)]);
	}
	added.set(pageIndex, pdf.length + 1);
	pdf = Buffer.concat([
		pdf,
		Buffer.from('\n'),
		createBufferPageWithAnnotation(pdf, info, pageRef, widget)
	]);
	pdf = Buffer.concat([pdf, Buffer.from('\n'), createBufferTrailer(pdf, info, added)]);
	return new Uint8Array(pdf);
}

/** A @signpdf Signer whose CMS comes from elsewhere (the signer's browser, then this server). */
class DeferredSigner extends Signer {
	constructor(private readonly produce: (signedBytes: Buffer) => Promise<Uint8Array>) {
		super();
	}
	override async sign(signedBytes: Buffer): Promise<Buffer> {
		return Buffer.from(await this.produce(signedBytes));
	}
}

/** The SHA-256 of the byte ranges a prepared file's placeholder signature will cover. */
export async function digestPreparedPdf(prepared: Uint8Array): Promise<Uint8Array> {
	let digest: Uint8Array | null = null;
	await new SignPdf().sign(
		Buffer.from(prepared),
		new DeferredSigner(async (bytes) => {
			digest = new Uint8Array(createHash('sha256').update(bytes).digest());
			return new Uint8Array(0);
		})
	);
	return digest!;
}

/**
 * Writes a CMS into a prepared file's placeholder. `cmsFor` receives the digest of the covered
 * byte ranges (which the caller compares with the one the signer signed) and returns the CMS.
 */
export function embedSignature(
	prepared: Uint8Array,
	cmsFor: (digest: Uint8Array) => Promise<Uint8Array>
): Promise<Uint8Array> {
	return new SignPdf()
		.sign(
			Buffer.from(prepared),
			new DeferredSigner((bytes) =>
				cmsFor(new Uint8Array(createHash('sha256').update(bytes).digest()))
			)
		)
		.then((pdf) => new Uint8Array(pdf));
}
