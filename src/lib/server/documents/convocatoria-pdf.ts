/**
 * The convocatoria of a meeting as a PDF, from the meeting as it stands: its kind, title, date and
 * time in the body's time zone, place, and the agenda that must go with it (Z art. 7.3, I III.4,
 * T III.4). It is signed by whoever the rules say convenes (the garante, Z art. 11 I and I V.2;
 * the facilitator, T VI.2), whose initials box is on every page.
 */
import type { Convocation, Meeting } from '../db/schema';
import {
	CONTENT_WIDTH,
	finishDocument,
	formatDate,
	formatTime,
	heading,
	openDocument,
	paragraph,
	signatureBlock,
	stampPages,
	type DocumentSigner
} from './pdf-layout';
import { FONT } from './pdf-document';
import { es, roman } from './es';
import { toLocalDate } from '../../rules/local-dates';

/** The folio of a convocatoria: `<SLUG>-CONV-<date>-<first 8 of the meeting's id>`. */
export function convocatoriaFolio(slug: string, meeting: Meeting, timeZone: string): string {
	const day = toLocalDate(meeting.scheduledAt, timeZone);
	return `${slug.toUpperCase()}-CONV-${day}-${meeting.id.slice(0, 8).toUpperCase()}`;
}

/** Renders a meeting's convocatoria. */
export function renderConvocatoriaPdf(input: {
	bodyName: string;
	slug: string;
	timeZone: string;
	meeting: Meeting;
	agenda: string[];
	convener: DocumentSigner | null;
	/** The convocatoria's own record: its link, documents and whether issued or cancelled. */
	convocation: Convocation | null;
}): Promise<Uint8Array> {
	const { meeting, timeZone } = input;
	const kind = es(`minutes_pdf_kind_${meeting.kind}`);
	const signers = input.convener ? [input.convener] : [];
	const frame = {
		title: es('documents_convocatoria_title', { kind, title: meeting.title }),
		bodyName: input.bodyName,
		folio: convocatoriaFolio(input.slug, meeting, timeZone),
		createdAt: meeting.createdAt,
		signers,
		pageLabel: (page: number, pages: number) => es('documents_pdf_page', { page, pages }),
		initialsCaption: es('documents_pdf_initials')
	};
	const doc = openDocument(frame);
	doc.font(FONT.bold).fontSize(15).text(es('documents_convocatoria_heading'), {
		width: CONTENT_WIDTH,
		align: 'center'
	});
	doc.font(FONT.regular).fontSize(11).text(frame.title, { width: CONTENT_WIDTH, align: 'center' });
	doc.moveDown(1);
	paragraph(
		doc,
		es('documents_convocatoria_body', {
			body: input.bodyName,
			kind,
			date: formatDate(meeting.scheduledAt, timeZone),
			time: formatTime(meeting.scheduledAt, timeZone),
			zone: timeZone.replace(/_/g, ' '),
			place: meeting.place || es('minutes_pdf_not_recorded')
		})
	);
	const convocation = input.convocation;
	if (convocation?.onlineUrl)
		paragraph(doc, es('documents_convocatoria_online', { url: convocation.onlineUrl }), {
			align: 'left'
		});
	heading(doc, es('minutes_pdf_agenda'));
	input.agenda.forEach((title, index) =>
		paragraph(doc, `${roman(index + 1)}. ${title}`, { align: 'left' })
	);
	if (convocation?.documents.length) {
		heading(doc, es('documents_convocatoria_documents'));
		for (const document of convocation.documents)
			paragraph(doc, `${document.title}: ${document.url}`, { align: 'left' });
	}
	// What the record says of this copy: a draft, the time, or the cancellation.
	const at = (instant: Date) => ({
		date: formatDate(instant, timeZone),
		time: formatTime(instant, timeZone)
	});
	doc.moveDown(0.5);
	if (convocation?.cancelledAt)
		paragraph(
			doc,
			es('documents_convocatoria_cancelled', {
				...at(convocation.cancelledAt),
				reason: convocation.cancellationReason ?? ''
			})
		);
	else if (convocation?.issuedAt)
		paragraph(doc, es('documents_convocatoria_issued', at(convocation.issuedAt)));
	else paragraph(doc, es('documents_convocatoria_draft'));
	if (signers.length) signatureBlock(doc, es('documents_convocatoria_convener'), signers);
	stampPages(doc, frame);
	return finishDocument(doc);
}
