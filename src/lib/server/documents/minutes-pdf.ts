/**
 * The minutes as a PDF: a frozen version's content (minutes-content.ts) laid out as the body's
 * *acta*, every page initialed by each signer (Z art. 7.5, I III.6, T III.6), the last page with
 * the signature block, the version's SHA-256 and a QR code to its public verification page.
 * The same version with the same signatures always gives the same bytes (pdf-layout.ts).
 */
import type { MinutesSignature, MinutesVersion } from '../db/schema';
import type { MinutesContent, MinutesPerson } from '../minutes/minutes-content';
import {
	formatDate,
	formatDateTime,
	formatTime,
	type DocumentSigner,
	type SignerBox
} from './pdf-layout';
import { FONT } from './pdf-document';
import {
	CONTENT_WIDTH,
	MARGIN,
	drawQrCode,
	ensureSpace,
	finishDocument,
	heading,
	openDocument,
	paragraph,
	signatureBlock,
	stampPages,
	table
} from './pdf-layout';
import { es, esOr, roman } from './es';
import { toLocalDate } from '../../rules/local-dates';

/** The folio of a version: `<SLUG>-ACTA-<date>-V<n>`. */
/** Each person once, in order of first arrival, with every stretch of their presence. */
function attendanceRows(attendance: MinutesContent['attendance']) {
	const rows = new Map<
		string,
		{ person: MinutesPerson; stretches: MinutesContent['attendance'] }
	>();
	for (const stretch of attendance) {
		const row = rows.get(stretch.memberId);
		if (row) row.stretches.push(stretch);
		else rows.set(stretch.memberId, { person: stretch, stretches: [stretch] });
	}
	return [...rows.values()];
}

export function minutesFolio(version: Pick<MinutesVersion, 'content' | 'number'>): string {
	const { meeting, secretariat } = version.content;
	// The day the meeting was held, as the minutes' opening says (it may differ from the day set).
	const day = toLocalDate(new Date(meeting.startedAt ?? meeting.scheduledAt), meeting.timeZone);
	return `${secretariat.slug.toUpperCase()}-ACTA-${day}-V${version.number}`;
}

/** What the signature block and the margin boxes say of each signer of a version. */
export function describeSigners(
	version: Pick<MinutesVersion, 'content'>,
	signatures: Pick<MinutesSignature, 'memberId' | 'decision' | 'reason' | 'at' | 'clientAddress'>[]
): DocumentSigner[] {
	const zone = version.content.meeting.timeZone;
	return version.content.signers.map((signer) => {
		const signature = signatures.find((s) => s.memberId === signer.memberId);
		const status = !signature
			? es('minutes_pdf_signature_pending')
			: signature.decision === 'signed'
				? es('minutes_pdf_signature_signed', {
						at: formatDateTime(signature.at, zone),
						address: signature.clientAddress
					})
				: es('minutes_pdf_signature_refused', { reason: signature.reason });
		return {
			name: signer.name,
			position: signer.position,
			seat: [signer.roleLabel, signer.seat].filter(Boolean).join(' — '),
			status,
			signed: signature?.decision === 'signed'
		};
	});
}

/** Renders a version of the minutes, with its signatures so far, to PDF bytes. */
export async function renderMinutesPdf(
	version: MinutesVersion,
	signatures: MinutesSignature[],
	verifyUrl: string
): Promise<Uint8Array> {
	return (await layOutMinutesPdf(version, describeSigners(version, signatures), verifyUrl)).pdf;
}

/**
 * The unsigned file of a version whose signers sign with e.firma (issue 14): each signer's block
 * says the signature is the e.firma embedded in the file (no in-app status, no initials filled:
 * the digital signatures cover every page), and where each block lies, so that signer's signature
 * field goes over it. Deterministic like every PDF here; signers add incremental updates to it.
 */
export async function renderMinutesPdfForEfirma(version: MinutesVersion, verifyUrl: string) {
	const signers = describeSigners(version, []).map((signer) => ({
		...signer,
		status: es('minutes_pdf_signature_efirma'),
		signed: false
	}));
	const { pdf, boxes } = await layOutMinutesPdf(version, signers, verifyUrl);
	const fields = new Map(version.content.signers.map((signer, i) => [signer.memberId, boxes[i]!]));
	return { pdf, fields };
}

