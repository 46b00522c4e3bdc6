import { getDatabase } from '$lib/server/db';
import { buildConvocatoriaPdf, pdfResponse } from '$lib/server/documents/body-documents';
import { convocatoriaFolio } from '$lib/server/documents/convocatoria-pdf';
import { requireMeetingAction } from '../meeting-access';
import type { RequestHandler } from './$types';

// A meeting's convocatoria as a PDF, for the body's members only.
export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const { access, meeting } = await requireMeetingAction(db, event, 'documents.download');
	const pdf = await buildConvocatoriaPdf(db, access, meeting);
	const folio = convocatoriaFolio(access.secretariat.slug, meeting, access.rules.timeZone);
	return pdfResponse(pdf, `${folio}.pdf`);
};
