/**
 * The body's other documents as PDFs, from what the database holds now: a meeting's convocatoria
 * (convocatoria-pdf.ts) and the installation act (installation-pdf.ts). The routes call these;
 * the minutes have their own (minutes/minutes-files.ts) because their versions are frozen.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { agendaItems, convocations, type Meeting } from '../db/schema';
import type { LoadedSecretariat } from '../secretariats/secretariats';
import { listMembers } from '../secretariats/members';
import { buildInstallationRecord } from '../secretariats/installation-record';
import { agendaTitle } from '../minutes/assemble';
import { renderConvocatoriaPdf } from './convocatoria-pdf';
import { renderInstallationPdf } from './installation-pdf';
import { es, esOr } from './es';

/**
 * A meeting's convocatoria, signed by whoever the rules say convenes: the garante's titular
 * (Z art. 11 I, I V.2) or the facilitator (T VI.2).
 */
export async function buildConvocatoriaPdf(
	db: Database,
	body: LoadedSecretariat,
	meeting: Meeting
): Promise<Uint8Array> {
	const items = await db
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meeting.id))
		.orderBy(asc(agendaItems.position));
	const people = await listMembers(db, body.secretariat.id);
	const guarantorSeat = body.seats.find((seat) => seat.sector === 'guarantor');
	const convener =
		body.rules.convenedBy === 'facilitator'
			? people.find((p) => p.role === 'facilitator')
			: people.find((p) => p.role === 'titular' && p.seatId === guarantorSeat?.id);
	const [convocation] = await db
		.select()
		.from(convocations)
		.where(eq(convocations.meetingId, meeting.id));
	return renderConvocatoriaPdf({
		convocation: convocation ?? null,
		bodyName: body.secretariat.name,
		slug: body.secretariat.slug,
		timeZone: body.rules.timeZone,
		meeting,
		agenda: items.map(agendaTitle),
		convener: convener
			? {
					name: convener.name,
					position: convener.position,
					seat:
						body.rules.convenedBy === 'facilitator'
							? es('role_facilitator')
							: esOr('sector_guarantor', 'Organismo garante'),
					status: '',
					signed: false
				}
			: null
	});
}

/** The installation act; contact data only for those who may see it (as on the page). */
export async function buildInstallationPdf(
	db: Database,
	body: LoadedSecretariat,
	withContacts: boolean
): Promise<Uint8Array> {
	const record = buildInstallationRecord(body.seats, await listMembers(db, body.secretariat.id));
	if (!withContacts) {
		for (const table of Object.values(record))
			for (const row of table) Object.assign(row, { email: '', phone: '' });
	}
	return renderInstallationPdf({
		bodyName: body.secretariat.name,
		slug: body.secretariat.slug,
		timeZone: body.rules.timeZone,
		installedOn: body.secretariat.installedOn,
		createdAt: body.secretariat.createdAt,
		record
	});
}

/** The response of a PDF download. */
export function pdfResponse(pdf: Uint8Array, filename: string): Response {
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
			'cache-control': 'private, no-store'
		}
	});
}