async function layOutMinutesPdf(
	version: MinutesVersion,
	signers: DocumentSigner[],
	verifyUrl: string
): Promise<{ pdf: Uint8Array; boxes: SignerBox[] }> {
	const { content } = version;
	const zone = content.meeting.timeZone;
	const kind = es(`minutes_pdf_kind_${content.meeting.kind}`);
	const frame = {
		title: es('minutes_pdf_title', { kind, title: content.meeting.title }),
		bodyName: content.secretariat.name,
		folio: minutesFolio(version),
		createdAt: version.frozenAt,
		signers,
		pageLabel: (page: number, pages: number) => es('documents_pdf_page', { page, pages }),
		initialsCaption: es('documents_pdf_initials')
	};
	const doc = openDocument(frame);
	doc.font(FONT.bold).fontSize(15).text(frame.title, { width: CONTENT_WIDTH, align: 'center' });
	doc.font(FONT.regular).fontSize(10).moveDown(0.2);
	doc.text(
		`${content.secretariat.name} · ${es('minutes_pdf_version', { number: version.number })}`,
		{
			width: CONTENT_WIDTH,
			align: 'center'
		}
	);
	doc.moveDown(0.8);
	const at = (iso: string | null) => (iso ? formatTime(iso, zone) : es('minutes_pdf_not_recorded'));
	paragraph(
		doc,
		es('minutes_pdf_opening', {
			place: content.meeting.place || es('minutes_pdf_not_recorded'),
			date: formatDate(content.meeting.startedAt ?? content.meeting.scheduledAt, zone),
			body: content.secretariat.name,
			kind,
			start: at(content.meeting.startedAt),
			end: at(content.meeting.endedAt)
		})
	);

	heading(doc, es('minutes_pdf_attendance'));
	table(
		doc,
		[
			{ title: es('minutes_pdf_column_name'), width: 3 },
			{ title: es('minutes_pdf_column_role'), width: 2 },
			{ title: es('minutes_pdf_column_seat'), width: 3 },
			{ title: es('minutes_pdf_column_mode'), width: 2 }
		],
		attendanceRows(content.attendance).map(({ person, stretches }) => [
			person.name,
			person.roleLabel,
			person.seat,
			stretches
				.map(
					(p) =>
						`${es(p.remote ? 'minutes_pdf_remote' : 'minutes_pdf_in_person')} (${formatTime(p.checkedInAt, zone)}${p.checkedOutAt ? `–${formatTime(p.checkedOutAt, zone)}` : ''})`
				)
				.join('; ')
		])
	);

	heading(doc, es('minutes_pdf_quorum'));
	for (const entry of content.quorumLog) {
		paragraph(
			doc,
			es(entry.met ? 'minutes_pdf_quorum_met' : 'minutes_pdf_quorum_not_met', {
				time: formatTime(entry.at, zone),
				present: entry.seatsPresent,
				needed: entry.seatsNeeded
			}),
			{ align: 'left' }
		);
		if (entry.motionEvent)
			paragraph(
				doc,
				es(`minutes_pdf_motion_${entry.motionEvent}`, { motion: entry.motion ?? '' }),
				{ align: 'left' }
			);
	}
	if (content.quorumLog.length === 0) paragraph(doc, es('minutes_pdf_not_recorded'));

	heading(doc, es('minutes_pdf_agenda'));
	for (const item of content.agenda) {
		paragraph(doc, `${roman(item.position + 1)}. ${item.title}`, { align: 'left' });
	}

	heading(doc, es('minutes_pdf_proceedings'));
	for (const item of content.agenda) {
		heading(doc, `${roman(item.position + 1)}. ${item.title}`, 11);
		if (item.paragraphs.length === 0) paragraph(doc, es('minutes_pdf_no_text'));
		for (const text of item.paragraphs) paragraph(doc, text);
		for (const decision of content.decisions.filter((d) => d.agendaPosition === item.position)) {
			ensureSpace(doc, 40);
			const how = esOr(`decision_reason_${decision.reason.replace(/-/g, '_')}`, decision.reason);
			doc.font(FONT.bold).fontSize(10);
			doc.text(
				decision.agreement
					? es('minutes_pdf_agreement', { number: decision.agreement })
					: es('minutes_pdf_motion'),
				{ width: CONTENT_WIDTH }
			);
			paragraph(doc, decision.text);
			paragraph(
				doc,
				es('minutes_pdf_decision_counts', {
					how,
					for: decision.votesFor,
					against: decision.votesAgainst,
					abstentions: decision.abstentions
				}),
				{ align: 'left' }
			);
		}
	}

	heading(doc, es('minutes_pdf_approval'));
	paragraph(
		doc,
		version.approvedAt
			? es(`minutes_pdf_approved_${version.approvalMethod === 'vote' ? 'vote' : 'next_meeting'}`, {
					date: formatDate(version.approvedAt, zone)
				}) + (version.approvalNote ? ` ${version.approvalNote}` : '')
			: es('minutes_pdf_not_approved')
	);
	// The session's sealed record (meetings/event-log.ts): its head is part of the hashed content.
	if (content.eventLog)
		paragraph(
			doc,
			es('minutes_pdf_event_log', {
				count: content.eventLog.events,
				hash: content.eventLog.sha256
			}),
			{ align: 'left' }
		);

	const boxes = signatureBlock(doc, es('documents_pdf_signatures'), signers);

	ensureSpace(doc, 130);
	const top = doc.y + 6;
	drawQrCode(doc, verifyUrl, MARGIN.left, top, 110);
	const textX = MARGIN.left + 122;
	doc
		.font(FONT.bold)
		.fontSize(9)
		.text(es('minutes_pdf_hash'), textX, top + 6, {
			width: CONTENT_WIDTH - 122
		});
	doc
		.font(FONT.mono)
		.fontSize(8)
		.text(version.sha256, textX, doc.y, { width: CONTENT_WIDTH - 122 });
	doc.font(FONT.regular).fontSize(8).moveDown(0.4);
	doc.text(es('minutes_pdf_verify', { url: verifyUrl }), textX, doc.y, {
		width: CONTENT_WIDTH - 122
	});
	doc.x = MARGIN.left;
	doc.y = Math.max(doc.y, top + 116);

	stampPages(doc, frame);
	return { pdf: await finishDocument(doc), boxes };
}
