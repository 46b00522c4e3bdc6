/**
 * The installation act (*acta de instalación*) as a PDF in the layout of the national template
 * (INAI, seeds/inai-acta-instalacion-stl.md): title, the closing formula with the date of
 * installation, and section VIII's three integration tables — Integrantes, Suplentes,
 * Facilitador — with organisation, representative and contact data (installation-record.ts).
 * "Debe ser firmado por todos los actores responsables y suplentes y rubricada en cada hoja": a
 * signature place and an initials box for every titular, substitute and facilitator (I VIII).
 */
import type { InstallationRecord, InstallationRow } from '../secretariats/installation-record';
import {
	CONTENT_WIDTH,
	finishDocument,
	formatDate,
	heading,
	openDocument,
	paragraph,
	signatureBlock,
	stampPages,
	table
} from './pdf-layout';
import { FONT } from './pdf-document';
import { es, esOr } from './es';

/** Renders a body's installation act. */
export function renderInstallationPdf(input: {
	bodyName: string;
	slug: string;
	timeZone: string;
	installedOn: string | null;
	createdAt: Date;
	record: InstallationRecord;
}): Promise<Uint8Array> {
	const { record } = input;
	const people = [...record.titulares, ...record.substitutes, ...record.facilitators].filter(
		(row) => row.representative
	);
	const roleOf = (row: InstallationRow) =>
		record.titulares.includes(row)
			? es('role_titular')
			: record.substitutes.includes(row)
				? es('role_substitute')
				: es('role_facilitator');
	const signers = people.map((row) => ({
		name: row.representative,
		position: row.position,
		seat: [roleOf(row), sectorOf(row), row.organisation].filter(Boolean).join(' — '),
		status: es('documents_installation_signature'),
		signed: false
	}));
	const title = es('documents_installation_title', { body: input.bodyName });
	const frame = {
		title,
		bodyName: input.bodyName,
		folio: `${input.slug.toUpperCase()}-INST`,
		createdAt: input.createdAt,
		signers,
		pageLabel: (page: number, pages: number) => es('documents_pdf_page', { page, pages }),
		initialsCaption: es('documents_pdf_initials')
	};
	const doc = openDocument(frame);
	doc
		.font(FONT.bold)
		.fontSize(13)
		.text(title.toUpperCase(), { width: CONTENT_WIDTH, align: 'center' });
	doc.moveDown(1);
	heading(doc, es('documents_installation_integration'));
	const columns = [
		{ title: '', width: 2 },
		{ title: es('documents_installation_column_name'), width: 3 },
		{ title: es('documents_installation_column_representative'), width: 3 },
		{ title: es('documents_installation_column_contact'), width: 3 }
	];
	const rows = (list: InstallationRow[]) =>
		list.map((row) => [
			sectorOf(row) || es('role_facilitator'),
			row.organisation,
			[row.representative, row.position].filter(Boolean).join(', '),
			[row.phone, row.email].filter(Boolean).join(' · ')
		]);
	heading(doc, `1. ${es('documents_installation_titulares')}`, 10);
	table(doc, columns, rows(record.titulares));
	heading(doc, `2. ${es('documents_installation_substitutes')}`, 10);
	table(doc, columns, rows(record.substitutes));
	heading(doc, `3. ${es('documents_installation_facilitator')}`, 10);
	table(doc, columns, rows(record.facilitators));
	paragraph(
		doc,
		es('documents_installation_closing', {
			body: input.bodyName,
			date: input.installedOn
				? formatDate(`${input.installedOn}T12:00:00Z`, input.timeZone)
				: es('minutes_pdf_not_recorded')
		})
	);
	signatureBlock(doc, es('documents_pdf_signatures'), signers);
	stampPages(doc, frame);
	return finishDocument(doc);
}

function sectorOf(row: InstallationRow): string {
	return row.sector ? esOr(`sector_${row.sector.replace(/-/g, '_')}`, row.sector) : '';
}
